/*
 * family.c - the certification's row of the family table and the check of
 * its template section. Leaving the recommendation stage needs every
 * application decided by its city bureau and takes the recommended ones
 * into review; the review closes with every review in (the engine computes
 * the scores); the certification stage closes once the threshold was
 * applied.
 */
#include "app/certification/family.h"

#include "app/certification/certify.h"
#include "app/review/results.h"

static const struct family_text texts[] = {
	{ "notice.recommendation", "市州推荐名单" },
	{ "report.title", "“湖南名品”评审报告" },
	{ "recommend.recommender", "各市州市场监督管理局" },
	{ "state.draft", "草稿" },
	{ "state.submitted", "待市州推荐" },
	{ "state.recommended", "市州已推荐" },
	{ "state.not_recommended", "市州未推荐" },
	{ "state.accepted", "专家评审中" },
	{ "state.winner", "认定为湖南名品" },
	{ "state.not_proposed", "未达认定标准" },
	{ "state.withdrawn", "已撤回" },
	{ "assignment.active", "有效" },
	{ "assignment.recused", "回避" },
	{ "assignment.removed", "已撤销" },
	{ "certificate.valid", "有效" },
	{ "certificate.suspended", "暂停" },
	{ "certificate.revoked", "撤销" },
	{ "certificate.cancelled", "注销" },
	{ "certificate.expired", "已过期" },
	{ NULL, NULL },
};

static int check_section(const json_t *section, struct px_err *err)
{
	struct certification_rules r;
	return certification_rules_of(section, &r, err);
}

const struct family certification_family = {
	.name = CERTIFICATION_KIND,
	.title = "湖南名品认定",
	.exit_checks = {
		[STAGE_RECOMMENDATION] = certification_close_recommendation,
		[STAGE_REVIEW] = results_close_review,
		[STAGE_APPROVAL] = certification_close_certification,
	},
	.texts = texts,
	.check_section = check_section,
};
