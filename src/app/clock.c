/*
 * clock.c - the rehearsal clock (see clock.h): the change is audited in its
 * own transaction and takes effect once that commits.
 */
#include "app/clock.h"

#include <string.h>

#include "app/audit.h"
#include "app/tx.h"
#include "core/date.h"

struct clock_args {
	const struct app_actor *actor;
	const char *today;
};

static int clock_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct clock_args *a = arg;
	json_t *payload = json_pack("{s:s}", "today", a->today);
	int rc = audit_append(c, a->actor, "clock.set", "clock", payload, err);
	json_decref(payload);
	return rc;
}

int app_clock_set(struct app *app, const struct app_actor *actor, const char *today, struct px_err *err)
{
	struct clock_args a = { actor, today };
	px_date d;
	int rc;

	if (!app->clock_settable)
		return px_err_set(err, PX_EFORBIDDEN, "not_rehearsal", NULL,
				  "the date can be set only on a server started with --rehearsal");
	if (date_parse(today, strlen(today), &d))
		return px_err_set(err, PX_EINVAL, "bad_date", "today", "'%s' is not a date YYYY-MM-DD", today);
	if ((rc = app_tx(app, STORE_TX_WRITE, clock_tx, &a, err)))
		return rc;
	__atomic_store_n(&app->today_override, d, __ATOMIC_RELEASE);
	return 0;
}
