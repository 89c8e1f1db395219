/*
 * rules.c - a contest's own part of its template (section: prizes, their
 * split per category, the work each form takes, the caps of uploads), the
 * contest loaded with it, and the public view of the rules (contest.h).
 */
#include "app/contest/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/json.h"
#include "app/programme/family.h"
#include "app/tx.h"

static struct store_sql Q_CONFIG = STORE_SQL("SELECT config FROM programme WHERE id = $1");
static struct store_sql Q_WORKS = STORE_SQL(
	"SELECT id, kind, mime, name, size FROM contest_work WHERE application_id = $1 ORDER BY id");
static struct store_sql Q_PUBLISHED = STORE_SQL("SELECT count(*) FROM contest_gallery WHERE programme_id = $1");

static const char *const work_names[] = { "video", "image", "media", "text", "text_media", NULL };

const char *contest_work_name(enum contest_work w)
{
	return (unsigned)w < 5 ? work_names[w] : "?";
}

static int bad(struct px_err *err, const char *field, const char *msg)
{
	return px_err_set(err, PX_EINVAL, "bad_template", field, "%s: %s", field, msg);
}

static int int_in(const json_t *section, const char *key, int64_t min, int64_t max, int64_t *out, struct px_err *err)
{
	const json_t *v = json_object_get(section, key);
	char field[48];
	snprintf(field, sizeof(field), "section.%s", key);
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
		return px_err_set(err, PX_EINVAL, "bad_template", field, "%s must be an integer from %lld to %lld", field,
				  (long long)min, (long long)max);
	*out = json_integer_value(v);
	return 0;
}

static int prizes_of(const json_t *prizes, struct contest_rules *out, struct px_err *err)
{
	const json_t *v;
	size_t i;
	if (!json_is_array(prizes) || !json_array_size(prizes) || json_array_size(prizes) > CONTEST_PRIZES_MAX)
		return bad(err, "section.prizes", "1 to 8 prize levels {code, name}");
	json_array_foreach(prizes, i, v) {
		const char *code = json_string_value(json_object_get(v, "code"));
		const char *name = json_string_value(json_object_get(v, "name"));
		if (!code || !name || !*code || !*name || strlen(code) >= sizeof(out->prize_code[0]) ||
		    strlen(name) >= sizeof(out->prize_name[0]) || json_object_size(v) != 2)
			return bad(err, "section.prizes", "each prize is {code, name} with a short code and name");
		snprintf(out->prize_code[i], sizeof(out->prize_code[i]), "%s", code);
		snprintf(out->prize_name[i], sizeof(out->prize_name[i]), "%s", name);
	}
	out->nprizes = (int)json_array_size(prizes);
	return 0;
}

static int splits_of(const json_t *split, const struct contest_rules *r, struct px_err *err)
{
	const char *key;
	const json_t *v, *n;
	size_t i;
	if (!json_is_object(split) || !json_object_size(split))
		return bad(err, "section.split", "an object of prize counts per category");
	json_object_foreach((json_t *)split, key, v) {
		if (!json_is_array(v) || json_array_size(v) != (size_t)r->nprizes)
			return bad(err, "section.split", "one count per prize level for each category");
		json_array_foreach(v, i, n)
			if (!json_is_integer(n) || json_integer_value(n) < 0 || json_integer_value(n) > 10000)
				return bad(err, "section.split", "counts are integers from 0 to 10000");
	}
	return 0;
}

static int works_of(const json_t *works, struct px_err *err)
{
	const char *key;
	const json_t *v;
	if (!json_is_object(works) || !json_object_size(works))
		return bad(err, "section.works", "an object naming the work of each form");
	json_object_foreach((json_t *)works, key, v) {
		size_t k = 0;
		while (work_names[k] && (!json_is_string(v) || strcmp(work_names[k], json_string_value(v))))
			k++;
		if (!work_names[k])
			return bad(err, "section.works", "video, image, media, text or text_media");
	}
	return 0;
}

