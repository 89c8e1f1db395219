/*
 * panel.c - the promotion group and the expert panel of the brand ranking:
 * seats, sheets under the blind rule, the review stage's exit check and the
 * panels' scores (see panel.h).
 */
#include "app/ranking/panel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/json.h"
#include "app/programme/application.h"
#include "app/programme/office.h"
#include "app/ranking/section.h"
#include "app/review/review.h"
#include "app/scope.h"
#include "app/tx.h"
#include "core/rubric.h"

static struct store_sql Q_ACCOUNT = STORE_SQL(
	"SELECT a.role, a.region, a.active, u.name, a.display_name FROM account a JOIN unit u ON u.id = a.unit_id "
	"WHERE a.id = $1");
static struct store_sql Q_SHEETS_OF_PANEL = STORE_SQL(
	"SELECT count(*) FROM ranking_score WHERE programme_id = $1 AND panel = $2");
static struct store_sql Q_CLEAR = STORE_SQL("DELETE FROM ranking_panel WHERE programme_id = $1 AND panel = $2");
static struct store_sql Q_SEAT = STORE_SQL(
	"INSERT INTO ranking_panel (programme_id, panel, account_id, unit) VALUES ($1, $2, $3, $4)");
static struct store_sql Q_PANELS = STORE_SQL(
	"SELECT p.panel, p.account_id, p.unit, a.display_name FROM ranking_panel p JOIN account a ON a.id = p.account_id "
	"WHERE p.programme_id = $1 ORDER BY p.panel, p.unit, p.account_id");
static struct store_sql Q_MY_PANEL = STORE_SQL(
	"SELECT panel FROM ranking_panel WHERE programme_id = $1 AND account_id = $2");
static struct store_sql Q_CANDIDATES = STORE_SQL(
	"SELECT a.id, o.name, a.form, a.region, t.track_code FROM ranking_track t "
	"JOIN application a ON a.id = t.application_id JOIN organisation o ON o.id = a.organisation_id "
	"WHERE t.programme_id = $1 AND a.state = 'submitted' ORDER BY a.id, t.position");
static struct store_sql Q_MY_SHEETS = STORE_SQL(
	"SELECT application_id, scores, total FROM ranking_score WHERE programme_id = $1 AND account_id = $2");
static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO ranking_score (programme_id, panel, account_id, application_id, scores, total, submitted_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7)");
static struct store_sql Q_SHEETS_OF = STORE_SQL(
	"SELECT s.panel, s.account_id, p.unit, s.scores, s.total, s.submitted_at FROM ranking_score s "
	"JOIN ranking_panel p ON p.programme_id = s.programme_id AND p.account_id = s.account_id "
	"WHERE s.application_id = $1 ORDER BY s.panel, s.submitted_at, s.account_id");
static struct store_sql Q_MINE_OF = STORE_SQL(
	"SELECT count(*) FROM ranking_score WHERE application_id = $1 AND account_id = $2");
static struct store_sql Q_SEATS = STORE_SQL(
	"SELECT count(*) FROM ranking_panel WHERE programme_id = $1 AND panel = $2");
static struct store_sql Q_MISSING = STORE_SQL(
	"SELECT a.id FROM application a JOIN ranking_panel p ON p.programme_id = a.programme_id "
	"WHERE a.programme_id = $1 AND a.state = 'submitted' AND NOT EXISTS (SELECT 1 FROM ranking_score s "
	"WHERE s.application_id = a.id AND s.account_id = p.account_id) ORDER BY a.id LIMIT 1");
static struct store_sql Q_TOTALS = STORE_SQL(
	"SELECT s.application_id, s.total FROM ranking_score s JOIN application a ON a.id = s.application_id "
	"WHERE s.programme_id = $1 AND s.panel = $2 AND a.state = 'submitted' ORDER BY s.application_id, s.total");

/* ---- seats ---- */

struct seat_arg {
	struct app *app;
	const struct app_actor *actor;
	int64_t programme_id;
	int panel;
	const int64_t *accounts;
	size_t n;
	json_t *out;
};

