/*
 * test_certify.c - the pure parts of the certification: the template section's
 * rules (the bar in hundredths, the target, the validity), the end of a
 * validity period (29 February included).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "app/certification/certify.h"

static json_t *section(const char *text)
{
	json_t *j = json_loads(text, 0, NULL);
	assert_non_null(j);
	return j;
}

static void rules(void **state)
{
	(void)state;
	struct certification_rules r;
	struct px_err err = { 0 };
	json_t *s = section("{\"bar\": 80, \"target\": 100, \"validity_years\": 3}");
	assert_int_equal(certification_rules_of(s, &r, &err), 0);
	assert_int_equal(r.bar, 8000);
	assert_int_equal(r.target, 100);
	assert_int_equal(r.validity_years, 3);
	json_decref(s);
	s = section("{\"bar\": 79.95, \"target\": 100, \"validity_years\": 1}");
	assert_int_equal(certification_rules_of(s, &r, &err), 0);
	assert_int_equal(r.bar, 7995);
	json_decref(s);
	static const struct {
		const char *text, *field;
	} bad[] = {
		{ "{\"bar\": 80.001, \"target\": 100, \"validity_years\": 3}", "section.bar" },
		{ "{\"bar\": 101, \"target\": 100, \"validity_years\": 3}", "section.bar" },
		{ "{\"bar\": \"80\", \"target\": 100, \"validity_years\": 3}", "section.bar" },
		{ "{\"bar\": 80, \"target\": 0, \"validity_years\": 3}", "section.target" },
		{ "{\"bar\": 80, \"target\": 10.5, \"validity_years\": 3}", "section.target" },
		{ "{\"bar\": 80, \"target\": 100, \"validity_years\": 0}", "section.validity_years" },
		{ "{\"bar\": 80, \"target\": 100}", "section.validity_years" },
		{ "{\"bar\": 80, \"target\": 100, \"validity_years\": 3, \"cap\": 5}", "section" },
		{ "[]", "section" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		s = section(bad[i].text);
		assert_int_equal(certification_rules_of(s, &r, &err), PX_EINVAL);
		assert_string_equal(err.key, "bad_template");
		assert_string_equal(err.field, bad[i].field);
		json_decref(s);
	}
	assert_int_equal(certification_rules_of(NULL, &r, &err), PX_EINVAL);
}

static void validity(void **state)
{
	(void)state;
	char out[11];
	date_format(certification_valid_until(date_from_ymd(2022, 10, 20), 3), out);
	assert_string_equal(out, "2025-10-19");
	date_format(certification_valid_until(date_from_ymd(2024, 2, 29), 1), out);
	assert_string_equal(out, "2025-02-28");
	date_format(certification_valid_until(date_from_ymd(2024, 2, 29), 4), out);
	assert_string_equal(out, "2028-02-28");
	date_format(certification_valid_until(date_from_ymd(2023, 1, 1), 1), out);
	assert_string_equal(out, "2023-12-31");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rules),
		cmocka_unit_test(validity),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
