/*
 * supplement.h - requests for supplementary material or explanations during
 * the qualification review (清强市办〔2025〕20号 七(三): "参评组织或个人应在规定时间内提供
 * 相关材料").
 *
 * The office asks; the applicant who owns the application answers. The due
 * date is the last of the stage's supplement_workdays working days on the
 * official calendar, counted from the working day after the request (the day
 * of the request does not count, as for legal periods). An answer after the
 * due date is accepted and recorded as late, visibly; unanswered requests
 * past their due date are listed as overdue. Dates are judged on app_today(),
 * so the rehearsal clock applies.
 */
#ifndef PX_APP_SUPPLEMENT_H
#define PX_APP_SUPPLEMENT_H

#include <jansson.h>
#include <stdbool.h>

#include "app/app.h"

/*
 * The office asks for more material (request 1..5000 bytes) on an
 * application under qualification review (recommended or accepted).
 * Errors: wrong_stage, wrong_state, date_out_of_calendar. *out is the request.
 */
int supplement_request(struct app *app, const struct app_actor *actor, int64_t application_id,
		       const char *request, json_t **out, struct px_err *err);

/*
 * The applicant who owns the application answers (1..20000 bytes), once:
 * already_answered (409). *out is the request with its answer and `late`.
 */
int supplement_answer(struct app *app, const struct app_actor *actor, int64_t supplement_id, const char *answer,
		      json_t **out, struct px_err *err);

/* The requests of one application, for those who may see it. *out {supplements: [...]}. */
int supplement_list_application(struct app *app, const struct app_actor *actor, int64_t application_id,
				json_t **out, struct px_err *err);

/* The requests of a programme for its office; only unanswered ones past due when overdue_only. */
int supplement_list_programme(struct app *app, const struct app_actor *actor, int64_t programme_id,
			      bool overdue_only, json_t **out, struct px_err *err);

#endif
