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
#include "app/certification/family.h"
#include "app/programme/template.h"

#include <stdio.h>
#include <stdlib.h>

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

/* The shipped template runs as a certification; a section the family does not accept is refused at load. */
static void shipped_template(void **state)
{
	(void)state;
	char path[512];
	struct px_err err = { 0 };
	struct template *t = NULL;
	snprintf(path, sizeof(path), "%s/templates/hunan-famous-products-2022.json", getenv("PX_DATA_DIR"));
	json_t *root = json_load_file(path, 0, NULL);
	assert_non_null(root);
	char *text = json_dumps(root, 0);
	assert_int_equal(template_parse(text, strlen(text), &t, &err), 0);
	assert_ptr_equal(family_find(t->kind), &certification_family);
	assert_int_equal(family_check_template(t, text, strlen(text), &err), 0);
	free(text);
	json_object_set_new(json_object_get(root, "section"), "bar", json_integer(120));
	text = json_dumps(root, 0);
	assert_int_equal(family_check_template(t, text, strlen(text), &err), PX_EINVAL);
	assert_string_equal(err.field, "section.bar");
	free(text);
	free(t);
	json_decref(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rules),
		cmocka_unit_test(validity),
		cmocka_unit_test(shipped_template),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
