/*
 * texts.c - the words of the survey a person reads (survey.h): the help-desk
 * problem a gap becomes and the comparison workbook's headings. Kept in one
 * table, as a family keeps its texts; placeholders "{name}" are filled by
 * fill_text (no format strings).
 */
#include "util/fill.h"
#include "app/survey/internal.h"

#include <stdio.h>
#include <string.h>

#include "app/programme/family.h"
#include "core/benchmark.h"

static const struct {
	const char *key, *text;
} texts[] = {
	/* a gap turned into a help-desk problem: {indicator} {survey} {value} {target} {unit} {gap} {pct} {benchmark} */
	{ "gap.title", "{indicator}与标杆存在差距" },
	{ "gap.detail", "在{survey}中，本企业{indicator}为{value}{unit}，标杆（{benchmark}）为{target}{unit}，"
			"差距{gap}{unit}（{pct}%），请求帮助分析原因并提出改进举措。" },
	{ "doc.title", "{survey}标准与指标比对表" },
	{ "doc.subtitle", "行业：{industry}；比对标杆：{benchmark}" },
	{ "doc.best", "各指标最优标杆" },
	{ "doc.enterprise", "企业" },
	{ "doc.uscc", "统一社会信用代码" },
	{ "doc.indicator", "指标" },
	{ "doc.unit", "单位" },
	{ "doc.value", "企业水平" },
	{ "doc.target", "标杆水平" },
	{ "doc.gap", "差距" },
	{ "doc.gap_pct", "差距（%）" },
	{ "doc.weakness", "行业通病" },
	{ "doc.yes", "是" },
	{ "doc.sheet", "比对" },
};

size_t survey_text(const char *key, const char *const *vars, char *out, size_t cap)
{
	static const char *const none[] = { NULL };
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (!strcmp(texts[i].key, key))
			return fill_text(texts[i].text, vars ? vars : none, out, cap);
	if (cap)
		out[0] = '\0';
	return 0;
}
