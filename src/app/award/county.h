/*
 * county.h - the county stage of 清强市办〔2025〕20号 (step 2 推荐): the county market
 * regulation bureau checks the applications of its county, consults the
 * departments the template lists (应急管理, 人力资源社会保障, 生态环境, 税务
 * ...), publishes the checked applicants for the stage's notice period, and
 * then recommends, in rank order and within its quota per track, before the
 * stage's closing date. Every use case acts only inside the county of the
 * account (a county sees and touches nothing of another county: 404).
 *
 * Rules where the seed is silent (docs/award.md):
 * - a department's latest opinion counts; an application can be
 *   recommended only when every consulted department has given one and
 *   none of those latest opinions is an objection;
 * - only applications shown on an ended county notice can be recommended;
 *   each recommendation call settles the notified, checked applications of
 *   the county: those listed become `recommended`, the others
 *   `not_recommended`; applications checked later need a notice of their own
 *   and can be recommended by a later call, within what is left of the quota.
 */
#ifndef PX_APP_COUNTY_H
#define PX_APP_COUNTY_H

#include <jansson.h>

#include "app/app.h"
#include "report/recommend.h"

/*
 * Check a submitted application: "pass" (-> county_checked) or "return"
 * (-> returned, `note` required: what to fix). A checked application may
 * still be returned while the stage runs.
 */
int county_check(struct app *app, const struct app_actor *actor, int64_t id, const char *result, const char *note,
		 struct px_err *err);

/*
 * Record the opinion of a consulted department on a submitted or checked
 * application: by the county, or by a member unit for its own department
 * (its unit's name contains the department's, e.g. 清远市应急管理局 for
 * 应急管理). `verdict`: no_objection, objection or note. *out: the opinion.
 */
int county_opinion(struct app *app, const struct app_actor *actor, int64_t id, const char *department,
		   const char *verdict, const char *text, json_t **out, struct px_err *err);

/*
 * Publish the county's checked applicants not yet notified as a public
 * notice for the stage's notice_workdays, from `starts_on` (NULL = today; not
 * before today). The list shows name, track and masked identifiers only.
 * PX_ECONFLICT "nothing_to_notify" when there is nobody new. *out: the notice.
 */
int county_notice(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *starts_on,
		  json_t **out, struct px_err *err);

struct county_pick {
	int64_t application;
	const char *note; /* 备注, may be NULL */
};

/*
 * Recommend `picks` in rank order (ranks counted per track). Errors:
 * "deadline_passed", "notice_missing" / "notice_running" (naming its end),
 * 404 for an application outside the county, "wrong_state", "not_notified",
 * "opinions_missing" / "objection_unresolved" (naming the department),
 * "duplicate_application", PX_ECONFLICT "quota_exceeded" naming the track
 * and its quota (nothing written). *out: as county_recommendations_json.
 */
int county_recommend(struct app *app, const struct app_actor *actor, int64_t programme_id,
		     const struct county_pick *picks, size_t n, json_t **out, struct px_err *err);

/*
 * The recommendations as the summary table (附件8) needs them: {columns,
 * rows}, one row per recommended application with 序号, 县（市、区）, 申报类别,
 * 名称, masked USCC / ID number, 所属行业, 联系人, masked 联系电话, 推荐排序, 备注.
 * The office sees every county, a county its own.
 */
int county_recommendations_json(struct app *app, const struct app_actor *actor, int64_t programme_id,
				json_t **out, struct px_err *err);

/*
 * The same table typed for report/ (report_xlsx_recommendations): the
 * recommender is the county's name for a county's own list and the family
 * text "recommend.recommender" for the office's; strings are borrowed from
 * doc->view; county_reco_doc_release().
 */
struct county_reco_doc {
	struct report_recommend_list list;
	struct report_recommendation *items;
	json_t *view;
};

int county_recommendations_doc(struct app *app, const struct app_actor *actor, int64_t programme_id,
			       struct county_reco_doc *doc, struct px_err *err);
void county_reco_doc_release(struct county_reco_doc *doc);

#endif
