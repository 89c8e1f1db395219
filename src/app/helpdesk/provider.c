/*
 * provider.c - the help desk's service providers: institutions and experts
 * with the area and fields they serve, kept by an office (helpdesk.h).
 */
#include "app/helpdesk/internal.h"

#include <string.h>

#include "app/audit.h"
#include "app/input.h"
#include "app/scope.h"
#include "app/tx.h"
#include "core/access.h"
#include "core/helpdesk.h"

static struct store_sql Q_ACCOUNT = STORE_SQL("SELECT id, role FROM account WHERE login = $1");
static struct store_sql Q_REGION = STORE_SQL("SELECT code FROM region WHERE code = $1");
static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO hd_provider (name, kind, region, fields, account_id, owner_region, created_at) "
	"VALUES ($1, $2, $3, $4, NULLIF(CAST($5 AS BIGINT), 0), $6, $7) RETURNING id");
static struct store_sql Q_LIST = STORE_SQL(
	"SELECT p.id, p.name, p.kind, p.region, p.fields, coalesce(a.login, ''), p.owner_region, p.active, "
	"(SELECT count(*) FROM hd_problem x WHERE x.provider_id = p.id AND x.state IN ('assigned', 'responded')), "
	"(SELECT count(*) FROM hd_problem x WHERE x.provider_id = p.id AND x.state IN ('assigned', 'responded') "
	" AND x.resolve_by < $1) "
	"FROM hd_provider p LEFT JOIN account a ON a.id = p.account_id ORDER BY p.id");
static struct store_sql Q_OF_ACCOUNT = STORE_SQL("SELECT id FROM hd_provider WHERE account_id = $1 AND active = 1");

int helpdesk_provider_of(struct store_conn *c, int64_t account, int64_t *provider, struct px_err *err)
{
	*provider = 0;
	int rc = store_get(c, &Q_OF_ACCOUNT, err, "i:i", account, provider);
	return rc < 0 ? rc : 0;
}

/* The fields as "a;b;c", each known and given once. */
static int join_fields(json_t *fields, char *out, size_t cap, struct px_err *err)
{
	size_t i, n = json_array_size(fields);
	json_t *v;
	out[0] = '\0';
	if (!json_is_array(fields) || !n || n > helpdesk_nfields)
		return px_err_set(err, PX_EINVAL, "invalid_field", "fields", "give 1 to %zu fields", helpdesk_nfields);
	json_array_foreach(fields, i, v) {
		const char *code = json_string_value(v);
		if (!helpdesk_field_find(code))
			return px_err_set(err, PX_EINVAL, "invalid_field", "fields", "no field '%s'", code ? code : "");
		if (strstr(out, code))
			return px_err_set(err, PX_EINVAL, "invalid_field", "fields", "field '%s' given twice", code);
		size_t len = strlen(out);
		snprintf(out + len, cap - len, "%s%s", len ? ";" : "", code);
	}
	return 0;
}

struct add_tx {
	const struct app_actor *actor;
	const struct helpdesk_provider_new *req;
	const char *fields;
	int64_t now, id;
};

static int add_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct add_tx *x = arg;
	const struct helpdesk_provider_new *req = x->req;
	char role[16] = "", code[8] = "";
	int64_t account = 0;
	int rc;

	if ((rc = store_get(c, &Q_REGION, err, "t:b", req->region, code, sizeof(code))) < 0)
		return rc;
	if (rc != STORE_ROW)
		return px_err_set(err, PX_EINVAL, "unknown_region", "region", "no region '%s'", req->region);
	if (req->login && *req->login) {
		if ((rc = store_get(c, &Q_ACCOUNT, err, "t:ib", req->login, &account, role, sizeof(role))) < 0)
			return rc;
		if (rc != STORE_ROW)
			return px_err_set(err, PX_EINVAL, "unknown_login", "login", "no account '%s'", req->login);
		if (strcmp(role, "expert"))
			return px_err_set(err, PX_EINVAL, "login_not_expert", "login",
					  "a provider acts through an expert-role account, '%s' is %s", req->login, role);
	}
	rc = store_get(c, &Q_INSERT, err, "ttttiti:i", req->name, req->kind, req->region, x->fields, account,
		       x->actor->region, x->now, &x->id);
	if (rc == PX_ECONFLICT)
		return px_err_set(err, PX_ECONFLICT, "login_taken", "login", "'%s' acts for another provider already",
				  req->login);
	if (rc < 0)
		return rc;
	return audit_record(c, x->actor, "helpdesk.provider_add", "hd_provider", x->id,
			    json_pack("{s:s, s:s, s:s, s:s}", "name", req->name, "kind", req->kind, "region",
				      req->region, "fields", x->fields),
			    err);
}

