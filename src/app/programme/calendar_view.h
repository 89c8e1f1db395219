/*
 * calendar_view.h - the official working-day calendar as clients read it:
 * each day of a range with its weekday and whether it is worked, so that
 * the UI shows deadlines with the working days left.
 */
#ifndef PX_APP_PROGRAMME_CALENDAR_VIEW_H
#define PX_APP_PROGRAMME_CALENDAR_VIEW_H

#include <jansson.h>

#include "app/app.h"

/* The longest range answered at once, in days. */
#define CALENDAR_VIEW_MAX_DAYS 400

/*
 * {from, to, today, workdays, days: [{date, weekday, working, name?}]} for
 * the days from..to ("YYYY-MM-DD", both included); `workdays` counts the
 * working ones. *out is the caller's. Errors: "bad_date" (field from|to),
 * "invalid_range" (from after to), "range_too_long", "date_out_of_calendar".
 */
int calendar_view_json(const struct app *app, const char *from, const char *to, json_t **out, struct px_err *err);

#endif
