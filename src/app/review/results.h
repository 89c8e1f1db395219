/*
 * results.h - what a review stage yields: the score of every application
 * (stage_result), computed when the office closes the stage, and the review
 * report of each application (材料评审报告, 清强市办〔2025〕20号 七(四): scores by
 * category and the reviewers' improvement suggestions).
 *
 * A stage's score of an application aggregates the sheet totals of the
 * reviews of its active assignments by the template's method (mean, median,
 * trimmed mean with `trim`; core/score.h), then rescales the result from the
 * rubric's total onto 0..100 (score_rescale), in hundredths. The detail
 * records the method, the reviewers, their totals, the spread (min, max,
 * range, population standard deviation) and the reviews flagged as outliers
 * by the default rule of core/score.h (10 % of the rubric total, 3 x MAD).
 */
#ifndef PX_APP_RESULTS_H
#define PX_APP_RESULTS_H

#include <jansson.h>

#include "report/pdf.h"
#include "report/text.h"

#include "app/programme/programme.h"

/*
 * The exit check of a review stage (the award family, app/award/family.c), inside the advance's
 * transaction: a draw ran when there were applications to review
 * (draw_missing), every active assignment has its review (reviews_missing,
 * field = the application "A<id>"), the aggregation has enough reviews
 * (score_too_few_reviews, field = the application); then the stage_result
 * rows are written (replacing earlier ones) and audited.
 */
int results_close_review(struct app *app, struct store_conn *c, const struct programme *p,
			 const struct tpl_stage *s, struct px_err *err);

/*
 * The scores of a review stage, by track and score (office and leadership
 * group). *out {programme, stage, results: [...]}.
 */
int results_json(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *stage,
		 json_t **out, struct px_err *err);

/*
 * The review report of an application for a stage (NULL: the first review
 * stage): categories (top-level rubric items) with their maximum and the
 * mean of the reviewers' points, the mean total, the stage score, the
 * number of reviewers, the standard deviation and the suggestions. For the
 * office (with the reviewers' opinions) and the applicant who owns it, once
 * the stage's results exist (report_not_ready before).
 */
int results_report(struct app *app, const struct app_actor *actor, int64_t application_id, const char *stage,
		   json_t **out, struct px_err *err);

/*
 * Feedback for an applicant who goes no further (inside the caller's
 * transaction): {stage, stage_title, score, reviewers, suggestions: [...]}
 * from the stage's result and reviews. A new reference.
 */
int results_feedback(struct store_conn *c, const struct programme *p, int64_t application_id, const char *stage,
		     json_t **out, struct px_err *err);

/*
 * The review report as a typed document for report/ (report_pdf_review_report):
 * the same numbers as results_report(), exact, with the heading (the stage's
 * title and the family text "report.heading") and the signer (the template's
 * organiser). The strings are borrowed from doc->view; results_doc_release().
 */
struct results_doc {
	struct report_review rv;
	struct report_review_item items[REPORT_REVIEW_ITEMS_MAX];
	const char *suggestions[REPORT_PARAS_MAX];
	size_t nsuggestions;
	char heading[160];
	json_t *view; /* the JSON view of results_report(), which the strings point into */
};

int results_report_doc(struct app *app, const struct app_actor *actor, int64_t application_id, const char *stage,
		       struct results_doc *doc, struct px_err *err);
void results_doc_release(struct results_doc *doc);

#endif
