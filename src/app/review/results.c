/*
 * results.c - stage results of review stages and the review report of an
 * application (see results.h).
 */
#include "app/review/results.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/programme/application.h"
#include "app/programme/family.h"
#include "app/audit.h"
#include "app/programme/office.h"
#include "app/input.h"
#include "app/json.h"
#include "app/tx.h"
#include "core/rubric.h"
#include "core/score.h"

static struct store_sql Q_CANDIDATES = STORE_SQL(
	"SELECT count(*) FROM application WHERE programme_id = $1 AND state = $2");
static struct store_sql Q_DRAWN = STORE_SQL(
	"SELECT count(*) FROM draw WHERE programme_id = $1 AND stage_code = $2 AND drawn_at IS NOT NULL");
static struct store_sql Q_MISSING = STORE_SQL(
	"SELECT x.application_id, e.code FROM assignment x JOIN draw d ON d.id = x.draw_id "
	"JOIN expert e ON e.id = x.expert_id LEFT JOIN review r ON r.assignment_id = x.id "
	"WHERE d.programme_id = $1 AND x.stage_code = $2 AND x.state = 'active' AND r.id IS NULL "
	"ORDER BY x.application_id, e.code");
static struct store_sql Q_TOTALS = STORE_SQL(
	"SELECT x.application_id, a.track_code, r.id, r.total FROM review r "
	"JOIN assignment x ON x.id = r.assignment_id JOIN draw d ON d.id = x.draw_id "
	"JOIN application a ON a.id = x.application_id "
	"WHERE d.programme_id = $1 AND x.stage_code = $2 AND x.state = 'active' ORDER BY x.application_id, r.id");
static struct store_sql Q_UPSERT = STORE_SQL(
	"INSERT INTO stage_result (application_id, stage_code, score, detail, computed_at) VALUES ($1, $2, $3, $4, $5) "
	"ON CONFLICT (application_id, stage_code) DO UPDATE SET score = excluded.score, detail = excluded.detail, "
	"computed_at = excluded.computed_at");
static struct store_sql Q_RESULTS = STORE_SQL(
	"SELECT sr.application_id, a.track_code, a.state, coalesce(o.name, p.name, ''), sr.score, sr.detail "
	"FROM stage_result sr JOIN application a ON a.id = sr.application_id "
	"LEFT JOIN organisation o ON o.id = a.organisation_id LEFT JOIN person p ON p.id = a.person_id "
	"WHERE a.programme_id = $1 AND sr.stage_code = $2 ORDER BY a.track_code, sr.score DESC, a.id");
static struct store_sql Q_RESULT_OF = STORE_SQL(
	"SELECT score, detail FROM stage_result WHERE application_id = $1 AND stage_code = $2");
static struct store_sql Q_REVIEWS_OF = STORE_SQL(
	"SELECT r.scores, r.total, r.opinion, r.suggestions FROM review r JOIN assignment x ON x.id = r.assignment_id "
	"WHERE x.application_id = $1 AND x.stage_code = $2 AND x.state = 'active' ORDER BY r.id");

struct total {
	int64_t app, review;
	int32_t total;
	char track[32];
};

/* ---- closing a review stage ---- */

static int count_of(struct store_conn *c, struct store_sql *q, int64_t id, const char *text, int64_t *n,
		    struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, q, &s, err);
	*n = 0;
	if (rc)
		return rc;
	store_bind_int(s, 1, id);
	store_bind_text(s, 2, text);
	if ((rc = store_step(s, err)) == STORE_ROW)
		*n = store_col_int(s, 0);
	store_reset(s);
	return rc < 0 ? rc : 0;
}

static int reviews_complete(struct store_conn *c, const struct programme *p, const char *stage, struct px_err *err)
{
	struct store_stmt *s;
	char ref[24], code[40] = "";
	int64_t app = 0, more = 0;
	int rc = store_prepare(c, &Q_MISSING, &s, err);
	if (rc)
		return rc;
	store_bind_int(s, 1, p->id);
	store_bind_text(s, 2, stage);
	while ((rc = store_step(s, err)) == STORE_ROW) {
		if (!app) {
			app = store_col_int(s, 0);
			snprintf(code, sizeof(code), "%s", store_col_text(s, 1));
		} else {
			more++;
		}
	}
	store_reset(s);
	if (rc < 0)
		return rc;
	if (!app)
		return 0;
	programme_app_ref(app, ref);
	return px_err_set(err, PX_ECONFLICT, "reviews_missing", ref,
			  "application %s waits for the review of expert %s (and %" PRId64 " more missing)", ref, code, more);
}

