/*
 * account.c - the account use cases (see account.h).
 */
#include "app/account.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app/audit.h"

/* Unit kind implied by a role: the leadership group sits with the office. */
static const char *const unit_kind_of[ROLE_COUNT] = {
	[ROLE_OFFICE] = "office", [ROLE_LEADER] = "office", [ROLE_COUNTY] = "county",
	[ROLE_MEMBER] = "member", [ROLE_EXPERT] = "expert", [ROLE_APPLICANT] = "applicant",
};

static struct store_sql Q_REGION_EXISTS = STORE_SQL("SELECT 1 FROM region WHERE code = $1");
static struct store_sql Q_UNIT_FIND = STORE_SQL("SELECT id, kind, region FROM unit WHERE name = $1");
/* Two nodes may create the same unit at once (PostgreSQL, read committed): the
 * loser inserts nothing and finds the winner's row. */
static struct store_sql Q_UNIT_INSERT = STORE_SQL(
	"INSERT INTO unit (name, kind, region) VALUES ($1, $2, $3) "
	"ON CONFLICT (name) DO NOTHING RETURNING id");
static struct store_sql Q_ACCOUNT_INSERT = STORE_SQL(
	"INSERT INTO account (login, display_name, password_hash, role, unit_id, region, active, created_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, 1, $7) RETURNING id");
static struct store_sql Q_ACCOUNT_COLUMNS_BY_ID = STORE_SQL(
	"SELECT a.id, a.login, a.display_name, a.role, u.name, a.region, a.active, a.unit_id "
	"FROM account a JOIN unit u ON u.id = a.unit_id WHERE a.id = $1");
static struct store_sql Q_ACCOUNT_ALL = STORE_SQL(
	"SELECT a.id, a.login, a.display_name, a.role, u.name, a.region, a.active, a.unit_id "
	"FROM account a JOIN unit u ON u.id = a.unit_id ORDER BY a.id");
static struct store_sql Q_ACCOUNT_AUTH = STORE_SQL(
	"SELECT id, password_hash, active FROM account WHERE login = $1");
static struct store_sql Q_ACCOUNT_SET_PASSWORD = STORE_SQL(
	"UPDATE account SET password_hash = $1 WHERE id = $2");
static struct store_sql Q_SESSIONS_DROP = STORE_SQL("DELETE FROM session WHERE account_id = $1");
static struct store_sql Q_ACCOUNT_COUNT = STORE_SQL("SELECT count(*) FROM account");

static int check_login(const char *login, struct px_err *err)
{
	size_t n = login ? strlen(login) : 0;
	if (n < 3 || n > 64)
		return px_err_set(err, PX_EINVAL, "invalid_login", "login",
				  "login must be 3 to 64 characters");
	for (size_t i = 0; i < n; i++) {
		char ch = login[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' ||
		      ch == '-'))
			return px_err_set(err, PX_EINVAL, "invalid_login", "login",
					  "login may hold only a-z, 0-9, '.', '_' and '-'");
	}
	return 0;
}

static int check_text(const char *s, size_t max, const char *field, struct px_err *err)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > max)
		return px_err_set(err, PX_EINVAL, "invalid_text", field,
				  "%s must be 1 to %zu bytes", field, max);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20)
			return px_err_set(err, PX_EINVAL, "invalid_text", field,
					  "%s holds a control character", field);
	return 0;
}

int account_check_password(const char *password, const char *field, struct px_err *err)
{
	size_t n = password ? strlen(password) : 0;
	if (n < ACCOUNT_PASSWORD_MIN || n > ACCOUNT_PASSWORD_MAX)
		return px_err_set(err, PX_EINVAL, "weak_password", field,
				  "password must be %d to %d characters", ACCOUNT_PASSWORD_MIN,
				  ACCOUNT_PASSWORD_MAX);
	return 0;
}

static int hash_password(const char *password, char out[crypto_pwhash_STRBYTES], struct px_err *err)
{
	if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE))
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "cannot hash password");
	return 0;
}

/* Find the unit by name; *id = 0 when absent. An existing unit must be of the right kind and region. */
static int unit_find(struct store_conn *c, const char *name, const char *kind, const char *region,
		     int64_t *id, struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_UNIT_FIND, &s, err);
	*id = 0;
	if (rc)
		return rc;
	store_bind_text(s, 1, name);
	rc = store_step(s, err);
	if (rc == STORE_ROW) {
		bool same = !strcmp(store_col_text(s, 1), kind) && !strcmp(store_col_text(s, 2), region);
		*id = store_col_int(s, 0);
		store_reset(s);
		return same ? 0 : px_err_set(err, PX_ECONFLICT, "unit_mismatch", "unit",
					     "unit '%s' exists with another kind or region", name);
	}
	store_reset(s);
	return rc < 0 ? rc : 0;
}

