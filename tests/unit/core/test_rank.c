/* test_rank.c - caps, vacancies, declared tie-breaks, unbroken ties, the per-applicant limit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/rank.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The entry of candidate id, or a test failure. */
static const struct rank_entry *entry(const struct rank_result *r, int64_t id)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->entries[i].id == id)
			return &r->entries[i];
	fail_msg("no entry for candidate %lld", (long long)id);
	return NULL;
}

static void expect(const struct rank_result *r, int64_t id, uint32_t rank, bool placed,
		   enum rank_reason reason, bool tie)
{
	const struct rank_entry *e = entry(r, id);
	if (e->rank != rank || e->placed != placed || e->reason != reason ||
	    e->tie_unbroken != tie)
		fail_msg("candidate %lld: rank %u placed %d %s tie %d; expected %u %d %s %d",
			 (long long)id, e->rank, e->placed, rank_reason_name(e->reason),
			 e->tie_unbroken, rank, placed, rank_reason_name(reason), tie);
}

static void caps_bar_and_vacancies(void **state)
{
	(void)state;
	/* Qingyuan: at most 5 organisation winners, a bar of 60 points */
	const struct rank_candidate c[] = {
		{ 11, 1, 0, 8000 }, { 12, 2, 0, 9000 }, { 13, 3, 0, 5900 }, { 14, 4, 0, 8500 },
		{ 15, 5, 0, 6500 }, { 16, 6, 0, 8800 }, { 17, 7, 0, 5000 }, { 18, 8, 0, 7000 },
	};
	const uint32_t caps[] = { 5 };
	struct rank_config cfg = { 1, caps, 6000, 0, NULL, 0 };
	struct rank_result r;
	assert_int_equal(rank_run(c, N(c), &cfg, &r, NULL), 0);
	assert_int_equal(r.n, 8);
	assert_int_equal(r.ntracks, 1);
	assert_int_equal(r.track_placed[0], 5);
	assert_int_equal(r.track_first[0], 0);
	assert_int_equal(r.track_first[1], 8);
	static const int64_t order[] = { 12, 16, 14, 11, 18, 15, 13, 17 };
	for (size_t i = 0; i < N(order); i++) {
		assert_int_equal(r.entries[i].id, order[i]);
		assert_int_equal(r.entries[i].rank, i + 1);
		assert_int_equal(c[r.entries[i].index].id, order[i]);
	}
	expect(&r, 18, 5, true, RANK_PLACED, false);
	expect(&r, 15, 6, false, RANK_CAP_REACHED, false);
	expect(&r, 13, 7, false, RANK_BELOW_BAR, false);
	expect(&r, 17, 8, false, RANK_BELOW_BAR, false);
	rank_result_release(&r);

	/* a high bar leaves places vacant (空缺): a cap is a maximum */
	cfg.bar = 8500;
	assert_int_equal(rank_run(c, N(c), &cfg, &r, NULL), 0);
	assert_int_equal(r.track_placed[0], 3);
	expect(&r, 14, 3, true, RANK_PLACED, false); /* exactly at the bar is placed */
	expect(&r, 11, 4, false, RANK_BELOW_BAR, false);
	rank_result_release(&r);

	/* a cap of 0 places nobody */
	const uint32_t none[] = { 0 };
	cfg.caps = none;
	cfg.bar = 0;
	assert_int_equal(rank_run(c, N(c), &cfg, &r, NULL), 0);
	assert_int_equal(r.track_placed[0], 0);
	expect(&r, 12, 1, false, RANK_CAP_REACHED, false);
	rank_result_release(&r);
	rank_result_release(&r);
	rank_result_release(NULL);
}

