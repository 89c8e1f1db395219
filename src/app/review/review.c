/*
 * review.c - what an expert sees of their assignments, their score sheets,
 * and who may read a panel's reviews (see review.h).
 */
#include "app/review/review.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/programme/application.h"
#include "app/programme/apply.h"
#include "app/audit.h"
#include "app/programme/office.h"
#include "app/input.h"
#include "app/json.h"
#include "app/tx.h"
#include "app/review/draw_stage.h"
#include "app/people/expert.h"
#include "app/programme/programme.h"
#include "core/rubric.h"

#define MAX_MINE 500

static struct store_sql Q_EXPERT_CODE = STORE_SQL("SELECT code FROM expert WHERE id = $1");
/* active assignments in review stages that are running (the programme's current stage) */
static struct store_sql Q_MINE = STORE_SQL(
	"SELECT x.id, x.stage_code, x.application_id, d.programme_id FROM assignment x "
	"JOIN draw d ON d.id = x.draw_id JOIN programme g ON g.id = d.programme_id "
	"JOIN stage s ON s.programme_id = g.id AND s.seq = g.stage_seq "
	"WHERE x.expert_id = $1 AND x.state = 'active' AND s.code = x.stage_code ORDER BY x.id");
static struct store_sql Q_REVIEW_OF = STORE_SQL(
	"SELECT scores, total, opinion, suggestions, submitted_at FROM review WHERE assignment_id = $1");
static struct store_sql Q_FORM = STORE_SQL("SELECT form FROM application WHERE id = $1");
static struct store_sql Q_DOCUMENTS = STORE_SQL(
	"SELECT id, purpose, name, size, mime, sha256 FROM document WHERE application_id = $1 ORDER BY id");
static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO review (assignment_id, scores, total, opinion, suggestions, submitted_at, integrity) "
	"VALUES ($1, $2, $3, $4, $5, $6, 1) RETURNING id");
static struct store_sql Q_PANEL = STORE_SQL(
	"SELECT x.id, e.code, r.scores, r.total, r.opinion, r.suggestions, r.submitted_at, x.expert_id, x.state "
	"FROM review r JOIN assignment x ON x.id = r.assignment_id JOIN expert e ON e.id = x.expert_id "
	"WHERE x.application_id = $1 AND x.stage_code = $2 ORDER BY r.id");
static struct store_sql Q_MY_ASSIGNMENT = STORE_SQL(
	"SELECT x.id, CASE WHEN r.id IS NULL THEN 0 ELSE 1 END FROM assignment x "
	"LEFT JOIN review r ON r.assignment_id = x.id "
	"WHERE x.application_id = $1 AND x.stage_code = $2 AND x.expert_id = $3 AND x.state = 'active'");

json_t *review_rubric_json(const char *id, const struct rubric *r)
{
	char b[RUBRIC_POINTS_BUFSZ];
	json_t *items = json_array();
	for (size_t i = 0; i < r->n; i++) {
		const struct rubric_item *it = &r->items[i];
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s?, s:b}", "code", it->code, "name", it->name,
						       "points", rubric_points_format(it->points, b), "parent",
						       it->parent >= 0 ? r->items[it->parent].code : NULL, "leaf",
						       rubric_item_is_leaf(it)));
	}
	return json_pack("{s:s, s:s, s:o}", "id", id, "total", rubric_points_format(r->total, b), "items", items);
}

static json_t *review_row_json(struct store_stmt *s, int first)
{
	return json_pack("{s:o, s:o, s:s, s:s, s:I}", "scores", json_parse_stored(store_col_text(s, first)), "total",
			 json_tenths(store_col_int(s, first + 1)), "opinion", store_col_text(s, first + 2),
			 "suggestions", store_col_text(s, first + 3), "submitted_at",
			 (json_int_t)store_col_int(s, first + 4));
}

/* ---- mine ---- */

struct mine_arg {
	struct app *app;
	const struct app_actor *actor;
	json_t *out;
};

static int documents_json(struct store_conn *c, int64_t application_id, json_t **out, struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_DOCUMENTS, &s, err);
	if (rc)
		return rc;
	store_bind_int(s, 1, application_id);
	json_t *list = json_array();
	while ((rc = store_step(s, err)) == STORE_ROW)
		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:I, s:s, s:s}", "id",
						      (json_int_t)store_col_int(s, 0), "purpose", store_col_text(s, 1),
						      "name", store_col_text(s, 2), "size", (json_int_t)store_col_int(s, 3),
						      "mime", store_col_text(s, 4), "sha256", store_col_text(s, 5)));
	store_reset(s);
	if (rc < 0) {
		json_decref(list);
		return rc;
	}
	*out = list;
	return 0;
}

