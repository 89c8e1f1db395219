/*
 * keyworks.h - the key works register (十大质量提升重点活动): the works an
 * office announces for the year, each with its lead unit (牵头单位: an
 * account of the member role, or a unit named only), its co-units (配合单位)
 * and milestones with deadlines on the official calendar. A milestone of a
 * work whose lead unit has an account asks that unit for its progress
 * through the reporting engine (app/reporting/reporting.h: one request per
 * milestone, due on its deadline); the office, or the lead unit itself,
 * marks a milestone done on a date. A milestone is overdue when today is
 * after its deadline and it is not done - on the deadline itself it is not.
 *
 * Works belong to the region of the office that keeps them (app/scope.h,
 * kind "keyworks"); the staff of another region meet none of them. Texts a
 * person reads (the progress form, the workbook's headers) come from
 * data/keyworks/texts.json. docs/keyworks.md.
 *
 * Every function returning JSON through `out` gives the caller a new
 * reference; JSON arguments are borrowed.
 */
#ifndef PX_APP_KEYWORKS_H
#define PX_APP_KEYWORKS_H

#include <jansson.h>

#include "app/app.h"

#define KEYWORKS_MILESTONES_MAX 24
#define KEYWORKS_CO_UNITS_MAX 30
#define KEYWORKS_WORKS_MAX 200

/*
 * Record a work: {title, summary?, lead (a member account id) | lead_name,
 * co_units?: [names], programme?, milestones?: [{title, due_on}]}. The
 * office only. Each milestone of a work led by an account opens a reporting
 * request to it. *out: as keyworks_get.
 */
int keyworks_create(struct app *app, const struct app_actor *actor, const json_t *in, json_t **out,
		    struct px_err *err);

/* Add a milestone {title, due_on} to work `id` (office). *out: as keyworks_get. */
int keyworks_milestone_add(struct app *app, const struct app_actor *actor, int64_t id, const json_t *in,
			   json_t **out, struct px_err *err);

/*
 * Mark milestone `seq` of work `id` done on `done_on` (not after today; not
 * before the work was recorded is not checked). The office of the work's
 * region, or the lead unit's account. PX_ECONFLICT "already_done".
 */
int keyworks_milestone_done(struct app *app, const struct app_actor *actor, int64_t id, int64_t seq,
			    const char *done_on, json_t **out, struct px_err *err);

/*
 * One work as its region's staff see it: {id, seq, title, summary, lead:
 * {account, name}, co_units, today, milestones: [{seq, title, due_on, state,
 * done_on, overdue, deadline: {workdays_left, workdays_overdue ...},
 * request}], counts: {total, done, open, overdue}}.
 */
int keyworks_get(struct app *app, const struct app_actor *actor, int64_t id, json_t **out, struct px_err *err);

/* The works of the actor's region (staff): {today, works: [summaries with counts and the next milestone]}. */
int keyworks_list(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err);

/* The works the actor's account leads, with their milestones (a lead unit's page): {today, works: [...]}. */
int keyworks_mine(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err);

/*
 * The roll-up per lead unit in the actor's region: {today, owners: [{lead,
 * account, works, milestones, done, open, overdue}]}. Office and leadership.
 */
int keyworks_owners(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err);

/*
 * The overview board for the city's leaders: {today, totals: {works,
 * milestones, done, open, overdue}, works: [...], owners: [...], overdue:
 * [{work, title, lead, due_on, workdays_overdue}]}. Office and leadership.
 */
int keyworks_board(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err);

/*
 * The reporting requests of the open milestones in the actor's region (a
 * daily job reminds their lead units through the reporting engine):
 * {requests: [id ...]}. Office and the CLI.
 */
int keyworks_open_requests(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err);

/* The board as a workbook at `path` (three sheets: works, lead units, overdue milestones). */
int keyworks_board_xlsx(struct app *app, const struct app_actor *actor, const char *path, struct px_err *err);

#endif
