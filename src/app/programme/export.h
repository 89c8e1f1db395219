/*
 * export.h - any list of a programme as a table (applicants,
 * recommendations, assignments, scores, winners), for `pingxuan export` and
 * downloads: the rows come from the database, personal identifiers only
 * masked, and go to report/ writers (.xlsx) or CSV.
 */
#ifndef PX_APP_EXPORT_H
#define PX_APP_EXPORT_H

#include "app/app.h"
#include "report/table.h"

#define EXPORT_MAX_COLS 12

struct export_table {
	struct report_table t;         /* borrows cols and cells below */
	struct report_column cols[EXPORT_MAX_COLS];
	char **cells;                  /* owned, nrows * ncols strings */
	char title[192];
	char sheet[32];
};

/* The names export_build() accepts, NULL-terminated. */
extern const char *const export_lists[];

/*
 * Build list `what` of programme `programme_id` for the actor (the office of
 * the programme, or the CLI). The caller releases it with export_release().
 */
int export_build(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *what,
		 struct export_table *out, struct px_err *err);
void export_release(struct export_table *e);

#endif
