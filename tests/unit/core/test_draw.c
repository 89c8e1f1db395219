/*
 * test_draw.c - the double-random draw: the random stream against values of
 * an independent ChaCha20, seeds and hashes, a golden draw, input checks, the
 * flow network and the validator. Constraints and replacements are in
 * test_draw_rules.c, uniformity in test_draw_uniform.c, completeness and the
 * procedure bit for bit in test_draw_ref.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/draw_internal.h"
#include "draw_fixture.h"

/* ---- the random stream ---- */

static void stream_is_rfc8439_chacha20(void **state)
{
	(void)state;
	/* keystream words of key 00 01 .. 1f, nonce "px-draw-v1" 0 0, counter 0, as
	   computed by Python's cryptography package (another ChaCha20) */
	static const uint32_t want[8] = { 0x7ab6ea38, 0x218f35fb, 0xed4c944e, 0x9152ad47,
					  0xdcc9a110, 0x60706d28, 0x1a547f22, 0xe5afcd68 };
	struct draw_rng r;
	draw_rng_init(&r, seed0);
	for (size_t i = 0; i < 8; i++)
		assert_int_equal(draw_rng_u32(&r), want[i]);
	assert_int_equal(r.used, 32);
	/* crossing into the next 64-byte block */
	for (size_t i = 0; i < 20; i++)
		draw_rng_u32(&r);
	assert_int_equal(r.used, 112);
	assert_int_equal(r.block, 2);
}

static void shuffle_is_fisher_yates(void **state)
{
	(void)state;
	/* same reference: [0..9] shuffled, 9 draws of 4 bytes (no rejection) */
	static const uint32_t want[10] = { 0, 7, 8, 5, 2, 9, 1, 6, 3, 4 };
	uint32_t v[10];
	struct draw_rng r;
	for (uint32_t i = 0; i < 10; i++)
		v[i] = i;
	draw_rng_init(&r, seed0);
	draw_rng_shuffle(&r, v, 10);
	assert_memory_equal(v, want, sizeof(want));
	assert_int_equal(r.used, 36);
	/* shuffling 0 or 1 element consumes nothing */
	draw_rng_shuffle(&r, v, 1);
	draw_rng_shuffle(&r, v, 0);
	assert_int_equal(r.used, 36);
}

static void below_rejects_the_uneven_tail(void **state)
{
	(void)state;
	struct draw_rng r;
	uint32_t n = 0x80000001u; /* accepts x < 0x80000001: about half the words */
	unsigned rejected = 0;
	draw_rng_init(&r, seed0);
	assert_int_equal(draw_rng_below(&r, 1), 0);
	assert_int_equal(draw_rng_below(&r, 0), 0);
	assert_int_equal(r.used, 0);
	for (int i = 0; i < 200; i++) {
		uint64_t before = r.used;
		assert_true(draw_rng_below(&r, n) < n);
		rejected += (unsigned)((r.used - before) / 4 - 1);
	}
	assert_true(rejected > 50 && rejected < 400);
}

/* ---- seeds and hashes ---- */

static void seed_parse_and_commit(void **state)
{
	(void)state;
	unsigned char s[DRAW_SEED_BYTES];
	char hex[DRAW_HEX_LEN + 1];
	struct px_err err = { 0 };

	assert_int_equal(draw_seed_parse("000102030405060708090a0b0c0d0e0f"
					 "101112131415161718191A1B1C1D1E1F", s, &err), 0);
	assert_memory_equal(s, seed0, sizeof(s));
	draw_seed_commit(s, hex);
	assert_string_equal(hex, "630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd");
	memset(s, 0, sizeof(s));
	draw_seed_commit(s, hex);
	assert_string_equal(hex, "66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925");

	assert_int_equal(draw_seed_parse("00", s, &err), PX_EINVAL);
	assert_string_equal(err.key, "invalid_seed");
	assert_string_equal(err.msg, "a seed is 64 hex digits, got 2");
	assert_int_equal(draw_seed_parse(NULL, s, &err), PX_EINVAL);
	assert_int_equal(draw_seed_parse("000102030405060708090a0b0c0d0e0f"
					 "101112131415161718191a1b1c1d1e1f00", s, &err), PX_EINVAL);
	assert_string_equal(err.msg, "a seed is 64 hex digits, got 65 or more");
	assert_int_equal(draw_seed_parse("000102030405060708090a0b0c0d0e0f"
					 "101112131415161718191a1b1c1d1e1g", s, &err), PX_EINVAL);
	assert_string_equal(err.msg, "not a hex digit at offset 63");
	assert_int_equal(draw_seed_parse("x00102030405060708090a0b0c0d0e0f"
					 "101112131415161718191a1b1c1d1e1f", s, &err), PX_EINVAL);
	assert_string_equal(err.msg, "not a hex digit at offset 0");
}