static void declared_tie_breaks(void **state)
{
	(void)state;
	/* all 80 points; id, applicant, track, score, onsite, material, votes, submitted */
	const struct rank_candidate c[] = {
		{ 1, 1, 0, 8000, 8200, 7700, 0, 100 },
		{ 2, 2, 0, 8000, 8500, 7000, 0, 300 },
		{ 3, 3, 0, 8000, 8200, 7900, 0, 200 },
		{ 4, 4, 0, 8000, 8200, 7700, 0, 50 },
	};
	const uint32_t caps[] = { 3 };
	const enum rank_key keys[] = { RANK_KEY_ONSITE, RANK_KEY_MATERIAL, RANK_KEY_SUBMITTED };
	struct rank_config cfg = { 1, caps, 0, 0, keys, N(keys) };
	struct rank_result r;
	assert_int_equal(rank_run(c, N(c), &cfg, &r, NULL), 0);
	/* 2 has the best on-site score; 3 the best material among the rest; 4 was earlier than 1 */
	expect(&r, 2, 1, true, RANK_PLACED, false);
	expect(&r, 3, 2, true, RANK_PLACED, false);
	expect(&r, 4, 3, true, RANK_PLACED, false);
	expect(&r, 1, 4, false, RANK_CAP_REACHED, false);
	rank_result_release(&r);

	/* another declared order gives another result: submission time alone */
	const enum rank_key by_time[] = { RANK_KEY_SUBMITTED };
	cfg.keys = by_time;
	cfg.nkeys = 1;
	assert_int_equal(rank_run(c, N(c), &cfg, &r, NULL), 0);
	static const int64_t order[] = { 4, 1, 3, 2 };
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(r.entries[i].id, order[i]);
	rank_result_release(&r);

	/* votes decide, then the lowest id */
	const struct rank_candidate v[] = {
		{ 9, 1, 0, 7000, 0, 0, 120, 0 },
		{ 8, 2, 0, 7000, 0, 0, 150, 0 },
		{ 7, 3, 0, 7000, 0, 0, 120, 0 },
	};
	const enum rank_key by_votes[] = { RANK_KEY_VOTES, RANK_KEY_ID };
	cfg.keys = by_votes;
	cfg.nkeys = 2;
	assert_int_equal(rank_run(v, N(v), &cfg, &r, NULL), 0);
	expect(&r, 8, 1, true, RANK_PLACED, false);
	expect(&r, 7, 2, true, RANK_PLACED, false);
	expect(&r, 9, 3, true, RANK_PLACED, false);
	rank_result_release(&r);
}

static void unbroken_ties(void **state)
{
	(void)state;
	/* 22 and 23 are equal on the score and the on-site score */
	const struct rank_candidate c[] = {
		{ 21, 1, 0, 9000, 9000 },
		{ 22, 2, 0, 8000, 8000 },
		{ 23, 3, 0, 8000, 8000 },
		{ 24, 4, 0, 7000, 7000 },
	};
	uint32_t caps[] = { 2 };
	const enum rank_key keys[] = { RANK_KEY_ONSITE };
	struct rank_config cfg = { 1, caps, 0, 0, keys, 1 };
	struct rank_result r;

	/* two tied for the last place: neither is placed, the place stays vacant,
	 * and 24 does not take it */
	assert_int_equal(rank_run(c, N(c), &cfg, &r, NULL), 0);
	expect(&r, 21, 1, true, RANK_PLACED, false);
	expect(&r, 22, 2, false, RANK_TIE_UNBROKEN, true);
	expect(&r, 23, 2, false, RANK_TIE_UNBROKEN, true);
	expect(&r, 24, 4, false, RANK_CAP_REACHED, false);
	assert_int_equal(r.track_placed[0], 1);
	/* the tied pair is listed in id order */
	assert_int_equal(r.entries[1].id, 22);
	assert_int_equal(r.entries[2].id, 23);
	rank_result_release(&r);

	/* room for both: both placed, still flagged */
	caps[0] = 3;
	assert_int_equal(rank_run(c, N(c), &cfg, &r, NULL), 0);
	expect(&r, 22, 2, true, RANK_PLACED, true);
	expect(&r, 23, 2, true, RANK_PLACED, true);
	expect(&r, 24, 4, false, RANK_CAP_REACHED, false);
	rank_result_release(&r);

	/* a tie below the bar is simply below the bar */
	cfg.bar = 8500;
	assert_int_equal(rank_run(c, N(c), &cfg, &r, NULL), 0);
	expect(&r, 22, 2, false, RANK_BELOW_BAR, true);
	cfg.bar = 0;
	rank_result_release(&r);

	/* a tie with no place left at all is cap_reached */
	caps[0] = 1;
	assert_int_equal(rank_run(c, N(c), &cfg, &r, NULL), 0);
	expect(&r, 22, 2, false, RANK_CAP_REACHED, true);
	rank_result_release(&r);

	/* declaring id_asc last breaks every tie */
	caps[0] = 2;
	const enum rank_key with_id[] = { RANK_KEY_ONSITE, RANK_KEY_ID };
	cfg.keys = with_id;
	cfg.nkeys = 2;
	assert_int_equal(rank_run(c, N(c), &cfg, &r, NULL), 0);
	expect(&r, 22, 2, true, RANK_PLACED, false);
	expect(&r, 23, 3, false, RANK_CAP_REACHED, false);
	rank_result_release(&r);

	/* with no keys at all, equal scores tie */
	cfg.nkeys = 0;
	cfg.keys = NULL;
	const struct rank_candidate three[] = { { 1, 1, 0, 5000 }, { 2, 2, 0, 5000 },
						{ 3, 3, 0, 5000 } };
	assert_int_equal(rank_run(three, 3, &cfg, &r, NULL), 0);
	for (int64_t id = 1; id <= 3; id++)
		expect(&r, id, 1, false, RANK_TIE_UNBROKEN, true);
	assert_int_equal(r.track_placed[0], 0);
	rank_result_release(&r);
}