static int load_totals(struct store_conn *c, const struct programme *p, const char *stage, struct total **out,
		       size_t *n, struct px_err *err)
{
	struct store_stmt *s;
	size_t cap = 0;
	int rc = store_prepare(c, &Q_TOTALS, &s, err);
	*out = NULL;
	*n = 0;
	if (rc)
		return rc;
	store_bind_int(s, 1, p->id);
	store_bind_text(s, 2, stage);
	while ((rc = store_step(s, err)) == STORE_ROW) {
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct total *t = realloc(*out, ncap * sizeof(**out));
			if (!t) {
				rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
				break;
			}
			*out = t;
			cap = ncap;
		}
		struct total *t = &(*out)[(*n)++];
		t->app = store_col_int(s, 0);
		snprintf(t->track, sizeof(t->track), "%s", store_col_text(s, 1));
		t->review = store_col_int(s, 2);
		t->total = (int32_t)store_col_int(s, 3);
	}
	store_reset(s);
	return rc < 0 ? rc : 0;
}

/* The score and detail of one application's panel (totals[0..n)). */
static int score_panel(const struct template *t, int track, const struct total *rows, size_t n, int64_t *score,
		       json_t **detail, struct px_err *err)
{
	int32_t totals[SCORE_MAX_PANEL];
	enum score_method m;
	struct score_spread sp;
	int64_t raw, sd_scaled;
	int64_t full = (int64_t)t->tracks[track].rubric_total * SCORE_SCALE; /* the rubric total in hundredths */
	struct score_outlier_rule rule = score_outlier_rule_default(t->tracks[track].rubric_total * RUBRIC_SCALE);
	char ref[24];
	int rc;

	programme_app_ref(rows[0].app, ref);
	if (n > SCORE_MAX_PANEL)
		return px_err_set(err, PX_ETOOBIG, "score_too_many_reviews", ref, "application %s has %zu reviews", ref, n);
	for (size_t i = 0; i < n; i++)
		totals[i] = rows[i].total;
	if ((rc = score_method_parse(t->aggregation, &m, err)))
		return rc;
	if ((rc = score_aggregate(m, (size_t)t->trim, totals, n, &raw, err))) {
		char msg[sizeof(err->msg)];
		snprintf(msg, sizeof(msg), "%s", err ? err->msg : "");
		return px_err_set(err, rc, err && err->key[0] ? err->key : NULL, ref, "application %s: %s", ref, msg);
	}
	if ((rc = score_rescale(raw, full, 100 * SCORE_SCALE, score, err)) ||
	    (rc = score_spread(totals, n, &rule, &sp, err)) ||
	    (rc = score_rescale(sp.sd, full, 100 * SCORE_SCALE, &sd_scaled, err)))
		return rc;
	json_t *reviews = json_array(), *list = json_array(), *outliers = json_array();
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(reviews, json_integer(rows[i].review));
		json_array_append_new(list, json_tenths(rows[i].total));
		if (sp.outliers & (1ULL << i))
			json_array_append_new(outliers, json_integer(rows[i].review));
	}
	*detail = json_pack("{s:s, s:i, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b}", "method",
			    score_method_name(m), "trim", t->trim, "reviewers", (json_int_t)n, "reviews", reviews, "totals",
			    list, "rubric_total", json_tenths(t->tracks[track].rubric_total * RUBRIC_SCALE), "raw",
			    json_hundredths(raw), "min", json_tenths(sp.min), "max", json_tenths(sp.max),
			    "range", json_tenths(sp.range), "sd", json_hundredths(sp.sd), "sd_100",
			    json_hundredths(sd_scaled), "outliers", outliers, "flagged", sp.noutliers > 0);
	return 0;
}

