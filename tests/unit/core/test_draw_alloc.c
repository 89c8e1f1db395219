/*
 * test_draw_alloc.c - every allocation of the draw made to fail in turn: each
 * failure returns PX_ENOMEM, leaves the result empty and leaks nothing (the
 * -asan run checks leaks). The sources are included with malloc, calloc and
 * realloc redirected to a counting allocator.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_count.h"

#define malloc(n) t_malloc(n)
#define calloc(n, s) t_calloc(n, s)
#define realloc(p, n) t_realloc(p, n)
#include "../../../src/core/draw.c"
#include "../../../src/core/draw_canon.c"
#include "../../../src/core/draw_check.c"
#include "../../../src/core/draw_flow.c"
#include "../../../src/core/draw_hash.c"
#include "../../../src/core/draw_input.c"
#include "../../../src/core/draw_replace.c"
#include "../../../src/core/draw_rng.c"
#undef malloc
#undef calloc
#undef realloc

#include "draw_fixture.h"

static const unsigned char seed[DRAW_SEED_BYTES] = { 7 };

/*
 * Run op with budgets 0, 1, 2 ... until it returns something else than
 * PX_ENOMEM, which must be `want`; returns the number of allocations it made.
 */
#define EVERY_FAILURE(op, want, cleanup)                                             \
	do {                                                                         \
		for (long b = 0;; b++) {                                             \
			struct px_err e_ = { 0 };                                    \
			alloc_budget = b;                                            \
			int rc_ = (op);                                              \
			alloc_budget = -1;                                           \
			if (rc_ != PX_ENOMEM) {                                      \
				assert_int_equal(rc_, (want));                       \
				assert_true(b > 0);                                  \
				cleanup;                                             \
				break;                                               \
			}                                                            \
			assert_string_equal(e_.key, "out_of_memory");                \
		}                                                                    \
	} while (0)

/* 40 applications x 40 experts, all eligible: more pairs than the first
   allocation of the eligible list holds, so it grows. */
static void big_instance(struct fx *f)
{
	fx_init(f, 40, 40);
	for (size_t i = 0; i < 40; i++) {
		char id[16], emp[16];
		snprintf(id, sizeof(id), "A%02zu", i);
		fx_app(f, i, id, "O", "R1", "F");
		snprintf(id, sizeof(id), "E%02zu", i);
		snprintf(emp, sizeof(emp), "U%02zu", i);
		fx_expert(f, i, id, emp, "R2", "F", "X,Y");
	}
	f->in.panel = 3;
	f->in.max_load = 4;
}

static void run_and_check(void **state)
{
	(void)state;
	struct fx f;
	struct draw_result r;
	big_instance(&f);
	EVERY_FAILURE(draw_run(&f.in, seed, &r, &e_), 0, (void)0);
	EVERY_FAILURE(draw_validate(&f.in, &r, &e_), 0, (void)0);
	char h[DRAW_HEX_LEN + 1];
	EVERY_FAILURE(draw_inputs_hash(&f.in, h, &e_), 0, (void)0);
	size_t chosen;
	const char *gone = f.experts[r.panels[0].expert[0]].id;
	EVERY_FAILURE(draw_replace(&f.in, &r, "A00", gone, seed, &chosen, &e_), 0, (void)0);
	draw_result_release(&r);
	fx_free(&f);
}

static void infeasible_explanations(void **state)
{
	(void)state;
	struct fx f;
	struct draw_result r;
	big_instance(&f);
	f.in.max_load = 2; /* 120 reviews, 80 places: the cut explains */
	EVERY_FAILURE(draw_run(&f.in, seed, &r, &e_), PX_ECONFLICT,
		      assert_string_equal(e_.key, "draw_infeasible"));
	f.in.max_load = 4; /* two employers for panels of 3: each application is short */
	for (size_t i = 0; i < 40; i++)
		snprintf(f.e[i].employer, FX_NAME, "U%zu", i % 2);
	EVERY_FAILURE(draw_run(&f.in, seed, &r, &e_), PX_ECONFLICT,
		      assert_string_equal(e_.field, "A00"));
	fx_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(run_and_check),
		cmocka_unit_test(infeasible_explanations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