static int check_seat(struct store_conn *c, const struct programme *p, const struct ranking_panel_cfg *cfg,
		      int64_t id, size_t i, char units[][96], struct px_err *err)
{
	char role[16] = "", region[8] = "", field[40];
	int64_t active = 0;
	int rc = store_get(c, &Q_ACCOUNT, err, "i:bbib-", id, role, sizeof(role), region, sizeof(region), &active,
			   units[i], (size_t)96);

	snprintf(field, sizeof(field), "accounts[%zu]", i);
	if (rc < 0)
		return rc;
	if (rc != STORE_ROW || !active || !access_region_contains(p->region, region))
		return px_err_set(err, PX_EINVAL, "unknown_account", field, "no active account %lld in region %s",
				  (long long)id, p->region);
	if (strcmp(role, cfg->role == ROLE_MEMBER ? "member" : "expert"))
		return px_err_set(err, PX_EINVAL, "wrong_role", field, "account %lld is '%s', the panel takes '%s'",
				  (long long)id, role, cfg->role == ROLE_MEMBER ? "member" : "expert");
	if (!cfg->nunits)
		return 0;
	bool named = false;
	for (int u = 0; u < cfg->nunits; u++)
		named = named || !strcmp(cfg->units[u], units[i]);
	if (!named)
		return px_err_set(err, PX_EINVAL, "unit_not_in_group", field, "'%s' is not a member unit of the group",
				  units[i]);
	for (size_t j = 0; j < i; j++)
		if (!strcmp(units[j], units[i]))
			return px_err_set(err, PX_EINVAL, "unit_twice", field, "'%s' has a seat already", units[i]);
	return 0;
}

static int seat_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct seat_arg *a = arg;
	struct ranking_section sec;
	struct programme p;
	char (*units)[96] = NULL;
	int64_t sheets = 0;
	int rc = programme_load_office(c, a->actor, a->programme_id, &p, err);

	if (rc || (rc = ranking_section_load(c, p.id, &sec, err)))
		goto out;
	const struct ranking_panel_cfg *cfg = &sec.panels[a->panel];
	if ((int)a->n != cfg->size) {
		rc = px_err_set(err, PX_EINVAL, "panel_size", "accounts", "the %s panel has %d seats, got %zu",
				ranking_panel_name(a->panel), cfg->size, a->n);
		goto out;
	}
	if ((rc = store_get(c, &Q_SHEETS_OF_PANEL, err, "it:i", p.id, ranking_panel_name(a->panel), &sheets)) < 0)
		goto out;
	if (sheets) {
		rc = px_err_set(err, PX_ECONFLICT, "panel_scoring_started", "panel",
				"the %s panel has given sheets already", ranking_panel_name(a->panel));
		goto out;
	}
	if (!(units = calloc(a->n + 1, sizeof(*units)))) {
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < a->n; i++)
		if ((rc = check_seat(c, &p, cfg, a->accounts[i], i, units, err)))
			goto out;
	if ((rc = store_run(c, &Q_CLEAR, err, "it", p.id, ranking_panel_name(a->panel))))
		goto out;
	json_t *ids = json_array();
	for (size_t i = 0; i < a->n; i++) {
		json_array_append_new(ids, json_integer(a->accounts[i]));
		if ((rc = store_run(c, &Q_SEAT, err, "itit", p.id, ranking_panel_name(a->panel), a->accounts[i],
				    (const char *)units[i]))) {
			json_decref(ids);
			goto out;
		}
	}
	rc = audit_record(c, a->actor, "ranking.panel", "programme", p.id,
			  json_pack("{s:s, s:o}", "panel", ranking_panel_name(a->panel), "accounts", ids), err);
out:
	free(units);
	programme_release(&p);
	return rc < 0 ? rc : 0;
}

static int panels_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	json_t *panels = arg, *list = json_object_get(panels, store_col_text(s, 0));
	(void)err;
	if (list)
		json_array_append_new(list, json_pack("{s:I, s:s, s:s}", "account", (json_int_t)store_col_int(s, 1),
						      "unit", store_col_text(s, 2), "name", store_col_text(s, 3)));
	return 0;
}

static int panels_of(struct store_conn *c, int64_t programme_id, json_t **out, struct px_err *err)
{
	*out = json_pack("{s:[], s:[]}", "promotion", "expert");
	int rc = store_each(c, &Q_PANELS, panels_row, *out, err, "i", programme_id);
	if (rc < 0) {
		json_decref(*out);
		*out = NULL;
	}
	return rc < 0 ? rc : 0;
}

int ranking_panel_set(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *panel,
		      const int64_t *accounts, size_t n, json_t **out, struct px_err *err)
{
	int which = ranking_panel_parse(panel);
	if (which < 0)
		return px_err_set(err, PX_EINVAL, "unknown_panel", "panel", "no panel '%s' (promotion or expert)",
				  panel ? panel : "");
	struct seat_arg a = { app, actor, programme_id, which, accounts, n, NULL };
	int rc = app_tx(app, STORE_TX_WRITE, seat_tx, &a, err);
	return rc ? rc : ranking_panels_json(app, actor, programme_id, out, err);
}

