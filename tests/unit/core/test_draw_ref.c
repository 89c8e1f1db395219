/*
 * test_draw_ref.c - the draw against an exhaustive search on 3,000 small random
 * instances (2-6 applications, 3-8 experts, random employers, organisations,
 * conflicts, fields, regions, panels 1-3, load limits 1-3):
 *   - completeness: draw_run() succeeds exactly when some valid assignment
 *     exists, and an infeasible local case names the first application short
 *     of experts;
 *   - balance: the largest load is the least any valid assignment has;
 *   - validity: draw_validate() accepts every result;
 *   - the procedure: a second implementation written from docs/draw.md alone
 *     (its own eligibility rules, its own ChaCha20 call, feasibility by
 *     exhaustive search instead of flows) gives the very same panels.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <sodium.h>

#include "draw_fixture.h"

enum { MAXA = 6, MAXE = 8, MAXK = 3, STATES = 65536 /* 4^8 load vectors */ };

/* An instance in canonical order, as the exhaustive search sees it. */
struct inst {
	int na, ne, limit;
	const struct draw_application *app[MAXA]; /* canonical order */
	const struct draw_expert *exp[MAXE];
	unsigned k[MAXA];
	unsigned elig[MAXA];      /* bit e: expert e may review application a */
	int emp[MAXE];            /* employer class: index of the first expert with it */
	unsigned masks[MAXA][64]; /* panels of size k, distinct employers, eligible */
	int nmasks[MAXA];
	uint32_t memo[MAXA + 1][STATES]; /* generation at which a state was found dead */
	uint32_t gen;
};

static bool listed(const char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return true;
	return false;
}

/* docs/draw.md, "Constraints", written again. */
static bool may_review(const struct draw_input *in, const struct draw_application *a,
		       const struct draw_expert *e)
{
	bool field = false;
	for (size_t i = 0; i < a->n_fields; i++)
		field = field || listed(e->fields, e->n_fields, a->fields[i]);
	return strcmp(e->employer, a->organisation) &&
	       !listed(e->conflicts, e->n_conflicts, a->applicant) &&
	       !listed(e->conflicts, e->n_conflicts, a->organisation) &&
	       (!in->field_match || field) && (!in->other_region || strcmp(e->region, a->region));
}

static int by_app_id(const void *x, const void *y)
{
	return strcmp((*(const struct draw_application *const *)x)->id,
		      (*(const struct draw_application *const *)y)->id);
}

static int by_expert_id(const void *x, const void *y)
{
	return strcmp((*(const struct draw_expert *const *)x)->id,
		      (*(const struct draw_expert *const *)y)->id);
}

static void inst_build(struct inst *s, const struct draw_input *in)
{
	memset(s, 0, sizeof(*s));
	s->na = (int)in->n_apps;
	s->ne = (int)in->n_experts;
	for (int a = 0; a < s->na; a++)
		s->app[a] = &in->apps[a];
	for (int e = 0; e < s->ne; e++)
		s->exp[e] = &in->experts[e];
	qsort(s->app, (size_t)s->na, sizeof(s->app[0]), by_app_id);
	qsort(s->exp, (size_t)s->ne, sizeof(s->exp[0]), by_expert_id);
	for (int e = 0; e < s->ne; e++) {
		s->emp[e] = e;
		for (int o = 0; o < e; o++)
			if (!strcmp(s->exp[o]->employer, s->exp[e]->employer)) {
				s->emp[e] = s->emp[o];
				break;
			}
	}
	for (int a = 0; a < s->na; a++) {
		s->k[a] = s->app[a]->panel ? s->app[a]->panel : in->panel;
		for (int e = 0; e < s->ne; e++)
			if (may_review(in, s->app[a], s->exp[e]))
				s->elig[a] |= 1u << e;
		for (unsigned m = 0; m < 1u << s->ne; m++) {
			unsigned emps = 0;
			bool ok = (m & ~s->elig[a]) == 0 && (unsigned)__builtin_popcount(m) == s->k[a];
			for (int e = 0; ok && e < s->ne; e++)
				if (m >> e & 1) {
					ok = !(emps >> s->emp[e] & 1);
					emps |= 1u << s->emp[e];
				}
			if (ok)
				s->masks[a][s->nmasks[a]++] = m;
		}
	}
}

