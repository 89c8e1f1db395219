/* test_composite.c - the brand ranking's composite: vote share within the track, weights, ties, Top N, chosen tracks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "core/composite.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const enum composite_key KEYS[] = { COMPOSITE_KEY_EXPERT, COMPOSITE_KEY_PROMOTION, COMPOSITE_KEY_VOTES,
					   COMPOSITE_KEY_SUBMITTED, COMPOSITE_KEY_ID };

static struct composite_config cfg(uint32_t ntracks, uint32_t top_n, const enum composite_key *keys, size_t nkeys)
{
	return (struct composite_config){ ntracks, top_n, { 300, 300, 400 }, keys, nkeys };
}

static const struct composite_entry *find(const struct composite_entry *e, size_t n, uint32_t track, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (e[i].track == track && e[i].id == id)
			return &e[i];
	return NULL;
}

static void vote_share_and_weights(void **state)
{
	(void)state;
	struct composite_config c = cfg(2, 20, KEYS, N(KEYS));
	struct composite_entry e[] = {
		{ .id = 1, .track = 0, .votes = 200, .promotion = 8000, .expert = 9000 },
		{ .id = 2, .track = 0, .votes = 100, .promotion = 9000, .expert = 8000 },
		{ .id = 3, .track = 0, .votes = 0, .promotion = 10000, .expert = 10000 },
		/* the same brand in its second track: normalised against that track's votes */
		{ .id = 1, .track = 1, .votes = 200, .promotion = 8000, .expert = 9000 },
		{ .id = 4, .track = 1, .votes = 800, .promotion = 5000, .expert = 5000 },
	};
	assert_int_equal(composite_compute(&c, e, N(e), NULL), 0);
	const struct composite_entry *a = find(e, N(e), 0, 1), *b = find(e, N(e), 0, 2), *x = find(e, N(e), 0, 3);
	assert_int_equal(a->vote_score, 10000);
	assert_int_equal(b->vote_score, 5000);
	assert_int_equal(x->vote_score, 0);
	assert_int_equal(a->score, 9000);  /* (300*100 + 300*80 + 400*90) / 1000 = 90 */
	assert_int_equal(b->score, 7400);  /* (300*50 + 300*90 + 400*80) / 1000 = 74 */
	assert_int_equal(x->score, 7000);  /* 0 + 30 + 40 */
	assert_int_equal(a->rank, 1);
	assert_int_equal(b->rank, 2);
	assert_int_equal(x->rank, 3);
	const struct composite_entry *a1 = find(e, N(e), 1, 1), *d = find(e, N(e), 1, 4);
	assert_int_equal(a1->vote_score, 2500); /* 200 / 800 */
	assert_int_equal(a1->score, 6750);      /* 7.5 + 24 + 36 */
	assert_int_equal(d->score, 6500);       /* 30 + 15 + 20 */
	/* sorted by track, then rank */
	assert_int_equal(e[0].id, 1);
	assert_int_equal(e[2].id, 3);
	assert_int_equal(e[3].track, 1);
	assert_int_equal(e[3].id, 1);
	for (size_t i = 0; i < N(e); i++)
		assert_true(e[i].placed);
}

static void no_votes_yet(void **state)
{
	(void)state;
	struct composite_config c = cfg(1, 20, KEYS, N(KEYS));
	struct composite_entry e[] = {
		{ .id = 5, .promotion = 6000, .expert = 7000 },
		{ .id = 6, .promotion = 7000, .expert = 6000 },
	};
	assert_int_equal(composite_compute(&c, e, N(e), NULL), 0);
	assert_int_equal(e[0].vote_score, 0);
	assert_int_equal(e[0].id, 5); /* 18 + 28 = 46 against 21 + 24 = 45 */
	assert_int_equal(e[0].score, 4600);
	assert_int_equal(e[1].score, 4500);
}