struct view_arg {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	json_t *out;
};

static int panels_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct view_arg *a = arg;
	struct programme p;
	int rc = programme_load(c, a->id, &p, err);
	if (rc)
		goto out;
	if (!programme_is_office(&p, a->actor) && !programme_is_leader(&p, a->actor)) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "programme", "no programme %lld", (long long)a->id);
		goto out;
	}
	rc = panels_of(c, p.id, &a->out, err);
out:
	programme_release(&p);
	return rc;
}

int ranking_panels_json(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
			struct px_err *err)
{
	struct view_arg a = { app, actor, programme_id, NULL };
	return app_tx_json(app, STORE_TX_READ, panels_tx, &a, &a.out, out, err);
}

/* ---- sheets ---- */

/* The actor's panel in the programme, or PX_EFORBIDDEN "not_on_panel". */
static int my_panel(struct store_conn *c, const struct app_actor *actor, int64_t programme_id, char panel[16],
		    struct px_err *err)
{
	int rc = actor->kind != ACTOR_ACCOUNT ? STORE_DONE :
		store_get(c, &Q_MY_PANEL, err, "ii:b", programme_id, actor->id, panel, (size_t)16);
	if (rc < 0)
		return rc;
	if (rc != STORE_ROW)
		return px_err_set(err, PX_EFORBIDDEN, "not_on_panel", "programme",
				  "you have no seat on a panel of programme %lld", (long long)programme_id);
	return 0;
}

static int candidate_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	json_t *arr = arg, *last = json_array_get(arr, json_array_size(arr) - 1);
	(void)err;
	if (!last || json_integer_value(json_object_get(last, "id")) != store_col_int(s, 0)) {
		json_t *form = json_parse_stored(store_col_text(s, 2));
		last = json_pack("{s:I, s:s, s:O, s:O, s:s, s:[], s:n}", "id", (json_int_t)store_col_int(s, 0), "name",
				 store_col_text(s, 1), "brand", json_object_get(form, "brand") ?: json_null(),
				 "description", json_object_get(form, "description") ?: json_null(), "region",
				 store_col_text(s, 3), "tracks", "sheet");
		json_decref(form);
		json_array_append_new(arr, last);
	}
	json_array_append_new(json_object_get(last, "tracks"), json_string(store_col_text(s, 4)));
	return 0;
}

static int my_sheet_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	json_t *arr = arg, *c;
	size_t i;
	(void)err;
	json_array_foreach(arr, i, c)
		if (json_integer_value(json_object_get(c, "id")) == store_col_int(s, 0))
			json_object_set_new(c, "sheet", json_pack("{s:o, s:o}", "scores",
								  json_parse_stored(store_col_text(s, 1)), "total",
								  json_tenths(store_col_int(s, 2))));
	return 0;
}

static int sheet_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct view_arg *a = arg;
	struct programme p;
	struct rubric r = { 0 };
	char panel[16];
	int rc = programme_load(c, a->id, &p, err);

	if (rc || (rc = my_panel(c, a->actor, p.id, panel, err)) ||
	    (rc = programme_rubric_load(a->app, &p.tpl->tracks[0], &r, err)))
		goto out;
	json_t *cands = json_array();
	if ((rc = store_each(c, &Q_CANDIDATES, candidate_row, cands, err, "i", p.id)) < 0 ||
	    (rc = store_each(c, &Q_MY_SHEETS, my_sheet_row, cands, err, "ii", p.id, a->actor->id)) < 0) {
		json_decref(cands);
		goto out;
	}
	a->out = json_pack("{s:I, s:s, s:o, s:o}", "programme", (json_int_t)p.id, "panel", panel, "rubric",
			   review_rubric_json(p.tpl->tracks[0].rubric, &r), "candidates", cands);
out:
	rubric_release(&r);
	programme_release(&p);
	return rc < 0 ? rc : 0;
}

int ranking_sheet_mine(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
		       struct px_err *err)
{
	struct view_arg a = { app, actor, programme_id, NULL };
	return app_tx_json(app, STORE_TX_READ, sheet_tx, &a, &a.out, out, err);
}

struct score_arg {
	struct app *app;
	const struct app_actor *actor;
	int64_t programme_id, application_id;
	json_t *scores;
	json_t *out;
};

