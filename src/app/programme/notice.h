/*
 * notice.h - public notices (公示): a list shown to the public from a start
 * date for N working days on the official calendar, with the audit chain
 * head at publication so anyone can later prove the list was not changed.
 */
#ifndef PX_APP_NOTICE_H
#define PX_APP_NOTICE_H

#include <jansson.h>
#include <stdbool.h>

#include "app/app.h"
#include "core/date.h"

struct notice_new {
	int64_t programme_id;
	const char *stage_code;
	const char *region;   /* the programme's region, or a county's */
	const char *title;
	json_t *list;         /* borrowed: the rows shown */
	px_date starts_on;    /* 0 = today */
	int workdays;
};

/*
 * Publish a notice inside the caller's write transaction; the end date is
 * computed on the calendar (core/calendar.h's period rule). *id and *ends_on
 * may be NULL. Audited as "notice.publish".
 */
int notice_publish(struct app *app, struct store_conn *c, const struct app_actor *actor,
		   const struct notice_new *n, int64_t *id, px_date *ends_on, struct px_err *err);

/* Has a notice of the stage been published? *yes says. */
int notice_exists(struct store_conn *c, int64_t programme_id, const char *stage_code, bool *yes,
		  struct px_err *err);

/*
 * 0 when every notice of the stage (of `region` when not NULL) has ended by
 * today and at least one was published; PX_ECONFLICT "notice_missing" or
 * "notice_running" (naming the end date) otherwise.
 */
int notice_require_ended_in(struct app *app, struct store_conn *c, int64_t programme_id,
			    const char *stage_code, const char *region, struct px_err *err);
int notice_require_ended(struct app *app, struct store_conn *c, int64_t programme_id,
			 const char *stage_code, struct px_err *err);

/* Public views: the notices of a programme (newest first), one notice. Caller owns *out. */
int notice_list_json(struct app *app, int64_t programme_id, json_t **out, struct px_err *err);
int notice_json(struct app *app, int64_t id, json_t **out, struct px_err *err);

/* "YYYY-MM-DD" of a day; for JSON. */
json_t *notice_date_json(px_date d);

#endif
