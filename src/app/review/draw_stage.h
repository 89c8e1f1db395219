/*
 * draw_stage.h - the verifiable double-random draw (双随机) of a review
 * stage, as the office runs it (docs/draw.md "Commitment", 清强市办〔2025〕20号
 * 七(四)):
 *
 *   1. commit: the input is frozen from the database - the applications of
 *      the stage (accepted for the material review, shortlisted for the
 *      on-site review), the active experts with their conflicts, the stage's
 *      panel size, load limit and constraints - and its hash published with
 *      the commitment SHA-256(seed) of a seed the server makes with the
 *      operating system's generator and hands to the office once, in the
 *      answer; the seed itself is not stored (audited as draw.commit);
 *   2. run: the office supplies the sealed seed, which must open the
 *      commitment; the input is built again and must have the committed
 *      hash; draw_run() assigns the panels; the seed and the result are
 *      published and one assignment row is made per reviewer (draw.run);
 *   3. a commitment whose inputs changed (an expert imported or removed, a
 *      conflict declared) cannot run: the office abandons it, publicly and
 *      with its reason, and commits again (draw.abandon);
 *   4. anyone re-checks a run draw with `pingxuan verify-draw` on the
 *      published parts.
 *
 * The input carries no personal data: applications are "A<id>", applicants
 * and organisations "O<id>" (registered organisations), "P<id>" (persons)
 * or "X<n>" (an employer that is not a registered organisation, numbered
 * within the input), experts by their pool code. Employers are matched to
 * organisations by the rule of expert.h, which makes an expert employed by
 * an applicant organisation that organisation's own (never drawn for it);
 * such matches are also recorded as detected conflicts at the run.
 */
#ifndef PX_APP_DRAW_STAGE_H
#define PX_APP_DRAW_STAGE_H

#include <jansson.h>

#include "app/app.h"

/*
 * Commit to a new seed and to the inputs of the review stage `stage` (the
 * programme's current stage, of kind review). Office only. PX_ECONFLICT
 * "draw_pending" (a committed draw has neither run nor been abandoned),
 * "draw_done" (the stage was drawn), "draw_no_applications",
 * "draw_no_experts", "draw_infeasible" (the pool cannot cover the stage
 * whatever the seed). *out is {id, programme, stage, algorithm, seed_commit,
 * inputs_hash, committed_at, state, input, seed}: `seed` is the only copy of
 * the seed, for the office to keep sealed until the run.
 */
int draw_stage_commit(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *stage,
		      json_t **out, struct px_err *err);

/*
 * Run a committed draw with its seed (64 hex digits). Office only; the
 * programme must still be in the draw's stage. Errors: draw_done,
 * draw_abandoned, PX_EINVAL invalid_seed / seed_mismatch (the seed does not
 * open the commitment), PX_ECONFLICT draw_inputs_changed (the input built now
 * has another hash than the committed one; the message names the first
 * difference), draw_no_applications, draw_no_experts, and those of
 * draw_run(). Nothing is stored on failure. *out is the draw as
 * draw_stage_json() shows it.
 */
int draw_stage_run(struct app *app, const struct app_actor *actor, int64_t draw_id, const char *seed, json_t **out,
		   struct px_err *err);

/*
 * Abandon a committed draw that has not run (its inputs changed, or the seed
 * was lost or exposed), with a reason that is published; a new commitment may
 * then be made. `seed` (NULL when not given) must open the commitment and is
 * then published, so anyone can see what the abandoned draw would have
 * given. Office only. Errors: draw_done, draw_abandoned, invalid_seed,
 * seed_mismatch, the errors of input_text() for the reason.
 */
int draw_stage_abandon(struct app *app, const struct app_actor *actor, int64_t draw_id, const char *reason,
		       const char *seed, json_t **out, struct px_err *err);

/*
 * The public record of a draw: the commitment, the inputs hash and the input
 * always; after the run the seed and the result; an abandoned draw's reason
 * (and seed, when revealed); for a replacement draw the draw it continues
 * (`replaces`) and its number.
 */
int draw_stage_json(struct app *app, int64_t draw_id, json_t **out, struct px_err *err);

/* The draws of a programme, oldest first (public). */
int draw_stage_list(struct app *app, int64_t programme_id, json_t **out, struct px_err *err);

/* One assignment of an expert to an application in a review stage. */
struct draw_assignment {
	int64_t id;
	int64_t draw_id;
	int64_t root_draw;       /* the original draw of its chain of replacements */
	int64_t programme_id;
	char stage[32];
	int64_t application_id;
	int64_t organisation_id; /* of the application; 0 for a person */
	int64_t person_id;
	int64_t expert_id;
	char expert_code[40];
	int64_t expert_account;  /* 0 when the expert has no account */
	char state[12];          /* active, recused, removed */
};

/* Load an assignment (inside the caller's transaction); PX_ENOTFOUND when absent. */
int draw_assignment_load(struct store_conn *c, int64_t id, struct draw_assignment *out, struct px_err *err);

/* Is the actor the expert of the assignment (signed in with the expert's bound account)? */
bool draw_assignment_mine(const struct app_actor *actor, const struct draw_assignment *x);

#endif
