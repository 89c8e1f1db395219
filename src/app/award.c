/*
 * award.c - helpers shared by the office stages of an award (see award.h).
 */
#include "app/award.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/notice.h"
#include "util/file.h"

#define RUBRIC_FILE_MAX (256 * 1024)

int award_load_office(struct store_conn *c, const struct app_actor *actor, int64_t id,
		      struct programme *p, struct px_err *err)
{
	int rc = programme_load(c, id, p, err);
	if (rc)
		return rc;
	if (!programme_is_office(p, actor)) {
		programme_release(p);
		return px_err_set(err, PX_EFORBIDDEN, NULL, "programme",
				  "only the office of programme %" PRId64 " may do this", id);
	}
	return 0;
}

bool award_is_leader(const struct programme *p, const struct app_actor *actor)
{
	return actor->kind == ACTOR_CLI ||
	       (actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_LEADER &&
		access_region_contains(actor->region, p->region));
}

int award_require_kind(const struct programme *p, enum tpl_stage_kind kind, const struct tpl_stage **stage,
		       struct px_err *err)
{
	const struct tpl_stage *s = programme_stage(p);
	if (s && s->kind == kind) {
		if (stage)
			*stage = s;
		return 0;
	}
	return px_err_set(err, PX_ECONFLICT, "wrong_stage", "stage",
			  "this needs a stage of kind '%s' but the programme is in '%s'",
			  template_stage_kind_name(kind), s ? s->code : "(not started)");
}

const char *award_review_pool_state(const struct template *t, const char *stage_code)
{
	int at = template_stage_index(t, stage_code);
	for (int i = 0; i < at; i++)
		if (t->stages[i].kind == TPL_STAGE_SHORTLIST)
			return "shortlisted";
	return "accepted";
}

void award_app_ref(int64_t id, char out[24])
{
	snprintf(out, 24, "A%" PRId64, id);
}

int award_ids_from_json(json_t *obj, const char *key, int64_t **ids, size_t *n, struct px_err *err)
{
	json_t *arr = json_object_get(obj, key), *v;
	size_t i, count;
	char field[48];

	*ids = NULL;
	*n = 0;
	if (!arr)
		return px_err_set(err, PX_EINVAL, "missing_field", key, "'%s' is required", key);
	if (!json_is_array(arr) || json_array_size(arr) > AWARD_MAX_LIST)
		return px_err_set(err, PX_EINVAL, "wrong_type", key,
				  "'%s' must be an array of at most %d application ids", key, AWARD_MAX_LIST);
	count = json_array_size(arr);
	*ids = calloc(count + 1, sizeof(**ids));
	if (!*ids)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	json_array_foreach(arr, i, v) {
		snprintf(field, sizeof(field), "%.24s[%zu]", key, i);
		if (!json_is_integer(v) || json_integer_value(v) <= 0) {
			free(*ids);
			*ids = NULL;
			return px_err_set(err, PX_EINVAL, "wrong_type", field, "'%s' must be a positive integer id",
					  field);
		}
		for (size_t j = 0; j < i; j++)
			if ((*ids)[j] == json_integer_value(v)) {
				free(*ids);
				*ids = NULL;
				return px_err_set(err, PX_EINVAL, "duplicate_application", field,
						  "application %" JSON_INTEGER_FORMAT " is listed twice",
						  json_integer_value(v));
			}
		(*ids)[i] = json_integer_value(v);
	}
	*n = count;
	return 0;
}

int award_check_text(const char *s, size_t max, const char *field, struct px_err *err)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0)
		return px_err_set(err, PX_EINVAL, "missing_field", field, "'%s' is required", field);
	if (n > max)
		return px_err_set(err, PX_EINVAL, "too_long", field, "'%s' must be at most %zu bytes", field, max);
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if ((ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r') || ch == 0x7f)
			return px_err_set(err, PX_EINVAL, "invalid_text", field, "'%s' holds a control character",
					  field);
	}
	return 0;
}