int helpdesk_provider_add(struct app *app, const struct app_actor *actor, const struct helpdesk_provider_new *req,
			  int64_t *id, struct px_err *err)
{
	char fields[256];
	int rc;

	*id = 0;
	if (!app_actor_is(actor, ROLE_OFFICE))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "only the office keeps the service providers");
	if ((rc = input_line(req->name, 160, "name", err)))
		return rc;
	if (!req->kind || (strcmp(req->kind, "institution") && strcmp(req->kind, "expert")))
		return px_err_set(err, PX_EINVAL, "invalid_kind", "kind", "a provider is an institution or an expert");
	if (!req->region || !access_region_valid(req->region))
		return px_err_set(err, PX_EINVAL, "unknown_region", "region", "a region is six digits");
	if (actor->kind == ACTOR_ACCOUNT && !access_region_contains(actor->region, req->region))
		return px_err_set(err, PX_EFORBIDDEN, "outside_region", "region",
				  "region %s is outside the office's region", req->region);
	if ((rc = join_fields(req->fields, fields, sizeof(fields), err)))
		return rc;
	struct add_tx x = { actor, req, fields, app_now_us(app), 0 };
	if ((rc = app_tx(app, STORE_TX_WRITE, add_tx, &x, err)))
		return rc;
	*id = x.id;
	return 0;
}

struct list_tx {
	const struct app_actor *actor;
	int64_t today;
	json_t *out;
};

static int list_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct list_tx *l = arg;
	(void)err;
	if (!app_actor_in_region(l->actor, store_col_text(s, 6), NULL))
		return 0; /* another region's register */
	json_t *fields = json_array();
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", store_col_text(s, 4));
	for (char *p = buf, *end; p && *p; p = end ? end + 1 : NULL) {
		if ((end = strchr(p, ';')))
			*end = '\0';
		json_array_append_new(fields, json_string(p));
	}
	json_array_append_new(json_object_get(l->out, "providers"),
			      json_pack("{s:I, s:s, s:s, s:s, s:o, s:s?, s:b, s:I, s:I}", "id",
					(json_int_t)store_col_int(s, 0), "name", store_col_text(s, 1), "kind",
					store_col_text(s, 2), "region", store_col_text(s, 3), "fields", fields, "login",
					*store_col_text(s, 5) ? store_col_text(s, 5) : NULL, "active",
					(int)store_col_int(s, 7), "open", (json_int_t)store_col_int(s, 8), "overdue",
					(json_int_t)store_col_int(s, 9)));
	return 0;
}

static int list_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct list_tx *l = arg;
	l->out = json_pack("{s:[]}", "providers");
	return store_each(c, &Q_LIST, list_row, l, err, "i", l->today);
}

int helpdesk_provider_list(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err)
{
	*out = NULL;
	if (!app_actor_is(actor, ROLE_OFFICE) && !app_actor_is(actor, ROLE_LEADER))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the office reads the service providers");
	struct list_tx l = { actor, app_today(app), NULL };
	return app_tx_json(app, STORE_TX_READ, list_tx, &l, &l.out, out, err);
}