/* Find the unit by name, or create it. */
static int unit_resolve(struct store_conn *c, const char *name, const char *kind, const char *region,
			int64_t *id, struct px_err *err)
{
	struct store_stmt *s;
	int rc = unit_find(c, name, kind, region, id, err);
	if (rc || *id)
		return rc;
	rc = store_prepare(c, &Q_UNIT_INSERT, &s, err);
	if (rc)
		return rc;
	store_bind_text(s, 1, name);
	store_bind_text(s, 2, kind);
	store_bind_text(s, 3, region);
	rc = store_step(s, err);
	if (rc == STORE_ROW)
		*id = store_col_int(s, 0);
	store_reset(s);
	if (rc == STORE_DONE) /* created meanwhile by a concurrent transaction */
		rc = unit_find(c, name, kind, region, id, err);
	if (rc >= 0 && !*id)
		rc = px_err_set(err, PX_EINTERNAL, NULL, "unit", "unit '%s' vanished", name);
	return rc < 0 ? rc : 0;
}

static int region_exists(struct store_conn *c, const char *region, struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_REGION_EXISTS, &s, err);
	if (rc)
		return rc;
	store_bind_text(s, 1, region);
	rc = store_step(s, err);
	store_reset(s);
	if (rc == STORE_ROW)
		return 0;
	return rc < 0 ? rc : px_err_set(err, PX_EINVAL, "unknown_region", "region",
					"unknown region code '%s'", region);
}

struct create_tx {
	const struct app_actor *actor;
	const struct account_new *req;
	enum px_role role;
	const char *hash;
	int64_t id;
};

static int create_in_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct create_tx *t = arg;
	const struct account_new *req = t->req;
	struct store_stmt *s;
	int64_t unit_id = 0;
	char object[40];
	int rc;

	if ((rc = region_exists(c, req->region, err)) ||
	    (rc = unit_resolve(c, req->unit, unit_kind_of[t->role], req->region, &unit_id, err)))
		return rc;
	rc = store_prepare(c, &Q_ACCOUNT_INSERT, &s, err);
	if (rc)
		return rc;
	store_bind_text(s, 1, req->login);
	store_bind_text(s, 2, req->display_name);
	store_bind_text(s, 3, t->hash);
	store_bind_text(s, 4, access_role_name(t->role));
	store_bind_int(s, 5, unit_id);
	store_bind_text(s, 6, req->region);
	store_bind_int(s, 7, store_now_us());
	rc = store_step(s, err);
	if (rc == STORE_ROW)
		t->id = store_col_int(s, 0);
	store_reset(s);
	if (rc == PX_ECONFLICT)
		return px_err_set(err, PX_ECONFLICT, "login_taken", "login", "login '%s' is taken",
				  req->login);
	if (rc < 0)
		return rc;

	snprintf(object, sizeof(object), "account:%lld", (long long)t->id);
	json_t *payload = json_pack("{s:s, s:s, s:s, s:s}", "login", req->login, "role",
				    access_role_name(t->role), "unit", req->unit, "region", req->region);
	rc = audit_append(c, t->actor, "account.create", object, payload, err);
	json_decref(payload);
	return rc;
}

int account_create(struct app *app, const struct app_actor *actor, const struct account_new *req,
		   int64_t *id, struct px_err *err)
{
	char hash[crypto_pwhash_STRBYTES];
	enum px_role role = access_role_parse(req->role);
	int rc;

	if ((rc = check_login(req->login, err)) ||
	    (rc = check_text(req->display_name, 64, "display_name", err)) ||
	    (rc = check_text(req->unit, 128, "unit", err)) ||
	    (rc = account_check_password(req->password, "password", err)))
		return rc;
	if (role == ROLE_NONE)
		return px_err_set(err, PX_EINVAL, "invalid_role", "role", "unknown role '%s'",
				  req->role ? req->role : "");
	if (!access_region_valid(req->region))
		return px_err_set(err, PX_EINVAL, "invalid_region", "region",
				  "region must be a six-digit division code");
	if (!(actor->kind == ACTOR_CLI ||
	      (app_actor_is(actor, ROLE_OFFICE) && access_region_contains(actor->region, req->region))))
		return px_err_set(err, PX_EFORBIDDEN, NULL, "region",
				  "not allowed to create accounts in region '%s'", req->region);
	rc = hash_password(req->password, hash, err); /* before the transaction: it takes ~50 ms */
	if (rc)
		return rc;

	struct create_tx t = { actor, req, role, hash, 0 };
	rc = store_tx(app->st, STORE_TX_WRITE, create_in_tx, &t, err);
	if (!rc)
		*id = t.id;
	sodium_memzero(hash, sizeof(hash));
	return rc;
}

