/*
 * honour.c - the table of honour kinds and their levels (honour.h).
 */
#include "core/honour.h"

#include <string.h>

const struct honour_kind honour_kinds[] = {
	{ "china_quality_award", "中国质量奖", "national" },
	{ "china_quality_award_nomination", "中国质量奖提名奖", "national" },
	{ "world_famous_brand", "中国世界名牌产品", "national" },
	{ "china_top_brand", "中国名牌产品", "national" },
	{ "well_known_trademark", "中国驰名商标", "national" },
	{ "time_honoured_brand", "中华老字号", "national" },
	{ "geographical_indication", "国家地理标志保护产品", "national" },
	{ "governor_quality_award", "省长质量奖", "provincial" },
	{ "haopin_shandong", "好品山东", "provincial" },
	{ "taishan_quality", "泰山品质认证", "provincial" },
	{ "high_end_brand", "山东省高端品牌培育企业", "provincial" },
	{ "mayor_quality_award", "市长质量奖", "city" },
	{ "programme_winner", "本系统评选获奖", "city" },
};
const size_t honour_nkinds = sizeof(honour_kinds) / sizeof(honour_kinds[0]);

const struct honour_kind *honour_kind_find(const char *code)
{
	for (size_t i = 0; code && i < honour_nkinds; i++)
		if (!strcmp(honour_kinds[i].code, code))
			return &honour_kinds[i];
	return NULL;
}

int honour_level_valid(const char *level)
{
	return level && (!strcmp(level, "national") || !strcmp(level, "provincial") || !strcmp(level, "city"));
}