static void applicant_limit_across_tracks(void **state)
{
	(void)state;
	/* applicants 100 (X), 200 (Y), 300 (Z), 400 (W); tracks 0 and 1, 2 places each */
	const struct rank_candidate c[] = {
		{ 1, 100, 0, 9000 }, { 2, 100, 1, 9500 }, { 3, 200, 0, 8000 },
		{ 4, 200, 1, 7000 }, { 5, 300, 0, 7500 }, { 6, 400, 1, 8500 },
	};
	const uint32_t caps[] = { 2, 2 };
	struct rank_config cfg = { 2, caps, 0, 1, NULL, 0 };
	struct rank_result r;

	/* global order: 2 (X, wins track 1), 1 (X again: limit), 6 (W, track 1 full),
	 * 3 (Y, track 0), 5 (Z, track 0 full), 4 (Y again: limit, before the cap) */
	assert_int_equal(rank_run(c, N(c), &cfg, &r, NULL), 0);
	expect(&r, 2, 1, true, RANK_PLACED, false);
	expect(&r, 1, 1, false, RANK_APPLICANT_LIMIT, false);
	expect(&r, 6, 2, true, RANK_PLACED, false);
	expect(&r, 3, 2, true, RANK_PLACED, false);
	expect(&r, 5, 3, true, RANK_PLACED, false);
	expect(&r, 4, 3, false, RANK_APPLICANT_LIMIT, false);
	assert_int_equal(r.track_first[1], 3);
	assert_int_equal(r.track_first[2], 6);
	assert_int_equal(r.track_placed[0], 2);
	assert_int_equal(r.track_placed[1], 2);
	static const int64_t order[] = { 1, 3, 5, 2, 6, 4 };
	for (size_t i = 0; i < 6; i++)
		assert_int_equal(r.entries[i].id, order[i]);
	rank_result_release(&r);

	/* no limit: X wins both */
	cfg.applicant_limit = 0;
	assert_int_equal(rank_run(c, N(c), &cfg, &r, NULL), 0);
	expect(&r, 1, 1, true, RANK_PLACED, false);
	expect(&r, 5, 3, false, RANK_CAP_REACHED, false);
	expect(&r, 4, 3, false, RANK_CAP_REACHED, false);
	rank_result_release(&r);

	/* equal scores of one applicant in two tracks: the earlier track wins */
	const struct rank_candidate same[] = { { 1, 100, 1, 9000 }, { 2, 100, 0, 9000 } };
	cfg.applicant_limit = 1;
	assert_int_equal(rank_run(same, 2, &cfg, &r, NULL), 0);
	expect(&r, 2, 1, true, RANK_PLACED, false);
	expect(&r, 1, 1, false, RANK_APPLICANT_LIMIT, false);
	rank_result_release(&r);

	/* a tie resolved by the limit: P won track 1, so Q alone takes track 0's place */
	const struct rank_candidate tie[] = {
		{ 1, 10, 1, 9900 }, /* P in track 1 */
		{ 2, 10, 0, 8000 }, /* P in track 0 */
		{ 3, 20, 0, 8000 }, /* Q in track 0, tied with P */
	};
	const uint32_t one_each[] = { 1, 1 };
	cfg.caps = one_each;
	assert_int_equal(rank_run(tie, 3, &cfg, &r, NULL), 0);
	expect(&r, 1, 1, true, RANK_PLACED, false);
	expect(&r, 2, 1, false, RANK_APPLICANT_LIMIT, true);
	expect(&r, 3, 1, true, RANK_PLACED, true);
	rank_result_release(&r);
}

