/*
 * clock.c - setting the rehearsal date (see clock.h): the audit record is
 * written first, so a date the log does not show is never used. Moving the
 * date is days passing: what falls due on a date (the expiry of
 * certificates) is recorded at once, as the housekeeping pass would.
 */
#include "app/clock.h"

#include "app/audit.h"
#include "app/programme/register.h"
#include "app/tx.h"

struct clock_set_tx {
	const struct app_actor *actor;
	px_date d;
};

static int set_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct clock_set_tx *x = arg;
	char today[11];
	date_format(x->d, today);
	json_t *payload = json_pack("{s:s}", "today", today);
	int rc = audit_append(c, x->actor, "clock.set", "clock", payload, err); /* borrows payload */
	json_decref(payload);
	return rc;
}

int clock_set(struct app *app, const struct app_actor *actor, px_date d, struct px_err *err)
{
	struct clock_set_tx x = { actor, d };
	int rc = app_tx(app, STORE_TX_WRITE, set_tx, &x, err);
	long long expired = 0;
	if (!rc) {
		__atomic_store_n(&app->today_override, d, __ATOMIC_RELEASE);
		rc = register_expire_due(app, &expired, err);
	}
	return rc;
}
