/*
 * test_alloc_failure.c - every allocation of the scoring and rate-limit code
 * made to fail in turn: each failure returns PX_ENOMEM, leaves the output
 * empty and leaks nothing (the -asan run checks leaks). The sources are
 * included with malloc and calloc redirected to a counting allocator.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_count.h"

#define malloc(n) t_malloc(n)
#define calloc(n, s) t_calloc(n, s)
#include "../../../src/core/keytab.c"
#include "../../../src/core/rank.c"
#include "../../../src/core/ratelimit.c"
#include "../../../src/core/ratelimit_daycap.c"
#include "../../../src/core/rubric.c"
#include "../../../src/core/score_norm.c"
#undef malloc
#undef calloc

static const unsigned char secret[KEYTAB_SECRET_BYTES] = "0123456789abcdef";

/*
 * Run op with budgets 0, 1, 2 ... until it succeeds: every earlier run must
 * fail with PX_ENOMEM, then clean up after the successful one.
 */
#define EVERY_FAILURE(op, cleanup)                                                   \
	do {                                                                         \
		for (long b = 0;; b++) {                                             \
			struct px_err e_ = { 0 };                                    \
			alloc_budget = b;                                            \
			int rc_ = (op);                                              \
			alloc_budget = -1;                                           \
			if (rc_ == 0) {                                              \
				assert_true(b > 0);                                  \
				cleanup;                                             \
				break;                                               \
			}                                                            \
			assert_int_equal(rc_, PX_ENOMEM);                            \
			(void)e_;                                                    \
		}                                                                    \
	} while (0)

static void rubric_oom(void **state)
{
	(void)state;
	static const char csv[] = "item,name,points,parent\nA,a,10,\n";
	struct rubric r;
	EVERY_FAILURE(rubric_parse_csv(&r, csv, sizeof(csv) - 1, 100, &e_),
		      rubric_release(&r));
	alloc_budget = 0;
	assert_int_equal(rubric_parse_csv(&r, csv, sizeof(csv) - 1, 100, NULL), PX_ENOMEM);
	alloc_budget = -1;
	assert_null(r.items);
}

static void normalise_oom(void **state)
{
	(void)state;
	const struct score_review rv[] = { { 1, 1, 500 }, { 1, 2, 600 } };
	struct score_norm *o;
	size_t n;
	EVERY_FAILURE(score_normalise(rv, 2, 1000, &o, &n, &e_), free(o));
}

static void rank_oom(void **state)
{
	(void)state;
	const struct rank_candidate c[] = { { 1, 1, 0, 100 }, { 2, 2, 0, 90 } };
	const uint32_t caps[] = { 1 };
	struct rank_config cfg = { 1, caps, 0, 0, NULL, 0 };
	struct rank_result r;
	EVERY_FAILURE(rank_run(c, 2, &cfg, &r, &e_), rank_result_release(&r));
}

static void tables_oom(void **state)
{
	(void)state;
	struct rl_rate rate = { 1000, 2 };
	struct rl_limiter l;
	struct rl_daycap d;
	struct keytab t;
	EVERY_FAILURE(keytab_init(&t, 8, secret, &e_), keytab_release(&t));
	EVERY_FAILURE(rl_limiter_init(&l, &rate, 8, secret, &e_), rl_limiter_release(&l));
	EVERY_FAILURE(rl_daycap_init(&d, 8, secret, &e_), rl_daycap_release(&d));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rubric_oom),
		cmocka_unit_test(normalise_oom),
		cmocka_unit_test(rank_oom),
		cmocka_unit_test(tables_oom),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
