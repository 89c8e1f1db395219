/*
 * test_contest.c - the pure parts of the contest: its template section (prize
 * levels, the split, the work of each form, the upload caps), the split
 * checked against each category's number of winners, and both shipped
 * templates (21 / 18 / 22 winners in the story contest).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/contest/contest.h"
#include "app/contest/family.h"
#include "app/programme/template.h"

#define PRIZES "\"prizes\": [{\"code\": \"first\", \"name\": \"一等奖\"}, {\"code\": \"second\", \"name\": \"二等奖\"}]"
#define REST "\"works\": {\"speech\": \"video\"}, \"text_field\": \"body\", \"file_max_mb\": 10, \"files_max\": 2"

static json_t *section(const char *text)
{
	json_t *j = json_loads(text, 0, NULL);
	assert_non_null(j);
	return j;
}

static void rules(void **state)
{
	(void)state;
	struct contest_rules r;
	struct px_err err = { 0 };
	json_t *s = section("{" PRIZES ", \"split\": {\"speech\": [1, 2]}, " REST "}");
	assert_int_equal(contest_rules_of(s, &r, &err), 0);
	assert_int_equal(r.nprizes, 2);
	assert_string_equal(r.prize_name[1], "二等奖");
	assert_int_equal(r.file_max, 10u << 20);
	assert_int_equal(r.files_max, 2);
	assert_string_equal(r.text_field, "body");
	assert_int_equal(contest_work_of(s, "speech"), CONTEST_WORK_VIDEO);
	json_decref(s);
	static const struct {
		const char *text, *field;
	} bad[] = {
		{ "{" PRIZES ", \"split\": {\"speech\": [1]}, " REST "}", "section.split" },
		{ "{" PRIZES ", \"split\": {\"speech\": [1, -1]}, " REST "}", "section.split" },
		{ "{\"prizes\": [], \"split\": {\"speech\": []}, " REST "}", "section.prizes" },
		{ "{" PRIZES ", \"split\": {\"speech\": [1, 2]}, \"works\": {\"speech\": \"pdf\"}, \"text_field\": \"body\", "
		  "\"file_max_mb\": 10, \"files_max\": 2}", "section.works" },
		{ "{" PRIZES ", \"split\": {\"speech\": [1, 2]}, \"works\": {\"speech\": \"video\"}, \"text_field\": \"body\", "
		  "\"file_max_mb\": 4096, \"files_max\": 2}", "section.file_max_mb" },
		{ "{" PRIZES ", \"split\": {\"speech\": [1, 2]}, \"works\": {\"speech\": \"video\"}, \"text_field\": \"body\", "
		  "\"file_max_mb\": 10, \"files_max\": 11}", "section.files_max" },
		{ "{" PRIZES ", \"split\": {\"speech\": [1, 2]}, " REST ", \"cap\": 3}", "section" },
		{ "[]", "section" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		s = section(bad[i].text);
		assert_int_equal(contest_rules_of(s, &r, &err), PX_EINVAL);
		assert_string_equal(err.key, "bad_template");
		assert_string_equal(err.field, bad[i].field);
		json_decref(s);
	}
}

static struct template *shipped(const char *id, json_t **root, char **text)
{
	char path[512];
	struct px_err err = { 0 };
	struct template *t = NULL;
	snprintf(path, sizeof(path), "%s/templates/%s.json", getenv("PX_DATA_DIR"), id);
	*root = json_load_file(path, 0, NULL);
	assert_non_null(*root);
	*text = json_dumps(*root, 0);
	assert_int_equal(template_parse(*text, strlen(*text), &t, &err), 0);
	assert_ptr_equal(family_find(t->kind), &contest_family);
	assert_int_equal(family_check_template(t, *text, strlen(*text), &err), 0);
	return t;
}

/* The story contest: 21 / 18 / 22 winners, each split over the four prizes; a split off by one is refused. */
static void story_template(void **state)
{
	(void)state;
	static const int winners[] = { 21, 18, 22 };
	struct contest_rules r;
	struct px_err err = { 0 };
	int counts[CONTEST_PRIZES_MAX];
	json_t *root;
	char *text;
	struct template *t = shipped("qingdao-story-contest-2022", &root, &text);
	json_t *s = json_object_get(root, "section");
	assert_int_equal(contest_rules_of(s, &r, &err), 0);
	assert_int_equal(t->ntracks, 3);
	for (int k = 0; k < 3; k++) {
		assert_int_equal(t->tracks[k].cap, winners[k]);
		assert_int_equal(contest_split(t, s, &r, k, counts, &err), 0);
	}
	assert_int_equal(contest_work_of(s, "essay"), CONTEST_WORK_TEXT);
	assert_int_equal(contest_work_of(s, "photo"), CONTEST_WORK_IMAGE);
	assert_int_equal(contest_work_of(s, "animation"), CONTEST_WORK_MEDIA);
	json_array_set_new(json_object_get(json_object_get(s, "split"), "essay"), 0, json_integer(3));
	assert_int_equal(contest_split(t, s, &r, 1, counts, &err), PX_EINVAL);
	assert_string_equal(err.field, "section.split.essay");
	free(text);
	free(t);
	json_decref(root);
}

static void innovation_template(void **state)
{
	(void)state;
	json_t *root;
	char *text;
	struct template *t = shipped("qingdao-quality-innovation-contest-2022", &root, &text);
	assert_int_equal(t->ntracks, 4);
	assert_string_equal(t->tracks[3].name, "新管理");
	assert_int_equal(t->bar, 6000);
	free(text);
	free(t);
	json_decref(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rules),
		cmocka_unit_test(story_template),
		cmocka_unit_test(innovation_template),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