static json_t *row_json(struct store_stmt *s)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:b}", "id", (json_int_t)store_col_int(s, 0),
			 "login", store_col_text(s, 1), "display_name", store_col_text(s, 2), "role",
			 store_col_text(s, 3), "unit", store_col_text(s, 4), "region",
			 store_col_text(s, 5), "active", (int)store_col_int(s, 6));
}

/* May the actor see an account of this region (or is it the actor itself)? */
static bool may_see(const struct app_actor *actor, int64_t id, const char *region)
{
	if (actor->kind == ACTOR_CLI)
		return true;
	if (actor->kind == ACTOR_ACCOUNT && actor->id == id)
		return true;
	return access_region_allows(actor->role, actor->region, region);
}

int account_get(struct app *app, const struct app_actor *actor, int64_t id, json_t **out,
		struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_ACCOUNT_COLUMNS_BY_ID, &s, err);
	if (rc)
		goto out;
	store_bind_int(s, 1, id);
	rc = store_step(s, err);
	if (rc == STORE_ROW && may_see(actor, id, store_col_text(s, 5))) {
		*out = row_json(s);
		rc = *out ? 0 : px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	} else if (rc >= 0) {
		/* absent and out of scope look the same: nothing leaks */
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "id", "no account %lld", (long long)id);
	}
	store_reset(s);
out:
	store_release(c);
	return rc;
}

int account_list(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	struct store_stmt *s;
	json_t *list = json_array();
	int rc = list ? store_prepare(c, &Q_ACCOUNT_ALL, &s, err) : PX_ENOMEM;
	if (rc)
		goto out;
	while ((rc = store_step(s, err)) == STORE_ROW)
		if (may_see(actor, store_col_int(s, 0), store_col_text(s, 5)))
			json_array_append_new(list, row_json(s));
	store_reset(s);
	if (rc == STORE_DONE) {
		*out = list;
		list = NULL;
	}
out:
	json_decref(list);
	store_release(c);
	return rc < 0 ? rc : 0;
}

/* Look up login; *id = 0 when absent. hash receives the stored hash. */
static int find_login(struct store_conn *c, const char *login, int64_t *id, bool *active,
		      char hash[crypto_pwhash_STRBYTES], struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_ACCOUNT_AUTH, &s, err);
	if (rc)
		return rc;
	store_bind_text(s, 1, login);
	rc = store_step(s, err);
	*id = 0;
	if (rc == STORE_ROW) {
		*id = store_col_int(s, 0);
		snprintf(hash, crypto_pwhash_STRBYTES, "%s", store_col_text(s, 1));
		*active = store_col_int(s, 2) != 0;
	}
	store_reset(s);
	return rc < 0 ? rc : 0;
}

/* A valid hash of a random password: verifying against it costs what a real check costs. */
static const char *dummy_hash(void)
{
	static char h[crypto_pwhash_STRBYTES];
	static int ready;
	if (!__atomic_load_n(&ready, __ATOMIC_ACQUIRE)) {
		char pw[33], tmp[crypto_pwhash_STRBYTES];
		unsigned char r[16];
		randombytes_buf(r, sizeof(r));
		sodium_bin2hex(pw, sizeof(pw), r, sizeof(r));
		if (!crypto_pwhash_str(tmp, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				       crypto_pwhash_MEMLIMIT_INTERACTIVE)) {
			memcpy(h, tmp, sizeof(h));
			__atomic_store_n(&ready, 1, __ATOMIC_RELEASE);
		}
	}
	return h;
}

int account_authenticate(struct app *app, const char *login, const char *password,
			 struct app_actor *out, struct px_err *err)
{
	char hash[crypto_pwhash_STRBYTES] = "";
	struct store_conn *c = store_acquire(app->st);
	int64_t id = 0;
	bool active = false;
	int rc;

