/* test_benchmark.c - gaps with direction, the best benchmark, the industry's common weaknesses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/benchmark.h"

static void directions(void **state)
{
	(void)state;
	enum benchmark_dir d = BENCHMARK_HIGHER;
	assert_int_equal(benchmark_dir_parse("lower", &d), 0);
	assert_int_equal(d, BENCHMARK_LOWER);
	assert_int_equal(benchmark_dir_parse("higher", &d), 0);
	assert_int_equal(d, BENCHMARK_HIGHER);
	assert_int_equal(benchmark_dir_parse("Higher", &d), -1);
	assert_int_equal(benchmark_dir_parse(NULL, &d), -1);
	assert_string_equal(benchmark_dir_name(BENCHMARK_LOWER), "lower");
	assert_string_equal(benchmark_dir_name(BENCHMARK_HIGHER), "higher");
}

static void gap_higher_is_better(void **state)
{
	(void)state;
	struct benchmark_gap g = benchmark_gap(BENCHMARK_HIGHER, 92.5, 95);
	assert_true(g.short_of);
	assert_true(g.gap == 2.5);
	assert_true(g.gap_pct == 2.6); /* 2.5 / 95 = 2.63 % */
	g = benchmark_gap(BENCHMARK_HIGHER, 96, 95);
	assert_false(g.short_of);
	assert_true(g.gap == -1);
	g = benchmark_gap(BENCHMARK_HIGHER, 95, 95);
	assert_false(g.short_of);
	assert_true(g.gap == 0 && g.gap_pct == 0);
}

static void gap_lower_is_better(void **state)
{
	(void)state;
	/* a defect rate of 0.8 % against a benchmark of 0.5 % falls short by 0.3, 60 % of the benchmark */
	struct benchmark_gap g = benchmark_gap(BENCHMARK_LOWER, 0.8, 0.5);
	assert_true(g.short_of);
	assert_true(g.gap == 0.3);
	assert_true(g.gap_pct == 60.0);
	g = benchmark_gap(BENCHMARK_LOWER, 0.4, 0.5);
	assert_false(g.short_of);
	assert_true(g.gap == -0.1);
	assert_true(g.gap_pct == -20.0);
}

static void rounding(void **state)
{
	(void)state;
	/* 0.1 + 0.2 is 0.3 at four places: no gap */
	assert_false(benchmark_gap(BENCHMARK_HIGHER, 0.1 + 0.2, 0.3).short_of);
	assert_false(benchmark_gap(BENCHMARK_HIGHER, 9.99994, 9.9999).short_of);
	assert_true(benchmark_gap(BENCHMARK_HIGHER, 9.9998, 9.9999).short_of);
	assert_true(benchmark_round(-0.00001) == 0);
	/* a benchmark of zero: a gap without a percentage */
	struct benchmark_gap g = benchmark_gap(BENCHMARK_LOWER, 2, 0);
	assert_true(g.short_of && g.gap == 2 && g.gap_pct == 0);
}

static void best(void **state)
{
	(void)state;
	double v[] = { 93, 97, 97, 99 };
	bool has[] = { true, true, true, false };
	assert_int_equal(benchmark_best(BENCHMARK_HIGHER, v, has, 4), 1); /* the first of equals; 99 is not recorded */
	assert_int_equal(benchmark_best(BENCHMARK_LOWER, v, has, 4), 0);
	bool none[] = { false, false, false, false };
	assert_int_equal(benchmark_best(BENCHMARK_HIGHER, v, none, 4), -1);
	assert_int_equal(benchmark_best(BENCHMARK_HIGHER, v, has, 0), -1);
	assert_true(benchmark_better(BENCHMARK_LOWER, 1, 2));
	assert_false(benchmark_better(BENCHMARK_LOWER, 2, 2));
}

static void common_weakness(void **state)
{
	(void)state;
	/* at a share of 50 %: 2 of 4 is one, 1 of 3 is not, 2 of 3 is */
	assert_true(benchmark_common_weakness(2, 4, 50));
	assert_false(benchmark_common_weakness(1, 3, 50));
	assert_true(benchmark_common_weakness(2, 3, 50));
	assert_false(benchmark_common_weakness(0, 0, 50));
	assert_true(benchmark_common_weakness(3, 3, 100));
	assert_false(benchmark_common_weakness(29, 30, 100));
	assert_false(benchmark_common_weakness(1, 1, 0));
	assert_false(benchmark_common_weakness(1, 1, 101));
	assert_false(benchmark_common_weakness(5, 4, 50));
	/* 30 enterprises at 60 %: 18 short is a weakness, 17 is not */
	assert_true(benchmark_common_weakness(18, 30, 60));
	assert_false(benchmark_common_weakness(17, 30, 60));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(directions),	    cmocka_unit_test(gap_higher_is_better),
		cmocka_unit_test(gap_lower_is_better), cmocka_unit_test(rounding),
		cmocka_unit_test(best),		    cmocka_unit_test(common_weakness),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
