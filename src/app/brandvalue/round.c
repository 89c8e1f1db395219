/*
 * round.c - opening a brand value round and reading rounds (brandvalue.h):
 * the office's round with its published method and parameters, the rounds
 * each actor sees, and one round with the applicant's own submission.
 */
#include "app/brandvalue/internal.h"

#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/json.h"
#include "app/scope.h"
#include "app/tx.h"
#include "core/access.h"

#define ROUND_COLS "id, owner_region, title, method, state, first_year, years, opened_on, coalesce(computed_on, 0), params"

static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO bv_round (owner_region, title, first_year, years, method, params, state, opened_on, created_by, "
	"created_at) VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, NULLIF(CAST($8 AS BIGINT), 0), $9) RETURNING id");
static struct store_sql Q_ROUND = STORE_SQL("SELECT " ROUND_COLS " FROM bv_round WHERE id = $1");
static struct store_sql Q_LIST = STORE_SQL(
	"SELECT r.id, r.title, r.first_year, r.years, r.method, r.state, (SELECT count(*) FROM bv_submission s "
	"WHERE s.round_id = r.id), r.owner_region FROM bv_round r WHERE substr(r.owner_region, 1, $1) = $2 "
	"ORDER BY r.id DESC");
static struct store_sql Q_OWN_ORG = STORE_SQL("SELECT region FROM organisation WHERE account_id = $1");
static struct store_sql Q_MINE = STORE_SQL(
	"SELECT s.id FROM bv_submission s JOIN organisation o ON o.id = s.organisation_id "
	"WHERE s.round_id = $1 AND o.account_id = $2");

int brandvalue_round_load(struct store_conn *c, int64_t id, struct bv_round *r, struct px_err *err)
{
	char *params = NULL;
	memset(r, 0, sizeof(*r));
	int rc = store_get(c, &Q_ROUND, err, "i:ibbbbddiis", id, &r->id, r->owner_region, sizeof(r->owner_region),
			   r->title, sizeof(r->title), r->method, sizeof(r->method), r->state, sizeof(r->state),
			   &r->first_year, &r->years, &r->opened_on, &r->computed_on, &params);
	if (rc == STORE_ROW && !(r->params = json_parse_stored(params ? params : "{}")))
		rc = px_err_set(err, PX_EINTERNAL, "bad_record", "params", "round %lld keeps no valid parameters",
				(long long)id);
	free(params);
	return rc;
}

void brandvalue_round_release(struct bv_round *r)
{
	json_decref(r->params);
	r->params = NULL;
}

json_t *brandvalue_round_json(const struct bv_round *r)
{
	json_t *params = json_deep_copy(r->params), *a;
	size_t i;
	char key[48];
	json_array_foreach(json_object_get(params, "assets"), i, a) {
		snprintf(key, sizeof(key), "asset.%s", json_string_value(json_object_get(a, "code")));
		json_object_set_new(a, "name", json_string(brandvalue_text(key)));
	}
	snprintf(key, sizeof(key), "method.%s", r->method);
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:o, s:o, s:o}", "id", (json_int_t)r->id,
			 "region", r->owner_region, "title", r->title, "method", r->method, "method_name",
			 brandvalue_text(key), "standard", brandvalue_text("standard"), "state", r->state, "first_year",
			 r->first_year, "years", r->years, "params", params, "opened_on", json_date((px_date)r->opened_on),
			 "computed_on", r->computed_on ? json_date((px_date)r->computed_on) : json_null());
}

struct open_tx {
	struct app *app;
	const struct app_actor *actor;
	struct bv_round_req *req;
	json_t *out;
};

static int open_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct open_tx *x = arg;
	struct bv_round r;
	int64_t id = 0;
	char *params = json_dump_sorted(x->req->params);
	int rc = params ? 0 : px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	if (!rc)
		rc = store_get(c, &Q_INSERT, err, "ttiittiii:i", x->actor->region, x->req->title, (int64_t)x->req->first_year,
			       (int64_t)x->req->years, x->req->method, params, (int64_t)app_today(x->app),
			       x->actor->kind == ACTOR_ACCOUNT ? x->actor->id : 0, app_now_us(x->app), &id);
	free(params);
	if (rc < 0 || (rc = audit_record(c, x->actor, "brandvalue.open", "bv_round", id,
					 json_pack("{s:s, s:i, s:i}", "method", x->req->method, "first_year",
						   x->req->first_year, "years", x->req->years),
					 err)))
		return rc;
	if ((rc = brandvalue_round_load(c, id, &r, err)) != STORE_ROW)
		return rc < 0 ? rc : px_err_set(err, PX_EINTERNAL, NULL, NULL, "round %lld vanished", (long long)id);
	x->out = brandvalue_round_json(&r);
	brandvalue_round_release(&r);
	return 0;
}