int results_close_review(struct app *app, struct store_conn *c, const struct programme *p,
			 const struct tpl_stage *s, struct px_err *err)
{
	struct total *rows = NULL;
	size_t n = 0, done = 0;
	int64_t candidates, drawn, now = app_now_us(app);
	char object[40], *text = NULL;
	int rc;

	(void)app;
	if ((rc = count_of(c, &Q_CANDIDATES, p->id, programme_review_pool_state(p->tpl, s->code), &candidates, err)) ||
	    (rc = count_of(c, &Q_DRAWN, p->id, s->code, &drawn, err)))
		return rc;
	if (candidates && !drawn)
		return px_err_set(err, PX_ECONFLICT, "draw_missing", "stage",
				  "no draw ran for the %" PRId64 " applications of stage '%s'", candidates, s->code);
	if ((rc = reviews_complete(c, p, s->code, err)) || (rc = load_totals(c, p, s->code, &rows, &n, err)))
		goto out;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		int64_t score;
		json_t *detail = NULL;
		while (j < n && rows[j].app == rows[i].app)
			j++;
		int t = template_track_index(p->tpl, rows[i].track);
		if (t < 0) {
			rc = px_err_set(err, PX_EINTERNAL, "unknown_track", "track", "track '%s' is not in the template",
					rows[i].track);
			goto out;
		}
		if ((rc = score_panel(p->tpl, t, rows + i, j - i, &score, &detail, err)))
			goto out;
		text = json_dump_sorted(detail);
		json_decref(detail);
		if (!text) {
			rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
			goto out;
		}
		if ((rc = store_run(c, &Q_UPSERT, err, "ititi", rows[i].app, s->code, score, (const char *)text, now)))
			goto out;
		free(text);
		text = NULL;
		done++;
		i = j;
	}
	snprintf(object, sizeof(object), "programme:%" PRId64, p->id);
	/* part of the office's programme.advance (same transaction, the next row): the engine computes */
	json_t *payload = json_pack("{s:s, s:I, s:s, s:i, s:s}", "stage", s->code, "applications", (json_int_t)done,
				    "method", p->tpl->aggregation, "trim", p->tpl->trim, "during", "programme.advance");
	rc = audit_append(c, &app_actor_cli, "results.compute", object, payload, err);
	json_decref(payload);
out:
	free(text);
	free(rows);
	return rc;
}

/* ---- views ---- */

struct view_arg {
	const struct app_actor *actor;
	int64_t id;
	const char *stage;
	struct app *app;
	json_t *out;
};

static const struct tpl_stage *review_stage_or_first(const struct template *t, const char *code)
{
	if (code) {
		const struct tpl_stage *s = template_stage(t, code);
		return s && s->kind == TPL_STAGE_REVIEW ? s : NULL;
	}
	for (int i = 0; i < t->nstages; i++)
		if (t->stages[i].kind == TPL_STAGE_REVIEW)
			return &t->stages[i];
	return NULL;
}

static int results_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct view_arg *v = arg;
	struct programme p;
	const struct tpl_stage *st;
	struct store_stmt *s;
	json_t *list = NULL;
	int rc = programme_load(c, v->id, &p, err);

	if (rc)
		return rc;
	if (!programme_is_office(&p, v->actor) && !programme_is_leader(&p, v->actor)) {
		rc = px_err_set(err, PX_EFORBIDDEN, NULL, "programme", "results are for the office and the leadership group");
		goto out;
	}
	if (!(st = review_stage_or_first(p.tpl, v->stage))) {
		rc = px_err_set(err, PX_EINVAL, "not_review_stage", "stage", "'%s' is not a review stage",
				v->stage ? v->stage : "");
		goto out;
	}
	if ((rc = store_prepare(c, &Q_RESULTS, &s, err)))
		goto out;
	store_bind_int(s, 1, p.id);
	store_bind_text(s, 2, st->code);
	list = json_array();
	while ((rc = store_step(s, err)) == STORE_ROW)
		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s, s:o, s:o}", "application",
						      (json_int_t)store_col_int(s, 0), "track", store_col_text(s, 1),
						      "state", store_col_text(s, 2), "name", store_col_text(s, 3), "score",
						      json_hundredths(store_col_int(s, 4)), "detail",
						      json_parse_stored(store_col_text(s, 5))));
	store_reset(s);
	if (rc < 0)
		goto out;
	rc = 0;
	v->out = json_pack("{s:I, s:s, s:s, s:O}", "programme", (json_int_t)p.id, "stage", st->code, "scale", "0-100",
			   "results", list);
