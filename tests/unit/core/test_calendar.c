/*
 * test_calendar.c - the working-day calendar against the shipped
 * data/cn_workdays.csv (real State Council schedules), and the load errors
 * of malformed files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "core/calendar.h"
#include "data_file.h"

static px_date D(const char *s)
{
	px_date d = 0;
	assert_int_equal(date_parse(s, strlen(s), &d), 0);
	return d;
}

static int setup(void **state)
{
	size_t len = 0;
	char *csv = data_file("cn_workdays.csv", &len);
	struct calendar *cal = NULL;
	struct px_err err = { 0 };
	if (!csv)
		return -1;
	int rc = calendar_load(&cal, csv, len, &err);
	free(csv);
	if (rc) {
		print_error("cn_workdays.csv: %s\n", err.msg);
		return -1;
	}
	*state = cal;
	return 0;
}

static int teardown(void **state)
{
	calendar_free(*state);
	return 0;
}

static bool working(const struct calendar *cal, const char *day)
{
	bool w = false;
	assert_int_equal(calendar_is_workday(cal, D(day), &w, NULL), 0);
	return w;
}

static void covered_years(void **state)
{
	int first = 0, last = 0;
	calendar_years(*state, &first, &last);
	assert_int_equal(first, 2015);
	assert_int_equal(last, 2026);
}

static void spring_festival_2025(void **state)
{
	const struct calendar *cal = *state;
	static const char *holidays[] = { "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31",
					  "2025-02-01", "2025-02-02", "2025-02-03", "2025-02-04" };
	for (size_t i = 0; i < sizeof(holidays) / sizeof(holidays[0]); i++)
		assert_false(working(cal, holidays[i]));
	assert_true(working(cal, "2025-01-26"));  /* Sunday, 调休 */
	assert_true(working(cal, "2025-01-27"));  /* Monday, ordinary */
	assert_true(working(cal, "2025-02-08"));  /* Saturday, 调休 */
	assert_false(working(cal, "2025-02-09")); /* Sunday, ordinary */

	struct calendar_day d;
	assert_int_equal(calendar_day(cal, D("2025-01-29"), &d, NULL), 0);
	assert_int_equal(d.kind, CALENDAR_HOLIDAY);
	assert_false(d.working);
	assert_string_equal(d.name, "春节");
}

static void national_day_2025(void **state)
{
	const struct calendar *cal = *state;
	struct calendar_day d;
	char day[11];
	for (px_date x = D("2025-10-01"); x <= D("2025-10-08"); x++) {
		date_format(x, day);
		assert_false(working(cal, day));
	}
	assert_true(working(cal, "2025-09-28"));
	assert_true(working(cal, "2025-10-11"));
	assert_false(working(cal, "2025-09-27"));
	assert_true(working(cal, "2025-10-09"));

	assert_int_equal(calendar_day(cal, D("2025-09-28"), &d, NULL), 0);
	assert_int_equal(d.kind, CALENDAR_ADJUSTED);
	assert_true(d.working);
	assert_string_equal(d.name, "国庆节、中秋节");
	assert_int_equal(calendar_day(cal, D("2025-09-27"), &d, NULL), 0);
	assert_int_equal(d.kind, CALENDAR_REST);
	assert_false(d.working);
	assert_string_equal(d.name, "");
	assert_int_equal(calendar_day(cal, D("2025-09-29"), &d, NULL), 0);
	assert_int_equal(d.kind, CALENDAR_WORKDAY);
	assert_true(d.working);
	assert_string_equal(d.name, "");
}

static void extension_of_2020(void **state)
{
	const struct calendar *cal = *state;
	/* the extension notice made Saturday 2020-02-01 a day off */
	assert_false(working(cal, "2020-02-01"));
	assert_false(working(cal, "2020-01-31"));
	assert_true(working(cal, "2020-02-03"));
	assert_true(working(cal, "2020-01-19")); /* Sunday, 调休 */
	px_date end = 0;
	assert_int_equal(calendar_end_of_period(cal, D("2020-01-23"), 3, &end, NULL), 0);
	assert_int_equal(end, D("2020-02-04"));
}