/* One assignment as the expert sees it; adds the track's rubric to rubrics when new. */
static int assignment_json(struct mine_arg *m, struct store_conn *c, int64_t id, const char *stage, int64_t app_id,
			   int64_t programme_id, json_t *rubrics, json_t **out, struct px_err *err)
{
	struct application a;
	struct programme p = { 0 };
	struct store_stmt *s;
	struct rubric r = { 0 };
	json_t *form = NULL, *docs = NULL, *review = json_null();
	int rc;

	if ((rc = application_load(c, app_id, &a, err)) || (rc = programme_load(c, programme_id, &p, err)))
		goto out;
	int t = template_track_index(p.tpl, a.track);
	const struct tpl_stage *st = template_stage(p.tpl, stage);
	if (t < 0) {
		rc = px_err_set(err, PX_EINTERNAL, "unknown_track", "track", "track '%s' is not in the template", a.track);
		goto out;
	}
	if (!json_object_get(rubrics, p.tpl->tracks[t].rubric)) {
		if ((rc = programme_rubric_load(m->app, &p.tpl->tracks[t], &r, err)))
			goto out;
		json_object_set_new(rubrics, p.tpl->tracks[t].rubric, review_rubric_json(p.tpl->tracks[t].rubric, &r));
	}
	if ((rc = store_prepare(c, &Q_FORM, &s, err)))
		goto out;
	store_bind_int(s, 1, app_id);
	if ((rc = store_step(s, err)) == STORE_ROW) {
		/* mobile numbers by their masked copy only: reviewers never see the keyed hashes */
		json_t *stored = json_parse_stored(store_col_text(s, 0));
		form = stored ? application_form_view(stored) : NULL;
		json_decref(stored);
	}
	store_reset(s);
	if (rc < 0 || (rc = documents_json(c, app_id, &docs, err)) || (rc = store_prepare(c, &Q_REVIEW_OF, &s, err)))
		goto out;
	store_bind_int(s, 1, id);
	if ((rc = store_step(s, err)) == STORE_ROW) {
		json_decref(review);
		review = review_row_json(s, 0);
	}
	store_reset(s);
	if (rc < 0)
		goto out;
	rc = 0;
	char ref[24];
	programme_app_ref(a.id, ref);
	if (!form)
		form = json_object();
	*out = json_pack("{s:I, s:s, s:s, s:{s:I, s:s}, s:{s:I, s:s, s:s, s:s, s:s, s:s, s:O, s:O}, s:s, s:O}",
			 "assignment", (json_int_t)id, "stage", stage, "stage_title", st ? st->title : "", "programme",
			 "id", (json_int_t)p.id, "title", p.tpl->title, "application", "id", (json_int_t)a.id, "ref", ref,
			 "name", a.name, "track", a.track, "award", p.tpl->tracks[t].name, "form_code", a.form, "form",
			 form, "documents", docs, "rubric", p.tpl->tracks[t].rubric, "review",
			 review);
out:
	json_decref(form);
	json_decref(docs);
	json_decref(review);
	rubric_release(&r);
	programme_release(&p);
	return rc;
}

