/*
 * honour.h - the kinds of honour an enterprise's record holds (荣誉), as a
 * city's quality month counts them (the Qingdao 2022 launch: 中国质量奖 1,
 * 中国质量奖提名奖 8, 中国名牌产品 68, 中国驰名商标 152, 中华老字号 19, 国家地理
 * 标志保护产品 7, the first 好品山东 list, 泰山品质 certification, 山东省高端品牌
 * 培育企业), each with the level that grants it. Pure: a table and lookups.
 */
#ifndef PX_CORE_HONOUR_H
#define PX_CORE_HONOUR_H

#include <stddef.h>

struct honour_kind {
	const char *code;   /* china_quality_award ... */
	const char *name;   /* 中国质量奖 ... */
	const char *level;  /* national, provincial, city */
};

extern const struct honour_kind honour_kinds[];
extern const size_t honour_nkinds;

/* The kind of that code, NULL when there is none. */
const struct honour_kind *honour_kind_find(const char *code);

/* Whether a level name is one of national, provincial, city. */
int honour_level_valid(const char *level);

#endif