static void end_of_period(void **state)
{
	const struct calendar *cal = *state;
	static const struct {
		const char *start;
		int n;
		const char *end;
	} cases[] = {
		/* Friday: day 1; 09-27 rest; 09-28 调休; 09-29, 09-30; holidays; 10-09 */
		{ "2025-09-26", 5, "2025-10-09" },
		/* starts inside the National Day holiday: day 1 is 10-09, 10-11 is 调休 */
		{ "2025-10-03", 5, "2025-10-14" },
		/* starts on a rest day: day 1 is the next working day (a 调休 Sunday) */
		{ "2025-09-27", 1, "2025-09-28" },
		/* a working day is its own one-day period */
		{ "2025-01-27", 1, "2025-01-27" },
		{ "2025-01-25", 2, "2025-01-27" },
		/* across the year: 2026-01-01..03 holidays, 01-04 (Sunday) 调休 */
		{ "2025-12-29", 5, "2026-01-05" },
		{ "2025-12-30", 3, "2026-01-04" },
		/* up to the very last covered day */
		{ "2026-12-25", 5, "2026-12-31" },
		/* a whole year: 2024 had 251 working days */
		{ "2024-01-01", 251, "2024-12-31" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		px_date end = 0;
		char got[11];
		assert_int_equal(calendar_end_of_period(cal, D(cases[i].start), cases[i].n, &end, NULL), 0);
		date_format(end, got);
		assert_string_equal(got, cases[i].end);
	}
}

static void end_of_period_errors(void **state)
{
	const struct calendar *cal = *state;
	struct px_err err = { 0 };
	px_date end = 0;
	assert_int_equal(calendar_end_of_period(cal, D("2025-09-26"), 0, &end, &err), PX_EINVAL);
	assert_string_equal(err.key, "invalid_period");
	assert_string_equal(err.field, "n");
	assert_int_equal(calendar_end_of_period(cal, D("2025-09-26"), -3, &end, &err), PX_EINVAL);
	assert_int_equal(calendar_end_of_period(cal, D("2026-12-25"), 6, &end, &err), PX_ERANGE);
	assert_string_equal(err.key, "date_out_of_calendar");
	assert_string_equal(err.msg, "the end of 6 working days from '2026-12-25' falls after the "
				     "last day of the working-day calendar '2026-12-31'");
	assert_int_equal(calendar_end_of_period(cal, D("2015-01-01"), 2147483647, &end, &err),
			 PX_ERANGE);
	assert_int_equal(calendar_end_of_period(cal, D("2027-01-04"), 1, &end, &err), PX_ERANGE);
	assert_string_equal(err.msg, "date '2027-01-04' is outside the working-day calendar (2015-2026)");
	/* a period starting on the last day, a Thursday, still fits */
	assert_int_equal(calendar_end_of_period(cal, D("2026-12-31"), 1, &end, &err), 0);
	assert_int_equal(end, D("2026-12-31"));
}

static void outside_the_calendar(void **state)
{
	const struct calendar *cal = *state;
	static const char *outside[] = { "2014-12-31", "2027-01-01", "1970-01-01", "9999-12-31",
					 "2018-12-28" };
	struct px_err err = { 0 };
	struct calendar_day d;
	bool w;
	px_date x;
	int n;
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(calendar_is_workday(cal, D(outside[i]), &w, &err), PX_ERANGE);
		assert_string_equal(err.key, "date_out_of_calendar");
		assert_string_equal(err.field, "date");
		assert_int_equal(calendar_day(cal, D(outside[i]), &d, &err), PX_ERANGE);
		assert_int_equal(calendar_next_workday(cal, D(outside[i]), &x, &err), PX_ERANGE);
		assert_int_equal(calendar_count(cal, D(outside[i]), D("2025-01-01"), &n, &err), PX_ERANGE);
		assert_int_equal(calendar_count(cal, D("2025-01-01"), D(outside[i]), &n, &err), PX_ERANGE);
	}
	assert_int_equal(calendar_is_workday(cal, D("2014-12-31"), &w, &err), PX_ERANGE);
	assert_string_equal(err.msg, "date '2014-12-31' is outside the working-day calendar (2015-2026)");
	/* the first and last covered days answer */
	assert_int_equal(calendar_is_workday(cal, D("2015-01-01"), &w, NULL), 0);
	assert_false(w);
	assert_int_equal(calendar_is_workday(cal, D("2026-12-31"), &w, NULL), 0);
	assert_true(w);
	/* 2018 is covered by its own notice; the 2019 notice's 2018-12-29..31 apply */
	assert_true(working(cal, outside[4]));
	assert_true(working(cal, "2018-12-29"));  /* Saturday, 调休 for 元旦 2019 */
	assert_false(working(cal, "2018-12-31")); /* Monday, holiday */
}

static void next_workday(void **state)
{
	const struct calendar *cal = *state;
	struct px_err err = { 0 };
	px_date x = 0;
	assert_int_equal(calendar_next_workday(cal, D("2025-09-30"), &x, NULL), 0);
	assert_int_equal(x, D("2025-10-09"));
	assert_int_equal(calendar_next_workday(cal, D("2025-09-26"), &x, NULL), 0);
	assert_int_equal(x, D("2025-09-28"));
	/* strictly after: a working day is not its own next working day */
	assert_int_equal(calendar_next_workday(cal, D("2025-09-29"), &x, NULL), 0);
	assert_int_equal(x, D("2025-09-30"));
	assert_int_equal(calendar_next_workday(cal, D("2025-12-31"), &x, NULL), 0);
	assert_int_equal(x, D("2026-01-04"));
	assert_int_equal(calendar_next_workday(cal, D("2026-12-31"), &x, &err), PX_ERANGE);
	assert_string_equal(err.msg, "the working day after '2026-12-31' falls after the last day "
				     "of the working-day calendar '2026-12-31'");
}