static void derived_seed_is_domain_separated_sha256(void **state)
{
	(void)state;
	unsigned char s[DRAW_SEED_BYTES], t[DRAW_SEED_BYTES];
	char hex[DRAW_HEX_LEN + 1];
	static const char want[] = "de719d8ae25837b45274d65a73377169b64c7f8fb5493b66e9f939036089b26a";
	unsigned char w[DRAW_SEED_BYTES];
	assert_int_equal(draw_seed_parse(want, w, NULL), 0);
	draw_derive_seed(seed0, 1, s);
	assert_memory_equal(s, w, sizeof(s));
	draw_derive_seed(seed0, 2, t);
	assert_memory_not_equal(s, t, sizeof(s));
	draw_seed_commit(t, hex);
	assert_int_equal(strlen(hex), 64);
}

/* A known draw: a change of the procedure anywhere changes this. */
static void golden_draw(void **state)
{
	(void)state;
	struct fx f;
	struct draw_result r;
	small_instance(&f);
	run_ok(&f.in, seed0, &r);
	assert_string_equal(r.seed_commit, "630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd");
	assert_string_equal(panel_ids(&f.in, &r, "A1"), "E5,E7");
	assert_string_equal(panel_ids(&f.in, &r, "A2"), "E5,E8");
	assert_string_equal(panel_ids(&f.in, &r, "A3"), "E4,E1");
	assert_string_equal(panel_ids(&f.in, &r, "A4"), "E8,E2");
	assert_string_equal(panel_ids(&f.in, &r, "A5"), "E6,E3");
	assert_string_equal(panel_ids(&f.in, &r, "A6"), "E2,E7,E1");
	assert_string_equal(r.inputs_hash, "abdf14e8654f91a41a1aeba416c55e7caa707daee145ae8232a2e7b63791166c");
	assert_int_equal(r.max_load, 2);
	static const unsigned loads[8] = { 2, 2, 1, 1, 2, 1, 2, 2 };
	assert_memory_equal(r.load, loads, sizeof(loads));
	draw_result_release(&r);
	fx_free(&f);
}

/* The caller's order of applications, experts, fields and conflicts does not matter. */
static void caller_order_does_not_matter(void **state)
{
	(void)state;
	struct fx f, g;
	struct draw_result r, s;
	small_instance(&f);
	small_instance(&g);
	fx_expert(&g, 4, "E5", "U2", "R3", "F3,F2,F1,F2", ""); /* fields in another order */
	/* reverse the arrays of g */
	for (size_t i = 0; i < 3; i++) {
		struct draw_application t = g.apps[i];
		g.apps[i] = g.apps[5 - i];
		g.apps[5 - i] = t;
	}
	for (size_t i = 0; i < 4; i++) {
		struct draw_expert t = g.experts[i];
		g.experts[i] = g.experts[7 - i];
		g.experts[7 - i] = t;
	}
	run_ok(&f.in, seed0, &r);
	run_ok(&g.in, seed0, &s);
	assert_string_equal(r.inputs_hash, s.inputs_hash);
	for (size_t i = 0; i < 6; i++) {
		char id[8];
		snprintf(id, sizeof(id), "A%zu", i + 1);
		char want[256];
		snprintf(want, sizeof(want), "%s", panel_ids(&f.in, &r, id));
		assert_string_equal(panel_ids(&g.in, &s, id), want);
	}
	/* panels come in id order, expert_order lists ids in order */
	assert_string_equal(g.in.apps[s.panels[0].app].id, "A1");
	assert_string_equal(g.in.experts[s.expert_order[0]].id, "E1");
	assert_string_equal(g.in.experts[s.expert_order[7]].id, "E8");
	draw_result_release(&r);
	draw_result_release(&s);
	fx_free(&f);
	fx_free(&g);
}

