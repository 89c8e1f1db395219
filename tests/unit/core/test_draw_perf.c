/*
 * test_draw_perf.c - the size of a large provincial round: 1,000 applications
 * times 3 reviewers from 300 experts, every constraint on, at load limits 10
 * (as tight as it gets: 3,000 places for 3,000 reviews) and 12. Prints the
 * time of each draw; fails only past 5 s of the thread's CPU time, the budget
 * under ASan (CPU time, not wall time: a loaded machine does not fail it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <time.h>

#include "draw_fixture.h"

static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void time_draw(unsigned limit)
{
	static const struct fx_shape shape = { 1000, 300, 300, 60, 10, 12, 2, 3, 2, 3, 3 };
	unsigned char seed[DRAW_SEED_BYTES];
	struct draw_result r;
	struct px_err err = { 0 };
	struct fx f;

	for (size_t i = 0; i < sizeof(seed); i++)
		seed[i] = (unsigned char)(0xa5 ^ i);
	fx_random(&f, &shape, 2025);
	f.in.panel = 3;
	f.in.max_load = limit;
	f.in.field_match = true;
	f.in.other_region = true;
	double t0 = cpu_ms();
	int rc = draw_run(&f.in, seed, &r, &err);
	double ms = cpu_ms() - t0;
	if (rc)
		fail_msg("draw failed: %s", err.msg);
	printf("draw 1000 applications x 3 from 300 experts, max_load %u: %.1f ms (largest load %u)\n",
	       limit, ms, r.max_load);
	int valid = draw_validate(&f.in, &r, &err);
	draw_result_release(&r);
	fx_free(&f);
	assert_int_equal(valid, 0);
	assert_true(ms < 5000);
}

static void draw_1000x3_from_300_limit_10(void **state)
{
	(void)state;
	time_draw(10);
}

static void draw_1000x3_from_300_limit_12(void **state)
{
	(void)state;
	time_draw(12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(draw_1000x3_from_300_limit_10),
		cmocka_unit_test(draw_1000x3_from_300_limit_12),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
