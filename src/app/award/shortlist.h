/*
 * shortlist.h - the list for the on-site review (确定现场评审名单, "好中选优",
 * 清强市办〔2025〕20号 七(五)) and the feedback to those not on it.
 *
 * The office lists the accepted applications that go on to the on-site
 * review, at most the stage's `max` per track. Every other accepted
 * application becomes not_shortlisted and receives its feedback: the
 * material review's score, the number of reviewers and the reviewers'
 * improvement suggestions (application.feedback, JSON), which the applicant
 * who owns it reads.
 */
#ifndef PX_APP_SHORTLIST_H
#define PX_APP_SHORTLIST_H

#include <jansson.h>
#include <stddef.h>

#include "app/app.h"

/*
 * Fix the shortlist (office, stage kind "shortlist", once). Errors:
 * unknown_application (not of this programme), not_accepted,
 * shortlist_over_max (naming the track and its maximum), already_decided.
 * *out {decision, shortlisted: [...], not_shortlisted: [...]}.
 */
int shortlist_decide(struct app *app, const struct app_actor *actor, int64_t programme_id, const int64_t *ids,
		     size_t n, const char *minutes, json_t **out, struct px_err *err);

/*
 * The feedback of an application, for the applicant who owns it and the
 * office; PX_ENOTFOUND "no_feedback" when there is none.
 */
int shortlist_feedback(struct app *app, const struct app_actor *actor, int64_t application_id, json_t **out,
		       struct px_err *err);

#endif
