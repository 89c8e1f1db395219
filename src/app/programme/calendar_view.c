/*
 * calendar_view.c - days of the official calendar (core/calendar.h) as
 * JSON for the UI: which are worked, which are holidays or 调休 working
 * weekends, and how many working days a range holds.
 */
#include "app/programme/calendar_view.h"

#include <string.h>

#include "core/calendar.h"
#include "core/date.h"

static int parse(const char *s, const char *field, px_date *d, struct px_err *err)
{
	if (!s || date_parse(s, strlen(s), d))
		return px_err_set(err, PX_EINVAL, "bad_date", field, "not a date 'YYYY-MM-DD': '%s'", s ? s : "");
	return 0;
}

int calendar_view_json(const struct app *app, const char *from, const char *to, json_t **out, struct px_err *err)
{
	px_date a, b;
	char buf[11];
	int rc, workdays = 0;
	json_t *days;

	*out = NULL;
	if ((rc = parse(from, "from", &a, err)) || (rc = parse(to, "to", &b, err)))
		return rc;
	if (a > b)
		return px_err_set(err, PX_EINVAL, "invalid_range", "to", "'%s' is before '%s'", to, from);
	if (b - a + 1 > CALENDAR_VIEW_MAX_DAYS)
		return px_err_set(err, PX_EINVAL, "range_too_long", "to", "at most %d days at once",
				  CALENDAR_VIEW_MAX_DAYS);
	if (!(days = json_array()))
		return px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
	for (px_date d = a; d <= b; d++) {
		struct calendar_day cd;
		if ((rc = calendar_day(app->cal, d, &cd, err))) {
			json_decref(days);
			return rc;
		}
		date_format(d, buf);
		json_t *day = json_pack("{s:s, s:i, s:b}", "date", buf, "weekday", date_weekday(d), "working", cd.working);
		if (day && cd.name && cd.name[0])
			json_object_set_new(day, "name", json_string(cd.name));
		json_array_append_new(days, day);
		workdays += cd.working;
	}
	date_format(app_today(app), buf);
	*out = json_pack("{s:s, s:s, s:s, s:i, s:o}", "from", from, "to", to, "today", buf, "workdays", workdays,
			 "days", days);
	return *out ? 0 : px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
}
