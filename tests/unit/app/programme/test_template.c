/* test_template.c - the shipped Qingyuan template loads; bad templates name the bad key. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/programme/template.h"

static char *shipped(size_t *len)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/templates/qingyuan-quality-award-2025.json", getenv("PX_DATA_DIR"));
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = malloc(1 << 20);
	*len = fread(buf, 1, (1 << 20) - 1, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

static void qingyuan_template_reproduces_the_seed(void **state)
{
	(void)state;
	size_t len;
	char *text = shipped(&len);
	struct template *t = NULL;
	struct px_err err = { 0 };
	assert_int_equal(template_parse(text, len, &t, &err), 0);
	assert_string_equal(t->family, "qingyuan-quality-award");
	assert_int_equal(t->year, 2025);
	assert_int_equal(t->ntracks, 2);
	assert_string_equal(t->tracks[0].name, "组织奖");
	assert_int_equal(t->tracks[0].cap, 5);
	assert_int_equal(t->tracks[0].applicant, TPL_ORGANISATION);
	assert_int_equal(t->tracks[0].nforms, 3);
	assert_string_equal(t->tracks[1].name, "个人奖");
	assert_int_equal(t->tracks[1].cap, 10);
	assert_int_equal(t->tracks[1].applicant, TPL_PERSON);
	assert_non_null(template_form(t, "manufacturing"));
	assert_non_null(template_form(t, "service"));
	assert_non_null(template_form(t, "construction"));
	assert_non_null(template_form(t, "individual"));
	assert_int_equal(t->nquotas, 8);
	assert_non_null(template_quota(t, "441802"));
	assert_null(template_quota(t, "440106"));
	/* operating 3 years; 5 years of quality work; no record in 3 years; two-cycle ban */
	assert_int_equal(t->rules[TPL_ORGANISATION][0].kind, TPL_RULE_OPERATING_YEARS);
	assert_int_equal(t->rules[TPL_ORGANISATION][0].value, 3);
	assert_int_equal(t->rules[TPL_PERSON][0].kind, TPL_RULE_QUALITY_WORK_YEARS);
	assert_int_equal(t->rules[TPL_PERSON][0].value, 5);
	assert_int_equal(t->rules[TPL_ORGANISATION][2].kind, TPL_RULE_WIN_BAN);
	assert_int_equal(t->rules[TPL_ORGANISATION][2].value, 2);
	/* materials by 2025-10-25; notices of 5 working days; objections 3 + 3 */
	const struct tpl_stage *county = template_stage(t, "county");
	assert_non_null(county);
	char d[11];
	date_format(county->closes, d);
	assert_string_equal(d, "2025-10-25");
	assert_int_equal(county->notice_workdays, 5);
	assert_int_equal(template_stage(t, "proposed")->notice_workdays, 5);
	assert_int_equal(template_stage(t, "qualification")->notice_workdays, 5);
	assert_int_equal(t->objection_forward_workdays, 3);
	assert_int_equal(t->objection_reply_workdays, 3);
	assert_int_equal(t->weight_material + t->weight_onsite, 1000);
	free(t);
	free(text);
}

/* Apply an edit to the shipped template and expect a failure naming `field`. */
static void expect_bad(const char *json_path_edit, json_t *value, const char *field)
{
	size_t len;
	char *text = shipped(&len);
	json_t *root = json_loads(text, 0, NULL), *o = root;
	char path[128], *save = NULL, *tok;
	snprintf(path, sizeof(path), "%s", json_path_edit);
	char *last = strrchr(path, '/');
	*last = '\0';
	for (tok = strtok_r(path, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		char *end;
		long idx = strtol(tok, &end, 10);
		o = *end ? json_object_get(o, tok) : json_array_get(o, (size_t)idx);
	}
	json_object_set_new(o, last + 1, value);
	char *edited = json_dumps(root, 0);
	struct template *t = NULL;
	struct px_err err = { 0 };
	assert_int_equal(template_parse(edited, strlen(edited), &t, &err), PX_EINVAL);
	assert_string_equal(err.key, "bad_template");
	assert_string_equal(err.field, field);
	assert_null(t);
	free(edited);
	json_decref(root);
	free(text);
}

static void bad_templates_name_the_key(void **state)
{
	(void)state;
	expect_bad("/stages/3/notice_workday", json_integer(5), "stages[3].notice_workday");
	expect_bad("/stages/1/closes", json_string("2025-02-30"), "stages[1].closes");
	expect_bad("/stages/2/kind", json_string("lottery"), "stages[2].kind");
	expect_bad("/scoring/weights/onsite", json_integer(700), "scoring.weights");
	expect_bad("/quotas/0/mayor", json_integer(1), "quotas[0].mayor");
	expect_bad("/tracks/0/cap", json_integer(-1), "tracks[0].cap");
	expect_bad("/tracks/0/forms", json_pack("[s]", "nosuchform"), "tracks[0].forms");
	expect_bad("/forms/service/fields", json_pack("[{s:s,s:s,s:s}]", "key", "x", "label", "X", "type", "colour"),
		   "forms.service.fields[0].type");
	expect_bad("/eligibility/organisation", json_pack("[{s:s,s:s}]", "rule", "lucky", "label", "x"),
		   "eligibility.organisation[0].rule");
	expect_bad("/objections/forward_workdays", json_integer(0), "objections.forward_workdays");
	expect_bad("/stages/4/opens", json_string("2025-01-01"), "stages[4].opens");
}

static void malformed_json_is_refused(void **state)
{
	(void)state;
	struct template *t = NULL;
	struct px_err err = { 0 };
	assert_int_equal(template_parse("{\"id\":", 6, &t, &err), PX_EINVAL);
	assert_string_equal(err.key, "bad_template");
	assert_int_equal(template_parse("[]", 2, &t, &err), PX_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(qingyuan_template_reproduces_the_seed),
		cmocka_unit_test(bad_templates_name_the_key),
		cmocka_unit_test(malformed_json_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
