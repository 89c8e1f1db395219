/*
 * models.c - choosing and promoting the ten quality-management models
 * (models.h). Candidates are read from the certificates of pingxuan's
 * programmes and from the honours register's quality awards, inside the
 * office's region; a choice outside them is refused.
 */
#include "app/models/models.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/input.h"
#include "app/scope.h"
#include "app/tx.h"
#include "core/access.h"
#include "core/ident.h"

/* $1 prefix length, $2 prefix: (uscc, name, source, what, region) */
static struct store_sql Q_CANDIDATES = STORE_SQL(
	"SELECT o.uscc, o.name, 'certificate', g.title || ' ' || c.no, o.region FROM certificate c "
	"JOIN application a ON a.id = c.application_id JOIN organisation o ON o.id = a.organisation_id "
	"JOIN programme g ON g.id = c.programme_id WHERE substr(o.region, 1, $1) = $2 "
	"UNION ALL SELECT uscc, org_name, 'honour', CAST(year AS TEXT) || ' ' || title, region FROM honour "
	"WHERE kind IN ('china_quality_award', 'china_quality_award_nomination', 'governor_quality_award', "
	"'mayor_quality_award') AND substr(region, 1, $1) = $2 ORDER BY 1, 3, 4");
static struct store_sql Q_COUNT = STORE_SQL("SELECT count(*) FROM qm_model WHERE owner_region = $1");
static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO qm_model (owner_region, uscc, org_name, region, model_name, summary, source, created_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id");
static struct store_sql Q_OWNER = STORE_SQL("SELECT owner_region FROM qm_model WHERE id = $1");
static struct store_sql Q_PROMOTE = STORE_SQL(
	"INSERT INTO qm_promotion (model_id, kind, on_date, place, reach, note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)");
static struct store_sql Q_SHOWCASE = STORE_SQL(
	"SELECT id, owner_region, uscc, org_name, model_name, summary, source FROM qm_model "
	"WHERE substr(owner_region, 1, $1) = $2 ORDER BY id");
static struct store_sql Q_PROMOTIONS = STORE_SQL(
	"SELECT model_id, kind, on_date, place, reach, note FROM qm_promotion ORDER BY on_date, id");

static const char *const kinds[] = { "lecture_tour", "news", "column", "publication", NULL };

struct walk {
	json_t *rows;
	const char *uscc; /* when set: find this one */
	char found_name[200], found_source[300], found_region[8];
};

static int candidate_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct walk *w = arg;
	(void)err;
	if (w->uscc) {
		if (strcmp(store_col_text(s, 0), w->uscc))
			return 0;
		snprintf(w->found_name, sizeof(w->found_name), "%s", store_col_text(s, 1));
		snprintf(w->found_source, sizeof(w->found_source), "%s: %s", store_col_text(s, 2), store_col_text(s, 3));
		snprintf(w->found_region, sizeof(w->found_region), "%s", store_col_text(s, 4));
		return 1; /* found */
	}
	json_array_append_new(w->rows, json_pack("{s:s, s:s, s:s, s:s}", "uscc", store_col_text(s, 0), "name",
						 store_col_text(s, 1), "source", store_col_text(s, 2), "what",
						 store_col_text(s, 3)));
	return 0;
}

struct cand_tx {
	char prefix[8];
	json_t *out;
};

static int cand_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct cand_tx *x = arg;
	struct walk w = { json_array(), NULL, "", "", "" };
	x->out = json_pack("{s:o}", "candidates", w.rows);
	int rc = store_each(c, &Q_CANDIDATES, candidate_row, &w, err, "it", (int64_t)strlen(x->prefix), (const char *)x->prefix);
	return rc < 0 ? rc : 0;
}

int models_candidates(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err)
{
	struct cand_tx x = { "", NULL };
	*out = NULL;
	if (!app_actor_is(actor, ROLE_OFFICE) || !app_scope_prefix(actor, x.prefix))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the office chooses the models");
	return app_tx_json(app, STORE_TX_READ, cand_tx, &x, &x.out, out, err);
}

struct choose_tx {
	struct app *app;
	const struct app_actor *actor;
	const char *uscc, *model, *summary;
	char prefix[8];
	int64_t id;
};

static int choose_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct choose_tx *x = arg;
	struct walk w = { NULL, x->uscc, "", "", "" };
	int64_t n = 0;
	int rc = store_each(c, &Q_CANDIDATES, candidate_row, &w, err, "it", (int64_t)strlen(x->prefix), (const char *)x->prefix);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return px_err_set(err, PX_EINVAL, "not_candidate", "uscc",
				  "'%s' is neither a winner nor a quality-award holder of your region", x->uscc);
	if ((rc = store_get(c, &Q_COUNT, err, "t:i", x->actor->region, &n)) < 0)
		return rc;
	if (n >= MODELS_MAX)
		return px_err_set(err, PX_ECONFLICT, "models_full", "uscc", "ten models are chosen already");
	if ((rc = store_get(c, &Q_INSERT, err, "ttttttti:i", x->actor->region, x->uscc, (const char *)w.found_name,
			    (const char *)w.found_region, x->model, x->summary, (const char *)w.found_source, app_now_us(x->app),
			    &x->id)) < 0)
		return rc;
	if (rc != STORE_ROW)
		return px_err_set(err, PX_ECONFLICT, "already_chosen", "uscc", "this enterprise is a model already");
	return audit_record(c, x->actor, "model.choose", "qm_model", x->id,
			    json_pack("{s:s, s:s, s:s}", "uscc", x->uscc, "model", x->model, "source", w.found_source), err);
}