static void top_n_and_tie_breaks(void **state)
{
	(void)state;
	struct composite_config c = cfg(1, 2, KEYS, N(KEYS));
	/* equal composites: the expert score decides, then the promotion group, then the votes, then time */
	struct composite_entry e[] = {
		{ .id = 10, .votes = 100, .promotion = 8000, .expert = 8000, .submitted_at = 3 },
		{ .id = 11, .votes = 100, .promotion = 8000, .expert = 8000, .submitted_at = 1 },
		{ .id = 12, .votes = 50, .promotion = 9000, .expert = 8500, .submitted_at = 2 },
		{ .id = 13, .votes = 100, .promotion = 7000, .expert = 2000, .submitted_at = 0 },
	};
	assert_int_equal(composite_compute(&c, e, N(e), NULL), 0);
	/* 12: 15 + 27 + 34 = 76; 10, 11: 30 + 24 + 32 = 86 */
	assert_int_equal(e[0].id, 11); /* registered earlier */
	assert_int_equal(e[1].id, 10);
	assert_int_equal(e[2].id, 12);
	assert_int_equal(e[0].rank, 1);
	assert_int_equal(e[1].rank, 2);
	assert_false(e[0].tied);
	assert_true(e[0].placed && e[1].placed);
	assert_false(e[2].placed); /* Top 2 only */
	assert_false(e[3].placed);
}

static void unbroken_tie_at_the_boundary(void **state)
{
	(void)state;
	const enum composite_key votes_only[] = { COMPOSITE_KEY_VOTES };
	struct composite_config c = cfg(1, 2, votes_only, N(votes_only));
	struct composite_entry e[] = {
		{ .id = 1, .votes = 10, .promotion = 9000, .expert = 9000 },
		{ .id = 2, .votes = 10, .promotion = 8000, .expert = 8000 },
		{ .id = 3, .votes = 10, .promotion = 8000, .expert = 8000 },
		{ .id = 4, .votes = 10, .promotion = 1000, .expert = 1000 },
	};
	assert_int_equal(composite_compute(&c, e, N(e), NULL), 0);
	assert_int_equal(e[0].rank, 1);
	assert_true(e[0].placed);
	assert_int_equal(e[1].rank, 2);
	assert_int_equal(e[2].rank, 2);
	assert_true(e[1].tied && e[2].tied);
	assert_false(e[1].placed || e[2].placed); /* two tied for one place: the office decides */
	assert_int_equal(e[3].rank, 4);
	assert_false(e[3].placed); /* nobody after an unbroken tie */
}

static void refusals(void **state)
{
	(void)state;
	struct px_err err = { 0 };
	struct composite_config c = cfg(1, 20, KEYS, N(KEYS));
	struct composite_entry e[2] = { { .id = 1 }, { .id = 1 } };
	assert_int_equal(composite_compute(&c, e, 2, &err), PX_EINVAL);
	assert_string_equal(err.key, "composite_duplicate");
	c.weights.vote = 400;
	assert_int_equal(composite_compute(&c, e, 1, &err), PX_EINVAL);
	assert_string_equal(err.key, "composite_bad_weights");
	c = cfg(1, 0, KEYS, N(KEYS));
	assert_int_equal(composite_compute(&c, e, 1, &err), PX_EINVAL);
	assert_string_equal(err.field, "top_n");
	c = cfg(1, 20, KEYS, N(KEYS));
	e[0].track = 1;
	assert_int_equal(composite_compute(&c, e, 1, &err), PX_EINVAL);
	assert_string_equal(err.key, "composite_bad_entry");
	e[0].track = 0;
	e[0].expert = 10001;
	assert_int_equal(composite_compute(&c, e, 1, &err), PX_EINVAL);
	c.ntracks = 0;
	assert_int_equal(composite_compute(&c, e, 1, &err), PX_EINVAL);
	assert_string_equal(err.field, "ntracks");
	assert_int_equal(composite_compute(&c, NULL, 0, &err), PX_EINVAL);
	c.ntracks = 1;
	assert_int_equal(composite_compute(&c, NULL, 0, &err), 0);
}

static void keys_by_name(void **state)
{
	(void)state;
	enum composite_key k;
	struct px_err err = { 0 };
	for (int i = 0; i < COMPOSITE_KEY_COUNT; i++) {
		assert_int_equal(composite_key_parse(composite_key_name((enum composite_key)i), &k, NULL), 0);
		assert_int_equal((int)k, i);
	}
	assert_int_equal(composite_key_parse("onsite_desc", &k, &err), PX_EINVAL);
	assert_string_equal(err.key, "composite_bad_key");
	assert_int_equal(composite_key_parse(NULL, &k, NULL), PX_EINVAL);
	assert_string_equal(composite_key_name(COMPOSITE_KEY_COUNT), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(vote_share_and_weights), cmocka_unit_test(no_votes_yet),
		cmocka_unit_test(top_n_and_tie_breaks),   cmocka_unit_test(unbroken_tie_at_the_boundary),
		cmocka_unit_test(refusals),               cmocka_unit_test(keys_by_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
