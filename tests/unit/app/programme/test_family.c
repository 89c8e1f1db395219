/*
 * test_family.c - a template picks its programme family by its kind; the
 * family gives the exit checks and the texts a template may replace; the
 * stage order is checked when a template is read.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/programme/family.h"
#include "app/programme/template.h"

/* The shipped template, top merged into it and stage 8 given another kind when not NULL. */
static struct template *load(const char *stage_kind_at_8, json_t *top, struct px_err *err, int *rc)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/templates/qingyuan-quality-award-2025.json", getenv("PX_DATA_DIR"));
	json_t *root = json_load_file(path, 0, NULL);
	assert_non_null(root);
	if (top)
		json_object_update(root, top);
	if (stage_kind_at_8)
		json_object_set_new(json_array_get(json_object_get(root, "stages"), 8), "kind",
				    json_string(stage_kind_at_8));
	char *text = json_dumps(root, 0);
	struct template *t = NULL;
	*rc = template_parse(text, strlen(text), &t, err);
	if (!*rc) {
		*rc = family_check_template(t, text, strlen(text), err);
		if (*rc) {
			free(t);
			t = NULL;
		}
	}
	free(text);
	json_decref(root);
	json_decref(top);
	return t;
}

static void the_award_runs_the_shipped_template(void **state)
{
	(void)state;
	struct px_err err = { 0 };
	int rc;
	struct template *t = load(NULL, NULL, &err, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(t->kind, "award");
	assert_ptr_equal(family_find("award"), families[0]);
	assert_null(family_find("qingyuan-quality-award")); /* the lineage is not the family */
	assert_non_null(family_exit(t, STAGE_REVIEW));
	assert_non_null(family_exit(t, STAGE_NOTICE));
	assert_null(family_exit(t, STAGE_APPLICATION));
	assert_null(family_exit(t, STAGE_PUBLICATION));
	assert_string_equal(family_text(t, "notice.proposed"), "拟奖名单公示");
	assert_string_equal(family_text(t, "state.winner"), "获奖");
	assert_string_equal(family_text(t, "no.such.text"), "");
	assert_string_equal(template_form(t, "manufacturing")->label, "制造业");
	free(t);
}

static void an_unknown_kind_is_refused_at_load(void **state)
{
	(void)state;
	struct px_err err = { 0 };
	int rc;
	assert_null(load(NULL, json_pack("{s:s}", "kind", "lottery"), &err, &rc));
	assert_int_equal(rc, PX_EINVAL);
	assert_string_equal(err.key, "bad_template");
	assert_string_equal(err.field, "kind");
	assert_string_equal(err.msg, "no programme family 'lottery' (known: award)");
}

static void a_template_replaces_the_familys_texts(void **state)
{
	(void)state;
	struct px_err err = { 0 };
	int rc;
	struct template *t = load(NULL, json_pack("{s:{s:s}}", "texts", "notice.proposed", "拟表彰名单公示"), &err, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(family_text(t, "notice.proposed"), "拟表彰名单公示");
	assert_string_equal(family_text(t, "notice.qualification"), "受理名单");
	free(t);

	assert_null(load(NULL, json_pack("{s:{s:s}}", "texts", "notice.lottery", "x"), &err, &rc));
	assert_int_equal(rc, PX_EINVAL);
	assert_string_equal(err.field, "texts.notice.lottery");
	assert_null(load(NULL, json_pack("{s:{s:i}}", "texts", "notice.proposed", 3), &err, &rc));
	assert_int_equal(rc, PX_EINVAL);
	assert_string_equal(err.field, "texts.notice.proposed");
}

static void a_section_goes_only_to_a_family_that_takes_one(void **state)
{
	(void)state;
	struct px_err err = { 0 };
	int rc;
	/* the award keeps all it needs in the engine's keys: a "section" is a mistake, not ignored */
	assert_null(load(NULL, json_pack("{s:{s:i}}", "section", "per_day", 1), &err, &rc));
	assert_int_equal(rc, PX_EINVAL);
	assert_string_equal(err.key, "bad_template");
	assert_string_equal(err.field, "section");
	json_t *sec = family_section("{\"section\": {\"per_day\": 1}}", 27);
	assert_int_equal(json_integer_value(json_object_get(sec, "per_day")), 1);
	json_decref(sec);
	assert_null(family_section("{\"id\": 1}", 9));
}

static void stages_out_of_order_are_refused(void **state)
{
	(void)state;
	struct px_err err = { 0 };
	int rc;
	/* a county recommendation after the leadership group's deliberation */
	assert_null(load("recommendation", NULL, &err, &rc));
	assert_int_equal(rc, PX_EINVAL);
	assert_string_equal(err.field, "stages[8].kind");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_award_runs_the_shipped_template),
		cmocka_unit_test(an_unknown_kind_is_refused_at_load),
		cmocka_unit_test(a_template_replaces_the_familys_texts),
		cmocka_unit_test(a_section_goes_only_to_a_family_that_takes_one),
		cmocka_unit_test(stages_out_of_order_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
