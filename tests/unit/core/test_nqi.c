/* test_nqi.c - the NQI catalogue: the 24 chains as data/nqi_chains.csv lists them, kinds, periods, months. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/nqi.h"
#include "data_file.h"
#include "util/csv.h"

static void chains_as_shipped(void **state)
{
	(void)state;
	size_t len = 0, n = 0;
	char *csv = data_file("nqi_chains.csv", &len);
	struct csv_opts o = { .max_field = 200, .max_fields = 4, .max_records = 100 };
	struct csv_reader r;
	assert_non_null(csv);
	csv_reader_init(&r, csv, len, &o);
	assert_int_equal(csv_next(&r, NULL), 1); /* the header */
	while (csv_next(&r, NULL) > 0) {
		assert_true(n < nqi_nchains);
		assert_string_equal(csv_field(&r, 0), nqi_chains[n].code);
		assert_string_equal(csv_field(&r, 1), nqi_chains[n].name);
		n++;
	}
	csv_reader_release(&r);
	free(csv);
	assert_int_equal(n, 24);
	assert_int_equal(nqi_nchains, 24);
}

static void kinds_and_lookups(void **state)
{
	(void)state;
	assert_int_equal(nqi_nkinds, 7);
	assert_string_equal(nqi_kind_find("testing")->name, "检验检测");
	assert_string_equal(nqi_kind_find("improvement")->name, "质量提升");
	assert_null(nqi_kind_find("consulting"));
	assert_null(nqi_kind_find(NULL));
	assert_string_equal(nqi_chain_find("rail_transit")->name, "轨道交通装备");
	assert_null(nqi_chain_find("steel"));
}

static void months_and_periods(void **state)
{
	(void)state;
	char b[8];
	assert_int_equal(nqi_month_of(date_from_ymd(2022, 9, 28)), 202209);
	assert_int_equal(nqi_month_parse("2022-09"), 202209);
	assert_int_equal(nqi_month_parse("2022-13"), 0);
	assert_int_equal(nqi_month_parse("2022-9"), 0);
	assert_int_equal(nqi_month_parse("20x2-09"), 0);
	assert_int_equal(nqi_period_parse("quarter"), NQI_QUARTER);
	assert_int_equal(nqi_period_parse("week"), -1);
	nqi_period_label(202209, NQI_MONTH, b);
	assert_string_equal(b, "2022-09");
	nqi_period_label(202209, NQI_QUARTER, b);
	assert_string_equal(b, "2022-Q3");
	nqi_period_label(202210, NQI_QUARTER, b);
	assert_string_equal(b, "2022-Q4");
	nqi_period_label(202201, NQI_QUARTER, b);
	assert_string_equal(b, "2022-Q1");
	nqi_period_label(202212, NQI_YEAR, b);
	assert_string_equal(b, "2022");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(chains_as_shipped),
		cmocka_unit_test(kinds_and_lookups),
		cmocka_unit_test(months_and_periods),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