static void inputs_hash_pins_the_input(void **state)
{
	(void)state;
	struct fx f;
	char h0[DRAW_HEX_LEN + 1], h[DRAW_HEX_LEN + 1];
	small_instance(&f);
	assert_int_equal(draw_inputs_hash(&f.in, h0, NULL), 0);
	/* an explicit panel equal to the default is the same input */
	f.apps[0].panel = 2;
	assert_int_equal(draw_inputs_hash(&f.in, h, NULL), 0);
	assert_string_equal(h, h0);
	/* every meaningful change changes it */
	f.apps[0].panel = 3;
	draw_inputs_hash(&f.in, h, NULL);
	assert_string_not_equal(h, h0);
	f.apps[0].panel = 0;
	f.in.max_load = 4;
	draw_inputs_hash(&f.in, h, NULL);
	assert_string_not_equal(h, h0);
	f.in.max_load = 3;
	f.in.field_match = false;
	draw_inputs_hash(&f.in, h, NULL);
	assert_string_not_equal(h, h0);
	f.in.field_match = true;
	f.in.other_region = false;
	draw_inputs_hash(&f.in, h, NULL);
	assert_string_not_equal(h, h0);
	f.in.other_region = true;
	snprintf(f.e[7].conflicts[0], FX_NAME, "P6");
	draw_inputs_hash(&f.in, h, NULL);
	assert_string_not_equal(h, h0);
	snprintf(f.e[7].conflicts[0], FX_NAME, "P5");
	draw_inputs_hash(&f.in, h, NULL);
	assert_string_equal(h, h0);
	/* a bad input has no hash */
	f.in.max_load = 0;
	assert_int_equal(draw_inputs_hash(&f.in, h, NULL), PX_EINVAL);
	fx_free(&f);
}

/* ---- input checks ---- */

static void expect_input_error(const struct draw_input *in, int code, const char *key,
			       const char *field, const char *msg)
{
	struct draw_result r;
	struct px_err err = { 0 };
	assert_int_equal(draw_run(in, seed0, &r, &err), code);
	assert_string_equal(err.key, key);
	assert_string_equal(err.field, field);
	if (msg)
		assert_string_equal(err.msg, msg);
	assert_null(r.panels);
}

static void bad_inputs_name_the_member(void **state)
{
	(void)state;
	struct fx f;
	char longid[DRAW_MAX_ID + 2];
	small_instance(&f);

	f.in.max_load = 0;
	expect_input_error(&f.in, PX_EINVAL, "invalid_draw_input", "max_load",
			   "0 panels, expected 1 to 1000");
	f.in.max_load = DRAW_MAX_LOAD + 1;
	expect_input_error(&f.in, PX_EINVAL, "invalid_draw_input", "max_load", NULL);
	f.in.max_load = 3;
	f.in.panel = 0;
	expect_input_error(&f.in, PX_EINVAL, "invalid_draw_input", "panel",
			   "0 reviewers, expected 1 to 16");
	f.in.panel = 2;
	f.apps[2].panel = DRAW_MAX_PANEL + 1;
	expect_input_error(&f.in, PX_EINVAL, "invalid_draw_input", "applications[2].panel",
			   "17 reviewers, at most 16");
	f.apps[2].panel = 0;

	f.experts[3].employer = NULL;
	expect_input_error(&f.in, PX_EINVAL, "invalid_draw_input", "experts[3].employer", "missing");
	f.experts[3].employer = "";
	expect_input_error(&f.in, PX_EINVAL, "invalid_draw_input", "experts[3].employer", "empty");
	memset(longid, 'x', sizeof(longid) - 1);
	longid[sizeof(longid) - 1] = '\0';
	f.experts[3].employer = longid;
	expect_input_error(&f.in, PX_ETOOBIG, "draw_too_large", "experts[3].employer",
			   "longer than 128 bytes");
	f.experts[3].employer = "U1";
	f.apps[1].region = NULL;
	expect_input_error(&f.in, PX_EINVAL, "invalid_draw_input", "applications[1].region", "missing");
	f.apps[1].region = "R2";
	f.a[4].fields[0][0] = '\0';
	expect_input_error(&f.in, PX_EINVAL, "invalid_draw_input", "applications[4].fields[0]", "empty");
	snprintf(f.a[4].fields[0], FX_NAME, "F3");
	f.experts[7].n_conflicts = DRAW_MAX_CONFLICTS + 1;
	expect_input_error(&f.in, PX_ETOOBIG, "draw_too_large", "experts[7].conflicts",
			   "257 entries, at most 256");
	f.experts[7].n_conflicts = 1;
	f.experts[6].fields = NULL;
	expect_input_error(&f.in, PX_EINVAL, "invalid_draw_input", "experts[6].fields", "missing");
	f.experts[6].fields = f.e[6].fieldp;
	f.apps[0].n_fields = DRAW_MAX_FIELDS + 1;
	expect_input_error(&f.in, PX_ETOOBIG, "draw_too_large", "applications[0].fields", NULL);
	f.apps[0].n_fields = 1;

	snprintf(f.e[5].id, FX_NAME, "E2");
	expect_input_error(&f.in, PX_EINVAL, "duplicate_id", "experts[5].id",
			   "duplicate id 'E2' (also experts[1])");
	snprintf(f.e[5].id, FX_NAME, "E6");
	snprintf(f.a[0].id, FX_NAME, "A6");
	expect_input_error(&f.in, PX_EINVAL, "duplicate_id", "applications[5].id", NULL);
	snprintf(f.a[0].id, FX_NAME, "A1");

	f.in.n_apps = 0;
	expect_input_error(&f.in, PX_EINVAL, "invalid_draw_input", "applications", "no applications");
	f.in.n_apps = DRAW_MAX_APPS + 1;
	expect_input_error(&f.in, PX_ETOOBIG, "draw_too_large", "applications", NULL);
	f.in.n_apps = 6;
	f.in.n_experts = 0;
	expect_input_error(&f.in, PX_EINVAL, "invalid_draw_input", "experts", "no experts");
	f.in.n_experts = DRAW_MAX_EXPERTS + 1;
	expect_input_error(&f.in, PX_ETOOBIG, "draw_too_large", "experts", NULL);
	f.in.n_experts = 8;

	struct draw_result r;
	run_ok(&f.in, seed0, &r); /* all repaired */
	draw_result_release(&r);
	draw_result_release(&r); /* releasing twice is harmless */
	fx_free(&f);
}