out:
	json_decref(list);
	programme_release(&p);
	return rc;
}

int results_json(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *stage,
		 json_t **out, struct px_err *err)
{
	struct view_arg v = { actor, programme_id, stage, app, NULL };
	return app_tx_json(app, STORE_TX_READ, results_tx, &v, &v.out, out, err);
}

/* The stage's result of an application: *found false when none. */
static int result_of(struct store_conn *c, int64_t app, const char *stage, bool *found, int64_t *score,
		     json_t **detail, struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_RESULT_OF, &s, err);
	*found = false;
	*detail = NULL;
	if (rc)
		return rc;
	store_bind_int(s, 1, app);
	store_bind_text(s, 2, stage);
	if ((rc = store_step(s, err)) == STORE_ROW) {
		*found = true;
		*score = store_col_int(s, 0);
		*detail = json_parse_stored(store_col_text(s, 1));
	}
	store_reset(s);
	return rc < 0 ? rc : 0;
}

int results_feedback(struct store_conn *c, const struct programme *p, int64_t application_id, const char *stage,
		     json_t **out, struct px_err *err)
{
	const struct tpl_stage *st = template_stage(p->tpl, stage);
	struct store_stmt *s;
	json_t *detail = NULL, *suggestions = json_array();
	int64_t score = 0;
	bool found;
	int rc = result_of(c, application_id, stage, &found, &score, &detail, err);

	*out = NULL;
	if (rc || (rc = store_prepare(c, &Q_REVIEWS_OF, &s, err)))
		goto out;
	store_bind_int(s, 1, application_id);
	store_bind_text(s, 2, stage);
	while ((rc = store_step(s, err)) == STORE_ROW)
		json_array_append_new(suggestions, json_string(store_col_text(s, 3)));
	store_reset(s);
	if (rc < 0)
		goto out;
	rc = 0;
	*out = json_pack("{s:s, s:s, s:o, s:o, s:O}", "stage", stage, "stage_title", st ? st->title : "", "score",
			 found ? json_hundredths(score) : json_null(), "reviewers",
			 found && json_object_get(detail, "reviewers") ? json_incref(json_object_get(detail, "reviewers"))
								       : json_integer(0),
			 "suggestions", suggestions);
out:
	json_decref(detail);
	json_decref(suggestions);
	return rc;
}

/* Points of the items of one stored sheet, summed per top-level category (tenths). */
static void category_sums(const struct rubric *r, json_t *scores, int32_t *sums)
{
	const char *code;
	json_t *v;
	json_object_foreach(scores, code, v) {
		const struct rubric_item *it = rubric_find(r, code);
		int32_t pts;
		const char *text = json_string_value(v);
		if (!it || !text || rubric_points_parse(text, strlen(text), &pts, code, NULL))
			continue;
		while (it->parent >= 0)
			it = &r->items[it->parent];
		sums[it - r->items] += pts;
	}
}

/* What the review report is made of, read in report_tx's transaction. */
struct report_data {
	struct application a;
	struct programme p;
	struct rubric r;
	const struct tpl_stage *st;
	int track;
	bool office;
	int64_t score, mean_total;
	json_t *detail, *suggestions, *opinions, *categories;
	size_t nrev;
	int32_t totals[SCORE_MAX_PANEL];
	int32_t *sums; /* sums[review * r.n + item]: category points of each review */
};

struct report_arg {
	struct view_arg v;
	struct results_doc *doc; /* typed numbers for the PDF, when not NULL */
};