int models_choose(struct app *app, const struct app_actor *actor, json_t *req, int64_t *id, struct px_err *err)
{
	struct choose_tx x = { app, actor, json_string_value(json_object_get(req, "uscc")),
			       json_string_value(json_object_get(req, "model_name")),
			       json_string_value(json_object_get(req, "summary")), "", 0 };
	int rc;
	*id = 0;
	if (!app_actor_is(actor, ROLE_OFFICE) || !app_scope_prefix(actor, x.prefix))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the office chooses the models");
	if (!x.uscc || !ident_uscc_check(x.uscc, strlen(x.uscc), NULL, err))
		return x.uscc ? PX_EINVAL : px_err_set(err, PX_EINVAL, "missing_field", "uscc", "'uscc' is required");
	if ((rc = input_line(x.model, 100, "model_name", err)) || (rc = input_textarea(x.summary, 8000, "summary", err)))
		return rc;
	if ((rc = app_tx(app, STORE_TX_WRITE, choose_tx, &x, err)))
		return rc;
	*id = x.id;
	return 0;
}

struct promote_tx {
	struct app *app;
	const struct app_actor *actor;
	int64_t id, reach;
	const char *kind, *place, *note;
	px_date on;
};

static int promote_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct promote_tx *x = arg;
	char owner[8] = "";
	int rc = store_get(c, &Q_OWNER, err, "i:b", x->id, owner, sizeof(owner));
	if (rc < 0)
		return rc;
	if (rc != STORE_ROW || !app_actor_in_region(x->actor, owner, NULL))
		return px_err_set(err, PX_ENOTFOUND, NULL, "id", "no model %lld", (long long)x->id);
	if ((rc = store_run(c, &Q_PROMOTE, err, "itititi", x->id, x->kind, (int64_t)x->on, x->place, x->reach, x->note,
			    app_now_us(x->app))))
		return rc;
	return audit_record(c, x->actor, "model.promote", "qm_model", x->id,
			    json_pack("{s:s, s:s, s:I}", "kind", x->kind, "place", x->place, "reach", (json_int_t)x->reach), err);
}

int models_promote(struct app *app, const struct app_actor *actor, int64_t id, json_t *req, struct px_err *err)
{
	struct promote_tx x = { app, actor, id, json_integer_value(json_object_get(req, "reach")),
				json_string_value(json_object_get(req, "kind")), json_string_value(json_object_get(req, "place")),
				json_string_value(json_object_get(req, "note")), 0 };
	bool known = false;
	int rc;
	if (!app_actor_is(actor, ROLE_OFFICE))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the office records promotions");
	for (int i = 0; x.kind && kinds[i]; i++)
		known |= !strcmp(kinds[i], x.kind);
	if (!known)
		return px_err_set(err, PX_EINVAL, "invalid_kind", "kind", "lecture_tour, news, column or publication");
	if (!x.note)
		x.note = "";
	if ((rc = input_past_date(json_string_value(json_object_get(req, "date")), "date", app_today(app), &x.on, err)) ||
	    (rc = input_line(x.place, 200, "place", err)))
		return rc;
	if (x.reach < 0 || x.reach > 1000000000)
		return px_err_set(err, PX_EINVAL, "out_of_range", "reach", "an audience of 0 to 10^9");
	return app_tx(app, STORE_TX_WRITE, promote_tx, &x, err);
}

static int model_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	json_t *by = arg;
	char id[24];
	snprintf(id, sizeof(id), "%lld", (long long)store_col_int(s, 0));
	json_object_set_new(by, id, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:[]}", "id",
					      (json_int_t)store_col_int(s, 0), "region", store_col_text(s, 1), "uscc",
					      store_col_text(s, 2), "name", store_col_text(s, 3), "model_name",
					      store_col_text(s, 4), "summary", store_col_text(s, 5), "source",
					      store_col_text(s, 6), "promotions"));
	return 0;
}

static int promotion_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	char id[24], day[11];
	(void)err;
	snprintf(id, sizeof(id), "%lld", (long long)store_col_int(s, 0));
	json_t *m = json_object_get(arg, id);
	if (!m)
		return 0;
	date_format((px_date)store_col_int(s, 2), day);
	json_array_append_new(json_object_get(m, "promotions"),
			      json_pack("{s:s, s:s, s:s, s:I, s:s}", "kind", store_col_text(s, 1), "date", day, "place",
					store_col_text(s, 3), "reach", (json_int_t)store_col_int(s, 4), "note",
					store_col_text(s, 5)));
	return 0;
}

struct show_tx {
	char prefix[8];
	json_t *out;
};

static int show_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct show_tx *x = arg;
	json_t *by = json_object(), *list = json_array(), *v;
	const char *k;
	int rc = store_each(c, &Q_SHOWCASE, model_row, by, err, "it", (int64_t)strlen(x->prefix), (const char *)x->prefix);
	if (rc >= 0)
		rc = store_each(c, &Q_PROMOTIONS, promotion_row, by, err, "");
	json_object_foreach(by, k, v)
		json_array_append(list, v);
	json_decref(by);
	x->out = json_pack("{s:i, s:o}", "target", MODELS_MAX, "models", list);
	return rc < 0 ? rc : 0;
}

int models_showcase(struct app *app, const char *region, json_t **out, struct px_err *err)
{
	struct show_tx x = { "", NULL };
	*out = NULL;
	if (region && *region) {
		if (!access_region_valid(region))
			return px_err_set(err, PX_EINVAL, "unknown_region", "region", "a region is six digits");
		struct app_actor as = app_actor_office_of(region);
		app_scope_prefix(&as, x.prefix);
	}
	return app_tx_json(app, STORE_TX_READ, show_tx, &x, &x.out, out, err);
}