static void too_many_eligible_pairs(void **state)
{
	(void)state;
	/* 5000 x 401 pairs, all eligible: over DRAW_MAX_PAIRS */
	struct fx f;
	struct draw_result r = { 0 };
	unsigned char seed[DRAW_SEED_BYTES] = { 0 };
	struct px_err err = { 0 };
	size_t chosen;
	fx_init(&f, DRAW_MAX_APPS, 401);
	for (size_t i = 0; i < DRAW_MAX_APPS; i++) {
		char id[16];
		snprintf(id, sizeof(id), "A%zu", i);
		fx_app(&f, i, id, "O", "R", "F");
	}
	for (size_t i = 0; i < 401; i++) {
		char id[16];
		snprintf(id, sizeof(id), "E%zu", i);
		fx_expert(&f, i, id, id, "R", "F", "");
	}
	f.in.max_load = DRAW_MAX_LOAD;
	expect_input_error(&f.in, PX_ETOOBIG, "draw_too_large", "applications",
			   "more than 2000000 eligible (application, expert) pairs");
	assert_int_equal(draw_replace(&f.in, &r, "A1", "E1", seed, &chosen, &err), PX_ETOOBIG);
	fx_free(&f);
}

/* ---- the flow network ---- */

/* Forcing a pair works the same when the search stamps wrap around. */
static void force_survives_stamp_wraparound(void **state)
{
	(void)state;
	struct fx f;
	struct draw_canon c;
	struct draw_net n;
	small_instance(&f);
	assert_int_equal(draw_canon_build(&f.in, &c, NULL), 0);
	assert_int_equal(draw_canon_eligible(&c, NULL), 0);
	assert_int_equal(draw_net_build(&n, &c, NULL), 0);
	draw_net_reset(&n, 3);
	assert_int_equal(draw_net_maxflow(&n), c.sum_k);
	/* every pair of A1 can be forced, one at a time from a fresh flow */
	for (uint32_t p = c.elig_start[0]; p < c.elig_start[1]; p++) {
		draw_net_reset(&n, 3);
		draw_net_maxflow(&n);
		n.gen = UINT32_MAX;
		assert_true(draw_net_force(&n, p));
		assert_true(n.gen == 1 || n.gen == UINT32_MAX); /* wrapped if it searched */
		assert_int_equal(draw_net_maxflow(&n), c.sum_k); /* still a full flow */
	}
	draw_net_release(&n);
	draw_canon_release(&c);
	fx_free(&f);
}

/* ---- the validator ---- */

static void expect_invalid(const struct draw_input *in, const struct draw_result *r,
			   const char *field, const char *msg)
{
	struct px_err err = { 0 };
	assert_int_equal(draw_validate(in, r, &err), PX_EINVAL);
	assert_string_equal(err.key, "draw_invalid");
	assert_string_equal(err.field, field);
	assert_string_equal(err.msg, msg);
}

static size_t expert_index(const struct fx *f, const char *id)
{
	for (size_t i = 0; i < f->in.n_experts; i++)
		if (!strcmp(f->experts[i].id, id))
			return i;
	fail_msg("no expert %s", id);
	return 0;
}

