/*
 * entry.c - a contest entry beyond the engine's application: its submission
 * (the form complete and the work its form asks for), its view for the
 * entrant, the office and the experts drawn for it, and the exit check that
 * takes the submitted entries into review (contest.h).
 */
#include "app/contest/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/json.h"
#include "app/programme/apply.h"
#include "app/programme/application.h"
#include "app/programme/stage_window.h"
#include "app/tx.h"

static struct store_sql Q_FORM = STORE_SQL("SELECT form FROM application WHERE id = $1");
static struct store_sql Q_KINDS = STORE_SQL(
	"SELECT count(*), coalesce(sum(CASE WHEN kind = 'video' THEN 1 ELSE 0 END), 0) FROM contest_work "
	"WHERE application_id = $1");
static struct store_sql Q_SUBMITTED_AT = STORE_SQL(
	"UPDATE application SET submitted_at = coalesce(submitted_at, $1) WHERE id = $2");
static struct store_sql Q_PRIZE = STORE_SQL(
	"SELECT place, prize, score FROM contest_prize WHERE application_id = $1");
static struct store_sql Q_IDS = STORE_SQL(
	"SELECT id FROM application WHERE programme_id = $1 AND state = 'submitted' ORDER BY id");

struct entry_arg {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	json_t *out;
};

/* The stored form of an application, parsed (a new reference; {} when empty). */
static int form_of(struct store_conn *c, int64_t id, json_t **form, struct px_err *err)
{
	char *text = NULL;
	int rc = store_get(c, &Q_FORM, err, "i:s", id, &text);
	*form = NULL;
	if (rc < 0)
		return rc;
	*form = json_parse_stored(text ? text : "{}");
	free(text);
	if (!json_is_object(*form)) {
		json_decref(*form);
		*form = json_object();
	}
	return 0;
}

/* The work its form asks for is there ("work_missing"). */
static int require_work(struct store_conn *c, const struct contest_ctx *x, const struct application *e,
			struct px_err *err)
{
	int64_t files = 0, videos = 0;
	enum contest_work w = contest_work_of(x->section, e->form);
	int rc = store_get(c, &Q_KINDS, err, "i:ii", e->id, &files, &videos);
	if (rc < 0)
		return rc;
	if ((w == CONTEST_WORK_VIDEO && !videos) || (w == CONTEST_WORK_IMAGE && files == videos) ||
	    (w == CONTEST_WORK_MEDIA && !files))
		return px_err_set(err, PX_ECONFLICT, "work_missing", "works", "a %s entry needs its %s file", e->form,
				  contest_work_name(w));
	return 0;
}

static int entry_in(struct store_conn *c, struct entry_arg *a, const struct contest_ctx *x,
		    const struct application *e, bool expert, struct px_err *err);

static int submit_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	static const char *const from[] = { "draft", NULL };
	struct entry_arg *a = arg;
	struct application e;
	struct programme p;
	struct contest_ctx x;
	const struct tpl_form *form;
	const char *missing;
	json_t *stored = NULL;
	int rc;

	if ((rc = apply_load(c, a->actor, a->id, &e, &p, err)))
		return rc;
	programme_release(&p);
	if (!apply_may_edit(a->actor, &e))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "only the entrant submits its entry");
	if ((rc = contest_load(c, e.programme_id, &x, err)))
		return rc == PX_ENOTFOUND ? px_err_set(err, PX_ENOTFOUND, NULL, "id", "no entry %lld", (long long)a->id)
					  : rc;
	if ((rc = apply_require_open(&x.p, &e, err)) ||
	    (rc = stage_window_require_open(a->app, c, &x.p, programme_stage(&x.p)->code, err)) ||
	    (rc = form_of(c, e.id, &stored, err)))
		goto out;
	form = template_form(x.p.tpl, e.form);
	if (form && (missing = application_form_missing(form, stored))) {
		rc = px_err_set(err, PX_ECONFLICT, "form_incomplete", missing, "required field '%s' is empty", missing);
		goto out;
	}
	if ((rc = require_work(c, &x, &e, err)) || (rc = application_move(c, a->actor, &e, from, "submitted", NULL, err)) ||
	    (rc = store_run(c, &Q_SUBMITTED_AT, err, "ii", app_now_us(a->app), e.id)))
		goto out;
	rc = entry_in(c, a, &x, &e, false, err);
out:
	json_decref(stored);
	contest_release(&x);
	return rc;
}