static int score_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct score_arg *a = arg;
	struct programme p;
	struct application ap;
	struct rubric r = { 0 };
	json_t *stored = NULL;
	char panel[16];
	int32_t total = 0;
	int rc = programme_load(c, a->programme_id, &p, err);

	if (rc || (rc = my_panel(c, a->actor, p.id, panel, err)) ||
	    (rc = programme_require_kind(&p, TPL_STAGE_REVIEW, NULL, err)))
		goto out;
	rc = application_load(c, a->application_id, &ap, err);
	if (rc == PX_ENOTFOUND || (!rc && (ap.programme_id != p.id || strcmp(ap.state, "submitted"))))
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "application", "no candidate %lld in this programme",
				(long long)a->application_id);
	int t = rc ? -1 : template_track_index(p.tpl, ap.track);
	if (rc || (rc = programme_rubric_load(a->app, &p.tpl->tracks[t < 0 ? 0 : t], &r, err)) ||
	    (rc = review_sheet_check(&r, a->scores, &stored, &total, err)))
		goto out;
	char *text = json_dumps(stored, JSON_COMPACT | JSON_SORT_KEYS);
	rc = text ? store_run(c, &Q_INSERT, err, "itiitii", p.id, (const char *)panel, a->actor->id, ap.id,
			      (const char *)text, (int64_t)total, app_now_us(a->app))
		  : px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	free(text);
	if (rc == PX_ECONFLICT)
		rc = px_err_set(err, PX_ECONFLICT, "score_exists", "application",
				"your sheet of application %lld is given already", (long long)ap.id);
	if (rc || (rc = audit_record(c, a->actor, "ranking.score", "application", ap.id,
				     json_pack("{s:I, s:s, s:o}", "programme", (json_int_t)p.id, "panel", panel,
					       "total", json_tenths(total)),
				     err)))
		goto out;
	a->out = json_pack("{s:I, s:s, s:O, s:o}", "application", (json_int_t)ap.id, "panel", panel, "scores",
			   stored, "total", json_tenths(total));
out:
	json_decref(stored);
	rubric_release(&r);
	programme_release(&p);
	return rc < 0 ? rc : 0;
}

int ranking_score_submit(struct app *app, const struct app_actor *actor, int64_t programme_id,
			 int64_t application_id, json_t *scores, json_t **out, struct px_err *err)
{
	if (!json_is_object(scores))
		return px_err_set(err, PX_EINVAL, "missing_field", "scores", "'scores' is an object {criterion: points}");
	struct score_arg a = { app, actor, programme_id, application_id, scores, NULL };
	return app_tx_json(app, STORE_TX_WRITE, score_tx, &a, &a.out, out, err);
}

struct sheets_arg {
	json_t *arr;
	bool office;
	const char *panel; /* a member sees this panel's only */
};

static int sheets_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct sheets_arg *a = arg;
	(void)err;
	if (!a->office && strcmp(a->panel, store_col_text(s, 0)))
		return 0;
	json_t *o = json_pack("{s:s, s:o, s:o}", "panel", store_col_text(s, 0), "scores",
			      json_parse_stored(store_col_text(s, 3)), "total", json_tenths(store_col_int(s, 4)));
	if (a->office) {
		json_object_set_new(o, "account", json_integer(store_col_int(s, 1)));
		json_object_set_new(o, "unit", json_string(store_col_text(s, 2)));
	}
	json_array_append_new(a->arr, o);
	return 0;
}

static int scores_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct view_arg *a = arg;
	struct application ap;
	struct programme p = { 0 };
	char panel[16] = "";
	int64_t mine = 0;
	int rc = application_load(c, a->id, &ap, err);
	if (rc || (rc = programme_load(c, ap.programme_id, &p, err)))
		goto out;
	bool office = programme_is_office(&p, a->actor);
	if (!office && my_panel(c, a->actor, p.id, panel, NULL)) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "application", "no application %lld", (long long)a->id);
		goto out;
	}
	if (!office && (rc = store_get(c, &Q_MINE_OF, err, "ii:i", ap.id, a->actor->id, &mine)) < 0)
		goto out;
	if (!office && !mine) {
		rc = px_err_set(err, PX_EFORBIDDEN, "review_first", "application",
				"give your own sheet of application %lld first", (long long)ap.id);
		goto out;
	}
	struct sheets_arg s = { json_array(), office, panel };
	if ((rc = store_each(c, &Q_SHEETS_OF, sheets_row, &s, err, "i", ap.id)) < 0) {
		json_decref(s.arr);
		goto out;
	}
	a->out = json_pack("{s:I, s:o}", "application", (json_int_t)ap.id, "sheets", s.arr);
