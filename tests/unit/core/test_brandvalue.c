/* test_brandvalue.c - the worked example of docs/brand-value.md, figure by figure, and the refusals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "core/brandvalue.h"

/* docs/brand-value.md, "Worked example": five years, 10,000万元 of revenue growing. */
static struct bv_input example(void)
{
	struct bv_input in = {
		.years = 5,
		.revenue = { 100000000, 108000000, 116640000, 124800000, 131040000 },
		.margin_bp = { 1500, 1500, 1500, 1500, 1500 },
		.tax_bp = 2500,
		.assets = { { "营运资金", 2000, 500 }, { "固定资产", 3000, 700 }, { "人力资源", 500, 1000 } },
		.nassets = 3,
		.brand_role_bp = 4000,
		.discount_bp = 1200,
		.growth_bp = 300,
	};
	return in;
}

static void worked_example(void **state)
{
	(void)state;
	struct bv_input in = example();
	struct bv_result r;
	assert_int_equal(bv_compute(&in, &r, NULL), 0);
	assert_int_equal(r.charge_bp, 360);
	static const int64_t profit[] = { 15000000, 16200000, 17496000, 18720000, 19656000 };
	static const int64_t nopat[] = { 11250000, 12150000, 13122000, 14040000, 14742000 };
	static const int64_t charges[] = { 3600000, 3888000, 4199040, 4492800, 4717440 };
	static const int64_t brand[] = { 3060000, 3304800, 3569184, 3818880, 4009824 };
	static const int64_t present[] = { 2732143, 2634566, 2540475, 2426967, 2275282 };
	for (int t = 0; t < 5; t++) {
		assert_int_equal(r.year[t].profit, profit[t]);
		assert_int_equal(r.year[t].nopat, nopat[t]);
		assert_int_equal(r.year[t].charges, charges[t]);
		assert_int_equal(r.year[t].brand, brand[t]);
		assert_int_equal(r.year[t].present, present[t]);
	}
	assert_int_equal(r.terminal, 45890208);
	assert_int_equal(r.terminal_present, 26039336);
	assert_int_equal(r.value, 38648769);

	in.mid_year = true;
	assert_int_equal(bv_compute(&in, &r, NULL), 0);
	assert_int_equal(r.terminal_present, 27557443);
	assert_int_equal(r.value, 40902013);
}

static void no_brand_no_value(void **state)
{
	(void)state;
	struct bv_input in = example();
	struct bv_result r;
	in.brand_role_bp = 0;
	assert_int_equal(bv_compute(&in, &r, NULL), 0);
	assert_int_equal(r.value, 0);
}

/* Each refusal: the input changed one way, the key and field the error names. */
static const struct {
	int what;
	const char *key, *field;
} faults[] = {
	{ 0, "bv_years", "years" },
	{ 1, "bv_revenue", "revenue[2]" },
	{ 2, "bv_margin", "margin[4]" },
	{ 3, "bv_rate", "tax" },
	{ 4, "bv_rate", "brand_role" },
	{ 5, "bv_rate", "discount" },
	{ 6, "bv_growth", "growth" },
	{ 7, "bv_rate", "assets[1]" },
};

static void spoil(struct bv_input *in, int what)
{
	switch (what) {
	case 0: in->years = BV_MAX_YEARS + 1; break;
	case 1: in->revenue[2] = -1; break;
	case 2: in->margin_bp[4] = BV_BP + 1; break;
	case 3: in->tax_bp = -1; break;
	case 4: in->brand_role_bp = BV_BP + 1; break;
	case 5: in->discount_bp = 0; break;
	case 6: in->growth_bp = in->discount_bp; break; /* Gordon needs growth below the rate */
	default: in->assets[1].return_bp = BV_BP + 1; break;
	}
}

static void refusals(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
		struct bv_input in = example();
		struct bv_result r;
		struct px_err err = { 0 };
		spoil(&in, faults[i].what);
		assert_int_equal(bv_compute(&in, &r, &err), PX_EINVAL);
		assert_string_equal(err.key, faults[i].key);
		assert_string_equal(err.field, faults[i].field);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(worked_example),
		cmocka_unit_test(no_brand_no_value),
		cmocka_unit_test(refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