int contest_rules_of(const json_t *section, struct contest_rules *out, struct px_err *err)
{
	static const char *const keys[] = { "prizes", "split", "works", "text_field", "file_max_mb", "files_max", NULL };
	const char *key, *text;
	const json_t *v;
	int64_t mb, files;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!json_is_object(section))
		return bad(err, "section", "a contest needs its prizes, split, works and upload caps");
	json_object_foreach((json_t *)section, key, v) {
		size_t i = 0;
		while (keys[i] && strcmp(keys[i], key))
			i++;
		if (!keys[i])
			return px_err_set(err, PX_EINVAL, "bad_template", "section", "unknown key section.%s", key);
	}
	if ((rc = prizes_of(json_object_get(section, "prizes"), out, err)) ||
	    (rc = splits_of(json_object_get(section, "split"), out, err)) ||
	    (rc = works_of(json_object_get(section, "works"), err)) ||
	    (rc = int_in(section, "file_max_mb", 1, 2048, &mb, err)) ||
	    (rc = int_in(section, "files_max", 1, CONTEST_FILES_HARD_MAX, &files, err)))
		return rc;
	text = json_string_value(json_object_get(section, "text_field"));
	if (!text || !*text || strlen(text) >= sizeof(out->text_field))
		return bad(err, "section.text_field", "the form field that holds an essay's text");
	snprintf(out->text_field, sizeof(out->text_field), "%s", text);
	out->file_max = (uint64_t)mb << 20;
	out->files_max = (int)files;
	return 0;
}

int contest_split(const struct template *t, const json_t *section, const struct contest_rules *r, int k,
		  int counts[CONTEST_PRIZES_MAX], struct px_err *err)
{
	const json_t *v = json_object_get(json_object_get(section, "split"), t->tracks[k].code);
	int sum = 0;
	char field[64];
	snprintf(field, sizeof(field), "section.split.%s", t->tracks[k].code);
	if (json_array_size(v) != (size_t)r->nprizes)
		return bad(err, field, "the category has no prize split");
	for (int i = 0; i < r->nprizes; i++)
		sum += counts[i] = (int)json_integer_value(json_array_get(v, (size_t)i));
	if (sum != t->tracks[k].cap)
		return px_err_set(err, PX_EINVAL, "bad_template", field, "%s adds up to %d, the category has %d winners",
				  field, sum, t->tracks[k].cap);
	return 0;
}

enum contest_work contest_work_of(const json_t *section, const char *form)
{
	const char *w = json_string_value(json_object_get(json_object_get(section, "works"), form));
	for (int k = 0; w && work_names[k]; k++)
		if (!strcmp(work_names[k], w))
			return (enum contest_work)k;
	return CONTEST_WORK_TEXT_MEDIA;
}

const char *contest_prize_name(const struct contest_rules *r, const char *code)
{
	for (int i = 0; i < r->nprizes; i++)
		if (!strcmp(r->prize_code[i], code))
			return r->prize_name[i];
	return "";
}

/* ---- loading ---- */

int contest_load(struct store_conn *c, int64_t programme_id, struct contest_ctx *x, struct px_err *err)
{
	char *config = NULL;
	int rc;
	memset(x, 0, sizeof(*x));
	if ((rc = programme_load(c, programme_id, &x->p, err)))
		return rc;
	if (strcmp(x->p.tpl->kind, CONTEST_KIND)) {
		contest_release(x);
		return px_err_set(err, PX_ENOTFOUND, "not_contest", "id", "programme %lld is not a contest",
				  (long long)programme_id);
	}
	rc = store_get(c, &Q_CONFIG, err, "i:s", programme_id, &config);
	if (rc == STORE_ROW) {
		x->section = family_section(config, strlen(config));
		rc = contest_rules_of(x->section, &x->rules, err);
	} else if (rc >= 0) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "id", "no programme %lld", (long long)programme_id);
	}
	free(config);
	if (rc)
		contest_release(x);
	return rc;
}

void contest_release(struct contest_ctx *x)
{
	programme_release(&x->p);
	json_decref(x->section);
	memset(x, 0, sizeof(*x));
}

