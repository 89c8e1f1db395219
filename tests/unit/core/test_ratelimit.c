/* test_ratelimit.c - token buckets, bounded tables under random keys, daily caps; time is fed, never slept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/keytab.h"
#include "core/ratelimit.h"

static const unsigned char secret[KEYTAB_SECRET_BYTES] = "0123456789abcdef";

#define SEC 1000000LL

static uint64_t lcg(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

static void bucket_burst_and_refill(void **state)
{
	(void)state;
	struct rl_limiter l;
	struct rl_rate rate = { SEC / 10, 3 }; /* 10 a second, bursts of 3 */
	int64_t retry = -1;
	struct px_err err;

	assert_int_equal(rl_limiter_init(&l, &rate, 16, secret, &err), 0);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(rl_limiter_take(&l, "ip:10.0.0.1", 0, &retry, &err), 0);
		assert_int_equal(retry, 0);
	}
	assert_int_equal(rl_limiter_take(&l, "ip:10.0.0.1", 0, &retry, &err), PX_ELIMIT);
	assert_string_equal(err.key, "rate_limited");
	assert_int_equal(retry, SEC / 10);
	/* a denied request takes nothing: still 0.1 s to wait */
	assert_int_equal(rl_limiter_take(&l, "ip:10.0.0.1", 0, &retry, NULL), PX_ELIMIT);
	assert_int_equal(retry, SEC / 10);
	/* other keys are not affected */
	assert_int_equal(rl_limiter_take(&l, "ip:10.0.0.2", 0, NULL, &err), 0);

	/* one token back after 0.1 s, half-way there after 0.15 s */
	assert_int_equal(rl_limiter_take(&l, "ip:10.0.0.1", SEC / 10, &retry, &err), 0);
	assert_int_equal(rl_limiter_take(&l, "ip:10.0.0.1", SEC / 10, &retry, &err), PX_ELIMIT);
	assert_int_equal(retry, SEC / 10);
	assert_int_equal(rl_limiter_take(&l, "ip:10.0.0.1", SEC * 15 / 100, &retry, &err),
			 PX_ELIMIT);
	assert_int_equal(retry, SEC / 20);
	/* a clock that steps back refills nothing */
	assert_int_equal(rl_limiter_take(&l, "ip:10.0.0.1", 0, &retry, &err), PX_ELIMIT);
	assert_int_equal(retry, 2 * SEC / 10);

	/* after a quiet second the full burst is back, and no more */
	for (int i = 0; i < 3; i++)
		assert_int_equal(rl_limiter_take(&l, "ip:10.0.0.1", 2 * SEC, NULL, &err), 0);
	assert_int_equal(rl_limiter_take(&l, "ip:10.0.0.1", 2 * SEC, NULL, &err), PX_ELIMIT);

	/* a steady 10 a second is always allowed */
	for (int64_t t = 3 * SEC; t < 4 * SEC; t += SEC / 10)
		assert_int_equal(rl_limiter_take(&l, "steady", t, NULL, &err), 0);
	assert_int_equal(rl_limiter_count(&l), 3);
	rl_limiter_release(&l);
	rl_limiter_release(&l);
	rl_limiter_release(NULL);
}