out:
	programme_release(&p);
	return rc < 0 ? rc : 0;
}

int ranking_scores_json(struct app *app, const struct app_actor *actor, int64_t application_id, json_t **out,
			struct px_err *err)
{
	struct view_arg a = { app, actor, application_id, NULL };
	return app_tx_json(app, STORE_TX_READ, scores_tx, &a, &a.out, out, err);
}

/* ---- the review stage's end, the panels' scores ---- */

int ranking_scores_complete(struct app *app, struct store_conn *c, const struct programme *p,
			    const struct tpl_stage *s, struct px_err *err)
{
	struct ranking_section sec;
	int64_t seats = 0, missing = 0;
	char field[32];
	int rc;

	(void)app;
	(void)s;
	if ((rc = ranking_section_load(c, p->id, &sec, err)))
		return rc;
	for (int k = 0; k < RANKING_NPANELS; k++) {
		if ((rc = store_get(c, &Q_SEATS, err, "it:i", p->id, ranking_panel_name(k), &seats)) < 0)
			return rc;
		snprintf(field, sizeof(field), "panels.%s", ranking_panel_name(k));
		if (seats != sec.panels[k].size)
			return px_err_set(err, PX_ECONFLICT, "panel_incomplete", field, "the %s panel has %lld of %d seats",
					  ranking_panel_name(k), (long long)seats, sec.panels[k].size);
	}
	if ((rc = store_get(c, &Q_MISSING, err, "i:i", p->id, &missing)) < 0)
		return rc;
	if (rc == STORE_ROW) {
		snprintf(field, sizeof(field), "A%lld", (long long)missing);
		return px_err_set(err, PX_ECONFLICT, "scores_missing", field,
				  "application %lld still lacks sheets of panel members", (long long)missing);
	}
	return 0;
}

struct totals {
	int64_t *ids, *scores;
	size_t n, cap;
	int32_t *buf; /* one application's totals */
	size_t nbuf, capbuf;
	int64_t current;
	enum score_method method;
	int64_t full; /* the rubric total in hundredths */
};

static int flush(struct totals *t, struct px_err *err)
{
	int64_t v = 0;
	int rc;
	if (!t->nbuf)
		return 0;
	if ((rc = score_aggregate(t->method, 0, t->buf, t->nbuf, &v, err)) ||
	    (rc = score_rescale(v, t->full, COMPOSITE_FULL, &v, err)))
		return rc;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		int64_t *ids = realloc(t->ids, cap * sizeof(*ids)), *sc = ids ? realloc(t->scores, cap * sizeof(*sc)) : NULL;
		if (ids)
			t->ids = ids;
		if (sc)
			t->scores = sc;
		if (!ids || !sc)
			return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		t->cap = cap;
	}
	t->ids[t->n] = t->current;
	t->scores[t->n++] = v;
	t->nbuf = 0;
	return 0;
}

static int totals_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct totals *t = arg;
	int64_t id = store_col_int(s, 0);
	int rc;
	if (id != t->current && (rc = flush(t, err)))
		return rc;
	t->current = id;
	if (t->nbuf == SCORE_MAX_PANEL)
		return px_err_set(err, PX_ETOOBIG, "score_too_many_reviews", "panel", "more than %d sheets",
				  SCORE_MAX_PANEL);
	t->buf[t->nbuf++] = (int32_t)store_col_int(s, 1);
	return 0;
}

int ranking_panel_scores(struct store_conn *c, const struct programme *p, int panel, int64_t **ids,
			 int64_t **scores, size_t *n, struct px_err *err)
{
	struct ranking_section sec;
	int32_t buf[SCORE_MAX_PANEL];
	struct totals t = { .buf = buf, .capbuf = SCORE_MAX_PANEL,
			    .full = (int64_t)p->tpl->tracks[0].rubric_total * SCORE_SCALE };
	int rc = ranking_section_load(c, p->id, &sec, err);

	t.method = sec.method;
	if (!rc && (rc = store_each(c, &Q_TOTALS, totals_row, &t, err, "it", p->id, ranking_panel_name(panel))) >= 0)
		rc = flush(&t, err);
	if (rc < 0) {
		free(t.ids);
		free(t.scores);
		return rc;
	}
	*ids = t.ids;
	*scores = t.scores;
	*n = t.n;
	return 0;
}
