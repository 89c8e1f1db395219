/*
 * family.c - the contest's row of the family table and the check of its
 * template section. Leaving the application stage takes the submitted
 * entries into review (drafts stay behind); the review closes with every
 * review in (the engine computes the scores); judging closes once every
 * entry in review was judged.
 */
#include "app/contest/family.h"

#include "app/contest/contest.h"
#include "app/review/results.h"

static const struct family_text texts[] = {
	{ "notice.winners", "获奖作品名单" },
	{ "report.title", "作品评审报告" },
	{ "state.draft", "草稿" },
	{ "state.submitted", "已报名" },
	{ "state.accepted", "专家评审中" },
	{ "state.winner", "获奖" },
	{ "state.not_proposed", "未获奖" },
	{ "state.withdrawn", "已撤回" },
	{ "assignment.active", "有效" },
	{ "assignment.recused", "回避" },
	{ "assignment.removed", "已撤销" },
	{ NULL, NULL },
};

static int check_section(const json_t *section, struct px_err *err)
{
	struct contest_rules r;
	return contest_rules_of(section, &r, err);
}

const struct family contest_family = {
	.name = CONTEST_KIND,
	.title = "大赛",
	.exit_checks = {
		[STAGE_APPLICATION] = contest_close_application,
		[STAGE_REVIEW] = results_close_review,
		[STAGE_APPROVAL] = contest_close_judging,
	},
	.texts = texts,
	.check_section = check_section,
};
