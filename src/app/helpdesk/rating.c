/*
 * rating.c - the enterprise's word on a resolution, through a link that
 * needs no sign-in (helpdesk.h): a rating of 1 to 5 with a comment, or
 * reopening within the reopen period. The link's token is an HMAC of the
 * problem and the round of its resolution under a key of the deployment, so
 * each resolution has its own link, and only the token's hash is stored.
 * Whoever solved the problem (or any account of its provider) is refused.
 */
#include "app/helpdesk/internal.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/input.h"
#include "app/tx.h"
#include "core/chain.h"
#include "core/helpdesk.h"

#define RATE_KEY "helpdesk_rate_key"

static struct store_sql Q_BY_HASH = STORE_SQL(
	"SELECT id, state, coalesce(provider_id, 0), coalesce(resolved_by, 0), coalesce(rating, 0), "
	"coalesce(reopen_by, 0), reopened FROM hd_problem WHERE rate_hash = $1");
static struct store_sql Q_RATE = STORE_SQL(
	"UPDATE hd_problem SET rating = $1, rating_comment = $2, state = 'closed' WHERE id = $3");
static struct store_sql Q_REOPEN = STORE_SQL(
	"UPDATE hd_problem SET state = 'assigned', reopened = reopened + 1, rate_hash = NULL, resolved_on = NULL, "
	"resolution = NULL, resolved_by = NULL, reopen_by = NULL, resolve_by = $1 WHERE id = $2");

int helpdesk_rate_token(struct store_conn *c, int64_t id, int64_t round, char token[SECRET_HASH_HEX + 1],
			char hash[SECRET_HASH_HEX + 1], struct px_err *err)
{
	unsigned char key[SECRET_KEY_BYTES], mac[crypto_auth_hmacsha256_BYTES];
	char msg[64];
	int rc = secret_get(c, RATE_KEY, key, err);
	if (rc)
		return rc;
	snprintf(msg, sizeof(msg), "problem:%lld:%lld", (long long)id, (long long)round);
	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, strlen(msg), key);
	sodium_memzero(key, sizeof(key));
	sodium_bin2hex(token, SECRET_HASH_HEX + 1, mac, sizeof(mac));
	chain_hex_sha256(token, strlen(token), hash);
	return 0;
}

struct linked {
	int64_t id, provider, solver, rating, reopen_by, reopened;
	char state[16];
};

/* The problem a link names, refused to its solver and its provider's accounts. */
static int by_link(struct store_conn *c, const struct app_actor *actor, const char *token, struct linked *p,
		   struct px_err *err)
{
	char hash[SECRET_HASH_HEX + 1];
	int64_t own = 0;
	int rc;
	if (!token || strlen(token) != SECRET_HASH_HEX || strspn(token, "0123456789abcdef") != SECRET_HASH_HEX)
		return px_err_set(err, PX_ENOTFOUND, "rating_link_unknown", "token", "no such rating link");
	chain_hex_sha256(token, strlen(token), hash);
	rc = store_get(c, &Q_BY_HASH, err, "t:ibiiiii", (const char *)hash, &p->id, p->state, sizeof(p->state),
		       &p->provider, &p->solver, &p->rating, &p->reopen_by, &p->reopened);
	if (rc < 0)
		return rc;
	if (rc != STORE_ROW)
		return px_err_set(err, PX_ENOTFOUND, "rating_link_unknown", "token", "no such rating link");
	if (actor->kind == ACTOR_ACCOUNT && (rc = helpdesk_provider_of(c, actor->id, &own, err)))
		return rc;
	if (actor->kind == ACTOR_ACCOUNT && (actor->id == p->solver || (own && own == p->provider)))
		return px_err_set(err, PX_EFORBIDDEN, "rater_is_solver", "token",
				  "the one who solved a problem does not rate it");
	if (p->rating)
		return px_err_set(err, PX_ECONFLICT, "already_rated", "token", "this resolution is rated already");
	if (strcmp(p->state, "resolved"))
		return px_err_set(err, PX_ECONFLICT, "not_resolved", "token", "the problem is %s", p->state);
	return 0;
}

struct rate_tx {
	struct app *app;
	const struct app_actor *actor;
	const char *token, *text;
	int score; /* 0: reopen */
};

static int rate_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct rate_tx *x = arg;
	struct linked p = { 0 };
	px_date today = app_today(x->app), due;
	int rc = by_link(c, x->actor, x->token, &p, err);
	if (rc)
		return rc;
	if (x->score) {
		if ((rc = store_run(c, &Q_RATE, err, "iti", (int64_t)x->score, x->text, p.id)))
			return rc;
		return audit_record(c, x->actor, "helpdesk.rate", "hd_problem", p.id,
				    json_pack("{s:i}", "rating", x->score), err);
	}
	if (today > p.reopen_by)
		return px_err_set(err, PX_ECONFLICT, "reopen_closed", "token", "the reopen period has ended");
	if ((rc = helpdesk_due(x->app->cal, today, HELPDESK_RESOLVE_WORKDAYS, &due, err)) ||
	    (rc = store_run(c, &Q_REOPEN, err, "ii", (int64_t)due, p.id)))
		return rc;
	return audit_record(c, x->actor, "helpdesk.reopen", "hd_problem", p.id,
			    json_pack("{s:s, s:I}", "reason", x->text, "round", (json_int_t)p.reopened + 1), err);
}

int helpdesk_rate(struct app *app, const struct app_actor *actor, const char *token, int score, const char *comment,
		  struct px_err *err)
{
	int rc;
	if (score < 1 || score > 5)
		return px_err_set(err, PX_EINVAL, "out_of_range", "score", "a rating is 1 to 5, not %d", score);
	if (comment && *comment && (rc = input_textarea(comment, 2000, "comment", err)))
		return rc;
	struct rate_tx x = { app, actor, token, comment ? comment : "", score };
	return app_tx(app, STORE_TX_WRITE, rate_tx, &x, err);
}

int helpdesk_reopen(struct app *app, const struct app_actor *actor, const char *token, const char *reason,
		    struct px_err *err)
{
	int rc = input_textarea(reason, 2000, "reason", err);
	if (rc)
		return rc;
	struct rate_tx x = { app, actor, token, reason, 0 };
	return app_tx(app, STORE_TX_WRITE, rate_tx, &x, err);
}
