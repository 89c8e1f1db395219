/*
 * stage_window.h - a stage's window: its closing date (from the template)
 * closes it, unless the office extended it (docs/award.md, "Stage windows").
 */
#ifndef PX_APP_PROGRAMME_STAGE_WINDOW_H
#define PX_APP_PROGRAMME_STAGE_WINDOW_H

#include <stdint.h>

#include "app/app.h"
#include "app/programme/programme.h"

/*
 * 0 when today (app_today) is on or before the last day of the stage `code`
 * of programme p: its extension if any, else its template closing date (no
 * date: always open). Otherwise PX_ECONFLICT "stage_closed", field "stage",
 * naming the date. Runs inside the caller's transaction.
 */
int stage_window_require_open(struct app *app, struct store_conn *c, const struct programme *p, const char *code,
			      struct px_err *err);

/*
 * Extend the window of stage `code` to `until` ("YYYY-MM-DD", after its
 * current last day) for `reason` (both required; NULL reports missing_field);
 * office of the programme only (others get
 * 404 for a programme outside their region). Audited as stage.extend.
 */
int stage_window_extend(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *code,
			const char *until, const char *reason, struct px_err *err);

#endif
