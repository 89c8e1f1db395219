/*
 * contact.c - each unit's contact (联络员): the person who answers for the
 * unit's reports and the mobile number to which deadline reminders are sent
 * by SMS. The office of the unit's region sets it (one by one, or a list
 * imported by a family), and so does the unit itself. The number is sealed
 * (app/secret.h: it must be read back to send) beside a masked copy, and
 * every answer shows only the masked copy (see reporting.h).
 */
#include "app/reporting/internal.h"

#include <sodium.h>
#include <string.h>

#include "app/audit.h"
#include "app/input.h"
#include "app/scope.h"
#include "app/secret.h"
#include "app/tx.h"
#include "core/ident.h"

#define SEAL_DOMAIN "mobile"

static struct store_sql Q_ACCOUNT = STORE_SQL(
	"SELECT region, role FROM account WHERE id = $1 AND active = 1");
static struct store_sql Q_PUT = STORE_SQL(
	"INSERT INTO unit_contact (account_id, name, mobile_masked, mobile_sealed, updated_by, updated_at) "
	"VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (account_id) DO UPDATE SET name = excluded.name, "
	"mobile_masked = excluded.mobile_masked, mobile_sealed = excluded.mobile_sealed, "
	"updated_by = excluded.updated_by, updated_at = excluded.updated_at");
static struct store_sql Q_GET = STORE_SQL("SELECT name, mobile_masked FROM unit_contact WHERE account_id = $1");
static struct store_sql Q_SEALED = STORE_SQL("SELECT mobile_sealed FROM unit_contact WHERE account_id = $1");

struct contact_args {
	struct app *app;
	const struct app_actor *actor;
	int64_t unit;
	const char *name, *mobile;
	bool write;
	json_t *res;
};

/* May the actor read (or, with write, set) the contact of member account `unit`? */
static int may_touch(struct store_conn *c, const struct app_actor *actor, int64_t unit, bool write,
		     struct px_err *err)
{
	char region[8] = "", role[16] = "";
	int rc = store_get(c, &Q_ACCOUNT, err, "i:bb", unit, region, sizeof(region), role, sizeof(role));
	if (rc < 0)
		return rc;
	if (rc == STORE_DONE || strcmp(role, "member") || !app_actor_in_region(actor, region, NULL))
		return px_err_set(err, PX_ENOTFOUND, "unknown_unit", "unit", "no member unit %lld", (long long)unit);
	if (actor->kind == ACTOR_CLI || actor->role == ROLE_OFFICE || actor->id == unit)
		return 0;
	if (!write && actor->role == ROLE_LEADER)
		return 0;
	return px_err_set(err, PX_EFORBIDDEN, "not_your_unit", "unit", "only the office or the unit itself");
}

int reporting_contact_put(struct store_conn *c, const struct app_actor *actor, int64_t unit, const char *name,
			  const char *mobile, int64_t now_us, struct px_err *err)
{
	char digits[IDENT_MOBILE_LEN + 1], masked[IDENT_MOBILE_LEN + 1], sealed[SECRET_SEALED_HEX(IDENT_MOBILE_LEN) + 1];
	int rc;

	if ((rc = input_line(name, REPORTING_CONTACT_NAME_MAX, "name", err)))
		return rc;
	if (!mobile || !ident_mobile_check(mobile, strlen(mobile), digits, err))
		return mobile ? PX_EINVAL
			      : px_err_set(err, PX_EINVAL, "invalid_mobile", "mobile", "a mobile number is required");
	ident_mask_span(digits, IDENT_MOBILE_LEN, 3, 4, masked, sizeof(masked));
	rc = secret_seal(c, SEAL_DOMAIN, digits, sealed, sizeof(sealed), err);
	sodium_memzero(digits, sizeof(digits));
	if (rc)
		return rc;
	if ((rc = store_run(c, &Q_PUT, err, "itttii", unit, name, (const char *)masked, (const char *)sealed,
			    actor->kind == ACTOR_ACCOUNT ? actor->id : (int64_t)0, now_us)))
		return rc;
	return audit_record(c, actor, "unit.contact", "account", unit, json_pack("{s:b}", "by_unit", actor->id == unit), err);
}

int reporting_contact_json(struct store_conn *c, int64_t unit, json_t **out, struct px_err *err)
{
	char name[REPORTING_CONTACT_NAME_MAX + 1] = "", masked[IDENT_MOBILE_LEN + 1] = "";
	int rc = store_get(c, &Q_GET, err, "i:bb", unit, name, sizeof(name), masked, sizeof(masked));
	*out = NULL;
	if (rc == STORE_ROW)
		*out = json_pack("{s:s, s:s}", "name", name, "mobile", masked);
	return rc < 0 ? rc : 0;
}

int reporting_contact_number(struct store_conn *c, int64_t unit, char out[12], struct px_err *err)
{
	char sealed[SECRET_SEALED_HEX(IDENT_MOBILE_LEN) + 1] = "";
	int rc = store_get(c, &Q_SEALED, err, "i:b", unit, sealed, sizeof(sealed));
	out[0] = '\0';
	if (rc != STORE_ROW)
		return rc < 0 ? rc : 0;
	return secret_open(c, SEAL_DOMAIN, sealed, out, 12, err);
}

static int contact_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct contact_args *a = arg;
	json_t *contact = NULL;
	int rc = may_touch(c, a->actor, a->unit, a->write, err);
	if (!rc && a->write)
		rc = reporting_contact_put(c, a->actor, a->unit, a->name, a->mobile, app_now_us(a->app), err);
	if (!rc)
		rc = reporting_contact_json(c, a->unit, &contact, err);
	if (!rc)
		a->res = json_pack("{s:I, s:o}", "unit", (json_int_t)a->unit, "contact", contact ? contact : json_null());
	return rc;
}

int reporting_contact_set(struct app *app, const struct app_actor *actor, int64_t unit, const char *name,
			  const char *mobile, json_t **out, struct px_err *err)
{
	struct contact_args a = { app, actor, unit, name, mobile, true, NULL };
	return app_tx_json(app, STORE_TX_WRITE, contact_tx, &a, &a.res, out, err);
}

int reporting_contact_get(struct app *app, const struct app_actor *actor, int64_t unit, json_t **out,
			  struct px_err *err)
{
	struct contact_args a = { app, actor, unit, NULL, NULL, false, NULL };
	return app_tx_json(app, STORE_TX_READ, contact_tx, &a, &a.res, out, err);
}