int brandvalue_round_open(struct app *app, const struct app_actor *actor, const json_t *req, json_t **out,
			  struct px_err *err)
{
	struct bv_round_req rq;
	int rc;
	*out = NULL;
	if (!app_actor_is(actor, ROLE_OFFICE) || actor->kind != ACTOR_ACCOUNT)
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "an office opens a brand value round");
	if ((rc = brandvalue_round_check(req, &rq, err)))
		return rc;
	struct open_tx x = { app, actor, &rq, NULL };
	rc = app_tx_json(app, STORE_TX_WRITE, open_tx, &x, &x.out, out, err);
	json_decref(rq.params);
	return rc;
}

struct list_tx {
	const struct app_actor *actor;
	char prefix[8], org_region[8];
	bool staff;
	json_t *out;
};

static int list_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct list_tx *l = arg;
	char key[48];
	(void)err;
	if (!l->staff && !access_region_contains(store_col_text(s, 7), l->org_region))
		return 0;
	snprintf(key, sizeof(key), "state.%s", store_col_text(s, 5));
	json_array_append_new(json_object_get(l->out, "rounds"), json_pack("{s:I, s:s, s:I, s:I, s:s, s:s, s:s, s:I}", "id",
					     (json_int_t)store_col_int(s, 0), "title", store_col_text(s, 1), "first_year",
					     (json_int_t)store_col_int(s, 2), "years", (json_int_t)store_col_int(s, 3),
					     "method", store_col_text(s, 4), "state", store_col_text(s, 5), "state_name",
					     brandvalue_text(key), "submissions", (json_int_t)store_col_int(s, 6)));
	return 0;
}

static int list_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct list_tx *l = arg;
	int rc = 0;
	l->out = json_pack("{s:[]}", "rounds");
	l->org_region[0] = '\0';
	if (!l->staff && (rc = store_get(c, &Q_OWN_ORG, err, "i:b", l->actor->id, l->org_region,
					 sizeof(l->org_region))) < 0)
		return rc;
	if (!l->staff && !l->org_region[0])
		return 0; /* an applicant without its organisation sees no round yet */
	/* staff: the rounds of their region; an applicant: the rounds whose region holds its organisation */
	rc = store_each(c, &Q_LIST, list_row, l, err, "it", (int64_t)strlen(l->prefix), (const char *)l->prefix);
	return rc < 0 ? rc : 0;
}

int brandvalue_round_list(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err)
{
	struct list_tx l = { actor, "", "", false, NULL };
	*out = NULL;
	l.staff = app_scope_prefix(actor, l.prefix);
	if (!l.staff && !(actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_APPLICANT))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the staff and enterprises read brand value rounds");
	return app_tx_json(app, STORE_TX_READ, list_tx, &l, &l.out, out, err);
}

struct get_tx {
	const struct app_actor *actor;
	int64_t id;
	json_t *out;
};

int brandvalue_round_readable(struct store_conn *c, const struct app_actor *actor, const struct bv_round *r,
			  struct px_err *err)
{
	char org_region[8] = "";
	int rc;
	if (actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_APPLICANT) {
		if ((rc = store_get(c, &Q_OWN_ORG, err, "i:b", actor->id, org_region, sizeof(org_region))) < 0)
			return rc;
		if (org_region[0] && access_region_contains(r->owner_region, org_region))
			return 0;
	} else if (app_actor_in_region(actor, r->owner_region, NULL)) {
		return 0;
	}
	return px_err_set(err, PX_ENOTFOUND, NULL, "round", "no brand value round %lld", (long long)r->id);
}

static int get_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct get_tx *g = arg;
	struct bv_round r;
	int64_t mine = 0;
	int rc = brandvalue_round_load(c, g->id, &r, err);
	if (rc < 0)
		return rc;
	if (rc != STORE_ROW)
		return px_err_set(err, PX_ENOTFOUND, NULL, "round", "no brand value round %lld", (long long)g->id);
	if (!(rc = brandvalue_round_readable(c, g->actor, &r, err)))
		g->out = brandvalue_round_json(&r);
	brandvalue_round_release(&r);
	if (rc || g->actor->role != ROLE_APPLICANT)
		return rc;
	if ((rc = store_get(c, &Q_MINE, err, "ii:i", g->id, g->actor->id, &mine)) < 0)
		return rc;
	json_object_set_new(g->out, "mine", mine ? json_integer(mine) : json_null());
	return 0;
}

int brandvalue_round_get(struct app *app, const struct app_actor *actor, int64_t id, json_t **out,
			 struct px_err *err)
{
	struct get_tx g = { actor, id, NULL };
	*out = NULL;
	return app_tx_json(app, STORE_TX_READ, get_tx, &g, &g.out, out, err);
}
