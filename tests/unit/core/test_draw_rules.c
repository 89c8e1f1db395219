/*
 * test_draw_rules.c - each constraint of the draw on its own, inputs that
 * cannot be covered naming the application and saying why, and the
 * replacement draw.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/draw_internal.h"
#include "draw_fixture.h"

/* ---- each constraint on its own ---- */

/* Over many seeds X1 never, and each Y sometimes, reviews A1. */
static void assert_x1_never_drawn(const struct fx *f)
{
	unsigned seen[5] = { 0 };
	for (uint32_t s = 0; s < 200; s++) {
		unsigned char seed[DRAW_SEED_BYTES];
		struct draw_result r;
		seed_n(seed, s);
		run_ok(&f->in, seed, &r);
		for (unsigned j = 0; j < r.panels[0].n; j++)
			seen[r.panels[0].expert[j]]++;
		draw_result_release(&r);
	}
	assert_int_equal(seen[0], 0);
	for (size_t i = 1; i < 5; i++)
		assert_true(seen[i] > 100);
}

/* With a panel of 5, the exclusion makes A1 infeasible: the message says why. */
static void assert_infeasible_because(struct fx *f, const char *tail)
{
	struct draw_result r;
	struct px_err err = { 0 };
	char want[256];
	f->in.panel = 5;
	assert_int_equal(draw_run(&f->in, seed0, &r, &err), PX_ECONFLICT);
	assert_string_equal(err.key, "draw_infeasible");
	assert_string_equal(err.field, "A1");
	snprintf(want, sizeof(want), "application 'A1' needs 5 reviewers from distinct employers "
		 "but has %s", tail);
	assert_string_equal(err.msg, want);
	f->in.panel = 3;
}

#define EXCLUDED_ONE(why) "4 eligible experts from 4 employers; excluded: 1 " why

static void constraint_declared_conflict(void **state)
{
	(void)state;
	struct fx f;
	one_excluded(&f);
	fx_expert(&f, 0, "X1", "U0", "R2", "F1", "Q9,O1"); /* the organisation */
	assert_x1_never_drawn(&f);
	assert_infeasible_because(&f, EXCLUDED_ONE("with a declared conflict"));
	snprintf(f.a[0].applicant, FX_NAME, "P1");
	fx_expert(&f, 0, "X1", "U0", "R2", "F1", "P1"); /* the applicant */
	assert_x1_never_drawn(&f);
	fx_expert(&f, 0, "X1", "U0", "R2", "F1", "P2,O2");
	struct draw_result r;
	f.in.panel = 5;
	run_ok(&f.in, seed0, &r); /* conflicts elsewhere do not matter */
	draw_result_release(&r);
	fx_free(&f);
}

static void constraint_own_organisation(void **state)
{
	(void)state;
	struct fx f;
	one_excluded(&f);
	fx_expert(&f, 0, "X1", "O1", "R2", "F1", "");
	assert_x1_never_drawn(&f);
	assert_infeasible_because(&f, EXCLUDED_ONE("of its own organisation"));
	fx_free(&f);
}

static void constraint_field_match(void **state)
{
	(void)state;
	struct fx f;
	struct draw_result r;
	one_excluded(&f);
	fx_expert(&f, 0, "X1", "U0", "R2", "F2,F3", "");
	f.in.field_match = true;
	assert_x1_never_drawn(&f);
	assert_infeasible_because(&f, EXCLUDED_ONE("without a shared field"));
	f.in.field_match = false; /* off: X1 may review */
	f.in.panel = 5;
	run_ok(&f.in, seed0, &r);
	assert_true(on_panel(&f.in, &r, "A1", "X1"));
	draw_result_release(&r);
	fx_free(&f);
}

static void constraint_other_region(void **state)
{
	(void)state;
	struct fx f;
	struct draw_result r;
	one_excluded(&f);
	fx_expert(&f, 0, "X1", "U0", "R1", "F1", "");
	f.in.other_region = true;
	assert_x1_never_drawn(&f);
	assert_infeasible_because(&f, EXCLUDED_ONE("of the same region"));
	f.in.other_region = false;
	f.in.panel = 5;
	run_ok(&f.in, seed0, &r);
	assert_true(on_panel(&f.in, &r, "A1", "X1"));
	draw_result_release(&r);
	fx_free(&f);
}

static void constraint_one_per_employer(void **state)
{
	(void)state;
	struct fx f;
	one_excluded(&f);
	fx_expert(&f, 0, "X1", "U1", "R2", "F1", ""); /* shares U1 with Y1 */
	unsigned x = 0, y = 0;
	for (uint32_t s = 0; s < 300; s++) {
		unsigned char seed[DRAW_SEED_BYTES];
		struct draw_result r;
		seed_n(seed, s);
		run_ok(&f.in, seed, &r);
		bool hx = on_panel(&f.in, &r, "A1", "X1"), hy = on_panel(&f.in, &r, "A1", "Y1");
		assert_false(hx && hy);
		x += hx;
		y += hy;
		draw_result_release(&r);
	}
	assert_true(x > 50 && y > 50);
	assert_infeasible_because(&f, "5 eligible experts from 4 employers");
	fx_free(&f);
}

