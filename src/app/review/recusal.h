/*
 * recusal.h - withdrawing a reviewer from a panel and drawing the
 * replacement (回避, 清强市办〔2025〕20号 十(四); docs/draw.md "Replacement draw").
 *
 * An assignment is withdrawn when its expert recuses (a conflict found after
 * the draw: state "recused", and the conflict is recorded against the
 * application's applicant so that later draws respect it) or is removed from
 * the pool for breaking discipline (state "removed"). A review already
 * submitted on a withdrawn assignment no longer counts.
 *
 * The replacement is a recorded draw: draw_replace() on the assignment as it
 * stands (the original draw's result with every earlier replacement), keyed
 * by the n-th derived seed draw_derive_seed(seed of the original draw, n),
 * over the original input with the recusing expert's new conflict added and
 * experts that left the pool and sit on no panel taken out. It is stored as
 * a new draw row with `replaces` = the original draw and published like any
 * draw (seed, input, inputs hash, result; meta.replacement says which
 * application, which expert withdrew and which draw it continues), so anyone
 * can recompute it. Withdrawal and replacement are audited
 * (assignment.recused / assignment.removed, draw.replace). When no expert
 * can replace (draw_no_replacement) the withdrawal stands and the answer
 * says so; the office may widen the pool and retry with recusal_replace().
 */
#ifndef PX_APP_RECUSAL_H
#define PX_APP_RECUSAL_H

#include <jansson.h>

#include "app/app.h"

/*
 * Inside the caller's write transaction: withdraw active assignment `id`
 * (state "recused" or "removed", reason 1..2000 bytes) and draw its
 * replacement. *out {assignment, state, reason, expert, application,
 * replacement: {assignment, expert, draw, n} | null, replacement_error:
 * {code, message} | null} is the caller's. PX_ECONFLICT
 * "assignment_inactive" when it is not active.
 */
int recusal_withdraw(struct app *app, struct store_conn *c, const struct app_actor *actor, int64_t id,
		     const char *state, const char *reason, json_t **out, struct px_err *err);

/*
 * The assigned expert (signed in with the expert's account) or the office
 * withdraws an assignment for a conflict of interest, while the programme is
 * in the assignment's stage. Other actors get PX_ENOTFOUND.
 */
int recusal_recuse(struct app *app, const struct app_actor *actor, int64_t assignment_id, const char *reason,
		   json_t **out, struct px_err *err);

/*
 * The office retries the replacement of a withdrawn assignment that has
 * none (after widening the pool). PX_ECONFLICT "assignment_active",
 * "already_replaced", "draw_no_replacement".
 */
int recusal_replace(struct app *app, const struct app_actor *actor, int64_t assignment_id, json_t **out,
		    struct px_err *err);

#endif
