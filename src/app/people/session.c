/*
 * session.c - the session use cases (see session.h).
 */
#include "app/people/session.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app/people/account.h"
#include "app/people/session_cache.h"
#include "app/audit.h"
#include "core/chain.h"

_Static_assert(SESSION_CACHE_CSRF_HEX == SESSION_TOKEN_HEX, "the cache keeps a whole CSRF token");

static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO session (token_hash, account_id, csrf, created_at, last_seen) "
	"VALUES ($1, $2, $3, $4, $4)");
static struct store_sql Q_FIND = STORE_SQL(
	"SELECT account_id, csrf, created_at, last_seen FROM session WHERE token_hash = $1");
static struct store_sql Q_TOUCH = STORE_SQL("UPDATE session SET last_seen = $1 WHERE token_hash = $2");
static struct store_sql Q_DELETE = STORE_SQL("DELETE FROM session WHERE token_hash = $1");

static void random_hex(char out[SESSION_TOKEN_HEX + 1])
{
	unsigned char r[SESSION_TOKEN_HEX / 2];
	randombytes_buf(r, sizeof(r));
	sodium_bin2hex(out, SESSION_TOKEN_HEX + 1, r, sizeof(r));
}

static bool token_shape_ok(const char *token)
{
	if (!token || strlen(token) != SESSION_TOKEN_HEX)
		return false;
	for (int i = 0; i < SESSION_TOKEN_HEX; i++)
		if (!((token[i] >= '0' && token[i] <= '9') || (token[i] >= 'a' && token[i] <= 'f')))
			return false;
	return true;
}

static void object_of(const struct app_actor *a, char out[40])
{
	snprintf(out, 40, "account:%lld", (long long)a->id);
}

struct open_tx {
	const struct app_actor *account;
	const char *token_hash, *csrf;
};

static int open_in_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct open_tx *t = arg;
	char object[40];
	int rc;
	object_of(t->account, object);
	if ((rc = store_run(c, &Q_INSERT, err, "titi", t->token_hash, t->account->id, t->csrf,
			    store_now_us())))
		return rc;
	return audit_append(c, t->account, "session.open", object, NULL, err);
}

int session_open(struct app *app, const struct app_actor *account,
		 char token[SESSION_TOKEN_HEX + 1], char csrf[SESSION_TOKEN_HEX + 1],
		 struct px_err *err)
{
	char th[CHAIN_HEX_LEN + 1];
	random_hex(token);
	random_hex(csrf);
	chain_hex_sha256(token, SESSION_TOKEN_HEX, th);
	struct open_tx t = { account, th, csrf };
	return store_tx(app->st, STORE_TX_WRITE, open_in_tx, &t, err);
}

/* The session row of th, its account resolved: what the cache keeps. */
static int find_session(struct store_conn *c, const char *th, struct session_cached *v, struct px_err *err)
{
	struct store_stmt *s;
	int64_t account_id;
	int rc = store_prepare(c, &Q_FIND, &s, err);
	if (rc)
		return rc;
	store_bind_text(s, 1, th);
	rc = store_step(s, err);
	if (rc != STORE_ROW) {
		store_reset(s);
		return rc < 0 ? rc : px_err_set(err, PX_EUNAUTH, "no_session", NULL, "not signed in");
	}
	account_id = store_col_int(s, 0);
	snprintf(v->csrf, sizeof(v->csrf), "%s", store_col_text(s, 1));
	v->created = store_col_int(s, 2);
	v->seen = store_col_int(s, 3);
	store_reset(s);
	return account_actor(c, account_id, &v->actor, err);
}

int session_resolve(struct app *app, const char *token, struct app_actor *out,
		    char csrf[SESSION_TOKEN_HEX + 1], struct px_err *err)
{
	char th[CHAIN_HEX_LEN + 1];
	struct store_conn *c;
	struct session_cached v = { 0 };
	int64_t now = store_now_us();
	/* Touch at most every quarter of the idle period (and every 30 s): one write, not one per request. */
	int64_t step = app->cfg.session_idle_us / 4 < 30 * 1000000LL ? app->cfg.session_idle_us / 4 : 30 * 1000000LL;
	uint64_t gen = store_generation(app->st), owner;
	int rc;

	if (!token_shape_ok(token))
		return px_err_set(err, PX_EUNAUTH, "no_session", NULL, "not signed in");
	chain_hex_sha256(token, SESSION_TOKEN_HEX, th);
	c = store_acquire(app->st);
	owner = store_serial(c);
	if (session_cache_get(owner, gen, th, &v) && now - v.seen <= step &&
	    now - v.created <= app->cfg.session_absolute_us) {
		rc = 0; /* the expiry checks below would pass: the entry is at most a second old */
		goto done;
	}
	if ((rc = find_session(c, th, &v, err)) && !v.created)
		goto out; /* no such session (an inactive account's session is checked for expiry first) */
	if (now - v.seen > app->cfg.session_idle_us || now - v.created > app->cfg.session_absolute_us) {
		store_run(c, &Q_DELETE, NULL, "t", (const char *)th);
		rc = px_err_set(err, PX_EUNAUTH, "session_expired", NULL, "session expired: sign in again");
		goto out;
	}
	if (rc)
		goto out;
	if (now - v.seen > step)
		store_run(c, &Q_TOUCH, NULL, "it", now, (const char *)th);
	else
		session_cache_put(owner, gen, th, &v);
done:
	*out = v.actor;
	memcpy(csrf, v.csrf, SESSION_TOKEN_HEX + 1);
out:
	store_release(c);
	return rc;
}

struct close_tx {
	const struct app_actor *actor;
	const char *token_hash;
};

static int close_in_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct close_tx *t = arg;
	char object[40];
	int rc;
	object_of(t->actor, object);
	if ((rc = store_run(c, &Q_DELETE, err, "t", t->token_hash)))
		return rc;
	return audit_append(c, t->actor, "session.close", object, NULL, err);
}

int session_close(struct app *app, const struct app_actor *actor, const char *token,
		  struct px_err *err)
{
	char th[CHAIN_HEX_LEN + 1];
	if (!token_shape_ok(token))
		return px_err_set(err, PX_EUNAUTH, "no_session", NULL, "not signed in");
	chain_hex_sha256(token, SESSION_TOKEN_HEX, th);
	session_cache_forget(th);
	struct close_tx t = { actor, th };
	return store_tx(app->st, STORE_TX_WRITE, close_in_tx, &t, err);
}