static void login_throttle(void **state)
{
	(void)state;
	/* 5 attempts, then one every 3 minutes (5 per quarter hour) */
	struct rl_limiter l;
	struct rl_rate rate = { 180 * SEC, 5 };
	int64_t retry, t0 = 1700000000 * SEC;
	assert_int_equal(rl_limiter_init(&l, &rate, 1000, secret, NULL), 0);
	for (int i = 0; i < 5; i++)
		assert_int_equal(rl_limiter_take(&l, "login:zhangsan", t0 + i * SEC, NULL, NULL), 0);
	assert_int_equal(rl_limiter_take(&l, "login:zhangsan", t0 + 5 * SEC, &retry, NULL),
			 PX_ELIMIT);
	assert_int_equal(retry, 175 * SEC); /* the first token returns at t0 + 180 s */
	assert_int_equal(rl_limiter_take(&l, "login:zhangsan", t0 + 180 * SEC, NULL, NULL), 0);
	assert_int_equal(rl_limiter_take(&l, "login:zhangsan", t0 + 181 * SEC, &retry, NULL),
			 PX_ELIMIT);
	assert_int_equal(retry, 179 * SEC);
	/* wait answers what take would, taking nothing */
	assert_int_equal(rl_limiter_wait(&l, "login:zhangsan", t0 + 181 * SEC), 179 * SEC);
	assert_int_equal(rl_limiter_wait(&l, "login:zhangsan", t0 + 360 * SEC), 0);
	assert_int_equal(rl_limiter_wait(&l, "login:zhangsan", t0 + 360 * SEC), 0);
	assert_int_equal(rl_limiter_wait(&l, "login:lisi", t0), 0);
	assert_int_equal(rl_limiter_wait(&l, "", t0), RL_INTERVAL_MAX);
	assert_int_equal(rl_limiter_wait(&l, "login:lisi", -1), RL_INTERVAL_MAX);
	assert_int_equal(rl_limiter_take(&l, "login:zhangsan", t0 + 360 * SEC, NULL, NULL), 0);
	assert_int_equal(rl_limiter_wait(&l, "login:zhangsan", t0 + 360 * SEC), 180 * SEC);
	/* a token given back is there again; giving back never fills beyond now */
	rl_limiter_give_back(&l, "login:zhangsan", t0 + 360 * SEC);
	assert_int_equal(rl_limiter_wait(&l, "login:zhangsan", t0 + 360 * SEC), 0);
	for (int i = 0; i < 10; i++)
		rl_limiter_give_back(&l, "login:zhangsan", t0 + 360 * SEC);
	for (int i = 0; i < 5; i++)
		assert_int_equal(rl_limiter_take(&l, "login:zhangsan", t0 + 360 * SEC, NULL, NULL), 0);
	assert_int_equal(rl_limiter_take(&l, "login:zhangsan", t0 + 360 * SEC, NULL, NULL), PX_ELIMIT);
	rl_limiter_give_back(&l, "login:nobody", t0);
	rl_limiter_give_back(&l, "", t0);
	assert_int_equal(rl_limiter_count(&l), 1);
	rl_limiter_release(&l);
}

static void bounded_under_random_keys(void **state)
{
	(void)state;
	struct rl_limiter l;
	struct rl_rate rate = { SEC, 3 };
	char key[32];
	uint64_t s = 7;
	int64_t t = 1000 * SEC, retry;

	assert_int_equal(rl_limiter_init(&l, &rate, 64, secret, NULL), 0);
	/* a throttled key: its bucket is 3 s from full */
	for (int i = 0; i < 3; i++)
		assert_int_equal(rl_limiter_take(&l, "victim", t, NULL, NULL), 0);
	assert_int_equal(rl_limiter_take(&l, "victim", t, NULL, NULL), PX_ELIMIT);

	/* 100 000 requests from random keys within the same second */
	for (int i = 0; i < 100000; i++) {
		snprintf(key, sizeof(key), "ip:%llu", (unsigned long long)lcg(&s));
		assert_int_equal(rl_limiter_take(&l, key, t + i % SEC, NULL, NULL), 0);
		assert_true(rl_limiter_count(&l) <= 64);
	}
	assert_int_equal(rl_limiter_count(&l), 64);
	assert_true(l.evicted_live > 0); /* the table is too small for this load, and says so */
	/* the throttled key was never evicted: it is still throttled */
	assert_int_equal(rl_limiter_take(&l, "victim", t + SEC / 2, &retry, NULL), PX_ELIMIT);
	assert_int_equal(retry, SEC / 2);

	/* once everything is full again, a sweep empties the table */
	assert_int_equal(rl_limiter_sweep(&l, t + SEC / 2), 0);
	assert_int_equal(rl_limiter_sweep(&l, t + 10 * SEC), 64);
	assert_int_equal(rl_limiter_count(&l), 0);
	assert_int_equal(rl_limiter_sweep(&l, t + 10 * SEC), 0);
	rl_limiter_release(&l);
}