	if (!login || !password || strlen(password) > ACCOUNT_PASSWORD_MAX || strlen(login) > 64) {
		rc = px_err_set(err, PX_EUNAUTH, "bad_credentials", NULL, "wrong login or password");
		goto out;
	}
	rc = find_login(c, login, &id, &active, hash, err);
	if (rc)
		goto out;
	if (!id)
		snprintf(hash, sizeof(hash), "%s", dummy_hash());
	if (crypto_pwhash_str_verify(hash, password, strlen(password)) != 0 || !id || !active) {
		rc = px_err_set(err, PX_EUNAUTH, "bad_credentials", NULL, "wrong login or password");
		goto out;
	}
	rc = account_actor(c, id, out, err);
out:
	store_release(c);
	return rc;
}

int account_actor(struct store_conn *c, int64_t id, struct app_actor *out, struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_ACCOUNT_COLUMNS_BY_ID, &s, err);
	if (rc)
		return rc;
	store_bind_int(s, 1, id);
	rc = store_step(s, err);
	if (rc == STORE_ROW && store_col_int(s, 6)) {
		memset(out, 0, sizeof(*out));
		out->kind = ACTOR_ACCOUNT;
		out->id = id;
		out->role = access_role_parse(store_col_text(s, 3));
		out->unit_id = store_col_int(s, 7);
		snprintf(out->login, sizeof(out->login), "%s", store_col_text(s, 1));
		snprintf(out->region, sizeof(out->region), "%s", store_col_text(s, 5));
		rc = 0;
	} else if (rc >= 0) {
		rc = px_err_set(err, PX_EUNAUTH, "account_inactive", NULL, "account no longer active");
	}
	store_reset(s);
	return rc;
}

int account_passwd(struct app *app, const struct app_actor *actor, const char *login,
		   const char *old, const char *password, struct px_err *err)
{
	char hash[crypto_pwhash_STRBYTES], stored[crypto_pwhash_STRBYTES];
	struct store_conn *c;
	struct app_actor target;
	int64_t id = 0;
	bool active = false;
	int rc = account_check_password(password, "password", err);
	if (rc)
		return rc;
	rc = hash_password(password, hash, err);
	if (rc)
		return rc;
	c = store_acquire(app->st);
	rc = store_begin(c, STORE_TX_WRITE, err);
	if (rc)
		goto out;
	rc = find_login(c, login ? login : "", &id, &active, stored, err);
	if (rc)
		goto out_rollback;
	if (!id) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "login", "no account '%s'", login ? login : "");
		goto out_rollback;
	}
	if ((rc = account_actor(c, id, &target, err)))
		goto out_rollback;
	bool self = actor->kind == ACTOR_ACCOUNT && actor->id == id;
	bool office = app_actor_is(actor, ROLE_OFFICE) && actor->kind == ACTOR_ACCOUNT &&
		      access_region_contains(actor->region, target.region);
	if (self && !office &&
	    (!old || crypto_pwhash_str_verify(stored, old, strlen(old)) != 0)) {
		rc = px_err_set(err, PX_EFORBIDDEN, "bad_credentials", "old_password",
				"current password is wrong");
		goto out_rollback;
	}
	if (!(actor->kind == ACTOR_CLI || self || office)) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "login", "no account '%s'", login);
		goto out_rollback;
	}
	if ((rc = store_run(c, &Q_ACCOUNT_SET_PASSWORD, err, "ti", (const char *)hash, id)) ||
	    (rc = store_run(c, &Q_SESSIONS_DROP, err, "i", id)))
		goto out_rollback;
	char object[40];
	snprintf(object, sizeof(object), "account:%lld", (long long)id);
	rc = audit_append(c, actor, "account.passwd", object, NULL, err);
	if (rc)
		goto out_rollback;
	rc = store_commit(c, err);
	goto out;
out_rollback:
	store_rollback(c);
out:
	store_release(c);
	sodium_memzero(hash, sizeof(hash));
	return rc;
}

int account_count(struct app *app, int64_t *n, struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_ACCOUNT_COUNT, &s, err);
	if (!rc) {
		rc = store_step(s, err);
		*n = rc == STORE_ROW ? store_col_int(s, 0) : 0;
		store_reset(s);
		rc = rc < 0 ? rc : 0;
	}
	store_release(c);
	return rc;
}