int award_rubric_load(const struct app *app, const struct tpl_track *tr, struct rubric *r, struct px_err *err)
{
	char path[4200], *text = NULL;
	size_t len;
	int rc;

	memset(r, 0, sizeof(*r));
	if (strspn(tr->rubric, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(tr->rubric) || !tr->rubric[0])
		return px_err_set(err, PX_EINTERNAL, "bad_rubric", "rubric", "rubric id '%s' is not a file name",
				  tr->rubric);
	snprintf(path, sizeof(path), "%s/rubrics/%s.csv", app->data_dir, tr->rubric);
	if ((rc = file_read(path, RUBRIC_FILE_MAX, &text, &len, err)))
		return px_err_set(err, PX_EIO, "rubric_missing", "rubric", "cannot read rubric '%s'", tr->rubric);
	rc = rubric_parse_csv(r, text, len, (int32_t)tr->rubric_total * RUBRIC_SCALE, err);
	free(text);
	return rc;
}

json_t *award_hundredths_json(int64_t v)
{
	char b[32];
	snprintf(b, sizeof(b), "%s%" PRId64 ".%02" PRId64, v < 0 ? "-" : "", (v < 0 ? -v : v) / 100,
		 (v < 0 ? -v : v) % 100);
	return json_string(b);
}

json_t *award_tenths_json(int64_t v)
{
	char b[RUBRIC_POINTS_BUFSZ];
	if (v > RUBRIC_POINTS_MAX * 10LL || v < -RUBRIC_POINTS_MAX * 10LL)
		return json_null();
	return json_string(rubric_points_format((int32_t)v, b));
}

char *award_dump(const json_t *v)
{
	return json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
}

json_t *award_parse(const char *text)
{
	json_error_t je;
	json_t *v = text && *text ? json_loads(text, JSON_DECODE_ANY, &je) : NULL;
	return v ? v : json_object();
}

const char *award_kind_tag(int64_t organisation_id)
{
	return organisation_id ? "ORG" : "IND";
}

json_t *award_result(int rc, json_t *v)
{
	if (!rc)
		return v;
	json_decref(v);
	return NULL;
}

int award_tx(struct app *app, enum store_tx mode, app_tx_fn fn, void *arg, json_t **result, json_t **out,
	     struct px_err *err)
{
	int rc = app_tx(app, mode, fn, arg, err);
	*out = award_result(rc, *result);
	return rc;
}

/* 0 when the programme is in a stage of `kind` (*st) whose notice is not out yet. */
static int notice_unpublished(struct store_conn *c, const struct programme *p, enum tpl_stage_kind kind,
			      const struct tpl_stage **st, const char *what, struct px_err *err)
{
	bool published;
	int rc;

	if ((rc = award_require_kind(p, kind, st, err)) || (rc = notice_exists(c, p->id, (*st)->code, &published, err)))
		return rc;
	if (published)
		return px_err_set(err, PX_ECONFLICT, "notice_published", "stage", "the %s is published already", what);
	return 0;
}

/* Publish the notice of stage st listing the rows of s (prepared and bound); resets s. */
static int list_notice(struct app *app, struct store_conn *c, const struct app_actor *actor,
		       const struct programme *p, const struct tpl_stage *st, struct store_stmt *s,
		       const char *title_suffix, json_t **out, struct px_err *err)
{
	json_t *list = json_array();
	char title[200];
	int64_t notice_id;
	px_date ends;
	int rc;

	while ((rc = store_step(s, err)) == STORE_ROW) {
		int t = template_track_index(p->tpl, store_col_text(s, 1));
		json_t *row = json_pack("{s:I, s:s, s:s, s:s, s:s}", "application", (json_int_t)store_col_int(s, 0),
					"name", store_col_text(s, 3), "track", store_col_text(s, 1), "award",
					t >= 0 ? p->tpl->tracks[t].name : "", "region", store_col_text(s, 2));
		json_array_append_new(list, row);
	}
	store_reset(s);
	if (rc < 0)
		goto out;
	snprintf(title, sizeof(title), "%s%s", p->tpl->title, title_suffix);
	struct notice_new nn = { .programme_id = p->id, .stage_code = st->code, .region = p->region, .title = title,
				 .list = list, .workdays = st->notice_workdays ? st->notice_workdays : 5 };
	if ((rc = notice_publish(app, c, actor, &nn, &notice_id, &ends, err)))
		goto out;
	*out = json_pack("{s:I, s:s, s:o, s:o, s:i, s:O}", "notice", (json_int_t)notice_id, "title", title,
			 "starts_on", notice_date_json(app_today(app)), "ends_on", notice_date_json(ends),
			 "workdays", nn.workdays, "list", list);
out:
	json_decref(list);
	return rc;
}

struct notice_arg {
	struct app *app;
	const struct app_actor *actor;
	int64_t programme_id;
	const struct award_notice *n;
	json_t *out;
};

static int notice_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct notice_arg *a = arg;
	const struct award_notice *n = a->n;
	struct programme p;
	const struct tpl_stage *st;
	struct store_stmt *s;
	int rc = award_load_office(c, a->actor, a->programme_id, &p, err);

	if (rc)
		return rc;
	if ((rc = notice_unpublished(c, &p, n->kind, &st, n->what, err)) || (n->check && (rc = n->check(c, &p, err))) ||
	    (rc = store_prepare(c, n->list, &s, err)))
		goto out;
	store_bind_int(s, 1, p.id);
	if (n->state)
		store_bind_text(s, 2, n->state);
	rc = list_notice(a->app, c, a->actor, &p, st, s, n->title_suffix, &a->out, err);
out:
	programme_release(&p);
	return rc;
}

int award_publish_notice(struct app *app, const struct app_actor *actor, int64_t programme_id,
			 const struct award_notice *n, json_t **out, struct px_err *err)
{
	struct notice_arg a = { app, actor, programme_id, n, NULL };
	return award_tx(app, STORE_TX_WRITE, notice_tx, &a, &a.out, out, err);
}