/* Is there a valid assignment of applications a.. with loads <= limit that
   contains the required panel members? Depth-first, dead states memoised. */
static bool fill(struct inst *s, int a, unsigned *load, const unsigned *req)
{
	unsigned key = 0;
	if (a == s->na)
		return true;
	for (int e = 0; e < s->ne; e++)
		key = key * 4 + load[e];
	if (s->memo[a][key] == s->gen)
		return false;
	for (int i = 0; i < s->nmasks[a]; i++) {
		unsigned m = s->masks[a][i];
		bool ok = (m & req[a]) == req[a];
		for (int e = 0; ok && e < s->ne; e++)
			ok = !(m >> e & 1) || load[e] < (unsigned)s->limit;
		if (!ok)
			continue;
		for (int e = 0; e < s->ne; e++)
			load[e] += m >> e & 1;
		bool found = fill(s, a + 1, load, req);
		for (int e = 0; e < s->ne; e++)
			load[e] -= m >> e & 1;
		if (found)
			return true;
	}
	s->memo[a][key] = s->gen;
	return false;
}

static bool exists(struct inst *s, int limit, const unsigned *req)
{
	unsigned load[MAXE] = { 0 };
	s->limit = limit;
	s->gen++;
	return fill(s, 0, load, req);
}

/* ---- the procedure of docs/draw.md, with exhaustive feasibility ---- */

struct stream {
	unsigned char ks[4096];
	size_t pos;
};

static uint32_t below(struct stream *st, uint32_t n)
{
	if (n <= 1)
		return 0;
	for (;;) {
		assert_true(st->pos + 4 <= sizeof(st->ks));
		uint32_t x = (uint32_t)st->ks[st->pos] | (uint32_t)st->ks[st->pos + 1] << 8 |
			     (uint32_t)st->ks[st->pos + 2] << 16 | (uint32_t)st->ks[st->pos + 3] << 24;
		st->pos += 4;
		if ((uint64_t)x < (1ull << 32) - (1ull << 32) % n)
			return x % n;
	}
}

static void shuffle(struct stream *st, int *v, int n)
{
	for (int i = n - 1; i > 0; i--) {
		int j = (int)below(st, (uint32_t)i + 1);
		int t = v[i];
		v[i] = v[j];
		v[j] = t;
	}
}

/* Panels (canonical expert positions, in the order drawn) and L*. */
static void reference_draw(struct inst *s, const unsigned char seed[32], int max_load,
			   int panel[MAXA][MAXK], int *lstar)
{
	struct stream st = { .pos = 0 };
	unsigned req[MAXA] = { 0 };
	int order[MAXA], cand[MAXE];

	crypto_stream_chacha20_ietf(st.ks, sizeof(st.ks), (const unsigned char *)"px-draw-v1\0\0", seed);
	for (*lstar = 1; !exists(s, *lstar, req); ++*lstar)
		assert_true(*lstar < max_load);
	for (int a = 0; a < s->na; a++)
		order[a] = a;
	shuffle(&st, order, s->na);
	for (int i = 0; i < s->na; i++) {
		int a = order[i], n = 0, got = 0;
		for (int e = 0; e < s->ne; e++)
			if (s->elig[a] >> e & 1)
				cand[n++] = e;
		shuffle(&st, cand, n);
		for (int j = 0; j < n && got < (int)s->k[a]; j++) {
			req[a] |= 1u << cand[j];
			if (exists(s, *lstar, req))
				panel[a][got++] = cand[j];
			else
				req[a] &= ~(1u << cand[j]);
		}
		assert_int_equal(got, s->k[a]);
	}
}

