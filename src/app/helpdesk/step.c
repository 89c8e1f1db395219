/*
 * step.c - the provider's steps on a problem routed to it (first response,
 * one-to-one diagnosis visits, resolution) and the office's re-routing
 * (helpdesk.h). Each step is one transaction, audited; a step out of order
 * is refused with the state it needs.
 */
#include "app/helpdesk/internal.h"

#include <string.h>

#include "app/audit.h"
#include "app/input.h"
#include "app/scope.h"
#include "app/tx.h"
#include "core/helpdesk.h"

static struct store_sql Q_STATE = STORE_SQL(
	"SELECT p.state, coalesce(p.provider_id, 0), p.owner_region, p.reopened FROM hd_problem p WHERE p.id = $1");
static struct store_sql Q_RESPOND = STORE_SQL(
	"UPDATE hd_problem SET state = 'responded', responded_on = $1 WHERE id = $2");
static struct store_sql Q_VISIT = STORE_SQL(
	"INSERT INTO hd_visit (problem_id, visited_on, findings, advice, account_id, created_at) "
	"VALUES ($1, $2, $3, $4, $5, $6)");
static struct store_sql Q_RESOLVE = STORE_SQL(
	"UPDATE hd_problem SET state = 'resolved', resolved_on = $1, resolution = $2, resolved_by = $3, "
	"reopen_by = $4, rate_hash = $5, responded_on = coalesce(responded_on, $1) WHERE id = $6");
static struct store_sql Q_PROVIDER = STORE_SQL("SELECT owner_region FROM hd_provider WHERE id = $1 AND active = 1");
static struct store_sql Q_ASSIGN = STORE_SQL(
	"UPDATE hd_problem SET provider_id = $1, state = CASE WHEN state = 'unassigned' THEN 'assigned' ELSE state END "
	"WHERE id = $2");

struct step_tx {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	const struct helpdesk_step *st;
	px_date visited;
	json_t *out;
};

struct problem_state {
	char state[16], region[8];
	int64_t provider, reopened;
};

/* The problem as the provider acting on it sees it: 404 unless it is routed to the actor's provider. */
static int load_for_provider(struct store_conn *c, const struct app_actor *actor, int64_t id,
			     struct problem_state *p, struct px_err *err)
{
	int64_t own = 0;
	int rc = store_get(c, &Q_STATE, err, "i:bibi", id, p->state, sizeof(p->state), &p->provider, p->region,
			   sizeof(p->region), &p->reopened);
	if (rc < 0)
		return rc;
	bool found = rc == STORE_ROW;
	if (found && (rc = helpdesk_provider_of(c, actor->id, &own, err)))
		return rc;
	if (!found || !own || own != p->provider)
		return px_err_set(err, PX_ENOTFOUND, NULL, "id", "no problem %lld routed to you", (long long)id);
	return 0;
}

static int resolve(struct step_tx *x, struct store_conn *c, const struct problem_state *p, struct px_err *err)
{
	px_date today = app_today(x->app), reopen_by;
	char token[SECRET_HASH_HEX + 1], hash[SECRET_HASH_HEX + 1];
	int rc;
	if ((rc = helpdesk_due(x->app->cal, today, HELPDESK_REOPEN_WORKDAYS, &reopen_by, err)) ||
	    (rc = helpdesk_rate_token(c, x->id, p->reopened, token, hash, err)))
		return rc;
	return store_run(c, &Q_RESOLVE, err, "itiiti", (int64_t)today, x->st->text, x->actor->id, (int64_t)reopen_by,
			 (const char *)hash, x->id);
}

