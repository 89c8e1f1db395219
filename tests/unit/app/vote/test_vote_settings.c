/*
 * test_vote_settings.c - the vote's settings from a template's section.vote:
 * defaults, every key in range, unknown keys and values out of range
 * refused with the key named; the /24 of an address; the batch line and
 * the per-programme pseudonym that verify-tally recomputes; the velocity
 * rule against a candidate's own baseline; runs of sequential numbers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <jansson.h>
#include <string.h>

#include "app/vote/internal.h"

static void test_defaults(void **state)
{
	struct vote_settings s;
	struct px_err err = { 0 };
	(void)state;
	assert_int_equal(vote_settings_parse(NULL, &s, &err), 0);
	assert_int_equal(s.per_candidate_per_day, 1);
	assert_int_equal(s.per_track_per_day, 10);
	assert_true(s.live);
	assert_int_equal(s.publish_hour, 18);
}

static void test_keys(void **state)
{
	struct vote_settings s;
	struct px_err err = { 0 };
	json_t *v = json_pack("{s:i, s:s, s:i}", "per_track_per_day", 3, "publication", "daily", "publish_hour", 20);
	(void)state;
	assert_int_equal(vote_settings_parse(v, &s, &err), 0);
	assert_int_equal(s.per_track_per_day, 3);
	assert_false(s.live);
	assert_int_equal(s.publish_hour, 20);
	json_decref(v);
}

static void test_refused(void **state)
{
	struct vote_settings s;
	struct px_err err = { 0 };
	json_t *v;
	(void)state;

	v = json_pack("{s:i}", "per_track_per_dya", 3);
	assert_int_equal(vote_settings_parse(v, &s, &err), PX_EINVAL);
	assert_string_equal(err.key, "bad_template");
	assert_non_null(strstr(err.msg, "per_track_per_dya"));
	assert_string_equal(err.field, "section.vote.per_track_per_dya");
	json_decref(v);

	v = json_pack("{s:i}", "per_candidate_per_day", 2); /* a unique index keeps one a day */
	assert_int_equal(vote_settings_parse(v, &s, &err), PX_EINVAL);
	assert_non_null(strstr(err.msg, "per_candidate_per_day must be 1..1"));
	json_decref(v);

	v = json_pack("{s:i}", "publish_hour", 24);
	assert_int_equal(vote_settings_parse(v, &s, &err), PX_EINVAL);
	assert_string_equal(err.field, "section.vote.publish_hour");
	json_decref(v);

	v = json_pack("{s:s}", "publication", "hourly");
	assert_int_equal(vote_settings_parse(v, &s, &err), PX_EINVAL);
	assert_string_equal(err.field, "section.vote.publication");
	json_decref(v);

	v = json_string("live");
	assert_int_equal(vote_settings_parse(v, &s, &err), PX_EINVAL);
	assert_string_equal(err.field, "section.vote");
	json_decref(v);
}

static void test_config(void **state)
{
	struct vote_settings s;
	struct px_err err = { 0 };
	(void)state;
	assert_int_equal(vote_settings_of_config("{\"section\": {\"vote\": {\"per_track_per_day\": 2}}}", &s, &err), 0);
	assert_int_equal(s.per_track_per_day, 2);
	assert_int_equal(vote_settings_of_config("{\"kind\": \"award\"}", &s, &err), 0);
	assert_int_equal(s.per_track_per_day, 10);
}

static void test_address_net(void **state)
{
	char net[48];
	(void)state;
	vote_address_net("203.0.113.77", net);
	assert_string_equal(net, "203.0.113");
	vote_address_net("2001:db8:85a3:8d3:1319:8a2e:370:7348", net);
	assert_string_equal(net, "2001:db8:85a3:8d3");
	vote_address_net("", net);
	assert_string_equal(net, "");
}

static void test_batch_line(void **state)
{
	char line[256], a[VOTE_PSEUDONYM_HEX + 1], b[VOTE_PSEUDONYM_HEX + 1];
	(void)state;
	int n = vote_batch_line(line, sizeof(line), "ABCDEFGH1234", 7, "organisation", 42, "f00d", "2022-08-01",
				"counted");
	assert_string_equal(line, "ABCDEFGH1234|7|organisation|42|f00d|2022-08-01|counted\n");
	assert_int_equal(n, (int)strlen(line));
	/* one pseudonym per programme: the same voter differs between programmes */
	vote_pseudonym(7, "aa", a);
	vote_pseudonym(8, "aa", b);
	assert_int_equal(strlen(a), VOTE_PSEUDONYM_HEX);
	assert_string_not_equal(a, b);
	vote_pseudonym(7, "aa", b);
	assert_string_equal(a, b);
}

static void test_velocity(void **state)
{
	static struct vote_prog_rt p; /* large: not on the stack */
	const int64_t min = 60000000, t0 = 1000 * min;
	(void)state;
	memset(&p, 0, sizeof(p));
	vote_settings_default(&p.settings);
	p.settings.velocity_factor = 3;
	p.settings.velocity_floor = 2;
	/* no baseline: the floor (2) x 3 = 6 a minute pass, the 7th is past */
	for (int i = 0; i < 6; i++)
		assert_false(vote_rt_velocity(&p, 42, t0 + i));
	assert_true(vote_rt_velocity(&p, 42, t0 + 10));
	/* another candidate has its own count */
	assert_false(vote_rt_velocity(&p, 43, t0 + 11));
	/* with a floor of 10 (30 a minute), a steady hour of 20 a minute raises the baseline: 60 pass */
	memset(&p.velocity, 0, sizeof(p.velocity));
	p.nvelocity = 0;
	p.settings.velocity_floor = 10;
	for (int m = 0; m < 59; m++)
		for (int i = 0; i < 20; i++)
			assert_false(vote_rt_velocity(&p, 42, t0 + m * min + i));
	for (int i = 0; i < 60; i++)
		assert_false(vote_rt_velocity(&p, 42, t0 + 59 * min + i));
	assert_true(vote_rt_velocity(&p, 42, t0 + 59 * min + 61));
	/* two quiet hours later the old minutes are gone: the floor again */
	for (int i = 0; i < 30; i++)
		assert_false(vote_rt_velocity(&p, 42, t0 + 180 * min + i));
	assert_true(vote_rt_velocity(&p, 42, t0 + 180 * min + 31));
}

static void test_sequential(void **state)
{
	static struct vote_runtime rt;
	(void)state;
	memset(&rt, 0, sizeof(rt));
	/* one number verified again and again is one number */
	for (int i = 0; i < 6; i++)
		vote_rt_verified(&rt, "13800000001");
	assert_false(vote_rt_sequential(&rt, "13800000002", 3));
	vote_rt_verified(&rt, "13800000003");
	vote_rt_verified(&rt, "13800000004");
	vote_rt_verified(&rt, "13800000009");
	/* 01, 03, 04, 09 are within 10 of 05: with 05 itself a run of five */
	assert_true(vote_rt_sequential(&rt, "13800000005", 5));
	assert_false(vote_rt_sequential(&rt, "13800000005", 6));
	/* far numbers are no run */
	assert_false(vote_rt_sequential(&rt, "13900000005", 2));
	assert_false(vote_rt_sequential(&rt, "13800000020", 2));
	assert_true(vote_rt_sequential(&rt, "13800000019", 2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),   cmocka_unit_test(test_keys),        cmocka_unit_test(test_refused),
		cmocka_unit_test(test_config),     cmocka_unit_test(test_address_net), cmocka_unit_test(test_batch_line),
		cmocka_unit_test(test_velocity),   cmocka_unit_test(test_sequential),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
