/* test_reporting_form.c - a reporting request's form as data: definitions checked, content checked against them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "app/reporting/reporting.h"

static const char ACTIVITIES[] =
	"{\"fields\": [{\"key\": \"activities\", \"type\": \"items\", \"required\": true, \"fields\": ["
	"{\"key\": \"activity\", \"type\": \"int\", \"required\": true},"
	"{\"key\": \"held\", \"type\": \"bool\", \"required\": true},"
	"{\"key\": \"held_on\", \"type\": \"date\"},"
	"{\"key\": \"media\", \"type\": \"links\"},"
	"{\"key\": \"photos\", \"type\": \"files\"}]},"
	"{\"key\": \"typical_case\", \"type\": \"textarea\", \"max\": 20}]}";

static json_t *parse(const char *s)
{
	json_t *v = json_loads(s, 0, NULL);
	assert_non_null(v);
	return v;
}

static void definitions_are_checked(void **state)
{
	(void)state;
	struct px_err err = { 0 };
	json_t *ok = parse(ACTIVITIES);
	assert_int_equal(reporting_form_check(ok, &err), 0);
	json_decref(ok);
	static const char *const bad[] = {
		"[]",
		"{\"fields\": []}",
		"{\"fields\": [{\"key\": \"a\", \"type\": \"colour\"}]}",
		"{\"fields\": [{\"key\": \"a\", \"type\": \"text\"}, {\"key\": \"a\", \"type\": \"int\"}]}",
		"{\"fields\": [{\"key\": \"a\", \"type\": \"text\", \"fields\": []}]}",
		"{\"fields\": [{\"key\": \"a\", \"type\": \"items\", \"fields\": [{\"key\": \"b\", \"type\": \"items\", "
		"\"fields\": [{\"key\": \"c\", \"type\": \"text\"}]}]}]}",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		json_t *f = parse(bad[i]);
		assert_int_equal(reporting_form_check(f, &err), PX_EINVAL);
		assert_string_equal(err.key, "bad_form");
		json_decref(f);
	}
}

static void content_is_checked_with_the_path_of_the_fault(void **state)
{
	(void)state;
	static const struct {
		const char *content, *key, *field;
	} cases[] = {
		{ "{}", "missing_field", "activities" },
		{ "{\"activities\": [{\"activity\": 1}]}", "missing_field", "activities[0].held" },
		{ "{\"activities\": [{\"activity\": 1, \"held\": \"yes\"}]}", "invalid_content", "activities[0].held" },
		{ "{\"activities\": [{\"activity\": 1, \"held\": true, \"held_on\": \"2015-02-30\"}]}", "invalid_content",
		  "activities[0].held_on" },
		{ "{\"activities\": [{\"activity\": 1, \"held\": true, \"media\": [\"javascript:alert(1)\"]}]}",
		  "invalid_content", "activities[0].media[0]" },
		{ "{\"activities\": [], \"other\": 1}", "invalid_content", "other" },
		{ "{\"activities\": [], \"typical_case\": \"这一段典型案例超过了二十个字节\"}", "invalid_text", "typical_case" },
	};
	json_t *form = parse(ACTIVITIES);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct px_err err = { 0 };
		json_t *c = parse(cases[i].content);
		assert_int_equal(reporting_form_validate(form, c, NULL, false, &err), PX_EINVAL);
		assert_string_equal(err.key, cases[i].key);
		assert_string_equal(err.field, cases[i].field);
		json_decref(c);
	}
	json_decref(form);
}

static void valid_content_passes_and_names_its_files(void **state)
{
	(void)state;
	struct px_err err = { 0 };
	json_t *form = parse(ACTIVITIES), *files = json_array();
	json_t *c = parse("{\"activities\": [{\"activity\": 3, \"held\": true, \"held_on\": \"2015-09-10\", "
			  "\"media\": [\"https://www.sznews.com/a.htm\"], \"photos\": [7, 9]}], \"typical_case\": \"ok\"}");
	assert_int_equal(reporting_form_validate(form, c, files, false, &err), 0);
	assert_int_equal(json_array_size(files), 2);
	assert_int_equal(json_integer_value(json_array_get(files, 1)), 9);
	json_decref(c);
	json_decref(files);
	/* a draft may leave out what is required, not break the types */
	c = parse("{\"activities\": [{\"activity\": 3}]}");
	assert_int_equal(reporting_form_validate(form, c, NULL, true, &err), 0);
	json_decref(c);
	c = parse("{\"activities\": [{\"held\": 1}]}");
	assert_int_equal(reporting_form_validate(form, c, NULL, true, &err), PX_EINVAL);
	assert_string_equal(err.field, "activities[0].held");
	json_decref(c);
	json_decref(form);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(definitions_are_checked),
		cmocka_unit_test(content_is_checked_with_the_path_of_the_fault),
		cmocka_unit_test(valid_content_passes_and_names_its_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