static int step_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct step_tx *x = arg;
	const char *what = x->st->what;
	struct problem_state p;
	int rc = load_for_provider(c, x->actor, x->id, &p, err);
	if (rc)
		return rc;
	bool open = !strcmp(p.state, "assigned") || !strcmp(p.state, "responded");
	if (!open)
		return px_err_set(err, PX_ECONFLICT, "wrong_state", "state", "the problem is %s", p.state);
	if (!strcmp(what, "respond")) {
		if (strcmp(p.state, "assigned"))
			return px_err_set(err, PX_ECONFLICT, "wrong_state", "state", "answered already");
		rc = store_run(c, &Q_RESPOND, err, "ii", (int64_t)app_today(x->app), x->id);
	} else if (!strcmp(what, "visit")) {
		rc = store_run(c, &Q_VISIT, err, "iittii", x->id, (int64_t)x->visited, x->st->text, x->st->advice,
			       x->actor->id, app_now_us(x->app));
	} else {
		rc = resolve(x, c, &p, err);
	}
	char action[32];
	snprintf(action, sizeof(action), "helpdesk.%s", what);
	if (rc || (rc = audit_record(c, x->actor, action, "hd_problem", x->id,
				     json_pack("{s:s}", "step", what), err)))
		return rc;
	return helpdesk_problem_json(x->app, c, x->actor, x->id, &x->out, err);
}

int helpdesk_problem_step(struct app *app, const struct app_actor *actor, int64_t id, const struct helpdesk_step *st,
			  json_t **out, struct px_err *err)
{
	struct step_tx x = { app, actor, id, st, 0, NULL };
	int rc;
	*out = NULL;
	if (actor->kind != ACTOR_ACCOUNT || actor->role != ROLE_EXPERT)
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the provider the problem is routed to acts on it");
	if (!st->what || (strcmp(st->what, "respond") && strcmp(st->what, "visit") && strcmp(st->what, "resolve")))
		return px_err_set(err, PX_EINVAL, "invalid_step", "step", "a step is respond, visit or resolve");
	if ((rc = input_textarea(st->text, 8000, !strcmp(st->what, "visit") ? "findings" : "text", err)))
		return rc;
	if (!strcmp(st->what, "visit") &&
	    ((rc = input_textarea(st->advice, 8000, "advice", err)) ||
	     (rc = input_past_date(st->date, "date", app_today(app), &x.visited, err))))
		return rc;
	return app_tx_json(app, STORE_TX_WRITE, step_tx, &x, &x.out, out, err);
}

struct assign_tx {
	struct app *app;
	const struct app_actor *actor;
	int64_t id, provider;
	json_t *out;
};

static int assign_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct assign_tx *x = arg;
	struct problem_state p;
	char owner[8] = "";
	int rc = store_get(c, &Q_STATE, err, "i:bibi", x->id, p.state, sizeof(p.state), &p.provider, p.region,
			   sizeof(p.region), &p.reopened);
	if (rc < 0)
		return rc;
	if (rc != STORE_ROW || !app_actor_in_region(x->actor, p.region, p.region))
		return px_err_set(err, PX_ENOTFOUND, NULL, "id", "no problem %lld", (long long)x->id);
	if (!strcmp(p.state, "resolved") || !strcmp(p.state, "closed"))
		return px_err_set(err, PX_ECONFLICT, "wrong_state", "state", "the problem is %s", p.state);
	if ((rc = store_get(c, &Q_PROVIDER, err, "i:b", x->provider, owner, sizeof(owner))) < 0)
		return rc;
	if (rc != STORE_ROW || !app_actor_in_region(x->actor, owner, NULL))
		return px_err_set(err, PX_EINVAL, "unknown_provider", "provider", "no provider %lld", (long long)x->provider);
	if ((rc = store_run(c, &Q_ASSIGN, err, "ii", x->provider, x->id)) ||
	    (rc = audit_record(c, x->actor, "helpdesk.assign", "hd_problem", x->id,
			       json_pack("{s:I, s:I}", "from", (json_int_t)p.provider, "to", (json_int_t)x->provider), err)))
		return rc;
	return helpdesk_problem_json(x->app, c, x->actor, x->id, &x->out, err);
}

int helpdesk_problem_assign(struct app *app, const struct app_actor *actor, int64_t id, int64_t provider,
			    json_t **out, struct px_err *err)
{
	*out = NULL;
	if (!app_actor_is(actor, ROLE_OFFICE))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the office routes problems");
	struct assign_tx x = { app, actor, id, provider, NULL };
	return app_tx_json(app, STORE_TX_WRITE, assign_tx, &x, &x.out, out, err);
}