static int mine_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct mine_arg *m = arg;
	struct store_stmt *s;
	struct {
		int64_t id, app, programme;
		char stage[32];
	} rows[MAX_MINE];
	size_t n = 0;
	int64_t expert = 0;
	char code[40] = "";
	json_t *list = json_array(), *rubrics = json_object();
	int rc;

	if (m->actor->kind != ACTOR_ACCOUNT || m->actor->role != ROLE_EXPERT) {
		rc = px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "assignments are for experts");
		goto out;
	}
	if ((rc = expert_of_account(c, m->actor->id, &expert, err)))
		goto out;
	if (expert) {
		if ((rc = store_prepare(c, &Q_EXPERT_CODE, &s, err)))
			goto out;
		store_bind_int(s, 1, expert);
		if ((rc = store_step(s, err)) == STORE_ROW)
			snprintf(code, sizeof(code), "%s", store_col_text(s, 0));
		store_reset(s);
		if (rc < 0 || (rc = store_prepare(c, &Q_MINE, &s, err)))
			goto out;
		store_bind_int(s, 1, expert);
		while ((rc = store_step(s, err)) == STORE_ROW && n < MAX_MINE) {
			rows[n].id = store_col_int(s, 0);
			snprintf(rows[n].stage, sizeof(rows[n].stage), "%s", store_col_text(s, 1));
			rows[n].app = store_col_int(s, 2);
			rows[n].programme = store_col_int(s, 3);
			n++;
		}
		store_reset(s);
		if (rc < 0)
			goto out;
	}
	for (size_t i = 0; i < n; i++) {
		json_t *one = NULL;
		if ((rc = assignment_json(m, c, rows[i].id, rows[i].stage, rows[i].app, rows[i].programme, rubrics, &one,
					  err)))
			goto out;
		json_array_append_new(list, one);
	}
	rc = 0;
	m->out = json_pack("{s:s?, s:O, s:O}", "expert", code[0] ? code : NULL, "assignments", list, "rubrics", rubrics);
out:
	json_decref(list);
	json_decref(rubrics);
	return rc;
}

int review_mine(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err)
{
	struct mine_arg m = { app, actor, NULL };
	return app_tx_json(app, STORE_TX_READ, mine_tx, &m, &m.out, out, err);
}

/* ---- submit ---- */

struct submit_arg {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	const struct review_new *rv;
	json_t *out;
};

/* Check the sheet against the rubric: *stored {code: "points"}, *total in tenths. */
int review_sheet_check(const struct rubric *r, json_t *scores, json_t **stored, int32_t *total, struct px_err *err)
{
	size_t n = json_object_size(scores), i = 0;
	struct rubric_mark *marks = calloc(n + 1, sizeof(*marks));
	char b[RUBRIC_POINTS_BUFSZ];
	const char *code;
	json_t *v;
	int rc = 0;

	*stored = NULL;
	if (!marks)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	json_object_foreach(scores, code, v) {
		if (!json_is_number(v)) {
			rc = px_err_set(err, PX_EINVAL, "bad_points", code, "points of '%s' must be a number", code);
			goto out;
		}
		if ((rc = rubric_points_from_double(json_number_value(v), &marks[i].points, code, err)))
			goto out;
		marks[i++].code = code;
	}
	if ((rc = rubric_sheet_check(r, marks, n, total, err)))
		goto out;
	*stored = json_object();
	for (i = 0; i < n; i++)
		json_object_set_new(*stored, marks[i].code, json_string(rubric_points_format(marks[i].points, b)));
out:
	free(marks);
	return rc;
}

/* The assignment is the actor's, still active, and the review's declaration and texts are there. */
static int submit_check(struct store_conn *c, const struct submit_arg *a, struct draw_assignment *x,
			struct px_err *err)
{
	int rc;
	if ((rc = draw_assignment_load(c, a->id, x, err)))
		return rc;
	if (!draw_assignment_mine(a->actor, x))
		return px_err_set(err, PX_ENOTFOUND, NULL, "assignment", "no assignment %" PRId64, a->id);
	if (strcmp(x->state, "active"))
		return px_err_set(err, PX_ECONFLICT, "assignment_inactive", "assignment",
				  "assignment %" PRId64 " is '%s': its review no longer counts", a->id, x->state);
	if (!a->rv->integrity)
		return px_err_set(err, PX_EINVAL, "integrity_required", "integrity",
				  "declare integrity and the absence of conflicts of interest (integrity: true)");
	if (!json_is_object(a->rv->scores))
		return px_err_set(err, PX_EINVAL, "missing_field", "scores", "'scores' must be an object {item: points}");
	if ((rc = input_text(a->rv->opinion, INPUT_TEXT_MAX, "opinion", err)))
		return rc;
	return input_text(a->rv->suggestions, INPUT_TEXT_MAX, "suggestions", err);
}

