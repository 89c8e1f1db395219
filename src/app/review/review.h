/*
 * review.h - experts score what they were drawn for (材料评审, 现场评审).
 *
 * An expert signed in with the account bound to their pool entry sees their
 * active assignments in review stages that are running, and nothing else -
 * the application's form and documents and the track's rubric - and
 * submits one review per assignment: points for every
 * leaf item of the rubric (at most one decimal, within each item's maximum,
 * checked by core/rubric.h), a written opinion, improvement suggestions and
 * the declaration of integrity (清强市办〔2025〕20号 十(四): no gifts, no meals, no
 * requests unrelated to the review; no conflict of interest). Reviews are
 * final once submitted. An expert may read the panel's other reviews of an
 * application only after submitting their own, and never other experts'
 * identities; the office reads everything.
 *
 * Scores are stored as exact decimal text per item ({"4.1.2": "45.5"}) and
 * the total in tenths of a point.
 */
#ifndef PX_APP_REVIEW_H
#define PX_APP_REVIEW_H

#include <jansson.h>
#include <stdbool.h>

#include "app/app.h"

/*
 * The actor's active assignments of running review stages with what they need to review. Experts
 * only; an account bound to no pool entry has none. *out {expert,
 * assignments: [...], rubrics: {id: {...}}}.
 */
int review_mine(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err);

struct review_new {
	json_t *scores;          /* borrowed: {item code: points} */
	const char *opinion;     /* 1..INPUT_TEXT_MAX bytes */
	const char *suggestions; /* 1..INPUT_TEXT_MAX bytes */
	bool integrity;          /* the declaration, must be true */
};

/*
 * Submit the review of an assignment: the assigned expert only (others get
 * PX_ENOTFOUND), the assignment active (assignment_inactive), the programme
 * in its stage (wrong_stage), once (review_exists). Score faults name the
 * item in `field`: bad_points, sheet_unknown_item, sheet_not_leaf,
 * sheet_duplicate_item, sheet_points_out_of_range, sheet_missing_item;
 * integrity_required. *out is the stored review.
 */
int review_submit(struct app *app, const struct app_actor *actor, int64_t assignment_id,
		  const struct review_new *rv, json_t **out, struct px_err *err);

/*
 * The reviews of an application in a stage (NULL: the current stage). The
 * office of the programme sees all, with expert codes and withdrawn ones
 * marked; an assigned expert sees the panel's submitted reviews of active
 * assignments, anonymised, once their own is in (PX_EFORBIDDEN
 * "review_first" before).
 */
int review_panel(struct app *app, const struct app_actor *actor, int64_t application_id, const char *stage,
		 json_t **out, struct px_err *err);

/*
 * Check a score sheet {item code: points} (borrowed) against the rubric:
 * *stored becomes {code: "points"} (a new reference, NULL on failure), *total
 * the sheet's total in tenths. The keys of review_submit's score faults.
 */
struct rubric;
int review_sheet_check(const struct rubric *r, json_t *scores, json_t **stored, int32_t *total, struct px_err *err);

/* Rubric items as JSON {id, total, items: [{code, name, points, parent, leaf}]}; for views. */
struct rubric;
json_t *review_rubric_json(const char *id, const struct rubric *r);

/*
 * Withdraw the open assignments of an application (active, not yet scored)
 * inside the caller's transaction: state withdrawn with `reason`, each
 * audited as assignment.withdraw; the experts stop seeing them and the stage
 * no longer waits for their scores. Ids withdrawn are appended to
 * `withdrawn` (may be NULL). Used when the application is disqualified.
 */
int review_withdraw_open(struct store_conn *c, const struct app_actor *actor, int64_t application_id,
			 const char *reason, json_t *withdrawn, struct px_err *err);

#endif
