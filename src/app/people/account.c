/*
 * account.c - the account use cases (see account.h).
 */
#include "app/people/account.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/tx.h"

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

/*
 * Reads the row a statement stands on into out: returns STORE_ROW to take
 * it, STORE_DONE to pass it over as if there were none, or a negative code.
 */
typedef int row_fill(struct store_stmt *s, void *out, struct px_err *err);

/*
 * Run q, whose one parameter is key (text) or, when key is NULL, id, and hand
 * the row it finds to fill (NULL: only ask whether there is one). Returns
 * STORE_ROW, STORE_DONE (no row, or fill passed it over) or a negative code;
 * the statement is reset.
 */
static int read_row(struct store_conn *c, struct store_sql *q, const char *key, int64_t id,
		    row_fill *fill, void *out, struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, q, &s, err);
	if (rc)
		return rc;
	if (key)
		store_bind_text(s, 1, key);
	else
		store_bind_int(s, 1, id);
	rc = store_step(s, err);
	if (rc == STORE_ROW && fill)
		rc = fill(s, out, err);
	store_reset(s);
	return rc;
}

/* Audit a change to account id (payload may be NULL; its reference is taken). */
static int audit_change(struct store_conn *c, const struct app_actor *actor, const char *action, int64_t id,
			json_t *payload, struct px_err *err)
{
	char object[40];
	snprintf(object, sizeof(object), "account:%lld", (long long)id);
	int rc = audit_append(c, actor, action, object, payload, err);
	json_decref(payload);
	return rc;
}

/* The unit looked up by name: it must be of this kind and region. */
struct unit_want {
	const char *name, *kind, *region;
	int64_t id;
};

static int fill_unit(struct store_stmt *s, void *out, struct px_err *err)
{
	struct unit_want *u = out;
	u->id = store_col_int(s, 0);
	if (strcmp(store_col_text(s, 1), u->kind) || strcmp(store_col_text(s, 2), u->region))
		return px_err_set(err, PX_ECONFLICT, "unit_mismatch", "unit",
				  "unit '%s' exists with another kind or region", u->name);
	return STORE_ROW;
}

/* Find the unit by name, or create it; an existing unit must be of the right kind and region. */
static int unit_resolve(struct store_conn *c, const char *name, const char *kind, const char *region,
			int64_t *id, struct px_err *err)
{
	struct unit_want u = { name, kind, region, 0 };
	struct store_stmt *s;
	int rc = read_row(c, &Q_UNIT_FIND, name, 0, fill_unit, &u, err);
	*id = u.id;
	if (rc != STORE_DONE)
		return rc == STORE_ROW ? 0 : rc;
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
	if (rc == STORE_DONE) { /* created meanwhile by a concurrent transaction */
		rc = read_row(c, &Q_UNIT_FIND, name, 0, fill_unit, &u, err);
		*id = u.id;
		if (rc == STORE_DONE)
			rc = px_err_set(err, PX_EINTERNAL, NULL, "unit", "unit '%s' vanished", name);
	}
	return rc == STORE_ROW ? 0 : rc;
}

static int region_exists(struct store_conn *c, const char *region, struct px_err *err)
{
	int rc = read_row(c, &Q_REGION_EXISTS, region, 0, NULL, NULL, err);
	if (rc == STORE_ROW)
		return 0;
	return rc < 0 ? rc : px_err_set(err, PX_EINVAL, "unknown_region", "region",
					"unknown region code '%s'", region);
}

struct create_args {
	const struct app_actor *actor;
	const struct account_new *req;
	enum px_role role;
	const char *hash;
	int64_t id;
};

static int create_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct create_args *a = arg;
	const struct account_new *req = a->req;
	int64_t unit_id = 0;
	int rc;

	if ((rc = region_exists(c, req->region, err)) ||
	    (rc = unit_resolve(c, req->unit, unit_kind_of[a->role], req->region, &unit_id, err)))
		return rc;
	rc = store_get(c, &Q_ACCOUNT_INSERT, err, "ttttiti:i", req->login, req->display_name, a->hash,
		       access_role_name(a->role), unit_id, req->region, store_now_us(), &a->id);
	if (rc == PX_ECONFLICT)
		return px_err_set(err, PX_ECONFLICT, "login_taken", "login", "login '%s' is taken", req->login);
	if (rc < 0)
		return rc;
	json_t *payload = json_pack("{s:s, s:s, s:s, s:s}", "login", req->login, "role", access_role_name(a->role),
				    "unit", req->unit, "region", req->region);
	return audit_change(c, a->actor, "account.create", a->id, payload, err);
}

