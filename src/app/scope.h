/*
 * scope.h - the one region-scope rule for staff: may an account see or touch
 * a record that a region owns?
 *
 * Records of a programme (its applications, draws, assignments, supplements,
 * objections, certificates, documents) are owned by the programme's region
 * and sit in the region of their application; registers shared by the
 * offices of a deployment (the expert pool, past winners, and every register
 * added later) are owned by the region of the office that keeps them. An
 * account of another region meets such a record as if it did not exist
 * (404), as a county meets another county's application. Use cases and the
 * HTTP dispatcher both ask this helper; nothing else compares regions for
 * records.
 */
#ifndef PX_APP_SCOPE_H
#define PX_APP_SCOPE_H

#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"

/*
 * Is a record owned by region `owner` (and, when `local` is not NULL, of the
 * county or other division `local`, e.g. an application's) inside the
 * actor's scope? The CLI: always. Office, leadership, member units: `owner`
 * inside their region, `local` by core/access.h. A county: `owner` contains
 * its county and `local` is its county. Experts, applicants, the public:
 * never (they reach records only by ownership, checked by the use case).
 */
bool app_actor_in_region(const struct app_actor *actor, const char *owner, const char *local);

/*
 * For the staff (office, leadership, member units, counties) and the CLI:
 * true, with the digits every region code inside the actor's region starts
 * with ("4418" for 441800, "" for the CLI), for registers counted or paged
 * by the database (WHERE substr(region, 1, len) = prefix); false for
 * everyone else.
 */
bool app_scope_prefix(const struct app_actor *actor, char prefix[8]);

/* The office of region `region`, as an actor for scoping what a programme of that region uses. */
struct app_actor app_actor_office_of(const char *region);

/*
 * The record of kind `kind` (the collection of its route: "programmes",
 * "applications", "experts", "past-winners" ...) numbered `id`: 0 when it
 * is absent (the use case answers for it), of an unknown kind, or inside the
 * staff actor's scope (or the actor is no staff); PX_ENOTFOUND otherwise.
 * An account's own record is always in scope, and so is a reporting
 * request (and its files) for a member unit: the reporting engine reaches
 * it only when the unit is asked (404 otherwise), whichever region the
 * request belongs to (a province asking its cities).
 */
int app_scope_check(struct app *app, const struct app_actor *actor, const char *kind, int64_t id,
		    struct px_err *err);

/*
 * Member units (成员单位) are consulted on applications; they read only what
 * they are consulted on, never drafts or applications that no stage puts
 * before them. *ok: true for an actor that is no member unit; for a member
 * unit (whose region scope app_actor_in_region has already allowed) true
 * when the application
 *   - is before the qualification stage's consultation (recommended,
 *     accepted or rejected: every member unit is asked), or
 *   - is checked by its county (county_checked) and the unit is a department
 *     that a stage of the programme consults (its name contains one of the
 *     stage's "consult" departments), or
 *   - has an opinion of the unit on record.
 * An absent application gives false. Runs in the caller's transaction.
 */
int app_scope_member_reads(struct store_conn *c, const struct app_actor *actor, int64_t application_id, bool *ok,
			   struct px_err *err);

/*
 * 0 when every programme on this server is inside the actor's scope; else
 * PX_EFORBIDDEN "clock_shared". The rehearsal date is one for the whole
 * server, so only an office whose region holds every programme (or the
 * CLI) may move it: an office of another region would move Qingyuan's
 * deadlines.
 */
int app_scope_holds_all_programmes(struct app *app, const struct app_actor *actor, struct px_err *err);

#endif
