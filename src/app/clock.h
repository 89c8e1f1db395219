/*
 * clock.h - setting the date the server works on (rehearsal mode only).
 */
#ifndef PX_APP_CLOCK_H
#define PX_APP_CLOCK_H

#include "app/app.h"

/*
 * Set "today" to the date `today` (YYYY-MM-DD) for the whole server: audited
 * as clock.set, then in effect. PX_EFORBIDDEN "not_rehearsal" unless the
 * server runs with --rehearsal; PX_EINVAL "bad_date" for a malformed date.
 */
int app_clock_set(struct app *app, const struct app_actor *actor, const char *today, struct px_err *err);

#endif
