/*
 * compute.c - the office computes a brand value round (brandvalue.h): every
 * submission's value by the round's method (core/brandvalue.h), kept with
 * its year-by-year result and its rank, in one transaction that also
 * closes the round to submissions; the report PDFs are rendered after the
 * commit (report.c). And the ranked results list.
 */
#include "app/brandvalue/internal.h"

#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/json.h"
#include "app/scope.h"
#include "app/tx.h"

static struct store_sql Q_DATA = STORE_SQL("SELECT id, data FROM bv_submission WHERE round_id = $1 ORDER BY id");
static struct store_sql Q_VALUE = STORE_SQL(
	"UPDATE bv_submission SET value = $1, result = $2, rank = $3, report_sha = NULL WHERE id = $4");
static struct store_sql Q_CLOSE = STORE_SQL("UPDATE bv_round SET state = 'computed', computed_on = $1 WHERE id = $2");
static struct store_sql Q_RESULTS = STORE_SQL(
	"SELECT s.id, o.uscc, o.name, s.region, coalesce(s.value, 0), coalesce(s.rank, 0), s.value IS NULL, "
	"s.report_sha IS NOT NULL FROM bv_submission s JOIN organisation o ON o.id = s.organisation_id "
	"WHERE s.round_id = $1 ORDER BY s.rank IS NULL, s.rank, s.id");

struct compute_tx {
	struct app *app;
	const struct app_actor *actor;
	int64_t round_id;
	json_t *subs; /* [{id, data}] then {id, value, result} */
};

/* The round, in the actor's scope (404 otherwise); an office acts. */
static int round_of_office(struct store_conn *c, const struct app_actor *actor, int64_t id, struct bv_round *r,
			   struct px_err *err)
{
	int rc = brandvalue_round_load(c, id, r, err);
	if (rc < 0)
		return rc;
	if (rc != STORE_ROW || !app_actor_in_region(actor, r->owner_region, NULL))
		return px_err_set(err, PX_ENOTFOUND, NULL, "round", "no brand value round %lld", (long long)id);
	return 0;
}

static int collect(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	json_array_append_new(arg, json_pack("{s:I, s:o}", "id", (json_int_t)store_col_int(s, 0), "data",
					     json_parse_stored(store_col_text(s, 1))));
	return 0;
}

/* Compute each collected submission: "value" and "result" set on its object. */
static int compute_all(const struct bv_round *r, json_t *subs, struct px_err *err)
{
	json_t *v;
	size_t i;
	json_array_foreach(subs, i, v) {
		struct bv_input in;
		struct bv_result res;
		int rc;
		brandvalue_input(r, json_object_get(v, "data"), &in);
		if ((rc = bv_compute(&in, &res, err)))
			return rc;
		json_object_set_new(v, "value", json_integer(res.value));
		json_object_set_new(v, "result", brandvalue_result_json(&in, &res));
	}
	return 0;
}

/* Rank by value, highest first; equal values share a rank (1, 2, 2, 4). */
static int store_ranked(struct store_conn *c, json_t *subs, struct px_err *err)
{
	json_t *v, *w;
	size_t i, j;
	int rc = 0;
	json_array_foreach(subs, i, v) {
		json_int_t value = json_integer_value(json_object_get(v, "value")), rank = 1;
		json_array_foreach(subs, j, w)
			rank += json_integer_value(json_object_get(w, "value")) > value;
		char *text = json_dump_sorted(json_object_get(v, "result"));
		if (!text)
			return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		rc = store_run(c, &Q_VALUE, err, "itii", (int64_t)value, text, (int64_t)rank,
			       (int64_t)json_integer_value(json_object_get(v, "id")));
		free(text);
		if (rc)
			break;
	}
	return rc;
}

static int compute_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct compute_tx *x = arg;
	struct bv_round r;
	json_decref(x->subs);
	x->subs = json_array();
	int rc = round_of_office(c, x->actor, x->round_id, &r, err);
	if (!rc && (rc = store_each(c, &Q_DATA, collect, x->subs, err, "i", r.id)) >= 0)
		rc = json_array_size(x->subs) ? 0
					      : px_err_set(err, PX_ECONFLICT, "no_submissions", "round",
							   "round %lld has no submission to compute", (long long)r.id);
	if (!rc && !(rc = compute_all(&r, x->subs, err)) && !(rc = store_ranked(c, x->subs, err)) &&
	    !(rc = store_run(c, &Q_CLOSE, err, "ii", (int64_t)app_today(x->app), r.id)))
		rc = audit_record(c, x->actor, "brandvalue.compute", "bv_round", r.id,
				  json_pack("{s:s, s:I}", "method", r.method, "submissions",
					    (json_int_t)json_array_size(x->subs)),
				  err);
	brandvalue_round_release(&r);
	return rc < 0 ? rc : 0;
}

int brandvalue_compute(struct app *app, const struct app_actor *actor, int64_t round_id, json_t **out,
		       struct px_err *err)
{
	*out = NULL;
	if (!app_actor_is(actor, ROLE_OFFICE))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the office computes brand values");
	struct compute_tx x = { app, actor, round_id, NULL };
	int rc = app_tx(app, STORE_TX_WRITE, compute_tx, &x, err);
	json_decref(x.subs);
	if (rc)
		return rc;
	/* after the commit: the values stand even when a report cannot be drawn now (drawn on download) */
	brandvalue_render_round(app, round_id);
	return brandvalue_results(app, actor, round_id, out, err);
}

struct results_tx {
	const struct app_actor *actor;
	int64_t round_id;
	json_t *out;
};

static int result_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct results_tx *x = arg;
	(void)err;
	if (!app_actor_in_region(x->actor, json_string_value(json_object_get(x->out, "region")), store_col_text(s, 3)))
		return 0;
	bool pending = store_col_int(s, 6) != 0;
	json_array_append_new(json_object_get(x->out, "results"),
			      json_pack("{s:o, s:I, s:s, s:s, s:s, s:o, s:b}", "rank",
					pending ? json_null() : json_integer(store_col_int(s, 5)), "submission",
					(json_int_t)store_col_int(s, 0), "uscc", store_col_text(s, 1), "name",
					store_col_text(s, 2), "region", store_col_text(s, 3), "value",
					pending ? json_null() : json_integer(store_col_int(s, 4)), "report",
					store_col_int(s, 7) != 0));
	return 0;
}

static int results_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct results_tx *x = arg;
	struct bv_round r;
	int rc = round_of_office(c, x->actor, x->round_id, &r, err);
	if (!rc) {
		x->out = json_pack("{s:o, s:s, s:[]}", "round", brandvalue_round_json(&r), "region", r.owner_region,
				   "results");
		rc = store_each(c, &Q_RESULTS, result_row, x, err, "i", r.id);
		json_object_del(x->out, "region");
	}
	brandvalue_round_release(&r);
	return rc < 0 ? rc : 0;
}

int brandvalue_results(struct app *app, const struct app_actor *actor, int64_t round_id, json_t **out,
		       struct px_err *err)
{
	*out = NULL;
	if (!app_scope_prefix(actor, (char[8]){ 0 }))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the staff read the results");
	struct results_tx x = { actor, round_id, NULL };
	return app_tx_json(app, STORE_TX_READ, results_tx, &x, &x.out, out, err);
}