/* The first application (canonical order) short of eligible employers, or -1. */
static int first_short(const struct inst *s)
{
	for (int a = 0; a < s->na; a++) {
		unsigned emps = 0;
		for (int e = 0; e < s->ne; e++)
			if (s->elig[a] >> e & 1)
				emps |= 1u << s->emp[e];
		if ((unsigned)__builtin_popcount(emps) < s->k[a])
			return a;
	}
	return -1;
}

static void random_shape(struct fx_lcg *g, struct fx_shape *sh)
{
	sh->na = 2 + fx_rand(g, 5);
	sh->ne = 3 + fx_rand(g, 6);
	sh->orgs = 2 + fx_rand(g, 6);
	sh->employers = 2 + fx_rand(g, (uint32_t)sh->ne - 1);
	sh->regions = 2 + fx_rand(g, 3);
	sh->fields = 1 + fx_rand(g, 3);
	sh->app_fields = 2;
	sh->expert_fields = 3;
	sh->conflicts = fx_rand(g, 3);
	sh->panel_min = 1;
	sh->panel_max = 1 + fx_rand(g, 3);
}

static void against_exhaustive_search(void **state)
{
	(void)state;
	static struct inst s;
	struct fx_lcg g = { 20250601 };
	unsigned feasible = 0, infeasible = 0, local = 0, balanced_below_limit = 0;

	for (uint64_t t = 0; t < 3000; t++) {
		struct fx_shape sh;
		struct fx f;
		struct draw_result r;
		struct px_err err = { 0 };
		unsigned char seed[32];
		unsigned req[MAXA] = { 0 };

		random_shape(&g, &sh);
		fx_random(&f, &sh, t);
		f.in.panel = 1;
		f.in.max_load = 1 + fx_rand(&g, 3);
		f.in.field_match = fx_rand(&g, 2);
		f.in.other_region = fx_rand(&g, 2);
		for (size_t i = 0; i < sizeof(seed); i++)
			seed[i] = (unsigned char)fx_rand(&g, 256);
		inst_build(&s, &f.in);

		bool any = exists(&s, (int)f.in.max_load, req);
		int rc = draw_run(&f.in, seed, &r, &err);
		if (!any) {
			infeasible++;
			if (rc != PX_ECONFLICT)
				fail_msg("instance %u: no assignment exists but the draw returned %d", (unsigned)t, rc);
			assert_string_equal(err.key, "draw_infeasible");
			int a = first_short(&s);
			if (a >= 0) {
				local++;
				assert_string_equal(err.field, s.app[a]->id);
			}
			fx_free(&f);
			continue;
		}
		feasible++;
		if (rc)
			fail_msg("instance %u: an assignment exists but the draw failed: %s", (unsigned)t, err.msg);
		if (draw_validate(&f.in, &r, &err))
			fail_msg("instance %u: invalid result: %s", (unsigned)t, err.msg);

		int panel[MAXA][MAXK], lstar;
		reference_draw(&s, seed, (int)f.in.max_load, panel, &lstar);
		assert_int_equal(r.max_load, lstar);
		balanced_below_limit += lstar < (int)f.in.max_load;
		for (int a = 0; a < s.na; a++) {
			const struct draw_panel *p = &r.panels[a];
			assert_ptr_equal(&f.in.apps[p->app], s.app[a]);
			for (unsigned j = 0; j < p->n; j++)
				assert_ptr_equal(&f.in.experts[p->expert[j]], s.exp[panel[a][j]]);
		}
		draw_result_release(&r);
		fx_free(&f);
	}
	print_message("3000 instances: %u feasible (%u balanced below the limit), %u infeasible "
		      "(%u short on their own)\n", feasible, balanced_below_limit, infeasible, local);
	assert_true(feasible >= 1000 && infeasible >= 1000);
	assert_true(balanced_below_limit >= 500 && infeasible - local >= 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(against_exhaustive_search),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