static void eviction_prefers_full_buckets(void **state)
{
	(void)state;
	struct rl_limiter l;
	struct rl_rate rate = { SEC, 2 };
	assert_int_equal(rl_limiter_init(&l, &rate, 3, secret, NULL), 0);
	/* a: used at 0 (full at 1 s); b: twice at 0 (full at 2 s); c: at 5 s (full at 6 s) */
	assert_int_equal(rl_limiter_take(&l, "a", 0, NULL, NULL), 0);
	assert_int_equal(rl_limiter_take(&l, "b", 0, NULL, NULL), 0);
	assert_int_equal(rl_limiter_take(&l, "b", 0, NULL, NULL), 0);
	assert_int_equal(rl_limiter_take(&l, "c", 5 * SEC, NULL, NULL), 0);
	/* d at 5.2 s evicts a (already full): nothing is lost */
	assert_int_equal(rl_limiter_take(&l, "d", 5 * SEC + SEC / 5, NULL, NULL), 0);
	assert_int_equal(l.evicted_live, 0);
	assert_int_equal(keytab_find(&l.keys, "a"), -1);
	assert_true(keytab_find(&l.keys, "b") >= 0);
	/* e at 5.5 s evicts b (full at 2 s), then f evicts c (full at 6 s: live) */
	assert_int_equal(rl_limiter_take(&l, "e", 5 * SEC + SEC / 2, NULL, NULL), 0);
	assert_int_equal(l.evicted_live, 0);
	assert_int_equal(rl_limiter_take(&l, "f", 5 * SEC + SEC / 2, NULL, NULL), 0);
	assert_int_equal(l.evicted_live, 1);
	assert_int_equal(keytab_find(&l.keys, "c"), -1);
	assert_int_equal(rl_limiter_count(&l), 3);
	rl_limiter_release(&l);
}

static void limiter_faults(void **state)
{
	(void)state;
	struct rl_limiter l;
	struct px_err err;
	static const struct rl_rate bad[] = {
		{ 0, 1 }, { RL_INTERVAL_MAX + 1, 1 }, { SEC, 0 }, { SEC, RL_BURST_MAX + 1 },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(rl_limiter_init(&l, &bad[i], 10, secret, &err), PX_EINVAL);
		assert_string_equal(err.key, "rl_bad_rate");
	}
	assert_int_equal(rl_limiter_init(&l, NULL, 10, secret, &err), PX_EINVAL);
	struct rl_rate ok = { RL_INTERVAL_MAX, RL_BURST_MAX };
	assert_int_equal(rl_limiter_init(&l, &ok, 0, secret, &err), PX_EINVAL);
	assert_string_equal(err.key, "keytab_bad_size");
	assert_int_equal(rl_limiter_init(&l, &ok, KEYTAB_MAX_ENTRIES + 1, secret, &err),
			 PX_EINVAL);

	assert_int_equal(rl_limiter_init(&l, &ok, 4, secret, &err), 0);
	char long_key[KEYTAB_KEY_MAX + 1];
	memset(long_key, 'k', sizeof(long_key) - 1);
	long_key[KEYTAB_KEY_MAX] = '\0';
	int64_t retry = 5;
	assert_int_equal(rl_limiter_take(&l, long_key, 0, &retry, &err), PX_EINVAL);
	assert_string_equal(err.key, "rl_bad_key");
	assert_int_equal(retry, 0);
	long_key[KEYTAB_KEY_MAX - 1] = '\0'; /* 63 bytes: the longest key */
	assert_int_equal(rl_limiter_take(&l, long_key, 0, NULL, &err), 0);
	assert_int_equal(rl_limiter_take(&l, "", 0, NULL, &err), PX_EINVAL);
	assert_int_equal(rl_limiter_take(&l, NULL, 0, NULL, &err), PX_EINVAL);
	assert_int_equal(rl_limiter_take(&l, "k", -1, NULL, &err), PX_EINVAL);
	assert_string_equal(err.key, "rl_bad_time");
	assert_int_equal(rl_limiter_take(&l, "k", RL_TIME_MAX + 1, NULL, &err), PX_EINVAL);
	/* the slowest rate and largest burst at the end of time do not overflow */
	assert_int_equal(rl_limiter_take(&l, "k", RL_TIME_MAX, NULL, &err), 0);
	rl_limiter_release(&l);
}

