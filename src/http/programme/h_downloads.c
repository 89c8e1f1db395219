/*
 * h_downloads.c - the documents offices file and hand out, made on request
 * from the same data as their JSON views:
 *   GET /api/v1/programmes/{id}/recommendations.xlsx   the recommendation summary
 *       table (附件8 推荐名单汇总表): a county its own, the office all counties
 *   GET /api/v1/applications/{id}/review-report.pdf?stage=   the review report
 *       (材料评审报告) with the improvement suggestions: the applicant who owns
 *       it and the office
 * The use cases hand over typed documents (labels, signer and recommender
 * chosen there, from the family's texts and the template); this file only
 * has src/report/ draw them into a private temporary file and sends it as an
 * attachment.
 */
#include "http/handlers.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/award/county.h"
#include "app/review/results.h"
#include "core/date.h"
#include "http/json_in.h"
#include "report/pdf.h"
#include "report/recommend.h"
#include "util/file.h"

static int render_recommendations(const char *path, void *p, struct px_err *err)
{
	const struct county_reco_doc *doc = p;
	return report_xlsx_recommendations(path, &doc->list, err);
}

void h_recommendations_xlsx(struct http_req *r)
{
	struct px_err err = { 0 };
	struct county_reco_doc doc;
	int64_t id;

	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (county_recommendations_doc(http_app(r), http_actor(r), id, &doc, &err))
		return (void)http_fail(r, &err);
	http_reply_rendered(r, render_recommendations, &doc,
		      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "recommendations.xlsx");
	county_reco_doc_release(&doc);
}

static int render_review(const char *path, void *p, struct px_err *err)
{
	const struct results_doc *doc = p;
	return report_pdf_review_report(path, &doc->rv, err);
}

void h_review_report_pdf(struct http_req *r)
{
	struct px_err err = { 0 };
	struct results_doc doc;
	int64_t id;

	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (results_report_doc(http_app(r), http_actor(r), id, http_query(r, "stage"), &doc, &err))
		return (void)http_fail(r, &err);
	http_reply_rendered(r, render_review, &doc, "application/pdf", "review-report.pdf");
	results_doc_release(&doc);
}