/* The application, its programme and stage, the actor's right to the report, the stage's result. */
static int report_access(struct store_conn *c, struct report_arg *ra, struct report_data *d, struct px_err *err)
{
	const struct view_arg *v = &ra->v;
	bool found;
	int rc;

	if ((rc = application_load(c, v->id, &d->a, err)) || (rc = programme_load(c, d->a.programme_id, &d->p, err)))
		return rc;
	d->office = programme_is_office(&d->p, v->actor);
	if (!d->office && !application_owned_by(v->actor, &d->a))
		return px_err_set(err, PX_ENOTFOUND, NULL, "application", "no application %" PRId64, v->id);
	if (!(d->st = review_stage_or_first(d->p.tpl, v->stage)))
		return px_err_set(err, PX_EINVAL, "not_review_stage", "stage", "'%s' is not a review stage",
				  v->stage ? v->stage : "");
	if ((rc = result_of(c, d->a.id, d->st->code, &found, &d->score, &d->detail, err)))
		return rc;
	if (!found)
		return px_err_set(err, PX_ECONFLICT, "report_not_ready", "stage",
				  "the %s of application %" PRId64 " is not concluded", d->st->title, d->a.id);
	d->track = template_track_index(d->p.tpl, d->a.track);
	if (d->track < 0)
		return px_err_set(err, PX_EINTERNAL, "unknown_track", "track", "unknown track '%s'", d->a.track);
	return programme_rubric_load(ra->v.app, &d->p.tpl->tracks[d->track], &d->r, err);
}

/* The reviews of the stage: category sums, totals, opinions and suggestions. */
static int report_reviews(struct store_conn *c, struct report_data *d, struct px_err *err)
{
	struct store_stmt *s;
	int rc;

	if (!(d->sums = calloc((size_t)SCORE_MAX_PANEL * d->r.n + 1, sizeof(*d->sums))))
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	if ((rc = store_prepare(c, &Q_REVIEWS_OF, &s, err)))
		return rc;
	store_bind_int(s, 1, d->a.id);
	store_bind_text(s, 2, d->st->code);
	while ((rc = store_step(s, err)) == STORE_ROW && d->nrev < SCORE_MAX_PANEL) {
		json_t *scores = json_parse_stored(store_col_text(s, 0));
		category_sums(&d->r, scores, d->sums + d->nrev * d->r.n);
		json_decref(scores);
		d->totals[d->nrev] = (int32_t)store_col_int(s, 1);
		json_array_append_new(d->opinions, json_string(store_col_text(s, 2)));
		json_array_append_new(d->suggestions, json_string(store_col_text(s, 3)));
		d->nrev++;
	}
	store_reset(s);
	if (rc < 0)
		return rc;
	return d->nrev ? score_mean(d->totals, d->nrev, &d->mean_total, err) : 0;
}

/* The top-level categories with their maximum and the reviewers' mean; typed into doc when given. */
static int report_categories(struct report_data *d, struct results_doc *doc, struct px_err *err)
{
	size_t n = 0;
	for (size_t i = 0; i < d->r.n; i++) {
		char b[RUBRIC_POINTS_BUFSZ];
		int32_t cat[SCORE_MAX_PANEL];
		int64_t mean = 0;
		int rc;
		if (d->r.items[i].parent >= 0)
			continue;
		for (size_t k = 0; k < d->nrev; k++)
			cat[k] = d->sums[k * d->r.n + i];
		if (d->nrev && (rc = score_mean(cat, d->nrev, &mean, err)))
			return rc;
		json_array_append_new(d->categories, json_pack("{s:s, s:s, s:s, s:o}", "item", d->r.items[i].code, "name",
							       d->r.items[i].name, "max",
							       rubric_points_format(d->r.items[i].points, b), "mean",
							       json_hundredths(mean)));
		if (doc && n < REPORT_REVIEW_ITEMS_MAX)
			doc->items[n] = (struct report_review_item){ .max_points = (int64_t)d->r.items[i].points * 10,
								     .mean_points = mean };
		n++;
	}
	if (doc)
		doc->rv.nitems = n < REPORT_REVIEW_ITEMS_MAX ? n : REPORT_REVIEW_ITEMS_MAX;
	return 0;
}

