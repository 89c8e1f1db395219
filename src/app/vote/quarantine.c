/*
 * quarantine.c - the office's review of quarantined votes: the list (with
 * each vote's rule and reason, never the voter) and the decision on some of
 * them, "release" (the vote counts) or "confirm" (the vote stays excluded as
 * invalid), with a reason, in one transaction audited as
 * "vote.quarantine.release" / "vote.quarantine.confirm". No vote is deleted:
 * a decided vote keeps its rule. The monitor: votes a minute per track over
 * the last hour, by state, beside the quarantine.
 */
#include "app/vote/internal.h"

#include <string.h>

#include "app/audit.h"
#include "app/programme/programme.h"
#include "app/tx.h"

#define DECIDE_MAX 500

static struct store_sql Q_LIST = STORE_SQL(
	"SELECT v.id, v.track_code, v.application_id, v.day, v.rule, coalesce(v.reason, ''), v.cast_at, "
	"coalesce(o.name, p.name, '') FROM vote v JOIN application a ON a.id = v.application_id "
	"LEFT JOIN organisation o ON o.id = a.organisation_id LEFT JOIN person p ON p.id = a.person_id "
	"WHERE v.programme_id = $1 AND v.state = 'quarantined' ORDER BY v.id LIMIT 1000");
static struct store_sql Q_PER_MINUTE = STORE_SQL(
	"SELECT track_code, cast_at / 60000000, state, count(*) FROM vote WHERE programme_id = $1 AND cast_at >= $2 "
	"GROUP BY track_code, cast_at / 60000000, state ORDER BY 2, 1");
static struct store_sql Q_DECIDE = STORE_SQL(
	"UPDATE vote SET state = $1, decided_by = $2, decided_at = $3 "
	"WHERE id = $4 AND programme_id = $5 AND state = 'quarantined' RETURNING application_id, coalesce(rule, '')");

/* The programme, for its office only: PX_ENOTFOUND for another region's, PX_EFORBIDDEN for others. */
static int office_programme(struct store_conn *c, const struct app_actor *actor, int64_t id, struct px_err *err)
{
	struct programme p;
	int rc = programme_load(c, id, &p, err);
	if (rc)
		return rc;
	if (!programme_is_office(&p, actor))
		rc = px_err_set(err, PX_ENOTFOUND, "no_programme", "id", "no programme %lld", (long long)id);
	programme_release(&p);
	return rc;
}

static int list_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	json_array_append_new(arg, json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:I}", "id",
					     (json_int_t)store_col_int(s, 0), "track", store_col_text(s, 1),
					     "candidate", (json_int_t)store_col_int(s, 2), "candidate_name",
					     store_col_text(s, 7), "day", store_col_text(s, 3), "rule", store_col_text(s, 4),
					     "reason", store_col_text(s, 5), "cast_at", (json_int_t)store_col_int(s, 6)));
	return 0;
}

struct list_arg {
	const struct app_actor *actor;
	int64_t id;
	json_t *out;
};

static int list_in_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct list_arg *a = arg;
	int rc = office_programme(c, a->actor, a->id, err);
	if (rc)
		return rc;
	a->out = json_array();
	return store_each(c, &Q_LIST, list_row, a->out, err, "i", a->id);
}

int vote_quarantine_json(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
			 struct px_err *err)
{
	struct list_arg a = { actor, programme_id, NULL };
	json_t *list = NULL;
	int rc = app_tx_json(app, STORE_TX_READ, list_in_tx, &a, &a.out, &list, err);
	*out = rc ? NULL : json_pack("{s:I, s:o}", "programme", (json_int_t)programme_id, "votes", list);
	return rc;
}

struct decide_arg {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	const int64_t *votes;
	int nvotes;
	const char *action, *reason;
	json_t *out;
};

static int decide_in_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct decide_arg *a = arg;
	const char *state = !strcmp(a->action, "release") ? "counted" : "invalid";
	char who[32], action[48], rule[32];
	json_t *ids;
	int64_t got;
	int rc = office_programme(c, a->actor, a->id, err);

	if (rc)
		return rc;
	app_actor_label(a->actor, who);
	for (int i = 0; i < a->nvotes; i++) {
		rc = store_get(c, &Q_DECIDE, err, "ttiii:ib", state, who, app_now_us(a->app), a->votes[i], a->id, &got,
			       rule, sizeof(rule));
		if (rc < 0)
			return rc;
		if (rc == STORE_DONE)
			return px_err_set(err, PX_ECONFLICT, "not_quarantined", "votes",
					  "vote %lld is not in this programme's quarantine", (long long)a->votes[i]);
		if ((rc = vote_tally_add(c, a->id, got, "quarantined", rule, -1, err)) ||
		    (rc = vote_tally_add(c, a->id, got, state, rule, 1, err)))
			return rc;
	}
	ids = json_array();
	for (int i = 0; i < a->nvotes; i++)
		json_array_append_new(ids, json_integer(a->votes[i]));
	snprintf(action, sizeof(action), "vote.quarantine.%s", a->action);
	a->out = json_pack("{s:I, s:s, s:s, s:O}", "programme", (json_int_t)a->id, "action", a->action, "reason",
			   a->reason, "votes", ids);
	return audit_record(c, a->actor, action, "programme", a->id,
			    json_pack("{s:s, s:o}", "reason", a->reason, "votes", ids), err);
}

int vote_quarantine_decide(struct app *app, const struct app_actor *actor, int64_t programme_id,
			   const int64_t *votes, int nvotes, const char *action, const char *reason, json_t **out,
			   struct px_err *err)
{
	struct decide_arg a = { app, actor, programme_id, votes, nvotes, action, reason, NULL };
	*out = NULL;
	if (strcmp(action, "release") && strcmp(action, "confirm"))
		return px_err_set(err, PX_EINVAL, "bad_action", "action", "action is 'release' or 'confirm', not '%s'",
				  action);
	if (nvotes < 1 || nvotes > DECIDE_MAX)
		return px_err_set(err, PX_EINVAL, "bad_votes", "votes", "name 1 to %d votes", DECIDE_MAX);
	if (!reason || !*reason)
		return px_err_set(err, PX_EINVAL, "reason_required", "reason", "say why");
	return app_tx_json(app, STORE_TX_WRITE, decide_in_tx, &a, &a.out, out, err);
}

static int minute_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	json_array_append_new(arg, json_pack("{s:s, s:I, s:s, s:I}", "track", store_col_text(s, 0), "minute",
					     (json_int_t)store_col_int(s, 1) * 60, "state", store_col_text(s, 2),
					     "votes", (json_int_t)store_col_int(s, 3)));
	return 0;
}

struct monitor_arg {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	json_t *out;
};

static int monitor_in_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct monitor_arg *a = arg;
	int64_t since = app_now_us(a->app) - 3600LL * 1000000;
	int rc = office_programme(c, a->actor, a->id, err);
	if (rc)
		return rc;
	a->out = json_array();
	return store_each(c, &Q_PER_MINUTE, minute_row, a->out, err, "ii", a->id, since - since % 60000000);
}

int vote_monitor_json(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
		      struct px_err *err)
{
	struct monitor_arg a = { app, actor, programme_id, NULL };
	json_t *minutes = NULL;
	int rc = app_tx_json(app, STORE_TX_READ, monitor_in_tx, &a, &a.out, &minutes, err);
	*out = rc ? NULL : json_pack("{s:I, s:I, s:o}", "programme", (json_int_t)programme_id, "now",
				     (json_int_t)(app_now_us(app) / 1000000), "per_minute", minutes);
	return rc;
}
