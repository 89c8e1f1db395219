/*
 * test_deadline.c - the rule the deadline watcher applies to a connection
 * (http/deadline.h): headers within their deadline; a body within its grace,
 * then each byte received buying 1/rate second; nothing timed while a
 * request is handled; 0 disables a deadline. The watcher thread and the
 * sockets are exercised by the API stories t0115 and t0235.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "../../../src/http/deadline.c"

#define S 1000000LL /* a second in microseconds */

static struct http_deadline limits(int header_s, int body_s, long rate)
{
	struct http_deadline d = { 0 };
	d.limit_us = header_s * S;
	d.body_limit_us = body_s * S;
	d.body_rate = rate;
	return d;
}

static void headers_within_their_deadline(void **state)
{
	struct http_deadline d = limits(2, 0, 0);
	struct watch w = { .phase = PHASE_HEADERS, .start_us = 10 * S };
	(void)state;
	assert_false(late(&d, &w, 12 * S));
	assert_true(late(&d, &w, 12 * S + 1));
	w.cut = true;
	assert_false(late(&d, &w, 20 * S)); /* cut once */
	d.limit_us = 0;
	w.cut = false;
	assert_false(late(&d, &w, 1000 * S)); /* disabled */
}

static void a_body_keeps_up_the_rate_after_its_grace(void **state)
{
	struct http_deadline d = limits(0, 30, 4096);
	struct watch w = { .phase = PHASE_BODY, .start_us = 0 };
	(void)state;
	assert_false(late(&d, &w, 30 * S));
	assert_true(late(&d, &w, 30 * S + 1)); /* nothing came in the grace */
	w.body_bytes = 4096 * 10;              /* 10 s more */
	assert_false(late(&d, &w, 40 * S));
	assert_true(late(&d, &w, 40 * S + 1));
	w.body_bytes = 20 * 1024 * 1024; /* a 20 MB upload: 30 s + 5120 s */
	assert_false(late(&d, &w, 5150 * S));
	assert_true(late(&d, &w, 5150 * S + 1));
}

static void a_rate_of_zero_gives_the_whole_body_the_grace(void **state)
{
	struct http_deadline d = limits(0, 5, 0);
	struct watch w = { .phase = PHASE_BODY, .body_bytes = 1 << 30 };
	(void)state;
	assert_false(late(&d, &w, 5 * S));
	assert_true(late(&d, &w, 5 * S + 1));
	d.body_limit_us = 0;
	assert_false(late(&d, &w, 1000 * S)); /* bodies not limited */
}

static void handling_is_never_timed(void **state)
{
	struct http_deadline d = limits(1, 1, 1);
	struct watch w = { .phase = PHASE_HANDLED };
	(void)state;
	assert_false(late(&d, &w, 1000000 * S));
}

static void disabled_deadlines_start_no_watcher(void **state)
{
	(void)state;
	assert_null(http_deadline_start(0, 0, 4096));
	struct http_deadline *d = http_deadline_start(0, 3, 0);
	assert_non_null(d);
	assert_int_equal(d->limit_us, 0);
	assert_int_equal(d->body_limit_us, 3 * S);
	http_deadline_stop(d);
	http_deadline_stop(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(headers_within_their_deadline),
		cmocka_unit_test(a_body_keeps_up_the_rate_after_its_grace),
		cmocka_unit_test(a_rate_of_zero_gives_the_whole_body_the_grace),
		cmocka_unit_test(handling_is_never_timed),
		cmocka_unit_test(disabled_deadlines_start_no_watcher),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
