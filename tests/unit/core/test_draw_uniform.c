/*
 * test_draw_uniform.c - the choice is uniform up to the constraints, checked
 * statistically over thousands of fixed seeds (so the test is deterministic):
 * per expert, per panel, and for experts the constraints cannot tell apart.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/draw_internal.h"
#include "draw_fixture.h"

/* ---- uniformity ---- */

/* One application, panel 3, ten unconstrained experts: each in 30 % of draws. */
static void uniform_single_application(void **state)
{
	(void)state;
	enum { RUNS = 4000, N = 10 };
	struct fx f;
	unsigned count[N] = { 0 };
	double chi2 = 0;
	fx_init(&f, 1, N);
	fx_app(&f, 0, "A1", "O1", "R1", "F1");
	for (size_t i = 0; i < N; i++) {
		char id[8], emp[8];
		snprintf(id, sizeof(id), "E%zu", i);
		snprintf(emp, sizeof(emp), "U%zu", i);
		fx_expert(&f, i, id, emp, "R2", "F1", "");
	}
	f.in.panel = 3;
	f.in.max_load = 1;
	for (uint32_t s = 0; s < RUNS; s++) {
		unsigned char seed[DRAW_SEED_BYTES];
		struct draw_result r;
		seed_n(seed, s);
		run_ok(&f.in, seed, &r);
		for (unsigned j = 0; j < 3; j++)
			count[r.panels[0].expert[j]]++;
		draw_result_release(&r);
	}
	for (size_t i = 0; i < N; i++) {
		double d = (double)count[i] - 0.3 * RUNS;
		chi2 += d * d / (0.3 * RUNS);
		/* sd of a count: sqrt(4000 * 0.3 * 0.7) = 29 */
		assert_true(count[i] > 1200 - 145 && count[i] < 1200 + 145);
	}
	print_message("single application: chi-square %.2f (9 df, 0.1%% point 27.88)\n", chi2);
	assert_true(chi2 < 27.88);
	fx_free(&f);
}

/* Panel 2 from 6: each of the 15 pairs equally likely. */
static void uniform_over_panels(void **state)
{
	(void)state;
	enum { RUNS = 4000, N = 6 };
	struct fx f;
	unsigned count[N][N] = { { 0 } };
	double chi2 = 0, expect = RUNS / 15.0;
	fx_init(&f, 1, N);
	fx_app(&f, 0, "A1", "O1", "R1", "F1");
	for (size_t i = 0; i < N; i++) {
		char id[8], emp[8];
		snprintf(id, sizeof(id), "E%zu", i);
		snprintf(emp, sizeof(emp), "U%zu", i);
		fx_expert(&f, i, id, emp, "R2", "F1", "");
	}
	f.in.panel = 2;
	f.in.max_load = 1;
	for (uint32_t s = 0; s < RUNS; s++) {
		unsigned char seed[DRAW_SEED_BYTES];
		struct draw_result r;
		seed_n(seed, 100000 + s);
		run_ok(&f.in, seed, &r);
		size_t x = r.panels[0].expert[0], y = r.panels[0].expert[1];
		count[x < y ? x : y][x < y ? y : x]++;
		draw_result_release(&r);
	}
	for (size_t i = 0; i < N; i++)
		for (size_t j = i + 1; j < N; j++) {
			double d = count[i][j] - expect;
			chi2 += d * d / expect;
		}
	print_message("panels of 2 from 6: chi-square %.2f (14 df, 0.1%% point 36.12)\n", chi2);
	assert_true(chi2 < 36.12);
	fx_free(&f);
}

/*
 * Under constraints: experts that the constraints do not tell apart are drawn
 * equally often. Two applications of panel 2, load limit 1: C1 (region R1)
 * and C2 (region R2); S1..S3 (region R3) may review both, T1, T2 (region R2)
 * only C1. Every draw must give C2 two S's, so C1 gets the third S with one
 * T, or both T's: the S's among themselves and the T's among themselves are
 * symmetric, and the sequential rule gives each S probability 2/3 on C2.
 */
static void uniform_under_constraints(void **state)
{
	(void)state;
	enum { RUNS = 3000 };
	struct fx f;
	unsigned c2[5] = { 0 }, c1[5] = { 0 };
	fx_init(&f, 2, 5);
	fx_app(&f, 0, "C1", "O1", "R1", "F1");
	fx_app(&f, 1, "C2", "O2", "R2", "F1");
	fx_expert(&f, 0, "S1", "U1", "R3", "F1", "");
	fx_expert(&f, 1, "S2", "U2", "R3", "F1", "");
	fx_expert(&f, 2, "S3", "U3", "R3", "F1", "");
	fx_expert(&f, 3, "T1", "U4", "R2", "F1", "");
	fx_expert(&f, 4, "T2", "U5", "R2", "F1", "");
	f.in.panel = 2;
	f.in.max_load = 1;
	f.in.other_region = true;
	for (uint32_t s = 0; s < RUNS; s++) {
		unsigned char seed[DRAW_SEED_BYTES];
		struct draw_result r;
		seed_n(seed, 200000 + s);
		run_ok(&f.in, seed, &r);
		for (unsigned j = 0; j < 2; j++) {
			c1[r.panels[0].expert[j]]++;
			c2[r.panels[1].expert[j]]++;
		}
		draw_result_release(&r);
	}
	assert_int_equal(c2[3] + c2[4], 0);
	for (size_t i = 0; i < 3; i++) /* 2000 expected, sd 26 */
		assert_true(c2[i] > 2000 - 130 && c2[i] < 2000 + 130);
	assert_true(abs((int)c1[3] - (int)c1[4]) < 200);
	print_message("under constraints: C2 S1 %u S2 %u S3 %u; C1 T1 %u T2 %u\n", c2[0], c2[1],
		      c2[2], c1[3], c1[4]);
	fx_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(uniform_single_application),
		cmocka_unit_test(uniform_over_panels),
		cmocka_unit_test(uniform_under_constraints),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
