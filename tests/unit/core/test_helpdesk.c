/* test_helpdesk.c - the nine fields, due dates on the real 2022 calendar, routing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/helpdesk.h"
#include "data_file.h"

static struct calendar *cal;

static int setup(void **state)
{
	(void)state;
	size_t len = 0;
	char *csv = data_file("cn_workdays.csv", &len);
	if (!csv)
		return -1;
	int rc = calendar_load(&cal, csv, len, NULL);
	free(csv);
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	calendar_free(cal);
	return 0;
}

static px_date d(const char *s)
{
	px_date v;
	assert_int_equal(date_parse(s, strlen(s), &v), 0);
	return v;
}

static void fields(void **state)
{
	(void)state;
	assert_int_equal(helpdesk_nfields, 9);
	assert_string_equal(helpdesk_field_find("metrology")->name, "计量");
	assert_string_equal(helpdesk_field_find("brand_building")->name, "品牌建设");
	assert_null(helpdesk_field_find("marketing"));
	assert_null(helpdesk_field_find(NULL));
}

static void due_dates(void **state)
{
	(void)state;
	px_date due;
	/* Thursday before the National Day: 09-30 is day 1, 10-01..10-07 rest, Saturday 10-08 (调休) day 2 */
	assert_int_equal(helpdesk_due(cal, d("2022-09-29"), 2, &due, NULL), 0);
	assert_int_equal(due, d("2022-10-08"));
	/* recorded on a Saturday rest day: Monday and Tuesday */
	assert_int_equal(helpdesk_due(cal, d("2022-11-05"), 2, &due, NULL), 0);
	assert_int_equal(due, d("2022-11-08"));
	/* 20 working days from Monday 2022-11-07: 11-08 .. 12-05 */
	assert_int_equal(helpdesk_due(cal, d("2022-11-07"), 20, &due, NULL), 0);
	assert_int_equal(due, d("2022-12-05"));
	assert_false(helpdesk_overdue(d("2022-10-08"), d("2022-10-08"), 0));
	assert_true(helpdesk_overdue(d("2022-10-09"), d("2022-10-08"), 0));
	assert_false(helpdesk_overdue(d("2022-10-20"), d("2022-10-08"), d("2022-10-20")));
}

static void routing(void **state)
{
	(void)state;
	const struct helpdesk_provider p[] = {
		{ 1, "430000", "quality_management;metrology", 0 },    /* the province's institute */
		{ 2, "430100", "metrology", 5 },                        /* 长沙 */
		{ 3, "430100", "metrology;standardisation", 2 },        /* 长沙, fewer open */
		{ 4, "430102", "standardisation", 9 },                  /* 芙蓉区 */
		{ 5, "440100", "metrology", 0 },                        /* 广州: never for Hunan */
	};
	const size_t n = sizeof(p) / sizeof(p[0]);
	assert_int_equal(helpdesk_route(p, n, "metrology", "430102"), 2);          /* the city before the province; fewer open */
	assert_int_equal(helpdesk_route(p, n, "standardisation", "430102"), 3);    /* the county itself */
	assert_int_equal(helpdesk_route(p, n, "quality_management", "430702"), 0); /* only the province serves 常德 */
	assert_int_equal(helpdesk_route(p, n, "brand_building", "430102"), -1);
	assert_int_equal(helpdesk_route(p, n, "metrology", "440106"), 4);
	const struct helpdesk_provider tie[] = { { 8, "430100", "metrology", 1 }, { 7, "430100", "metrology", 1 } };
	assert_int_equal(helpdesk_route(tie, 2, "metrology", "430102"), 1);       /* the lower id */
	const struct helpdesk_provider prefix[] = { { 1, "430100", "metrology_extra", 0 } };
	assert_int_equal(helpdesk_route(prefix, 1, "metrology", "430102"), -1);   /* whole codes only */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fields),
		cmocka_unit_test(due_dates),
		cmocka_unit_test(routing),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