static void empty_and_names(void **state)
{
	(void)state;
	const uint32_t caps[] = { 20, 20, 20, 20, 20 };
	struct rank_config cfg = { 5, caps, 0, 1, NULL, 0 };
	struct rank_result r;
	assert_int_equal(rank_run(NULL, 0, &cfg, &r, NULL), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.ntracks, 5);
	for (uint32_t t = 0; t < 5; t++) {
		assert_int_equal(r.track_first[t + 1], 0);
		assert_int_equal(r.track_placed[t], 0);
	}
	rank_result_release(&r);

	static const struct {
		const char *name;
		enum rank_key key;
	} keys[] = {
		{ "onsite_desc", RANK_KEY_ONSITE },     { "material_desc", RANK_KEY_MATERIAL },
		{ "votes_desc", RANK_KEY_VOTES },       { "submitted_asc", RANK_KEY_SUBMITTED },
		{ "id_asc", RANK_KEY_ID },
	};
	enum rank_key k;
	struct px_err err;
	for (size_t i = 0; i < N(keys); i++) {
		assert_int_equal(rank_key_parse(keys[i].name, &k, &err), 0);
		assert_int_equal(k, keys[i].key);
		assert_string_equal(rank_key_name(k), keys[i].name);
	}
	assert_int_equal(rank_key_parse("score_desc", &k, &err), PX_EINVAL);
	assert_string_equal(err.key, "rank_bad_key");
	assert_string_equal(err.msg, "unknown tie-break key 'score_desc'");
	assert_int_equal(rank_key_parse(NULL, &k, &err), PX_EINVAL);
	assert_string_equal(rank_key_name((enum rank_key)99), "?");

	static const char *reasons[] = { "placed", "below_bar", "cap_reached", "applicant_limit",
					 "tie_unbroken" };
	for (int i = 0; i < 5; i++)
		assert_string_equal(rank_reason_name((enum rank_reason)i), reasons[i]);
	assert_string_equal(rank_reason_name((enum rank_reason)5), "?");
}

static void faults(void **state)
{
	(void)state;
	const struct rank_candidate c[] = { { 1, 1, 0, 100 }, { 2, 2, 1, 100 } };
	const uint32_t caps[RANK_MAX_TRACKS + 1] = { 1, 1 };
	const enum rank_key keys[RANK_MAX_KEYS + 1] = { RANK_KEY_ID };
	const enum rank_key badkey[] = { (enum rank_key)99 };
	struct rank_result r;
	struct px_err err;
	struct rank_config cfg;

	static const struct rank_config base = { 2, NULL, 0, 0, NULL, 0 };
	struct {
		struct rank_config cfg;
		const char *key;
	} cases[] = {
		{ { 0, caps, 0, 0, NULL, 0 }, "rank_bad_config" },
		{ { RANK_MAX_TRACKS + 1, caps, 0, 0, NULL, 0 }, "rank_bad_config" },
		{ base, "rank_bad_config" }, /* caps NULL */
		{ { 2, caps, 0, 0, NULL, 1 }, "rank_bad_config" },
		{ { 2, caps, 0, 0, keys, RANK_MAX_KEYS + 1 }, "rank_bad_config" },
		{ { 2, caps, 0, 0, badkey, 1 }, "rank_bad_key" },
	};
	for (size_t i = 0; i < N(cases); i++) {
		assert_int_equal(rank_run(c, 2, &cases[i].cfg, &r, &err), PX_EINVAL);
		assert_string_equal(err.key, cases[i].key);
		assert_null(r.entries);
	}
	assert_int_equal(rank_run(c, 2, NULL, &r, &err), PX_EINVAL);
	assert_string_equal(err.key, "rank_bad_config");

	cfg = (struct rank_config){ 2, caps, 0, 0, keys, 1 };
	assert_int_equal(rank_run(c, RANK_MAX_CANDIDATES + 1, &cfg, &r, &err), PX_ETOOBIG);
	assert_string_equal(err.key, "rank_too_many_candidates");

	cfg.ntracks = 1;
	assert_int_equal(rank_run(c, 2, &cfg, &r, &err), PX_EINVAL);
	assert_string_equal(err.key, "rank_bad_track");
	assert_string_equal(err.msg, "candidate 2 is in track 1 of 1");
	assert_null(r.entries);

	cfg.ntracks = 2;
	const struct rank_candidate dup[] = { { 1, 1, 0, 100 }, { 1, 2, 1, 100 } };
	assert_int_equal(rank_run(dup, 2, &cfg, &r, &err), PX_EINVAL);
	assert_string_equal(err.key, "rank_duplicate_candidate");
	assert_string_equal(err.msg, "candidate 1 appears twice");

	const struct rank_candidate twice[] = { { 1, 7, 0, 100 }, { 2, 8, 0, 100 },
						{ 3, 7, 1, 100 }, { 4, 7, 0, 90 } };
	assert_int_equal(rank_run(twice, 4, &cfg, &r, &err), PX_EINVAL);
	assert_string_equal(err.key, "rank_duplicate_applicant");
	assert_string_equal(err.msg, "applicant 7 is twice in track 0");
	assert_int_equal(rank_run(twice, 3, &cfg, &r, &err), 0); /* once per track is fine */
	rank_result_release(&r);
}

