/*
 * clock.h - the date a rehearsal server works on: an office walks a
 * programme through its calendar for training, each change audited.
 */
#ifndef PX_APP_CLOCK_H
#define PX_APP_CLOCK_H

#include "app/app.h"
#include "core/date.h"

/*
 * Set "today" to d (office, only when app->clock_settable; the caller checks
 * the role): audited as "clock.set" in one transaction, then applied.
 */
int clock_set(struct app *app, const struct app_actor *actor, px_date d, struct px_err *err);

#endif