int account_create(struct app *app, const struct app_actor *actor, const struct account_new *req,
		   int64_t *id, struct px_err *err)
{
	char hash[crypto_pwhash_STRBYTES];
	struct create_args a = { actor, req, access_role_parse(req->role), hash, 0 };
	int rc;

	if ((rc = check_login(req->login, err)) ||
	    (rc = check_text(req->display_name, 64, "display_name", err)) ||
	    (rc = check_text(req->unit, 128, "unit", err)) ||
	    (rc = account_check_password(req->password, "password", err)))
		return rc;
	if (a.role == ROLE_NONE)
		return px_err_set(err, PX_EINVAL, "invalid_role", "role", "unknown role '%s'",
				  req->role ? req->role : "");
	if (!access_region_valid(req->region))
		return px_err_set(err, PX_EINVAL, "invalid_region", "region",
				  "region must be a six-digit division code");
	if (!(actor->kind == ACTOR_CLI ||
	      (app_actor_is(actor, ROLE_OFFICE) && access_region_contains(actor->region, req->region))))
		return px_err_set(err, PX_EFORBIDDEN, NULL, "region",
				  "not allowed to create accounts in region '%s'", req->region);
	/* the slow hash is computed before the transaction, never while it holds the writer */
	if ((rc = hash_password(req->password, hash, err)))
		return rc;
	if (!(rc = app_tx(app, STORE_TX_WRITE, create_tx, &a, err)))
		*id = a.id;
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

/* An account as JSON, if the actor may see it. */
struct visible {
	const struct app_actor *actor;
	json_t *json;
};

static int fill_visible(struct store_stmt *s, void *out, struct px_err *err)
{
	struct visible *v = out;
	if (!may_see(v->actor, store_col_int(s, 0), store_col_text(s, 5)))
		return STORE_DONE; /* absent and out of scope look the same: nothing leaks */
	v->json = row_json(s);
	return v->json ? STORE_ROW : px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
}

int account_get(struct app *app, const struct app_actor *actor, int64_t id, json_t **out,
		struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	struct visible v = { actor, NULL };
	int rc = read_row(c, &Q_ACCOUNT_COLUMNS_BY_ID, NULL, id, fill_visible, &v, err);
	store_release(c);
	if (rc == STORE_DONE)
		return px_err_set(err, PX_ENOTFOUND, NULL, "id", "no account %lld", (long long)id);
	if (rc == STORE_ROW) {
		*out = v.json;
		rc = 0;
	}
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

/* What a login's row says: id 0 when there is no such login. */
struct credentials {
	int64_t id;
	bool active;
	char hash[crypto_pwhash_STRBYTES]; /* the stored hash */
};

static int fill_credentials(struct store_stmt *s, void *out, struct px_err *err)
{
	struct credentials *cr = out;
	(void)err;
	cr->id = store_col_int(s, 0);
	snprintf(cr->hash, sizeof(cr->hash), "%s", store_col_text(s, 1));
	cr->active = store_col_int(s, 2) != 0;
	return STORE_ROW;
}

/* Look up login into *cr (cr->id = 0 when absent). */
static int find_login(struct store_conn *c, const char *login, struct credentials *cr,
		      struct px_err *err)
{
	int rc;
	memset(cr, 0, sizeof(*cr));
	rc = read_row(c, &Q_ACCOUNT_AUTH, login, 0, fill_credentials, cr, err);
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
	struct store_conn *c = store_acquire(app->st);
	struct credentials cr = { 0, false, "" };
	int rc;

	if (!login || !password || strlen(password) > ACCOUNT_PASSWORD_MAX || strlen(login) > 64) {
		rc = px_err_set(err, PX_EUNAUTH, "bad_credentials", NULL, "wrong login or password");
		goto out;
	}
	rc = find_login(c, login, &cr, err);
	if (rc)
		goto out;
	if (!cr.id)
		snprintf(cr.hash, sizeof(cr.hash), "%s", dummy_hash());
	if (crypto_pwhash_str_verify(cr.hash, password, strlen(password)) != 0 || !cr.id ||
	    !cr.active) {
		rc = px_err_set(err, PX_EUNAUTH, "bad_credentials", NULL, "wrong login or password");
		goto out;
	}
	rc = account_actor(c, cr.id, out, err);
out:
	store_release(c);
	return rc;
}

/* An active account as the actor at out; an inactive one is passed over. */
static int fill_actor(struct store_stmt *s, void *out, struct px_err *err)
{
	struct app_actor *a = out;
	(void)err;
	if (!store_col_int(s, 6))
		return STORE_DONE;
	memset(a, 0, sizeof(*a));
	a->kind = ACTOR_ACCOUNT;
	a->id = store_col_int(s, 0);
	a->role = access_role_parse(store_col_text(s, 3));
	a->unit_id = store_col_int(s, 7);
	snprintf(a->login, sizeof(a->login), "%s", store_col_text(s, 1));
	snprintf(a->region, sizeof(a->region), "%s", store_col_text(s, 5));
	return STORE_ROW;
}

int account_actor(struct store_conn *c, int64_t id, struct app_actor *out, struct px_err *err)
{
	int rc = read_row(c, &Q_ACCOUNT_COLUMNS_BY_ID, NULL, id, fill_actor, out, err);
	if (rc == STORE_DONE)
		return px_err_set(err, PX_EUNAUTH, "account_inactive", NULL, "account no longer active");
	return rc < 0 ? rc : 0;
}

struct passwd_args {
	const struct app_actor *actor;
	const char *login, *old, *hash;
};

/* Who may set the password: the account itself (knowing the old one), its region's office, the command line. */
static int may_set_password(struct store_conn *c, const struct passwd_args *p, const struct credentials *cr,
			    struct px_err *err)
{
	const struct app_actor *actor = p->actor;
	struct app_actor target;
	int rc = account_actor(c, cr->id, &target, err);
	if (rc)
		return rc;
	bool self = actor->kind == ACTOR_ACCOUNT && actor->id == cr->id;
	bool office = app_actor_is(actor, ROLE_OFFICE) && actor->kind == ACTOR_ACCOUNT &&
		      access_region_contains(actor->region, target.region);
	if (self && !office && (!p->old || crypto_pwhash_str_verify(cr->hash, p->old, strlen(p->old)) != 0))
		return px_err_set(err, PX_EFORBIDDEN, "bad_credentials", "old_password", "current password is wrong");
	if (!(actor->kind == ACTOR_CLI || self || office))
		return px_err_set(err, PX_ENOTFOUND, NULL, "login", "no account '%s'", p->login);
	return 0;
}

static int passwd_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct passwd_args *p = arg;
	struct credentials cr;
	int rc = find_login(c, p->login, &cr, err);
	if (rc)
		return rc;
	if (!cr.id)
		return px_err_set(err, PX_ENOTFOUND, NULL, "login", "no account '%s'", p->login);
	if ((rc = may_set_password(c, p, &cr, err)) ||
	    (rc = store_run(c, &Q_ACCOUNT_SET_PASSWORD, err, "ti", p->hash, cr.id)) ||
	    (rc = store_run(c, &Q_SESSIONS_DROP, err, "i", cr.id)))
		return rc;
	return audit_change(c, p->actor, "account.passwd", cr.id, NULL, err);
}

int account_passwd(struct app *app, const struct app_actor *actor, const char *login,
		   const char *old, const char *password, struct px_err *err)
{
	char hash[crypto_pwhash_STRBYTES];
	struct passwd_args p = { actor, login ? login : "", old, hash };
	int rc = account_check_password(password, "password", err);
	if (rc || (rc = hash_password(password, hash, err)))
		return rc;
	rc = app_tx(app, STORE_TX_WRITE, passwd_tx, &p, err);
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
