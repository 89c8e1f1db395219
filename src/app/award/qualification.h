/*
 * qualification.h - the office's qualification review (资格审查, 清强市办〔2025〕20号
 * 七(三)): the recommended applications are checked for eligibility and
 * completeness, member units of the leadership group are consulted, and the
 * acceptance list (受理名单) is publicly notified for the stage's working
 * days. Requests for supplementary material are in supplement.h.
 *
 * Every function runs one transaction and audits what it changes; the
 * current stage must be of kind "qualification".
 */
#ifndef PX_APP_QUALIFICATION_H
#define PX_APP_QUALIFICATION_H

#include <jansson.h>

#include "app/app.h"

/*
 * The applications under qualification review (recommended, accepted,
 * rejected) with their counts of opinions and open supplement requests. For
 * the office, the leadership group and member units of the programme's
 * region. *out {applications: [...]} is the caller's.
 */
int qualification_list(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
		       struct px_err *err);

/*
 * The office's decision: result "accept" (recommended -> accepted) or
 * "reject" (-> rejected, reason required). Until the acceptance list is
 * published a decision may be revised. Errors: bad_result, missing_field,
 * wrong_stage, wrong_state, notice_published (409). *out is the application.
 */
int qualification_decide(struct app *app, const struct app_actor *actor, int64_t application_id,
			 const char *result, const char *reason, json_t **out, struct px_err *err);

/*
 * A member unit's opinion on an application (征询意见): verdict
 * no_objection | objection | note, text (required unless no_objection).
 * Recorded under the account's unit name. *out is the opinion.
 */
int qualification_opinion_add(struct app *app, const struct app_actor *actor, int64_t application_id,
			      const char *verdict, const char *text, json_t **out, struct px_err *err);

/* The opinions of the qualification stage on an application. *out {opinions: [...]}. */
int qualification_opinions(struct app *app, const struct app_actor *actor, int64_t application_id,
			   json_t **out, struct px_err *err);

/*
 * Publish the acceptance list: every recommended application must have been
 * decided (undecided_applications), once per programme (notice_published).
 * The notice runs the stage's notice_workdays from today in the programme's
 * region. *out {notice, starts_on, ends_on, workdays, list}.
 */
int qualification_acceptance_notice(struct app *app, const struct app_actor *actor, int64_t programme_id,
				    json_t **out, struct px_err *err);

#endif