static void count(void **state)
{
	const struct calendar *cal = *state;
	static const int per_year[] = { 249, 250, 249, 250, 250, 249, 250, 249, 249, 251, 248, 248 };
	struct px_err err = { 0 };
	int n = -1, total = 0;
	for (int y = 2015; y <= 2026; y++) {
		px_date a = date_from_ymd(y, 1, 1), b = date_from_ymd(y, 12, 31);
		assert_int_equal(calendar_count(cal, a, b, &n, NULL), 0);
		assert_int_equal(n, per_year[y - 2015]);
		total += n;
	}
	assert_int_equal(calendar_count(cal, D("2015-01-01"), D("2026-12-31"), &n, NULL), 0);
	assert_int_equal(n, total);
	assert_int_equal(calendar_count(cal, D("2025-09-26"), D("2025-10-09"), &n, NULL), 0);
	assert_int_equal(n, 5);
	assert_int_equal(calendar_count(cal, D("2025-10-01"), D("2025-10-08"), &n, NULL), 0);
	assert_int_equal(n, 0);
	assert_int_equal(calendar_count(cal, D("2025-09-29"), D("2025-09-29"), &n, NULL), 0);
	assert_int_equal(n, 1);
	assert_int_equal(calendar_count(cal, D("2025-10-09"), D("2025-09-26"), &n, &err), PX_EINVAL);
	assert_string_equal(err.key, "invalid_range");
	assert_string_equal(err.msg, "'2025-09-26' is before '2025-10-09'");
}

/* end and count agree: the period ending on `end` has n working days. */
static void end_and_count_agree(void **state)
{
	const struct calendar *cal = *state;
	for (px_date s = D("2024-12-20"); s <= D("2025-12-31"); s += 3) {
		for (int n = 1; n <= 40; n += 7) {
			px_date end = 0;
			int k = 0;
			assert_int_equal(calendar_end_of_period(cal, s, n, &end, NULL), 0);
			assert_int_equal(calendar_count(cal, s, end, &k, NULL), 0);
			assert_int_equal(k, n);
			bool w = false;
			assert_int_equal(calendar_is_workday(cal, end, &w, NULL), 0);
			assert_true(w);
		}
	}
}

/* ---- load errors -------------------------------------------------------- */

static int load(const char *csv, struct px_err *err)
{
	struct calendar *cal = NULL;
	int rc = calendar_load(&cal, csv, strlen(csv), err);
	assert_true(rc ? cal == NULL : cal != NULL);
	calendar_free(cal);
	return rc;
}

#define HEAD "date,kind,name\n"
#define Y2025 "2025-01-01,holiday,元旦\n"