/* The review row (final: review_exists when there is one) and its audit record. */
static int submit_insert(struct store_conn *c, const struct submit_arg *a, const struct draw_assignment *x,
			 json_t *stored, int32_t total, int64_t now, int64_t *id, struct px_err *err)
{
	char *text = json_dump_sorted(stored), ref[24];
	int rc;

	if (!text)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	rc = store_get(c, &Q_INSERT, err, "ititti:i", x->id, (const char *)text, (int64_t)total, a->rv->opinion,
		       a->rv->suggestions, now, id);
	free(text);
	if (rc == PX_ECONFLICT)
		return px_err_set(err, PX_ECONFLICT, "review_exists", "assignment",
				  "assignment %" PRId64 " is reviewed already: a review is final", x->id);
	if (rc < 0)
		return rc;
	programme_app_ref(x->application_id, ref);
	return audit_record(c, a->actor, "review.submit", "review", *id,
			    json_pack("{s:I, s:s, s:s, s:s, s:o, s:b}", "assignment", (json_int_t)x->id, "application",
				      ref, "stage", x->stage, "expert", x->expert_code, "total", json_tenths(total),
				      "integrity", 1),
			    err);
}

static int submit_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct submit_arg *a = arg;
	struct draw_assignment x;
	struct application ap;
	struct programme p = { 0 };
	struct rubric r = { 0 };
	json_t *stored = NULL;
	int32_t total = 0;
	int64_t id = 0, now = store_now_us();
	int rc;

	if ((rc = submit_check(c, a, &x, err)) || (rc = programme_load(c, x.programme_id, &p, err)))
		return rc;
	if ((rc = programme_require_stage(&p, x.stage, err)) || (rc = application_load(c, x.application_id, &ap, err)))
		goto out;
	int t = template_track_index(p.tpl, ap.track);
	if (t < 0) {
		rc = px_err_set(err, PX_EINTERNAL, "unknown_track", "track", "track '%s' is not in the template", ap.track);
		goto out;
	}
	if ((rc = programme_rubric_load(a->app, &p.tpl->tracks[t], &r, err)) ||
	    (rc = review_sheet_check(&r, a->rv->scores, &stored, &total, err)) ||
	    (rc = submit_insert(c, a, &x, stored, total, now, &id, err)))
		goto out;
	a->out = json_pack("{s:I, s:I, s:I, s:s, s:O, s:o, s:s, s:s, s:b, s:I}", "id", (json_int_t)id, "assignment",
			   (json_int_t)x.id, "application", (json_int_t)x.application_id, "stage", x.stage, "scores",
			   stored, "total", json_tenths(total), "opinion", a->rv->opinion, "suggestions",
			   a->rv->suggestions, "integrity", 1, "submitted_at", (json_int_t)now);
out:
	json_decref(stored);
	rubric_release(&r);
	programme_release(&p);
	return rc;
}

int review_submit(struct app *app, const struct app_actor *actor, int64_t assignment_id,
		  const struct review_new *rv, json_t **out, struct px_err *err)
{
	struct submit_arg a = { app, actor, assignment_id, rv, NULL };
	return app_tx_json(app, STORE_TX_WRITE, submit_tx, &a, &a.out, out, err);
}

/* ---- the panel ---- */

struct panel_arg {
	const struct app_actor *actor;
	int64_t id;
	const char *stage;
	json_t *out;
};

/*
 * An expert reads the panel's reviews of an application only when assigned
 * to it and after submitting their own; anyone else is told there is no
 * such application. *expert receives the actor's expert id.
 */
static int panel_may_read(struct store_conn *c, const struct panel_arg *a, int64_t app_id, const char *stage,
			  int64_t *expert, struct px_err *err)
{
	int64_t assignment = 0, reviewed = 0;
	int rc = 0;

	if (a->actor->kind != ACTOR_ACCOUNT || a->actor->role != ROLE_EXPERT ||
	    (rc = expert_of_account(c, a->actor->id, expert, err)) || !*expert)
		return rc ? rc : px_err_set(err, PX_ENOTFOUND, NULL, "application", "no application %" PRId64, a->id);
	if ((rc = store_get(c, &Q_MY_ASSIGNMENT, err, "iti:ii", app_id, stage, *expert, &assignment, &reviewed)) < 0)
		return rc;
	if (rc == STORE_DONE)
		return px_err_set(err, PX_ENOTFOUND, NULL, "application", "no application %" PRId64, a->id);
	if (!reviewed)
		return px_err_set(err, PX_EFORBIDDEN, "review_first", "application",
				  "submit your own review of application %" PRId64 " before reading the panel's", app_id);
	return 0;
}

struct panel_walk {
	bool office;
	int64_t expert, n;
	json_t *list;
};

