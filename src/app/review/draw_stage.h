/*
 * draw_stage.h - the verifiable double-random draw (双随机) of a review
 * stage, as the office runs it (docs/draw.md "Publication", 清强市办〔2025〕20号
 * 七(四)):
 *
 *   1. commit: the server makes a 32-byte seed with the operating system's
 *      generator, keeps it, and publishes its commitment SHA-256(seed)
 *      before anything is drawn (audited as draw.commit);
 *   2. run: the input is frozen from the database - the applications of the
 *      stage (accepted for the material review, shortlisted for the on-site
 *      review), the active experts with their conflicts, the stage's panel
 *      size, load limit and constraints - and draw_run() assigns the panels;
 *      the seed, the input, its hash and the result are published and one
 *      assignment row is made per reviewer (audited as draw.run);
 *   3. anyone re-checks it with `pingxuan verify-draw` on the published
 *      parts.
 *
 * The input carries no personal data: applications are "A<id>", applicants
 * and organisations "O<id>" (registered organisations), "P<id>" (persons)
 * or "X<n>" (an employer that is not a registered organisation, numbered
 * within the input), experts by their pool code. Employers are matched to
 * organisations by the rule of expert.h, which makes an expert employed by
 * an applicant organisation that organisation's own (never drawn for it);
 * such matches are also recorded as detected conflicts.
 */
#ifndef PX_APP_DRAW_STAGE_H
#define PX_APP_DRAW_STAGE_H

#include <jansson.h>

#include "app/app.h"

/*
 * Commit to a new seed for the review stage `stage` (the programme's current
 * stage, of kind review). Office only. PX_ECONFLICT "draw_pending" (a
 * committed draw has not run) or "draw_done" (the stage was drawn). *out is
 * {id, programme, stage, seed_commit, committed_at}.
 */
int draw_stage_commit(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *stage,
		      json_t **out, struct px_err *err);

/*
 * Run a committed draw. Office only; the programme must still be in the
 * draw's stage. Errors: draw_done, draw_no_applications, draw_no_experts,
 * draw_infeasible (409, field = the application "A<id>", the message says
 * why), and those of draw_run(). Nothing is stored on failure, so the office
 * may widen the pool and run the same commitment again. *out is the draw
 * as draw_stage_json() shows it.
 */
int draw_stage_run(struct app *app, const struct app_actor *actor, int64_t draw_id, json_t **out,
		   struct px_err *err);

/*
 * The public record of a draw: the commitment always; after the run the
 * seed, the input, its hash and the result; for a replacement draw the draw
 * it continues (`replaces`) and its number.
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