int contest_entry_submit(struct app *app, const struct app_actor *actor, int64_t entry_id, json_t **out,
			 struct px_err *err)
{
	struct entry_arg a = { app, actor, entry_id, NULL };
	return app_tx_json(app, STORE_TX_WRITE, submit_tx, &a, &a.out, out, err);
}

/* ---- the view ---- */

static json_t *text_of(json_t *form, const char *key)
{
	const char *v = json_string_value(json_object_get(form, key));
	return v ? json_string(v) : json_null();
}

static int entry_in(struct store_conn *c, struct entry_arg *a, const struct contest_ctx *x,
		    const struct application *e, bool expert, struct px_err *err)
{
	int k = template_track_index(x->p.tpl, e->track);
	const struct tpl_track *tr = &x->p.tpl->tracks[k < 0 ? 0 : k]; /* an entry's track is the template's */
	const struct tpl_form *form = template_form(x->p.tpl, e->form);
	char prize[16] = "";
	int64_t place = 0, score = -1;
	json_t *f = NULL, *works = json_array();
	int rc;

	if ((rc = form_of(c, e->id, &f, err)) || (rc = contest_works_of(c, e->id, works, err)) ||
	    (rc = store_get(c, &Q_PRIZE, err, "i:ibi", e->id, &place, prize, sizeof(prize), &score)) < 0) {
		json_decref(f);
		json_decref(works);
		return rc;
	}
	a->out = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)e->id,
			   "programme", (json_int_t)e->programme_id, "category", tr->code, "category_name", tr->name,
			   "form", e->form, "form_label", form ? form->label : e->form, "state", e->state, "work",
			   contest_work_name(contest_work_of(x->section, e->form)), "title", text_of(f, "title"),
			   "description", text_of(f, "description"), "text", text_of(f, x->rules.text_field), "works",
			   works, "author", expert ? json_null() : text_of(f, "author"));
	if (!expert && place)
		json_object_set_new(a->out, "prize", json_pack("{s:I, s:s, s:s, s:o}", "place", (json_int_t)place, "code",
							       prize, "name", contest_prize_name(&x->rules, prize),
							       "score", json_hundredths(score)));
	json_decref(f);
	return 0;
}

static int view_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct entry_arg *a = arg;
	struct application e;
	struct contest_ctx x;
	bool expert = false;
	int rc = application_load(c, a->id, &e, err);
	if (rc)
		return rc;
	if (!application_readable(c, a->actor, &e)) {
		expert = a->actor->kind == ACTOR_ACCOUNT && a->actor->role == ROLE_EXPERT &&
			 document_expert_assigned(c, a->actor->id, e.id);
		if (!expert)
			return px_err_set(err, PX_ENOTFOUND, NULL, "id", "no entry %lld", (long long)a->id);
	}
	if ((rc = contest_load(c, e.programme_id, &x, err)))
		return rc == PX_ENOTFOUND ? px_err_set(err, PX_ENOTFOUND, NULL, "id", "no entry %lld", (long long)a->id)
					  : rc;
	rc = entry_in(c, a, &x, &e, expert, err);
	contest_release(&x);
	return rc;
}

int contest_entry_json(struct app *app, const struct app_actor *actor, int64_t entry_id, json_t **out,
		       struct px_err *err)
{
	struct entry_arg a = { app, actor, entry_id, NULL };
	return app_tx_json(app, STORE_TX_READ, view_tx, &a, &a.out, out, err);
}

/* ---- leaving the application stage ---- */

static int id_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	json_array_append_new(arg, json_integer(store_col_int(s, 0)));
	return 0;
}

int contest_close_application(struct app *app, struct store_conn *c, const struct programme *p,
			      const struct tpl_stage *s, struct px_err *err)
{
	json_t *ids = json_array(), *moved = json_array(), *v;
	int64_t *list = NULL;
	size_t i, n;
	int rc;
	(void)app;
	(void)s;
	if ((rc = store_each(c, &Q_IDS, id_row, ids, err, "i", p->id)))
		goto out;
	n = json_array_size(ids);
	if (!(list = calloc(n ? n : 1, sizeof(*list)))) {
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		goto out;
	}
	json_array_foreach(ids, i, v)
		list[i] = json_integer_value(v);
	rc = application_move_ids(c, &app_actor_cli, list, n, "submitted", "accepted", "entry taken into review", moved,
				  err);
out:
	free(list);
	json_decref(ids);
	json_decref(moved);
	return rc;
}