static void constraint_load_limit_and_balance(void **state)
{
	(void)state;
	/* four applications, panel 1, three experts: loads 2,1,1 at best */
	struct fx f;
	struct draw_result r;
	struct px_err err = { 0 };
	fx_init(&f, 4, 3);
	fx_app(&f, 0, "A1", "O1", "R1", "F1");
	fx_app(&f, 1, "A2", "O2", "R1", "F1");
	fx_app(&f, 2, "A3", "O3", "R1", "F1");
	fx_app(&f, 3, "A4", "O4", "R1", "F1");
	fx_expert(&f, 0, "E1", "U1", "R2", "F1", "");
	fx_expert(&f, 1, "E2", "U2", "R2", "F1", "");
	fx_expert(&f, 2, "E3", "U3", "R2", "F1", "");
	f.in.panel = 1;
	f.in.max_load = 10;
	for (uint32_t s = 0; s < 50; s++) {
		unsigned char seed[DRAW_SEED_BYTES];
		seed_n(seed, s);
		run_ok(&f.in, seed, &r);
		assert_int_equal(r.max_load, 2);
		draw_result_release(&r);
	}
	f.in.max_load = 1;
	assert_int_equal(draw_run(&f.in, seed0, &r, &err), PX_ECONFLICT);
	assert_string_equal(err.key, "draw_infeasible");
	assert_string_equal(err.field, "A1");
	assert_string_equal(err.msg, "application 'A1' cannot be covered within the load limit 1: "
			    "the 4 applications competing for the same experts ('A1', 'A2', 'A3', "
			    "'A4') need 4 reviewers and at most 3 can be placed");
	fx_free(&f);
}

/* ---- infeasible inputs ---- */

static void infeasible_names_the_application(void **state)
{
	(void)state;
	struct fx f;
	struct draw_result r;
	struct px_err err = { 0 };

	/* more reviewers than experts */
	small_instance(&f);
	f.apps[3].panel = 9;
	assert_int_equal(draw_run(&f.in, seed0, &r, &err), PX_ECONFLICT);
	assert_string_equal(err.key, "draw_infeasible");
	assert_string_equal(err.field, "A4");
	assert_string_equal(err.msg, "application 'A4' needs 9 reviewers from distinct employers but "
			    "has 5 eligible experts from 5 employers; excluded: 1 of its own "
			    "organisation, 1 without a shared field, 1 of the same region");
	fx_free(&f);

	/* each application alone is fine, together they are not: B2 and B3 (and
	   only they) compete for E1, E2; B1 has its own experts */
	fx_init(&f, 3, 4);
	fx_app(&f, 0, "B1", "O1", "R1", "F9");
	fx_app(&f, 1, "B2", "O2", "R1", "F1");
	fx_app(&f, 2, "B3", "O3", "R1", "F1");
	fx_expert(&f, 0, "E1", "U1", "R2", "F1", "");
	fx_expert(&f, 1, "E2", "U2", "R2", "F1", "");
	fx_expert(&f, 2, "E3", "U3", "R2", "F9", "");
	fx_expert(&f, 3, "E4", "U4", "R2", "F9", "");
	f.in.panel = 2;
	f.in.max_load = 1;
	f.in.field_match = true;
	assert_int_equal(draw_run(&f.in, seed0, &r, &err), PX_ECONFLICT);
	assert_string_equal(err.field, "B2");
	assert_string_equal(err.msg, "application 'B2' cannot be covered within the load limit 1: "
			    "the 2 applications competing for the same experts ('B2', 'B3') need 4 "
			    "reviewers and at most 2 can be placed");
	f.in.max_load = 2;
	run_ok(&f.in, seed0, &r);
	assert_int_equal(r.max_load, 2);
	draw_result_release(&r);
	fx_free(&f);
}

static void infeasible_lists_at_most_four(void **state)
{
	(void)state;
	struct fx f;
	struct draw_result r;
	struct px_err err = { 0 };
	fx_init(&f, 6, 2);
	for (size_t i = 0; i < 6; i++) {
		char id[8];
		snprintf(id, sizeof(id), "A%zu", i + 1);
		fx_app(&f, i, id, "O", "R", "F");
	}
	fx_expert(&f, 0, "E1", "U1", "R", "F", "");
	fx_expert(&f, 1, "E2", "U2", "R", "F", "");
	f.in.panel = 2;
	f.in.max_load = 5;
	assert_int_equal(draw_run(&f.in, seed0, &r, &err), PX_ECONFLICT);
	assert_string_equal(err.msg, "application 'A1' cannot be covered within the load limit 5: "
			    "the 6 applications competing for the same experts ('A1', 'A2', 'A3', "
			    "'A4', ...) need 12 reviewers and at most 10 can be placed");
	fx_free(&f);
}

/* ---- the replacement draw ---- */

