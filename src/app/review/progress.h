/*
 * progress.h - how far a review stage has come, for the office: every
 * assignment of the stage's panels with its expert, its state (active,
 * recused, removed, withdrawn), whether its review is in, and which
 * assignment replaced a withdrawn one (docs/draw.md "Replacement draw").
 */
#ifndef PX_APP_REVIEW_PROGRESS_H
#define PX_APP_REVIEW_PROGRESS_H

#include <jansson.h>

#include "app/app.h"

/*
 * The office of the programme (PX_ENOTFOUND for another region's office,
 * PX_EFORBIDDEN for other roles): stage = a review stage's code, or NULL for
 * the current stage. *out (the caller's) {programme, stage, assignments:
 * [{assignment, application, name, expert, expert_name, state, reason,
 * replaces, replaced_by, reviewed, submitted_at}]} ordered by application;
 * PX_EINVAL "not_review_stage" for another stage.
 */
int review_progress(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *stage,
		    json_t **out, struct px_err *err);

#endif
