/*
 * texts.c - the texts of the brand value register a person reads: the names
 * of the contributory assets and the methods, the standard the method
 * follows, and the labels of the report PDF (zh-CN, as docs/brand-value.md
 * spells them). Use cases take them from here, never from literals.
 */
#include "app/brandvalue/internal.h"

#include <string.h>

static const struct {
	const char *key, *text;
} texts[] = {
	{ "asset.working_capital", "营运资金" },
	{ "asset.fixed_assets", "固定资产" },
	{ "asset.workforce", "人力资源" },
	{ "asset.other_intangibles", "其他无形资产" },
	{ "method.mpeem", "多期超额收益法（年末折现）" },
	{ "method.mpeem_mid_year", "多期超额收益法（年中折现）" },
	{ "standard", "GB/T 29188-2012《品牌价值 要求》（等同采用 ISO 10668:2010 Brand valuation — "
		      "Requirements for monetary brand valuation）收益法" },
	{ "report.title", "企业品牌价值测评报告" },
	{ "report.enterprise", "企业：{name}（统一社会信用代码 {uscc}）" },
	{ "report.round", "测评：{round}" },
	{ "report.method", "方法：{method}；依据：{standard}" },
	{ "report.params", "公布参数：所得税率 {tax}；折现率 {discount}（基准 {base}，品牌风险溢价 {premium}）；"
			   "永续增长率 {growth}；品牌作用指数 {role}" },
	{ "report.assets", "贡献资产（占收入比例 × 要求回报率）：{assets}；合计占收入 {charge}" },
	{ "report.table", "各预测年度超额收益及折现（单位：元）" },
	{ "report.terminal", "预测期后永续价值 {terminal} 元，折现至测评基准日 {terminal_present} 元；品牌价值为各年现值之和加永续价值折现值。" },
	{ "report.value", "品牌价值：{value} 元（本轮排名第 {rank} 位）" },
	{ "report.signer", "{issuer}" },
	{ "col.year", "年度" },
	{ "col.revenue", "营业收入" },
	{ "col.margin", "营业利润率" },
	{ "col.profit", "营业利润" },
	{ "col.nopat", "税后利润" },
	{ "col.charges", "贡献资产回报" },
	{ "col.excess", "超额收益" },
	{ "col.brand", "品牌收益" },
	{ "col.factor", "折现系数" },
	{ "col.present", "现值" },
	{ "state.open", "填报中" },
	{ "state.computed", "已测算" },
};

const char *brandvalue_text(const char *key)
{
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (!strcmp(texts[i].key, key))
			return texts[i].text;
	return "";
}

const char *const brandvalue_asset_codes[] = { "working_capital", "fixed_assets", "workforce", "other_intangibles",
					       NULL };

bool brandvalue_method_known(const char *method)
{
	return method && (!strcmp(method, "mpeem") || !strcmp(method, "mpeem_mid_year"));
}