/* One review of the panel: the office sees who and whether it counts; an expert sees R1, R2 … and their own. */
static int panel_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct panel_walk *w = arg;
	bool active = !strcmp(store_col_text(s, 8), "active");
	(void)err;
	if (!w->office && !active)
		return 0;
	json_t *r = review_row_json(s, 2);
	if (w->office) {
		json_object_set_new(r, "assignment", json_integer(store_col_int(s, 0)));
		json_object_set_new(r, "expert", json_string(store_col_text(s, 1)));
		json_object_set_new(r, "counts", json_boolean(active));
	} else {
		char label[24];
		snprintf(label, sizeof(label), "R%" PRId64, ++w->n);
		json_object_set_new(r, "reviewer", json_string(label));
		json_object_set_new(r, "mine", json_boolean(store_col_int(s, 7) == w->expert));
	}
	json_array_append_new(w->list, r);
	return 0;
}

static int panel_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct panel_arg *a = arg;
	struct application ap;
	struct programme p = { 0 };
	struct panel_walk w = { false, 0, 0, NULL };
	char stage[32];
	int rc;

	if ((rc = application_load(c, a->id, &ap, err)) || (rc = programme_load(c, ap.programme_id, &p, err)))
		return rc;
	w.office = programme_is_office(&p, a->actor);
	if (a->stage)
		snprintf(stage, sizeof(stage), "%s", a->stage);
	else
		snprintf(stage, sizeof(stage), "%s", programme_stage(&p) ? programme_stage(&p)->code : "");
	if (!template_stage(p.tpl, stage) || template_stage(p.tpl, stage)->kind != TPL_STAGE_REVIEW) {
		rc = px_err_set(err, PX_EINVAL, "not_review_stage", "stage", "'%s' is not a review stage", stage);
		goto out;
	}
	if (!w.office && (rc = panel_may_read(c, a, ap.id, stage, &w.expert, err)))
		goto out;
	w.list = json_array();
	if ((rc = store_each(c, &Q_PANEL, panel_row, &w, err, "it", ap.id, (const char *)stage)))
		goto out;
	a->out = json_pack("{s:I, s:s, s:O}", "application", (json_int_t)ap.id, "stage", stage, "reviews", w.list);
out:
	json_decref(w.list);
	programme_release(&p);
	return rc;
}

int review_panel(struct app *app, const struct app_actor *actor, int64_t application_id, const char *stage,
		 json_t **out, struct px_err *err)
{
	struct panel_arg a = { actor, application_id, stage, NULL };
	return app_tx_json(app, STORE_TX_READ, panel_tx, &a, &a.out, out, err);
}

/* ---- withdrawal ---- */

static struct store_sql Q_WITHDRAW_OPEN = STORE_SQL(
	"UPDATE assignment SET state = 'withdrawn', reason = $2 WHERE application_id = $1 AND state = 'active' "
	"AND NOT EXISTS (SELECT 1 FROM review r WHERE r.assignment_id = assignment.id) "
	"RETURNING id, expert_id, stage_code");

static int withdraw_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	json_array_append_new(arg, json_pack("{s:I, s:I, s:s}", "id", (json_int_t)store_col_int(s, 0), "expert",
					     (json_int_t)store_col_int(s, 1), "stage", store_col_text(s, 2)));
	return 0;
}

int review_withdraw_open(struct store_conn *c, const struct app_actor *actor, int64_t application_id,
			 const char *reason, json_t *withdrawn, struct px_err *err)
{
	json_t *rows = json_array(), *x;
	size_t i;
	int rc = store_each(c, &Q_WITHDRAW_OPEN, withdraw_row, rows, err, "it", application_id, reason);

	/* audited after the walk: the UPDATE is finished before another statement runs */
	json_array_foreach(rows, i, x) {
		json_int_t id = json_integer_value(json_object_get(x, "id"));
		if (rc || (rc = audit_record(c, actor, "assignment.withdraw", "assignment", id,
					     json_pack("{s:I, s:O, s:O, s:s}", "application", (json_int_t)application_id,
						       "expert", json_object_get(x, "expert"), "stage",
						       json_object_get(x, "stage"), "reason", reason),
					     err)))
			break;
		if (withdrawn)
			json_array_append_new(withdrawn, json_integer(id));
	}
	json_decref(rows);
	return rc;
}
