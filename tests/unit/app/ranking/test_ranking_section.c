/*
 * test_ranking_section.c - the brand ranking's section of its template: the shipped
 * Guangzhou 2022 template loads, and each fault of a section is refused at
 * load with the exact key in `field`.
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
#include "app/ranking/section.h"

static json_t *shipped(void)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/templates/guangzhou-top100-brands-2022.json", getenv("PX_DATA_DIR"));
	json_t *root = json_load_file(path, 0, NULL);
	assert_non_null(root);
	return root;
}

/* Parse and check the template root (consumed); 0 or the error. */
static int check(json_t *root, struct px_err *err)
{
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

static void the_shipped_template_loads(void **state)
{
	(void)state;
	struct px_err err = { 0 };
	json_t *root = shipped();
	struct ranking_section s;
	assert_int_equal(ranking_section_parse(json_object_get(root, "section"), &s, &err), 0);
	assert_int_equal(s.max_tracks, 2);
	assert_int_equal(s.top_n, 20);
	assert_int_equal(s.weights.vote + s.weights.promotion + s.weights.expert, 1000);
	assert_int_equal(s.panels[RANKING_PROMOTION].size, 10);
	assert_int_equal(s.panels[RANKING_PROMOTION].nunits, 10);
	assert_int_equal(s.panels[RANKING_EXPERT].size, 7);
	assert_int_equal(s.panels[RANKING_EXPERT].role, ROLE_EXPERT);
	assert_int_equal(s.ndistricts, 11);
	assert_string_equal(s.districts[1].phone, "38211973");
	assert_int_equal(s.keys[s.nkeys - 1], COMPOSITE_KEY_ID);
	json_t *back = ranking_section_json(&s);
	assert_int_equal(json_integer_value(json_object_get(back, "top_n")), 20);
	json_decref(back);
	assert_int_equal(check(root, &err), 0);
	const struct family *f = family_find("ranking");
	assert_non_null(f);
	assert_non_null(f->exit_checks[STAGE_REVIEW]);
	assert_null(f->exit_checks[STAGE_APPLICATION]);
}

/* The shipped template with section.<path> set to v (NULL: removed); the field refused. */
static void refused(const char *path, json_t *v, const char *field)
{
	struct px_err err = { 0 };
	json_t *root = shipped(), *o = json_object_get(root, "section");
	char buf[128], *key, *save = NULL;
	snprintf(buf, sizeof(buf), "%s", path);
	key = strtok_r(buf, ".", &save);
	for (char *next; (next = strtok_r(NULL, ".", &save)); key = next)
		o = json_object_get(o, key);
	if (v)
		json_object_set_new(o, key, v);
	else
		json_object_del(o, key);
	assert_int_equal(check(root, &err), PX_EINVAL);
	assert_string_equal(err.key, "bad_template");
	assert_string_equal(err.field, field);
}

static void bad_sections_are_refused_with_the_key(void **state)
{
	(void)state;
	refused("weights.vote", json_integer(400), "section.weights");
	refused("weights.vote", json_string("30%"), "section.weights.vote");
	refused("weights.expert", NULL, "section.weights");
	refused("top_n", json_integer(0), "section.top_n");
	refused("max_tracks", json_integer(6), "section.max_tracks");
	refused("aggregation", json_string("mode"), "section.aggregation");
	refused("tie_break", json_pack("[s, s]", "expert_desc", "onsite_desc"), "section.tie_break[1]");
	refused("panels.promotion.size", json_integer(9), "section.panels.promotion.units");
	refused("panels.expert.role", json_string("county"), "section.panels.expert.role");
	refused("panels.expert", NULL, "section.panels");
	refused("colour", json_string("red"), "section.colour");
	refused("vote.per_track_per_day", json_integer(0), "section.vote.per_track_per_day");
}

static void a_ranking_needs_its_section(void **state)
{
	(void)state;
	struct px_err err = { 0 };
	json_t *root = shipped();
	json_object_del(root, "section");
	assert_int_equal(check(root, &err), PX_EINVAL);
	assert_string_equal(err.field, "section");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_shipped_template_loads),
		cmocka_unit_test(bad_sections_are_refused_with_the_key),
		cmocka_unit_test(a_ranking_needs_its_section),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
