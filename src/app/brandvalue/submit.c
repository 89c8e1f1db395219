/*
 * submit.c - an enterprise's data for a brand value round (brandvalue.h):
 * checked against the round's published parameters and kept (replacing
 * what it submitted before) while the round is open; and one submission
 * read back with its result once computed.
 */
#include "app/brandvalue/internal.h"

#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/json.h"
#include "app/scope.h"
#include "app/tx.h"

static struct store_sql Q_OWN_ORG = STORE_SQL("SELECT id, region FROM organisation WHERE account_id = $1");
static struct store_sql Q_UPSERT = STORE_SQL(
	"INSERT INTO bv_submission (round_id, organisation_id, region, data, submitted_at) VALUES ($1, $2, $3, $4, $5) "
	"ON CONFLICT (round_id, organisation_id) DO UPDATE SET data = $4, region = $3, submitted_at = $5, "
	"value = NULL, result = NULL, rank = NULL, report_sha = NULL RETURNING id");
static struct store_sql Q_GET = STORE_SQL(
	"SELECT s.id, s.round_id, o.uscc, o.name, s.region, s.data, s.submitted_at, coalesce(s.value, 0), "
	"coalesce(s.rank, 0), coalesce(s.result, ''), coalesce(s.report_sha, ''), coalesce(o.account_id, 0), "
	"s.value IS NULL FROM bv_submission s JOIN organisation o ON o.id = s.organisation_id WHERE s.id = $1");

struct submit_tx {
	struct app *app;
	const struct app_actor *actor;
	int64_t round_id;
	const json_t *req;
	json_t *out;
};

static int submit_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct submit_tx *x = arg;
	struct bv_round r;
	char region[8] = "", *text = NULL;
	int64_t org = 0, id = 0;
	json_t *data = NULL;
	int rc = brandvalue_round_load(c, x->round_id, &r, err);
	if (rc >= 0 && rc != STORE_ROW)
		return px_err_set(err, PX_ENOTFOUND, NULL, "round", "no brand value round %lld", (long long)x->round_id);
	if (rc < 0 || (rc = store_get(c, &Q_OWN_ORG, err, "i:ib", x->actor->id, &org, region, sizeof(region))) < 0)
		goto out;
	if (!org)
		rc = px_err_set(err, PX_EINVAL, "no_organisation", "organisation",
				"register the organisation before submitting its data");
	else if (!(rc = brandvalue_round_readable(c, x->actor, &r, err)) && strcmp(r.state, "open"))
		rc = px_err_set(err, PX_ECONFLICT, "round_computed", "round", "round %lld is computed: no more data",
				(long long)r.id);
	if (rc || (rc = brandvalue_data_check(&r, x->req, &data, err)))
		goto out;
	if (!(text = json_dump_sorted(data)))
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	else if ((rc = store_get(c, &Q_UPSERT, err, "iitti:i", r.id, org, (const char *)region, text,
				 app_now_us(x->app), &id)) >= 0)
		rc = audit_record(c, x->actor, "brandvalue.submit", "bv_submission", id,
				  json_pack("{s:I, s:I}", "round", (json_int_t)r.id, "organisation", (json_int_t)org), err);
	if (!rc)
		x->out = json_pack("{s:I}", "id", (json_int_t)id);
out:
	free(text);
	json_decref(data);
	brandvalue_round_release(&r);
	return rc < 0 ? rc : 0;
}

int brandvalue_submit(struct app *app, const struct app_actor *actor, int64_t round_id, const json_t *req,
		      json_t **out, struct px_err *err)
{
	json_t *ref = NULL;
	*out = NULL;
	if (actor->kind != ACTOR_ACCOUNT || actor->role != ROLE_APPLICANT)
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "an enterprise submits its own data");
	struct submit_tx x = { app, actor, round_id, req, NULL };
	int rc = app_tx_json(app, STORE_TX_WRITE, submit_tx, &x, &x.out, &ref, err);
	if (!rc)
		rc = brandvalue_submission_get(app, actor, json_integer_value(json_object_get(ref, "id")), out, err);
	json_decref(ref);
	return rc;
}

struct get_tx {
	const struct app_actor *actor;
	int64_t id;
	json_t *out;
};

static int get_row(struct store_stmt *s, struct get_tx *g)
{
	const char *result = store_col_text(s, 9);
	bool pending = store_col_int(s, 12) != 0;
	g->out = json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:I, s:o, s:o, s:o, s:b}", "id", (json_int_t)store_col_int(s, 0),
			   "round", (json_int_t)store_col_int(s, 1), "uscc", store_col_text(s, 2), "name",
			   store_col_text(s, 3), "region", store_col_text(s, 4), "data",
			   json_parse_stored(store_col_text(s, 5)), "submitted_at", (json_int_t)store_col_int(s, 6), "value",
			   pending ? json_null() : json_integer(store_col_int(s, 7)), "rank",
			   pending ? json_null() : json_integer(store_col_int(s, 8)), "result",
			   *result ? json_parse_stored(result) : json_null(), "report", *store_col_text(s, 10) != '\0');
	return g->out ? 0 : PX_ENOMEM;
}

static int get_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct get_tx *g = arg;
	struct store_stmt *s;
	struct bv_round r = { 0 };
	int rc = store_prepare(c, &Q_GET, &s, err);
	int64_t round = 0, account = 0;
	char local[8] = "";
	if (rc)
		return rc;
	store_bind_int(s, 1, g->id);
	if ((rc = store_step(s, err)) == STORE_ROW) {
		round = store_col_int(s, 1);
		account = store_col_int(s, 11);
		snprintf(local, sizeof(local), "%s", store_col_text(s, 4));
		rc = get_row(s, g);
	}
	store_reset(s);
	if (rc < 0)
		return rc;
	bool own = g->actor->kind == ACTOR_ACCOUNT && g->actor->role == ROLE_APPLICANT && account == g->actor->id;
	if (g->out && !own && (rc = brandvalue_round_load(c, round, &r, err)) == STORE_ROW &&
	    app_actor_in_region(g->actor, r.owner_region, local))
		own = true;
	brandvalue_round_release(&r);
	if (rc < 0)
		return rc;
	if (!g->out || !own)
		return px_err_set(err, PX_ENOTFOUND, NULL, "submission", "no brand value submission %lld", (long long)g->id);
	return 0;
}

int brandvalue_submission_get(struct app *app, const struct app_actor *actor, int64_t id, json_t **out,
			      struct px_err *err)
{
	struct get_tx g = { actor, id, NULL };
	*out = NULL;
	return app_tx_json(app, STORE_TX_READ, get_tx, &g, &g.out, out, err);
}
