/* test_eligibility.c - the eligibility rules of 清强市办〔2025〕20号 on their boundary dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "core/eligibility.h"

static px_date d(const char *s)
{
	px_date v = 0;
	assert_int_equal(date_parse(s, strlen(s), &v), 0);
	return v;
}

static void anniversaries_keep_month_and_day(void **state)
{
	(void)state;
	assert_int_equal(eligibility_anniversary(d("2022-10-20"), 3), d("2025-10-20"));
	assert_int_equal(eligibility_anniversary(d("2022-12-31"), 3), d("2025-12-31"));
	assert_int_equal(eligibility_anniversary(d("2025-01-01"), 0), d("2025-01-01"));
	/* 29 February: 28 February in a common year, 29 February in a leap year */
	assert_int_equal(eligibility_anniversary(d("2020-02-29"), 3), d("2023-02-28"));
	assert_int_equal(eligibility_anniversary(d("2020-02-29"), 4), d("2024-02-29"));
	assert_int_equal(eligibility_anniversary(d("2000-02-29"), 100), d("2100-02-28"));
}

static void operating_years_exactly_three_passes(void **state)
{
	(void)state;
	struct eligibility_outcome o;
	/* the reference date is the closing date of the application stage, 2025-10-20 */
	eligibility_operating_years(d("2022-10-20"), 3, d("2025-10-20"), &o);
	assert_int_equal(o.result, ELIG_PASS);
	assert_string_equal(o.reason, "成立于2022-10-20，至2025-10-20已满3年 (founded 2022-10-20: 3 years by 2025-10-20)");
	eligibility_operating_years(d("2010-05-01"), 3, d("2025-10-20"), &o);
	assert_int_equal(o.result, ELIG_PASS);
}

static void operating_years_a_day_short_fails(void **state)
{
	(void)state;
	struct eligibility_outcome o;
	eligibility_operating_years(d("2022-10-21"), 3, d("2025-10-20"), &o);
	assert_int_equal(o.result, ELIG_FAIL);
	assert_string_equal(o.reason, "成立于2022-10-21，至2025-10-20不满3年（2025-10-21方满） "
				      "(founded 2022-10-21: less than 3 years by 2025-10-20; 3 years on 2025-10-21)");
	/* the seed's example: founded 2023-01-01 is not three years old in 2025 */
	eligibility_operating_years(d("2023-01-01"), 3, d("2025-10-20"), &o);
	assert_int_equal(o.result, ELIG_FAIL);
	assert_non_null(strstr(o.reason, "less than 3 years by 2025-10-20"));
}

static void operating_years_from_29_february(void **state)
{
	(void)state;
	struct eligibility_outcome o;
	eligibility_operating_years(d("2020-02-29"), 3, d("2023-02-28"), &o);
	assert_int_equal(o.result, ELIG_PASS);
	eligibility_operating_years(d("2020-02-29"), 3, d("2023-02-27"), &o);
	assert_int_equal(o.result, ELIG_FAIL);
	assert_non_null(strstr(o.reason, "3 years on 2023-02-28"));
	eligibility_operating_years(d("2020-02-29"), 4, d("2024-02-28"), &o);
	assert_int_equal(o.result, ELIG_FAIL);
	eligibility_operating_years(d("2020-02-29"), 4, d("2024-02-29"), &o);
	assert_int_equal(o.result, ELIG_PASS);
}

static void quality_work_five_years(void **state)
{
	(void)state;
	struct eligibility_outcome o;
	eligibility_quality_work_years(d("2020-10-20"), 5, d("2025-10-20"), &o);
	assert_int_equal(o.result, ELIG_PASS);
	assert_string_equal(o.reason, "自2020-10-20，至2025-10-20已满5年 (quality work since 2020-10-20: 5 years by 2025-10-20)");
	eligibility_quality_work_years(d("2020-10-21"), 5, d("2025-10-20"), &o);
	assert_int_equal(o.result, ELIG_FAIL);
	assert_non_null(strstr(o.reason, "less than 5 years by 2025-10-20; 5 years on 2025-10-21"));
	eligibility_quality_work_years(d("2016-02-29"), 5, d("2021-02-28"), &o);
	assert_int_equal(o.result, ELIG_PASS);
}

static void no_record_is_attested_or_pending(void **state)
{
	(void)state;
	struct eligibility_outcome o;
	eligibility_no_record(true, 3, &o);
	assert_int_equal(o.result, ELIG_ATTESTED);
	assert_string_equal(eligibility_result_name(o.result), "attested");
	assert_non_null(strstr(o.reason, "no accident, violation or dishonesty record in the last 3 years"));
	eligibility_no_record(false, 3, &o);
	assert_int_equal(o.result, ELIG_PENDING);
	assert_string_equal(eligibility_result_name(o.result), "pending");
}

static void win_ban_covers_the_two_cycles_before(void **state)
{
	(void)state;
	struct eligibility_outcome o;
	int w2024[] = { 2024 }, w2023[] = { 2023 }, w2022[] = { 2022 }, w2025[] = { 2025 }, many[] = { 2019, 2023, 2021 };

	eligibility_win_ban(2025, 2, 1, w2024, 1, &o);
	assert_int_equal(o.result, ELIG_FAIL);
	assert_string_equal(o.reason, "2024年已获本奖项，获奖后2个评选周期内（2023—2024年）不得重复申报 "
				      "(won in 2024: no new application in the 2 cycles after winning, 2023 to 2024)");
	eligibility_win_ban(2025, 2, 1, w2023, 1, &o);
	assert_int_equal(o.result, ELIG_FAIL);
	eligibility_win_ban(2025, 2, 1, w2022, 1, &o);
	assert_int_equal(o.result, ELIG_PASS);
	assert_string_equal(o.reason, "2023—2024年未获本奖项 (no win of this award in 2023 to 2024)");
	eligibility_win_ban(2025, 2, 1, w2025, 1, &o);
	assert_int_equal(o.result, ELIG_PASS);
	eligibility_win_ban(2025, 2, 1, NULL, 0, &o);
	assert_int_equal(o.result, ELIG_PASS);
	/* the latest win in the window is named */
	eligibility_win_ban(2025, 2, 1, many, 3, &o);
	assert_int_equal(o.result, ELIG_FAIL);
	assert_non_null(strstr(o.reason, "won in 2023"));
	/* biennial awards: two cycles are four years */
	eligibility_win_ban(2025, 2, 2, many, 3, &o);
	assert_int_equal(o.result, ELIG_FAIL);
	eligibility_win_ban(2025, 2, 2, w2022, 1, &o);
	assert_int_equal(o.result, ELIG_FAIL);
	/* no ban */
	eligibility_win_ban(2025, 0, 1, w2024, 1, &o);
	assert_int_equal(o.result, ELIG_PASS);
	assert_non_null(strstr(o.reason, "no ban"));
}

static void result_names(void **state)
{
	(void)state;
	assert_string_equal(eligibility_result_name(ELIG_PASS), "pass");
	assert_string_equal(eligibility_result_name(ELIG_FAIL), "fail");
	assert_string_equal(eligibility_result_name((enum eligibility_result)42), "pending");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(anniversaries_keep_month_and_day),
		cmocka_unit_test(operating_years_exactly_three_passes),
		cmocka_unit_test(operating_years_a_day_short_fails),
		cmocka_unit_test(operating_years_from_29_february),
		cmocka_unit_test(quality_work_five_years),
		cmocka_unit_test(no_record_is_attested_or_pending),
		cmocka_unit_test(win_ban_covers_the_two_cycles_before),
		cmocka_unit_test(result_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