static void keytab_against_a_reference(void **state)
{
	(void)state;
	/* random adds and removes on a small table (probe runs wrap around the
	 * end), checked against a plain array after every step */
	enum { MAX = 40, UNIVERSE = 120, STEPS = 20000 };
	struct keytab t;
	int64_t where[UNIVERSE];
	char key[16];
	uint64_t s = 99;

	assert_int_equal(keytab_init(&t, MAX, secret, NULL), 0);
	for (int k = 0; k < UNIVERSE; k++)
		where[k] = -1;
	for (int step = 0; step < STEPS; step++) {
		int k = (int)(lcg(&s) % UNIVERSE);
		snprintf(key, sizeof(key), "k%d", k);
		assert_int_equal(keytab_find(&t, key), where[k]);
		if (where[k] >= 0) {
			keytab_remove(&t, (uint32_t)where[k]);
			where[k] = -1;
		} else if (t.n < t.max) {
			where[k] = keytab_add(&t, key);
			assert_true(where[k] < MAX);
		}
		if (step % 97 == 0)
			for (int j = 0; j < UNIVERSE; j++) {
				snprintf(key, sizeof(key), "k%d", j);
				assert_int_equal(keytab_find(&t, key), where[j]);
			}
	}
	keytab_clear(&t);
	assert_int_equal(t.n, 0);
	assert_int_equal(keytab_find(&t, "k1"), -1);
	assert_int_equal(keytab_add(&t, "k1"), 0); /* numbering restarts */
	assert_true(keytab_key_ok("x"));
	assert_false(keytab_key_ok(""));
	assert_false(keytab_key_ok(NULL));
	keytab_release(&t);
	keytab_release(NULL);
}

static void daily_caps(void **state)
{
	(void)state;
	struct rl_daycap d;
	struct px_err err;
	px_date day = date_from_ymd(2022, 7, 20);
	char ck[32];

	assert_int_equal(rl_daycap_init(&d, 1000, secret, &err), 0);
	/* voter 123: 10 votes a day, 1 per candidate */
	struct rl_cap caps[2] = { { "v:123", 10, "per_voter" }, { NULL, 1, "per_candidate" } };
	caps[1].key = "v:123|c:1";
	assert_int_equal(rl_daycap_take(&d, day, caps, 2, &err), 0);
	assert_int_equal(rl_daycap_take(&d, day, caps, 2, &err), PX_ELIMIT);
	assert_string_equal(err.key, "daily_cap_reached");
	assert_string_equal(err.field, "per_candidate");
	assert_string_equal(err.msg, "daily cap of 1 reached");
	/* all or none: the refused vote did not use the voter's cap */
	assert_int_equal(rl_daycap_count(&d, day, "v:123"), 1);
	for (int c = 2; c <= 10; c++) {
		snprintf(ck, sizeof(ck), "v:123|c:%d", c);
		caps[1].key = ck;
		assert_int_equal(rl_daycap_take(&d, day, caps, 2, &err), 0);
	}
	assert_int_equal(rl_daycap_count(&d, day, "v:123"), 10);
	caps[1].key = "v:123|c:11";
	assert_int_equal(rl_daycap_take(&d, day, caps, 2, &err), PX_ELIMIT);
	assert_string_equal(err.field, "per_voter");
	assert_int_equal(rl_daycap_count(&d, day, "v:123|c:11"), 0);

	/* the store failed: give the vote back, then it may be cast again */
	caps[1].key = "v:123|c:10";
	rl_daycap_give_back(&d, day, caps, 2);
	assert_int_equal(rl_daycap_count(&d, day, "v:123"), 9);
	assert_int_equal(rl_daycap_count(&d, day, "v:123|c:10"), 0);
	rl_daycap_give_back(&d, day, caps, 2); /* never below zero */
	assert_int_equal(rl_daycap_count(&d, day, "v:123|c:10"), 0);
	assert_int_equal(rl_daycap_count(&d, day, "v:123"), 8);
	rl_daycap_give_back(&d, day - 1, caps, 2); /* another day: nothing */
	rl_daycap_give_back(&d, day, caps, RL_MAX_CAPS + 1);
	const struct rl_cap badkey[] = { { "", 1, "x" } };
	rl_daycap_give_back(&d, day, badkey, 1);
	assert_int_equal(rl_daycap_count(&d, day, "v:123"), 8);
	assert_int_equal(rl_daycap_take(&d, day, caps, 2, &err), 0);

	/* a request stamped yesterday counts against today */
	caps[1].key = "v:123|c:1";
	assert_int_equal(rl_daycap_take(&d, day - 1, caps, 2, &err), PX_ELIMIT);
	assert_int_equal(rl_daycap_count(&d, day - 1, "v:123"), 0); /* not the table's day */

	/* the next day starts afresh */
	assert_int_equal(rl_daycap_take(&d, day + 1, caps, 2, &err), 0);
	assert_int_equal(rl_daycap_count(&d, day + 1, "v:123"), 1);
	assert_int_equal(rl_daycap_count(&d, day, "v:123"), 0);
	assert_int_equal(rl_daycap_count(&d, day + 1, ""), 0);

	/* a cap of 0 allows nothing */
	const struct rl_cap closed[] = { { "v:9", 0, "per_voter" } };
	assert_int_equal(rl_daycap_take(&d, day + 1, closed, 1, &err), PX_ELIMIT);
	rl_daycap_release(&d);
	rl_daycap_release(&d);
	rl_daycap_release(NULL);
}