static int work_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	char url[64];
	(void)err;
	snprintf(url, sizeof(url), "/api/v1/contest/works/%lld/file", (long long)store_col_int(s, 0));
	json_array_append_new(arg, json_pack("{s:I, s:s, s:s, s:s, s:I, s:s}", "id", (json_int_t)store_col_int(s, 0),
					     "kind", store_col_text(s, 1), "mime", store_col_text(s, 2), "name",
					     store_col_text(s, 3), "size", (json_int_t)store_col_int(s, 4), "url", url));
	return 0;
}

int contest_works_of(struct store_conn *c, int64_t application_id, json_t *into, struct px_err *err)
{
	return store_each(c, &Q_WORKS, work_row, into, err, "i", application_id);
}

int contest_published(struct store_conn *c, int64_t programme_id, bool *yes, struct px_err *err)
{
	int64_t n = 0;
	int rc = store_get(c, &Q_PUBLISHED, err, "i:i", programme_id, &n);
	*yes = n > 0;
	return rc < 0 ? rc : 0;
}

/* ---- the public view of the rules ---- */

static json_t *category_json(const struct contest_ctx *x, int k, struct px_err *err)
{
	const struct tpl_track *tr = &x->p.tpl->tracks[k];
	int counts[CONTEST_PRIZES_MAX];
	json_t *split = json_array(), *forms = json_array();
	if (contest_split(x->p.tpl, x->section, &x->rules, k, counts, err)) {
		json_decref(split);
		json_decref(forms);
		return NULL;
	}
	for (int i = 0; i < x->rules.nprizes; i++)
		json_array_append_new(split, json_pack("{s:s, s:s, s:i}", "prize", x->rules.prize_code[i], "name",
						       x->rules.prize_name[i], "count", counts[i]));
	for (int f = 0; f < tr->nforms; f++) {
		const struct tpl_form *form = template_form(x->p.tpl, tr->forms[f]);
		json_array_append_new(forms, json_pack("{s:s, s:s, s:s}", "code", tr->forms[f], "label",
						       form ? form->label : tr->forms[f], "work",
						       contest_work_name(contest_work_of(x->section, tr->forms[f]))));
	}
	return json_pack("{s:s, s:s, s:s, s:i, s:o, s:o}", "code", tr->code, "name", tr->name, "applicant",
			 template_applicant_name(tr->applicant), "winners", tr->cap, "split", split, "forms", forms);
}

struct rules_arg {
	const struct app *app;
	int64_t id;
	json_t *out;
};

static int rules_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct rules_arg *a = arg;
	struct contest_ctx x;
	const struct tpl_stage *st;
	json_t *cats, *prizes;
	int rc = contest_load(c, a->id, &x, err);
	if (rc)
		return rc;
	st = programme_stage(&x.p);
	if (a->app->cfg.work_file_max && a->app->cfg.work_file_max < x.rules.file_max)
		x.rules.file_max = a->app->cfg.work_file_max; /* the server's ceiling (serve --work-max-mb) */
	cats = json_array();
	prizes = json_array();
	for (int i = 0; i < x.rules.nprizes; i++)
		json_array_append_new(prizes, json_pack("{s:s, s:s}", "code", x.rules.prize_code[i], "name",
							x.rules.prize_name[i]));
	a->out = json_pack("{s:I, s:s, s:s?, s:s?, s:o, s:I, s:i, s:s, s:o, s:o}", "programme", (json_int_t)x.p.id,
			   "title", x.p.tpl->title, "stage", st ? st->code : NULL, "stage_kind",
			   st ? template_stage_kind_name(st->kind) : NULL, "bar", json_hundredths(x.p.tpl->bar), "file_max",
			   (json_int_t)x.rules.file_max, "files_max", x.rules.files_max, "text_field", x.rules.text_field,
			   "prizes", prizes, "categories", cats);
	for (int k = 0; k < x.p.tpl->ntracks && !rc; k++) {
		json_t *cat = category_json(&x, k, err);
		rc = cat ? json_array_append_new(cats, cat) : PX_EINVAL;
	}
	contest_release(&x);
	return rc;
}

int contest_rules_json(struct app *app, int64_t programme_id, json_t **out, struct px_err *err)
{
	struct rules_arg a = { app, programme_id, NULL };
	return app_tx_json(app, STORE_TX_READ, rules_tx, &a, &a.out, out, err);
}
