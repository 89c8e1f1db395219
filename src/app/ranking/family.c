/*
 * family.c - the brand ranking's row of the family table. Its section
 * (weights, panels, Top N, tie-breaks, district contacts) is checked when a
 * template is loaded (section.h); the review stage closes once both panels
 * are seated and every sheet is in (panel.h); the other stages are left when
 * the office decides. The texts are the wording of the Guangzhou notice of
 * 2022-07-14 (广州市质量强市工作领导小组办公室).
 */
#include "app/ranking/family.h"

#include "app/ranking/panel.h"
#include "app/ranking/section.h"

static int check_section(const json_t *section, struct px_err *err)
{
	struct ranking_section s;
	return ranking_section_parse(section, &s, err);
}

static const struct family_text texts[] = {
	{ "notice.publication", "榜单" },
	{ "attestation", "承诺申报材料真实、准确、合法和有效，并对因提供不实材料造成的后果承担责任" },
	{ "state.submitted", "已报名" },
	{ "state.withdrawn", "已撤回" },
	{ "state.disqualified", "取消资格" },
	{ "panel.promotion", "广州百强质量品牌推介小组" },
	{ "panel.expert", "质量品牌专家评审小组" },
	{ "map.subtitle", "上榜品牌分布图" },
	{ "map.legend", "上榜品牌数" },
	{ NULL, NULL },
};

const struct family ranking_family = {
	.name = "ranking",
	.title = "质量品牌推介",
	.exit_checks = {
		[STAGE_REVIEW] = ranking_scores_complete,
	},
	.texts = texts,
	.check_section = check_section,
};