static void load_errors(void **state)
{
	(void)state;
	static const struct {
		const char *csv;
		int code;
		const char *key, *msg;
	} cases[] = {
		{ "", PX_EINVAL, "calendar_bad_header",
		  "line 1: empty file, expected the header 'date,kind,name'" },
		{ "date,kind,\"name\n" Y2025, PX_EINVAL, "csv_syntax", "line 1: unterminated quoted field" },
		{ "day,kind,name\n" Y2025, PX_EINVAL, "calendar_bad_header",
		  "line 1: header must name the columns 'date,kind,name'" },
		{ HEAD Y2025 "2025-13-01,holiday,x\n", PX_EINVAL, "calendar_bad_date",
		  "line 3: invalid date '2025-13-01'" },
		{ HEAD Y2025 "2025/10/01,holiday,x\n", PX_EINVAL, "calendar_bad_date",
		  "line 3: invalid date '2025/10/01'" },
		{ HEAD Y2025 "2025-10-01,Holiday,x\n", PX_EINVAL, "calendar_bad_kind",
		  "line 3: kind 'Holiday' is neither 'holiday' nor 'workday'" },
		{ HEAD Y2025 "2025-09-29,workday,x\n", PX_EINVAL, "calendar_bad_kind",
		  "line 3: '2025-09-29' is a weekday, only a saturday or sunday can be made a working day" },
		{ HEAD Y2025 "2025-10-01,holiday,\n", PX_EINVAL, "calendar_bad_name",
		  "line 3: empty holiday name for '2025-10-01'" },
		{ HEAD Y2025 "2025-10-01,holiday,a\n2025-10-02,holiday,b\n2025-10-01,holiday,c\n",
		  PX_EINVAL, "calendar_duplicate_date",
		  "line 5: duplicate date '2025-10-01' (already on line 3)" },
		{ HEAD Y2025 "2025-10-01,holiday\n", PX_EINVAL, "csv_field_count",
		  "line 3: 2 fields, expected 3" },
		{ HEAD Y2025 "2025-10-01,holiday,\"x\n", PX_EINVAL, "csv_syntax",
		  "line 3: unterminated quoted field" },
		{ HEAD "2025-10-01,holiday,国庆节\n", PX_EINVAL, "calendar_no_years",
		  "no year covered: the file lists no 1 january holiday" },
		{ HEAD "2025-01-01,workday,元旦\n", PX_EINVAL, "calendar_bad_kind",
		  "line 2: '2025-01-01' is a weekday, only a saturday or sunday can be made a working day" },
		{ HEAD "2024-01-01,holiday,元旦\n" "2026-01-01,holiday,元旦\n" Y2025
		  "2028-01-01,holiday,元旦\n",
		  PX_EINVAL, "calendar_missing_year",
		  "no schedule for 2027 (no '2027-01-01' holiday) between 2024 and 2028" },
		{ HEAD Y2025 "2024-11-30,workday,x\n", PX_EINVAL, "calendar_outside_years",
		  "line 3: '2024-11-30' is outside the covered years 2025-2025" },
		{ HEAD Y2025 "2026-01-02,holiday,x\n", PX_EINVAL, "calendar_outside_years",
		  "line 3: '2026-01-02' is outside the covered years 2025-2025" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct px_err err = { 0 };
		assert_int_equal(load(cases[i].csv, &err), cases[i].code);
		assert_string_equal(err.key, cases[i].key);
		assert_string_equal(err.msg, cases[i].msg);
	}
	/* a name over the cap */
	char big[512];
	char name[CALENDAR_MAX_NAME + 2];
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	snprintf(big, sizeof(big), HEAD Y2025 "2025-10-01,holiday,%s\n", name);
	struct px_err err = { 0 };
	assert_int_equal(load(big, &err), PX_ETOOBIG);
	assert_string_equal(err.key, "csv_field_too_long");
	name[CALENDAR_MAX_NAME] = '\0'; /* exactly at the cap is fine */
	snprintf(big, sizeof(big), HEAD Y2025 "2025-10-01,holiday,%s\n", name);
	assert_int_equal(load(big, &err), 0);
}

static void load_variants(void **state)
{
	(void)state;
	struct calendar *cal = NULL;
	struct px_err err = { 0 };
	int first, last;
	bool w;

	/* the 2019 notice alone: its 2018 December entries do not cover 2018 */
	const char *y2019 = "\xEF\xBB\xBF" "date,kind,name\r\n"
			    "2018-12-29,workday,元旦\r\n2018-12-30,holiday,元旦\r\n"
			    "2018-12-31,holiday,元旦\r\n2019-01-01,holiday,元旦\r\n";
	assert_int_equal(calendar_load(&cal, y2019, strlen(y2019), &err), 0);
	calendar_years(cal, &first, &last);
	assert_int_equal(first, 2019);
	assert_int_equal(last, 2019);
	assert_int_equal(calendar_is_workday(cal, D("2018-12-31"), &w, &err), PX_ERANGE);
	assert_int_equal(calendar_is_workday(cal, D("2019-01-01"), &w, &err), 0);
	assert_false(w);
	assert_int_equal(calendar_is_workday(cal, D("2019-01-02"), &w, &err), 0);
	assert_true(w);
	calendar_free(cal);

	/* columns in another order, an extra column, quoted names */
	const char *other = "name,note,kind,date\n\"元旦\",,holiday,2025-01-01\n"
			    "\"国庆节、中秋节\",\"a, b\",workday,2025-09-28\n";
	assert_int_equal(calendar_load(&cal, other, strlen(other), &err), 0);
	struct calendar_day d;
	assert_int_equal(calendar_day(cal, D("2025-09-28"), &d, &err), 0);
	assert_int_equal(d.kind, CALENDAR_ADJUSTED);
	assert_string_equal(d.name, "国庆节、中秋节");
	calendar_free(cal);

	calendar_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(covered_years),
		cmocka_unit_test(spring_festival_2025),
		cmocka_unit_test(national_day_2025),
		cmocka_unit_test(extension_of_2020),
		cmocka_unit_test(end_of_period),
		cmocka_unit_test(end_of_period_errors),
		cmocka_unit_test(outside_the_calendar),
		cmocka_unit_test(next_workday),
		cmocka_unit_test(count),
		cmocka_unit_test(end_and_count_agree),
		cmocka_unit_test(load_errors),
		cmocka_unit_test(load_variants),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