static void daily_caps_bounded(void **state)
{
	(void)state;
	struct rl_daycap d;
	struct px_err err;
	char k1[24], k2[24];
	assert_int_equal(rl_daycap_init(&d, 5, secret, &err), 0);
	for (int v = 0; v < 2; v++) {
		snprintf(k1, sizeof(k1), "v:%d", v);
		snprintf(k2, sizeof(k2), "v:%d|c:1", v);
		const struct rl_cap caps[] = { { k1, 5, "per_voter" }, { k2, 1, "per_candidate" } };
		assert_int_equal(rl_daycap_take(&d, 100, caps, 2, &err), 0);
	}
	/* 4 keys used, 1 free: a vote needing 2 new keys fails closed, taking nothing */
	const struct rl_cap two_new[] = { { "v:7", 5, "per_voter" }, { "v:7|c:1", 1, "c" } };
	assert_int_equal(rl_daycap_take(&d, 100, two_new, 2, &err), PX_EBUSY);
	assert_string_equal(err.key, "cap_table_full");
	assert_int_equal(d.keys.n, 4);
	/* one new key still fits */
	const struct rl_cap one_new[] = { { "v:0", 5, "per_voter" }, { "v:0|c:2", 1, "c" } };
	assert_int_equal(rl_daycap_take(&d, 100, one_new, 2, &err), 0);
	assert_int_equal(d.keys.n, 5);
	/* a new day frees everything */
	assert_int_equal(rl_daycap_take(&d, 101, two_new, 2, &err), 0);
	assert_int_equal(d.keys.n, 2);

	/* faults */
	assert_int_equal(rl_daycap_take(&d, 101, two_new, 0, &err), PX_EINVAL);
	assert_string_equal(err.key, "rl_bad_caps");
	assert_int_equal(rl_daycap_take(&d, 101, two_new, RL_MAX_CAPS + 1, &err), PX_EINVAL);
	const struct rl_cap dup[] = { { "v:1", 5, "a" }, { "v:1", 5, "b" } };
	assert_int_equal(rl_daycap_take(&d, 101, dup, 2, &err), PX_EINVAL);
	assert_string_equal(err.key, "rl_bad_caps");
	assert_string_equal(err.msg, "cap key 'v:1' given twice");
	const struct rl_cap nokey[] = { { NULL, 5, "per_voter" } }, noname[] = { { "", 5, NULL } };
	assert_int_equal(rl_daycap_take(&d, 101, nokey, 1, &err), PX_EINVAL);
	assert_string_equal(err.key, "rl_bad_key");
	assert_string_equal(err.field, "per_voter");
	assert_int_equal(rl_daycap_take(&d, 101, noname, 1, &err), PX_EINVAL);
	assert_string_equal(err.field, "");
	const struct rl_cap zero_unnamed[] = { { "v:5", 0, NULL } };
	assert_int_equal(rl_daycap_take(&d, 101, zero_unnamed, 1, &err), PX_ELIMIT);
	assert_string_equal(err.field, "");
	rl_daycap_release(&d);
	assert_int_equal(rl_daycap_init(&d, 0, secret, &err), PX_EINVAL);
	assert_string_equal(err.key, "keytab_bad_size");
	rl_daycap_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bucket_burst_and_refill),
		cmocka_unit_test(login_throttle),
		cmocka_unit_test(bounded_under_random_keys),
		cmocka_unit_test(eviction_prefers_full_buckets),
		cmocka_unit_test(limiter_faults),
		cmocka_unit_test(keytab_against_a_reference),
		cmocka_unit_test(daily_caps),
		cmocka_unit_test(daily_caps_bounded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
