/*
 * h_calendar.c - the official working-day calendar for clients:
 *   GET /api/v1/calendar?from=YYYY-MM-DD&to=YYYY-MM-DD   (anyone)
 * Each day with its weekday and whether it is worked (holidays and 调休
 * working weekends named), so that deadlines show their working days left.
 */
#include "http/handlers.h"

#include "app/programme/calendar_view.h"
#include "http/json_in.h"

void h_calendar_get(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out;
	if (calendar_view_json(http_app(r), http_query(r, "from"), http_query(r, "to"), &out, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, out);
}