/* A deterministic pseudo-random sequence (no libc rand: same on every machine). */
static uint64_t lcg(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

static void many_candidates_keep_the_invariants(void **state)
{
	(void)state;
	/* Guangzhou: 5 tracks, Top 20 each, an applicant in 1 or 2 tracks wins once */
	enum { NC = 2000, NT = 5 };
	struct rank_candidate *c = calloc(NC, sizeof(*c));
	struct rank_candidate *rev = calloc(NC, sizeof(*rev));
	assert_non_null(c);
	assert_non_null(rev);
	uint64_t s = 42;
	size_t n = 0;
	for (int64_t a = 0; n < NC - 1; a++) {
		uint32_t t = (uint32_t)(lcg(&s) % NT);
		int64_t score = (int64_t)(lcg(&s) % 400) * 25, onsite = (int64_t)(lcg(&s) % 3);
		c[n] = (struct rank_candidate){ (int64_t)n + 1, a, t, score, onsite, 0, 0, 0 };
		n++;
		if (lcg(&s) % 2) {
			score = (int64_t)(lcg(&s) % 400) * 25;
			c[n] = (struct rank_candidate){ (int64_t)n + 1, a, (t + 1) % NT, score,
							0, 0, 0, 0 };
			n++;
		}
	}
	const uint32_t caps[NT] = { 20, 20, 20, 20, 20 };
	const enum rank_key keys[] = { RANK_KEY_ONSITE };
	struct rank_config cfg = { NT, caps, 3000, 1, keys, 1 };
	struct rank_result r, r2;
	assert_int_equal(rank_run(c, n, &cfg, &r, NULL), 0);

	uint32_t *wins = calloc(NC, sizeof(*wins));
	assert_non_null(wins);
	for (uint32_t t = 0; t < NT; t++) {
		uint32_t placed = 0;
		int64_t lowest_placed = INT64_MAX;
		for (size_t i = r.track_first[t]; i < r.track_first[t + 1]; i++) {
			const struct rank_entry *e = &r.entries[i];
			const struct rank_candidate *x = &c[e->index];
			assert_int_equal(e->track, t);
			assert_int_equal(x->id, e->id);
			if (i > r.track_first[t])
				assert_true(e->rank >= r.entries[i - 1].rank);
			if (e->placed) {
				placed++;
				wins[x->applicant]++;
				assert_true(x->score >= cfg.bar);
				lowest_placed = x->score;
			} else if (e->reason == RANK_CAP_REACHED) {
				assert_true(x->score <= lowest_placed);
			} else if (e->reason == RANK_BELOW_BAR) {
				assert_true(x->score < cfg.bar);
			}
		}
		assert_true(placed <= caps[t]);
		assert_int_equal(placed, r.track_placed[t]);
	}
	for (size_t a = 0; a < NC; a++)
		assert_true(wins[a] <= 1);

	/* the same candidates in reverse order give the same outcome */
	for (size_t i = 0; i < n; i++)
		rev[i] = c[n - 1 - i];
	assert_int_equal(rank_run(rev, n, &cfg, &r2, NULL), 0);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(r.entries[i].id, r2.entries[i].id);
		assert_int_equal(r.entries[i].rank, r2.entries[i].rank);
		assert_int_equal(r.entries[i].placed, r2.entries[i].placed);
		assert_int_equal(r.entries[i].reason, r2.entries[i].reason);
	}
	rank_result_release(&r);
	rank_result_release(&r2);
	free(wins);
	free(rev);
	free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(caps_bar_and_vacancies),
		cmocka_unit_test(declared_tie_breaks),
		cmocka_unit_test(unbroken_ties),
		cmocka_unit_test(applicant_limit_across_tracks),
		cmocka_unit_test(empty_and_names),
		cmocka_unit_test(faults),
		cmocka_unit_test(many_candidates_keep_the_invariants),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
