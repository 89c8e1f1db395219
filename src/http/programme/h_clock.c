/*
 * h_clock.c - the date the server works on:
 *   GET  /api/v1/clock              {today, rehearsal}
 *   POST /api/v1/clock {today}      set it (office; only when served with --rehearsal, and
 *                                   only by an office whose region holds every programme)
 * Deadlines and notice periods are judged against this date. In rehearsal
 * mode an office can walk a programme through its calendar for training;
 * each change is audited.
 */
#include "http/handlers.h"

#include <string.h>

#include "app/clock.h"
#include "app/json.h"
#include "app/scope.h"
#include "http/json_in.h"

void h_clock_get(struct http_req *r)
{
	struct app *app = http_app(r);
	http_reply_json(r, 200, json_pack("{s:o, s:b}", "today", json_date(app_today(app)), "rehearsal",
					  app->clock_settable));
}

void h_clock_set(struct http_req *r)
{
	struct app *app = http_app(r);
	struct px_err err = { 0 };
	const char *today;
	px_date d;
	json_t *in;

	if (!app->clock_settable)
		return http_reply_errorf(r, PX_EFORBIDDEN, "not_rehearsal", NULL,
					 "the date can be set only on a server started with --rehearsal");
	if (!(in = http_json_object(r)))
		return;
	if (json_str_or_reply(r, in, "today", true, 10, &today))
		goto out;
	if (date_parse(today, strlen(today), &d)) {
		http_reply_errorf(r, PX_EINVAL, "bad_date", "today", "'%s' is not a date YYYY-MM-DD", today);
		goto out;
	}
	if (app_scope_holds_all_programmes(app, http_actor(r), &err)) {
		http_fail(r, &err);
		goto out;
	}
	if (clock_set(app, http_actor(r), d, &err)) {
		http_fail(r, &err);
		goto out;
	}
	h_clock_get(r);
out:
	json_decref(in);
}
