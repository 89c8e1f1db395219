/* test_campaign_section.c - the campaign family runs the Shenzhen 2015 template (no tracks, forms, scoring) and checks its section. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/programme/family.h"
#include "app/programme/template.h"

/* Load the shipped template, changed by `patch` (merged into "section"), through parse and family check. */
static int load(const char *section_patch, struct px_err *err)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/templates/shenzhen-quality-month-2015.json", getenv("PX_DATA_DIR"));
	json_t *root = json_load_file(path, 0, NULL);
	assert_non_null(root);
	if (section_patch) {
		json_t *p = json_loads(section_patch, 0, NULL);
		assert_non_null(p);
		json_object_update(json_object_get(root, "section"), p);
		json_decref(p);
	}
	char *text = json_dumps(root, 0);
	struct template *t = NULL;
	int rc = template_parse(text, strlen(text), &t, err);
	if (!rc)
		rc = family_check_template(t, text, strlen(text), err);
	free(t);
	free(text);
	json_decref(root);
	return rc;
}

static void the_shipped_template_runs(void **state)
{
	(void)state;
	struct px_err err = { 0 };
	assert_int_equal(load(NULL, &err), 0);
	assert_non_null(family_find("campaign"));
}

static void a_bad_section_is_refused_naming_its_key(void **state)
{
	(void)state;
	static const struct {
		const char *patch, *field;
	} cases[] = {
		{ "{\"theme\": \"\"}", "section.theme" },
		{ "{\"slogans\": []}", "section.slogans" },
		{ "{\"focuses\": [1]}", "section.focuses" },
		{ "{\"units\": [{\"name\": \"福田区\", \"kind\": \"district\"}, {\"name\": \"福田区\", \"kind\": \"district\"}]}",
		  "section.units" },
		{ "{\"units\": [{\"name\": \"福田区\", \"kind\": \"county\"}]}", "section.units" },
		{ "{\"requests\": [{\"code\": \"summary\", \"title\": \"总结\", \"due_on\": \"2015-10-32\", \"form\": "
		  "{\"fields\": [{\"key\": \"a\", \"type\": \"text\"}]}}]}", "section.requests" },
		{ "{\"requests\": [{\"code\": \"summary\", \"title\": \"总结\", \"due_on\": \"2015-10-15\", \"form\": {}}]}",
		  "section.requests" },
		{ "{\"city_activities\": [{\"title\": \"启动大会\"}]}", "section.city_activities" },
		{ "{\"colour\": \"red\"}", "section" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct px_err err = { 0 };
		assert_int_equal(load(cases[i].patch, &err), PX_EINVAL);
		assert_string_equal(err.key, "bad_template");
		assert_string_equal(err.field, cases[i].field);
	}
}

/* Leaving out the entries is for families that take none: one entry section present needs the others. */
static void entries_are_all_or_nothing(void **state)
{
	(void)state;
	char path[512];
	snprintf(path, sizeof(path), "%s/templates/shenzhen-quality-month-2015.json", getenv("PX_DATA_DIR"));
	json_t *root = json_load_file(path, 0, NULL);
	assert_non_null(root);
	json_object_set_new(root, "tracks", json_pack("[{s:s, s:s, s:s, s:i, s:[s]}]", "code", "org", "name", "组织奖",
						      "applicant", "organisation", "cap", 1, "forms", "f"));
	char *text = json_dumps(root, 0);
	struct template *t = NULL;
	struct px_err err = { 0 };
	assert_int_equal(template_parse(text, strlen(text), &t, &err), PX_EINVAL);
	assert_string_equal(err.key, "bad_template");
	assert_null(t);
	free(text);
	json_decref(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_shipped_template_runs),
		cmocka_unit_test(a_bad_section_is_refused_naming_its_key),
		cmocka_unit_test(entries_are_all_or_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