static void validator_catches_each_fault(void **state)
{
	(void)state;
	struct fx f;
	struct draw_result r;
	small_instance(&f);
	run_ok(&f.in, seed0, &r);
	struct draw_panel keep = r.panels[0]; /* A1 */
	unsigned load0[8];
	memcpy(load0, r.load, sizeof(load0));

	r.panels[0].n = 1;
	expect_invalid(&f.in, &r, "A1", "panel of 'A1' has 1 reviewers, expected 2");
	r.panels[0] = keep;
	r.panels[0].expert[1] = 99;
	expect_invalid(&f.in, &r, "A1", "panel of 'A1' names expert index 99");
	r.panels[0].expert[1] = expert_index(&f, "E1");
	expect_invalid(&f.in, &r, "A1", "expert 'E1' on the panel of 'A1' is employed by the "
		       "applicant's organisation");
	/* A3 is of O3: E2 declared that conflict */
	struct draw_panel keep3 = r.panels[2];
	r.panels[0] = keep;
	r.panels[2].expert[0] = expert_index(&f, "E2");
	expect_invalid(&f.in, &r, "A3", "expert 'E2' on the panel of 'A3' declared a conflict");
	r.panels[2].expert[0] = expert_index(&f, "E6"); /* F3 only, A3 is F2 */
	expect_invalid(&f.in, &r, "A3", "expert 'E6' on the panel of 'A3' shares no field");
	r.panels[2] = keep3;
	r.panels[0].expert[0] = expert_index(&f, "E3"); /* F1 and R1 like A1 */
	expect_invalid(&f.in, &r, "A1", "expert 'E3' on the panel of 'A1' is of the same region");
	r.panels[0] = keep;
	/* A2 (O2, R2, F1 F2): E5 and E8 are eligible, E1 too; duplicates and employers */
	struct draw_panel keep2 = r.panels[1];
	r.panels[1].expert[0] = expert_index(&f, "E5");
	r.panels[1].expert[1] = expert_index(&f, "E5");
	expect_invalid(&f.in, &r, "A2", "expert 'E5' twice on the panel of 'A2'");
	/* A5 (O4, R3, F3): E3 and E7 share U1/U3? E3 is U1, E7 is U3; E6 and E7 share U3 */
	struct draw_panel keep5 = r.panels[4];
	r.panels[1] = keep2;
	r.panels[4].expert[0] = expert_index(&f, "E6");
	r.panels[4].expert[1] = expert_index(&f, "E7");
	expect_invalid(&f.in, &r, "A5", "experts 'E6' and 'E7' on the panel of 'A5' share the "
		       "employer 'U3'");
	r.panels[4] = keep5;
	assert_int_equal(draw_validate(&f.in, &r, NULL), 0);

	char msg[128];
	r.load[0]++;
	snprintf(msg, sizeof(msg), "expert 'E1' sits on %u panels, the result says %u, the limit is 3",
		 load0[0], load0[0] + 1);
	expect_invalid(&f.in, &r, "loads", msg);
	memcpy(r.load, load0, sizeof(load0));
	r.max_load++;
	snprintf(msg, sizeof(msg), "the largest load is %u, the result says %u", r.max_load - 1, r.max_load);
	expect_invalid(&f.in, &r, "loads", msg);
	r.max_load--;
	f.in.max_load = 1;
	assert_int_equal(draw_validate(&f.in, &r, NULL), PX_EINVAL);
	f.in.max_load = 3;

	r.panels[1].app = r.panels[0].app;
	expect_invalid(&f.in, &r, "assignments", "panel 1 is of no application or of one already covered");
	r.panels[1].app = 77;
	expect_invalid(&f.in, &r, "assignments", "panel 1 is of no application or of one already covered");
	r.panels[1] = keep2;
	r.n_panels = 5;
	expect_invalid(&f.in, &r, "assignments", "5 panels for 6 applications");
	r.n_panels = 6;
	assert_int_equal(draw_validate(&f.in, &r, NULL), 0);
	draw_result_release(&r);
	fx_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stream_is_rfc8439_chacha20),
		cmocka_unit_test(shuffle_is_fisher_yates),
		cmocka_unit_test(below_rejects_the_uneven_tail),
		cmocka_unit_test(seed_parse_and_commit),
		cmocka_unit_test(derived_seed_is_domain_separated_sha256),
		cmocka_unit_test(golden_draw),
		cmocka_unit_test(caller_order_does_not_matter),
		cmocka_unit_test(inputs_hash_pins_the_input),
		cmocka_unit_test(bad_inputs_name_the_member),
		cmocka_unit_test(too_many_eligible_pairs),
		cmocka_unit_test(force_survives_stamp_wraparound),
		cmocka_unit_test(validator_catches_each_fault),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
