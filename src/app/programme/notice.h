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

/*
 * What a family asks to publish. The engine builds every notice the same way
 * from it: the title is the template's title, the family text `title_key`
 * (family.h; "notice.proposed" → 拟奖名单公示) and, when `title_suffix` is
 * set, the suffix in full-width brackets (a county's name); the period is
 * the stage's notice_workdays on the official calendar.
 */
struct programme;
struct tpl_stage;

struct notice_spec {
	const struct programme *p;
	const struct tpl_stage *st;   /* the stage the notice belongs to */
	const char *region;           /* NULL: the programme's region */
	const char *title_key;
	const char *title_suffix;     /* NULL: none */
	json_t *list;                 /* borrowed: the rows shown */
	px_date starts_on;            /* 0 = today */
};

/*
 * Publish a notice inside the caller's write transaction, audited as
 * "notice.publish" with the audit chain head recorded on it. *out (the
 * caller's) is the notice in its one public shape, that of notice_json():
 * {id, programme, stage, region, title, list, starts_on, ends_on, workdays,
 * audit_head: {seq, hash}}. Errors: no_notice_period (the stage declares
 * none), bad_workdays.
 */
int notice_issue(struct app *app, struct store_conn *c, const struct app_actor *actor, const struct notice_spec *n,
		 json_t **out, struct px_err *err);

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

/* Public views: the notices of a programme (newest first), one notice, each in notice_issue()'s shape. Caller owns *out. */
int notice_list_json(struct app *app, int64_t programme_id, json_t **out, struct px_err *err);
int notice_json(struct app *app, int64_t id, json_t **out, struct px_err *err);

#endif
