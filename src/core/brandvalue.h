/*
 * brandvalue.h - the value of a brand by the multi-period excess earnings
 * method (多期超额收益法), the income approach of ISO 10668:2010 and its
 * Chinese adoption GB/T 29188-2012 (品牌价值 要求), as used by 企业品牌价值测评.
 *
 * For each forecast year t = 1..n the enterprise gives its revenue and
 * operating margin; the method takes tax off the operating profit, charges
 * every contributory asset (working capital, fixed assets, workforce, other
 * intangibles) its required return, keeps the brand's share (the brand role
 * index) of what is left, and discounts it; after year n a terminal value
 * grows at a constant rate (Gordon). docs/brand-value.md gives the formulas
 * and a worked example that tests/unit/core/test_brandvalue.c pins.
 *
 * Money is in yuan (int64); rates and shares are in basis points (1/10,000).
 * The arithmetic runs in IEEE-754 doubles in a fixed order and every amount
 * the result carries is rounded half away from zero to the yuan, so every
 * machine publishes the same figures. Pure: no I/O, no allocation.
 */
#ifndef PX_CORE_BRANDVALUE_H
#define PX_CORE_BRANDVALUE_H

#include <stdbool.h>
#include <stdint.h>

#include "util/err.h"

#define BV_MAX_YEARS 10   /* forecast years */
#define BV_MAX_ASSETS 8   /* contributory assets */
#define BV_BP 10000       /* basis points in one */
#define BV_MAX_YUAN 1000000000000000LL /* 10^15 yuan: larger is not an enterprise's revenue */

/* A contributory asset: its size as a share of revenue and its required (after-tax) return. */
struct bv_asset {
	const char *name;   /* 营运资金, 固定资产, 人力资源, 其他无形资产 */
	int32_t share_bp;   /* asset / revenue, 0..100,000 (up to 10 × revenue) */
	int32_t return_bp;  /* required return, 0..10,000 */
};

struct bv_input {
	int years;                            /* 1..BV_MAX_YEARS */
	int64_t revenue[BV_MAX_YEARS];        /* yuan, >= 0 */
	int32_t margin_bp[BV_MAX_YEARS];      /* operating profit / revenue, -10,000..10,000 */
	int32_t tax_bp;                       /* income tax rate, 0..10,000 */
	struct bv_asset assets[BV_MAX_ASSETS];
	int nassets;                          /* 0..BV_MAX_ASSETS */
	int32_t brand_role_bp;                /* the brand's share of the excess earnings, 0..10,000 */
	int32_t discount_bp;                  /* discount rate, 1..10,000 */
	int32_t growth_bp;                    /* terminal growth, below the discount rate; -10,000.. */
	bool mid_year;                        /* cash flows in mid-year: discount by t - 0.5 */
};

/* One forecast year of the computation, every amount in yuan. */
struct bv_year {
	int64_t revenue, profit, nopat, charges, excess, brand, present;
	double factor; /* the discount factor of the year */
};

struct bv_result {
	struct bv_year year[BV_MAX_YEARS];
	int years;
	int64_t terminal;          /* the value at the end of year n of the years after it */
	int64_t terminal_present;  /* discounted to today */
	int64_t value;             /* the brand value: Σ present + terminal_present */
	int32_t charge_bp;         /* Σ share × return: the charges as a share of revenue (rounded) */
};

/*
 * Compute the brand value of in into out. PX_EINVAL with a key naming the
 * fault otherwise: bv_years, bv_revenue (field "revenue[i]"), bv_margin,
 * bv_rate (field "tax" / "brand_role" / "discount" / "assets[i]"),
 * bv_growth (growth not below the discount rate).
 */
int bv_compute(const struct bv_input *in, struct bv_result *out, struct px_err *err);

#endif
