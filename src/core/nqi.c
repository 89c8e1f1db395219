/*
 * nqi.c - the NQI catalogue (nqi.h): service kinds, the 24 industry chains
 * (the same rows as data/nqi_chains.csv, which cites the source; a unit test
 * keeps the two equal) and the months of the statistics board.
 */
#include "core/nqi.h"

#include <stdio.h>
#include <string.h>

const struct nqi_item nqi_kinds[] = {
	{ "testing", "检验检测" },        { "standards", "标准" },         { "metrology", "计量" },
	{ "certification", "认证" },      { "intellectual_property", "知识产权" },
	{ "diagnosis", "质量诊断" },      { "improvement", "质量提升" },
};
const size_t nqi_nkinds = sizeof(nqi_kinds) / sizeof(nqi_kinds[0]);

const struct nqi_item nqi_chains[] = {
	{ "smart_appliances", "智能家电" },       { "rail_transit", "轨道交通装备" },
	{ "new_energy_vehicles", "新能源汽车" },  { "high_end_chemicals", "高端化工" },
	{ "food_beverage", "食品饮料" },          { "textiles_apparel", "纺织服装" },
	{ "integrated_circuits", "集成电路" },    { "new_displays", "新型显示" },
	{ "virtual_reality", "虚拟现实" },        { "artificial_intelligence", "人工智能" },
	{ "biomedicine", "生物医药" },            { "medical_devices", "医疗器械" },
	{ "smart_equipment", "智能制造装备" },    { "new_materials", "新材料" },
	{ "ships_offshore", "船舶海工装备" },     { "aerospace", "航空航天" },
	{ "marine_biology", "海洋生物" },         { "new_energy", "新能源" },
	{ "energy_saving", "节能环保" },          { "industrial_internet", "工业互联网" },
	{ "software", "软件和信息服务" },         { "fine_steel", "精品钢材" },
	{ "rubber_tyres", "橡胶轮胎" },           { "modern_logistics", "现代物流" },
};
const size_t nqi_nchains = sizeof(nqi_chains) / sizeof(nqi_chains[0]);

static const struct nqi_item *find(const struct nqi_item *t, size_t n, const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (!strcmp(t[i].code, code))
			return &t[i];
	return NULL;
}

const struct nqi_item *nqi_kind_find(const char *code)
{
	return find(nqi_kinds, nqi_nkinds, code);
}

const struct nqi_item *nqi_chain_find(const char *code)
{
	return find(nqi_chains, nqi_nchains, code);
}

int nqi_month_of(px_date day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	return y * 100 + m;
}

int nqi_period_parse(const char *s)
{
	static const char *const names[] = { "month", "quarter", "year" };
	for (int i = 0; s && i < 3; i++)
		if (!strcmp(s, names[i]))
			return i;
	return -1;
}

void nqi_period_label(int ym, enum nqi_period p, char buf[8])
{
	unsigned y = (unsigned)(ym / 100) % 10000u, m = (unsigned)(ym % 100) % 13u;
	if (p == NQI_YEAR)
		snprintf(buf, 8, "%04u", y);
	else if (p == NQI_QUARTER)
		snprintf(buf, 8, "%04u-Q%u", y, (m + 2) / 3 % 10u);
	else
		snprintf(buf, 8, "%04u-%02u", y, m);
}

int nqi_month_parse(const char *s)
{
	if (!s || strlen(s) != 7 || s[4] != '-')
		return 0;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return 0;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	return y >= 1970 && m >= 1 && m <= 12 ? y * 100 + m : 0;
}
