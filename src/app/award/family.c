/*
 * family.c - the award's row of the family table. A kind without an exit
 * check may be left whenever the office decides; the dates of the template
 * are shown, not enforced, because offices do extend deadlines - but a
 * notice period, once published, must run its full length, a review stage
 * closes with every review in, and a decision stage once its decision is
 * recorded. The texts are the wording of 清强市办〔2025〕20号; a template may
 * replace any of them in its "texts" (docs/templates.md).
 */
#include "app/award/family.h"

#include "app/programme/decision.h"
#include "app/programme/notice.h"
#include "app/review/results.h"

/* Every notice published in this stage has ended (the list was shown its full period). */
static int notices_ended(struct app *app, struct store_conn *c, const struct programme *p,
			 const struct tpl_stage *s, struct px_err *err)
{
	return notice_require_ended(app, c, p->id, s->code, err);
}

static const struct family_text texts[] = {
	{ "notice.recommendation", "推荐对象公示" },
	{ "notice.qualification", "受理名单" },
	{ "notice.proposed", "拟奖名单公示" },
	{ "feedback.not_shortlisted", "未进入现场评审名单：以下为材料评审情况及改进建议" },
	{ "report.title", "评审报告" },
	{ "report.heading", "报告" },
	{ "recommend.recommender", "各县（市、区）市场监管局" },
	/* the certificate (八): {issuer} {holder} {programme} {award} {code} are filled in */
	{ "certificate.body", "经{issuer}批准，授予{holder}{programme}（{award}）。特发此证。" },
	{ "certificate.verify", "验证码 Verification: {code}    查验 Verify at: {url}" },
	/* what lists show for an application's state (application.h) */
	{ "state.draft", "草稿" },
	{ "state.submitted", "已提交" },
	{ "state.returned", "退回补正" },
	{ "state.county_checked", "县级已审核" },
	{ "state.recommended", "已推荐" },
	{ "state.not_recommended", "未推荐" },
	{ "state.accepted", "已受理" },
	{ "state.rejected", "不予受理" },
	{ "state.shortlisted", "入围现场评审" },
	{ "state.not_shortlisted", "未入围现场评审" },
	{ "state.proposed", "拟奖" },
	{ "state.not_proposed", "未拟奖" },
	{ "state.winner", "获奖" },
	{ "state.disqualified", "取消资格" },
	{ "state.withdrawn", "已撤回" },
	/* a reviewer's assignment */
	{ "assignment.active", "有效" },
	{ "assignment.recused", "回避" },
	{ "assignment.removed", "已撤销" },
	{ "assignment.withdrawn", "已撤回（取消资格）" },
	{ NULL, NULL },
};

const struct family award_family = {
	.name = "award",
	.title = "政府质量奖",
	.exit_checks = {
		[STAGE_RECOMMENDATION] = notices_ended,
		[STAGE_QUALIFICATION] = notices_ended,
		[STAGE_NOTICE] = notices_ended,
		/* a review stage closes with every review in, and computes its results */
		[STAGE_REVIEW] = results_close_review,
		/* the decision stages close once their decision is recorded */
		[STAGE_SHORTLIST] = decision_exit_check,
		[STAGE_DELIBERATION] = decision_exit_check,
		[STAGE_APPROVAL] = decision_exit_check,
	},
	.texts = texts,
};
