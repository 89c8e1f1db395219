/*
 * objection.h - objections (异议, 清强市办〔2025〕20号 section 9): anyone may object in
 * writing to an applicant's eligibility at any stage after submission. The
 * office forwards the objection to the applicant's county within
 * `forward_workdays` working days (3) of receiving it; the county answers
 * within `reply_workdays` (3) of the forwarding; the office decides after a
 * collective deliberation. Review goes on meanwhile: a pending objection
 * changes no state. A verified objection that breaks an eligibility
 * condition disqualifies the application, even a proposed winner; once the
 * city government has approved the award (state `winner`) revoking it is
 * outside the system and the decision is refused.
 *
 * Deadlines are periods on the official calendar (core/calendar.h): filed on
 * 2025-09-30 (a Tuesday before the National Day holidays), the forwarding is
 * due on 2025-10-10. Overdue steps are flagged against today in the list.
 * The objector's name is shown to the office and the county; the contact
 * number only masked (stored as a keyed hash).
 */
#ifndef PX_APP_OBJECTION_H
#define PX_APP_OBJECTION_H

#include <jansson.h>
#include <stdbool.h>

#include "app/app.h"

#define OBJECTION_TEXT_MAX 5000
#define OBJECTION_EVIDENCE_MAX 2000

struct objection_new {
	const char *name;     /* the objector, 1..64 bytes */
	const char *contact;  /* a mobile number */
	const char *text;     /* 1..OBJECTION_TEXT_MAX bytes */
	const char *evidence; /* the proof offered, described; may be NULL */
};

/*
 * File an objection against an application submitted at some point (drafts
 * are not known to the public: 404). Open to everyone. *out: {id,
 * application, filed_on, forward_due, outcome}. Audited without the
 * objector's name or contact.
 */
int objection_file(struct app *app, const struct app_actor *actor, int64_t application_id,
		   const struct objection_new *req, json_t **out, struct px_err *err);

/* The office forwards it to the county today; the reply is due reply_workdays later. */
int objection_forward(struct app *app, const struct app_actor *actor, int64_t id, json_t **out,
		      struct px_err *err);

/* The county of the application's region answers with the result of its review. */
int objection_reply(struct app *app, const struct app_actor *actor, int64_t id, const char *text, json_t **out,
		    struct px_err *err);

/*
 * The office records the collective decision: `outcome` verified or
 * unfounded; `breaks_eligibility` (verified only) disqualifies the
 * application.
 */
int objection_decide(struct app *app, const struct app_actor *actor, int64_t id, const char *outcome,
		     bool breaks_eligibility, const char *decision, json_t **out, struct px_err *err);

/*
 * The objections of a programme with overdue flags: the office and the
 * leadership see all, a county those forwarded to it. Caller owns *out.
 */
int objection_list_json(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
			struct px_err *err);

#endif