static void replacement_keeps_everything_else(void **state)
{
	(void)state;
	struct fx f;
	struct draw_result r, before;
	struct px_err err = { 0 };
	unsigned char s1[DRAW_SEED_BYTES];
	size_t chosen;
	small_instance(&f);
	f.in.max_load = 4;
	run_ok(&f.in, seed0, &r);
	run_ok(&f.in, seed0, &before);

	/* replace the first member of A2's panel */
	size_t gone = r.panels[1].expert[0];
	const char *gone_id = f.experts[gone].id;
	draw_derive_seed(seed0, 1, s1);
	assert_int_equal(draw_replace(&f.in, &r, "A2", gone_id, s1, &chosen, &err), 0);
	assert_int_not_equal(chosen, gone);
	assert_int_equal(r.panels[1].expert[0], chosen);
	assert_int_equal(r.panels[1].expert[1], before.panels[1].expert[1]);
	for (size_t i = 0; i < r.n_panels; i++)
		if (i != 1)
			assert_memory_equal(&r.panels[i], &before.panels[i], sizeof(r.panels[i]));
	assert_int_equal(r.load[gone], before.load[gone] - 1);
	assert_int_equal(r.load[chosen], before.load[chosen] + 1);
	assert_int_equal(draw_validate(&f.in, &r, &err), 0);

	/* the same seed picks the same replacement */
	size_t again;
	assert_int_equal(draw_replace(&f.in, &before, "A2", gone_id, s1, &again, NULL), 0);
	assert_int_equal(again, chosen);

	/* errors */
	char msg[96];
	assert_int_equal(draw_replace(&f.in, &r, "A2", gone_id, s1, &chosen, &err), PX_ENOTFOUND);
	snprintf(msg, sizeof(msg), "expert '%s' is not on the panel of 'A2'", gone_id);
	assert_string_equal(err.msg, msg);
	assert_int_equal(draw_replace(&f.in, &r, "A9", "E1", s1, &chosen, &err), PX_ENOTFOUND);
	assert_int_equal(draw_replace(&f.in, &r, "A2", "E99", s1, &chosen, &err), PX_ENOTFOUND);
	r.n_panels--;
	assert_int_equal(draw_replace(&f.in, &r, "A2", "E1", s1, &chosen, &err), PX_EINVAL);
	assert_string_equal(err.key, "draw_invalid");
	r.n_panels++;
	f.in.panel = 0;
	assert_int_equal(draw_replace(&f.in, &r, "A2", "E1", s1, &chosen, &err), PX_EINVAL);
	f.in.panel = 2;
	size_t a2 = r.panels[1].app;
	r.panels[1].app = r.panels[0].app; /* no panel of A2 any more */
	assert_int_equal(draw_replace(&f.in, &r, "A2", "E1", s1, &chosen, &err), PX_ENOTFOUND);
	r.panels[1].app = a2;
	draw_result_release(&r);
	draw_result_release(&before);
	fx_free(&f);
}

static void replacement_is_uniform_and_can_fail(void **state)
{
	(void)state;
	struct fx f;
	struct draw_result r;
	struct px_err err = { 0 };
	unsigned count[5] = { 0 };
	one_excluded(&f);
	fx_expert(&f, 0, "X1", "U1", "R2", "F1", ""); /* shares U1 with Y1 */
	f.in.panel = 1;
	run_ok(&f.in, seed0, &r);
	size_t first = r.panels[0].expert[0];
	/* from a panel of one, the four others are candidates, each about 1/4 */
	for (uint32_t s = 1; s <= 800; s++) {
		unsigned char seed[DRAW_SEED_BYTES];
		size_t chosen;
		struct draw_result t = r;
		struct draw_panel p = r.panels[0];
		unsigned load[5];
		memcpy(load, r.load, sizeof(load));
		t.panels = &p;
		t.load = load;
		draw_derive_seed(seed0, s, seed);
		assert_int_equal(draw_replace(&f.in, &t, "A1", f.experts[first].id, seed, &chosen, NULL), 0);
		count[chosen]++;
	}
	assert_int_equal(count[first], 0);
	for (size_t i = 0; i < 5; i++)
		if (i != first)
			assert_true(count[i] > 150 && count[i] < 250);
	draw_result_release(&r);

	/* a panel of 4 from 4 employers: the only one left for Y2 shares U1 with a member */
	f.in.panel = 4;
	run_ok(&f.in, seed0, &r);
	size_t chosen = 99;
	assert_true(on_panel(&f.in, &r, "A1", "Y2"));
	assert_int_equal(draw_replace(&f.in, &r, "A1", "Y2", seed0, &chosen, &err), PX_ECONFLICT);
	assert_int_equal(chosen, 99);
	assert_string_equal(err.key, "draw_no_replacement");
	assert_string_equal(err.field, "A1");
	draw_result_release(&r);
	fx_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(constraint_declared_conflict),
		cmocka_unit_test(constraint_own_organisation),
		cmocka_unit_test(constraint_field_match),
		cmocka_unit_test(constraint_other_region),
		cmocka_unit_test(constraint_one_per_employer),
		cmocka_unit_test(constraint_load_limit_and_balance),
		cmocka_unit_test(infeasible_names_the_application),
		cmocka_unit_test(infeasible_lists_at_most_four),
		cmocka_unit_test(replacement_keeps_everything_else),
		cmocka_unit_test(replacement_is_uniform_and_can_fail),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