static json_t *report_view(const struct report_data *d)
{
	const struct template *t = d->p.tpl;
	json_t *sd = json_object_get(d->detail, "sd");
	json_t *out = json_pack("{s:s, s:{s:I, s:s, s:s, s:s}, s:{s:I, s:s}, s:s, s:s, s:s, s:o, s:I, s:O, s:o, s:o, "
				"s:O, s:O, s:s}",
				"title", family_text(t, "report.title"), "application", "id", (json_int_t)d->a.id,
				"name", d->a.name, "track", d->a.track, "award", t->tracks[d->track].name, "programme",
				"id", (json_int_t)d->p.id, "title", t->title, "stage", d->st->code, "stage_title",
				d->st->title, "rubric", t->tracks[d->track].rubric, "rubric_total", json_tenths(d->r.total),
				"reviewers", (json_int_t)d->nrev, "categories", d->categories, "total_mean",
				json_hundredths(d->mean_total), "score", json_hundredths(d->score), "sd",
				sd ? sd : json_null(), "suggestions", d->suggestions,
				/* the office that signs the report: the template's organiser */
				"signer", t->organiser);
	if (out && d->office)
		json_object_set(out, "opinions", d->opinions);
	return out;
}

static int report_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct report_arg *ra = arg;
	struct report_data d = { .suggestions = json_array(), .opinions = json_array(), .categories = json_array() };
	int rc;

	if (!(rc = report_access(c, ra, &d, err)) && !(rc = report_reviews(c, &d, err)) &&
	    !(rc = report_categories(&d, ra->doc, err))) {
		ra->v.out = report_view(&d);
		if (ra->doc) {
			int64_t sd = 0;
			ra->doc->rv.score = d.score;
			ra->doc->rv.reviewers = (int)d.nrev;
			ra->doc->rv.sd = json_hundredths_parse(json_object_get(d.detail, "sd"), &sd) ? sd : 0;
			snprintf(ra->doc->heading, sizeof(ra->doc->heading), "%s%s", d.st->title,
				 family_text(d.p.tpl, "report.heading"));
		}
	}
	free(d.sums);
	rubric_release(&d.r);
	json_decref(d.detail);
	json_decref(d.suggestions);
	json_decref(d.opinions);
	json_decref(d.categories);
	if (d.p.tpl)
		programme_release(&d.p);
	return rc;
}

int results_report(struct app *app, const struct app_actor *actor, int64_t application_id, const char *stage,
		   json_t **out, struct px_err *err)
{
	struct report_arg ra = { { actor, application_id, stage, app, NULL }, NULL };
	return app_tx_json(app, STORE_TX_READ, report_tx, &ra, &ra.v.out, out, err);
}

int results_report_doc(struct app *app, const struct app_actor *actor, int64_t application_id, const char *stage,
		       struct results_doc *doc, struct px_err *err)
{
	struct report_arg ra = { { actor, application_id, stage, app, NULL }, doc };
	json_t *v, *cats, *sug, *x;
	size_t i;
	int rc;

	memset(doc, 0, sizeof(*doc));
	if ((rc = app_tx_json(app, STORE_TX_READ, report_tx, &ra, &ra.v.out, &doc->view, err)))
		return rc;
	v = doc->view;
	cats = json_object_get(v, "categories");
	sug = json_object_get(v, "suggestions");
	json_array_foreach(cats, i, x)
		if (i < doc->rv.nitems) {
			doc->items[i].code = json_string_value(json_object_get(x, "item"));
			doc->items[i].name = json_string_value(json_object_get(x, "name"));
		}
	doc->nsuggestions = json_array_size(sug) < REPORT_PARAS_MAX ? json_array_size(sug) : REPORT_PARAS_MAX;
	for (i = 0; i < doc->nsuggestions; i++)
		doc->suggestions[i] = json_string_value(json_array_get(sug, i));
	doc->rv.heading = doc->heading;
	doc->rv.programme = json_string_value(json_object_get(json_object_get(v, "programme"), "title"));
	doc->rv.applicant = json_string_value(json_object_get(json_object_get(v, "application"), "name"));
	doc->rv.track = json_string_value(json_object_get(json_object_get(v, "application"), "award"));
	doc->rv.items = doc->items;
	doc->rv.suggestions = doc->suggestions;
	doc->rv.nsuggestions = doc->nsuggestions;
	doc->rv.signer = json_string_value(json_object_get(v, "signer"));
	doc->rv.date = app_today(app);
	return 0;
}

void results_doc_release(struct results_doc *doc)
{
	json_decref(doc->view);
	doc->view = NULL;
}
