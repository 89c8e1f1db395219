/* test_score.c - aggregation, spread and outliers, normalisation, weights: values computed by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/rubric.h"
#include "core/score.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void mean_median_trimmed(void **state)
{
	(void)state;
	int64_t v;
	/* 80.0, 82.0, 81.0, 60.0 points */
	const int32_t four[] = { 800, 820, 810, 600 };
	assert_int_equal(score_mean(four, 4, &v, NULL), 0);
	assert_int_equal(v, 7575); /* 3030 / 4 = 757.5 tenths = 75.75 */
	assert_int_equal(score_median(four, 4, &v, NULL), 0);
	assert_int_equal(v, 8050); /* (800 + 810) / 2 */
	assert_int_equal(score_trimmed_mean(four, 4, 1, &v, NULL), 0);
	assert_int_equal(v, 8050); /* 800, 810 remain */

	const int32_t three[] = { 900, 700, 800 };
	assert_int_equal(score_median(three, 3, &v, NULL), 0);
	assert_int_equal(v, 8000);

	/* seven judges (the Guangzhou expert panel): one very low, one very high */
	const int32_t seven[] = { 600, 850, 860, 870, 880, 890, 990 };
	assert_int_equal(score_mean(seven, 7, &v, NULL), 0);
	assert_int_equal(v, 8486); /* 5940 / 7 = 848.571... tenths */
	assert_int_equal(score_trimmed_mean(seven, 7, 1, &v, NULL), 0);
	assert_int_equal(v, 8700);
	assert_int_equal(score_trimmed_mean(seven, 7, 3, &v, NULL), 0);
	assert_int_equal(v, 8700); /* only 870 remains */
	assert_int_equal(score_trimmed_mean(seven, 7, 0, &v, NULL), 0);
	assert_int_equal(v, 8486);

	/* rounding half away from zero, in hundredths */
	const int32_t r1[] = { 1, 1, 2 }, r2[] = { 1, 2, 2 }, r3[] = { 0, 0, 0, 1 };
	assert_int_equal(score_mean(r1, 3, &v, NULL), 0);
	assert_int_equal(v, 13); /* 1.333.. */
	assert_int_equal(score_mean(r2, 3, &v, NULL), 0);
	assert_int_equal(v, 17); /* 1.666.. */
	assert_int_equal(score_mean(r3, 4, &v, NULL), 0);
	assert_int_equal(v, 3); /* 0.25 tenths = 2.5 hundredths -> 3 */

	const int32_t one[] = { 1000 };
	assert_int_equal(score_median(one, 1, &v, NULL), 0);
	assert_int_equal(v, 10000);

	/* the largest panel at the largest totals does not overflow */
	int32_t big[SCORE_MAX_PANEL];
	for (size_t i = 0; i < N(big); i++)
		big[i] = RUBRIC_POINTS_MAX;
	assert_int_equal(score_mean(big, N(big), &v, NULL), 0);
	assert_int_equal(v, (int64_t)RUBRIC_POINTS_MAX * 10);
}

static void panel_faults(void **state)
{
	(void)state;
	int64_t v = -1;
	struct px_err err;
	const int32_t ok[] = { 1, 2, 3, 4 };
	int32_t big[SCORE_MAX_PANEL + 1] = { 0 };

	assert_int_equal(score_mean(ok, 0, &v, &err), PX_EINVAL);
	assert_string_equal(err.key, "score_no_reviews");
	assert_int_equal(score_median(ok, 0, &v, &err), PX_EINVAL);
	assert_string_equal(err.key, "score_no_reviews");
	assert_int_equal(score_mean(big, N(big), &v, &err), PX_ETOOBIG);
	assert_string_equal(err.key, "score_too_many_reviews");
	const int32_t neg[] = { 5, -1 }, over[] = { RUBRIC_POINTS_MAX + 1 };
	assert_int_equal(score_mean(neg, 2, &v, &err), PX_EINVAL);
	assert_string_equal(err.key, "score_bad_total");
	assert_string_equal(err.msg, "a total must be between 0 and 100000 tenths, got '-1'");
	assert_int_equal(score_median(over, 1, &v, &err), PX_EINVAL);
	assert_string_equal(err.key, "score_bad_total");

	assert_int_equal(score_trimmed_mean(ok, 4, 2, &v, &err), PX_EINVAL);
	assert_string_equal(err.key, "score_too_few_reviews");
	assert_string_equal(err.field, "totals");
	assert_string_equal(err.msg,
			    "dropping the 2 highest and 2 lowest needs at least 5 reviews, got '4'");
	assert_int_equal(score_trimmed_mean(ok, 2, 1, &v, &err), PX_EINVAL);
	assert_int_equal(score_trimmed_mean(ok, 0, 0, &v, &err), PX_EINVAL);
	assert_string_equal(err.key, "score_no_reviews");
	assert_int_equal(v, -1); /* untouched on failure */
}

static void methods_by_name(void **state)
{
	(void)state;
	enum score_method m;
	struct px_err err;
	int64_t v;
	const int32_t t[] = { 600, 850, 860, 870, 990 };

	static const struct {
		const char *name;
		enum score_method m;
		int64_t expect; /* of t, trim 1 */
	} cases[] = {
		{ "mean", SCORE_MEAN, 8340 },
		{ "median", SCORE_MEDIAN, 8600 },
		{ "trimmed_mean", SCORE_TRIMMED_MEAN, 8600 },
	};
	for (size_t i = 0; i < N(cases); i++) {
		assert_int_equal(score_method_parse(cases[i].name, &m, &err), 0);
		assert_int_equal(m, cases[i].m);
		assert_string_equal(score_method_name(m), cases[i].name);
		assert_int_equal(score_aggregate(m, 1, t, N(t), &v, &err), 0);
		assert_int_equal(v, cases[i].expect);
	}
	assert_int_equal(score_aggregate(SCORE_TRIMMED_MEAN, 3, t, N(t), &v, &err), PX_EINVAL);
	assert_string_equal(err.key, "score_too_few_reviews");
	assert_int_equal(score_method_parse("average", &m, &err), PX_EINVAL);
	assert_string_equal(err.key, "score_bad_method");
	assert_string_equal(err.msg, "aggregation must be mean, median or trimmed_mean, got 'average'");
	assert_int_equal(score_method_parse(NULL, &m, &err), PX_EINVAL);
	assert_string_equal(score_method_name((enum score_method)99), "?");
	assert_int_equal(score_aggregate((enum score_method)99, 0, t, N(t), &v, &err), PX_EINVAL);
	assert_string_equal(err.key, "score_bad_method");
}

static void spread_and_outliers(void **state)
{
	(void)state;
	struct score_spread s;
	struct px_err err;
	struct score_outlier_rule def = score_outlier_rule_default(1000); /* 100-point rubric */
	assert_int_equal(def.threshold, 100);
	assert_int_equal(def.mad_factor, 30);

	/* 80, 82, 81, 60: the 60 is 21 points below the others' median 81 */
	const int32_t four[] = { 800, 820, 810, 600 };
	assert_int_equal(score_spread(four, 4, &def, &s, &err), 0);
	assert_int_equal(s.min, 600);
	assert_int_equal(s.max, 820);
	assert_int_equal(s.range, 220);
	/* V = 4 * 2328500 - 3030^2 = 133100; sqrt(133100) / 4 = 91.207 tenths */
	assert_int_equal(s.sd, 912);
	assert_int_equal(s.noutliers, 1);
	assert_int_equal(s.outliers, 1u << 3);

	/* the MAD part of the rule: others 80, 81, 82, 83 have median 81.5, MAD 1 */
	const int32_t five[] = { 800, 810, 820, 830, 900 };
	struct score_outlier_rule mad_only = { 0, 30 };
	assert_int_equal(score_spread(five, 5, &mad_only, &s, &err), 0);
	assert_int_equal(s.outliers, 1u << 4); /* 8.5 > 3 x 1 */
	assert_int_equal(s.noutliers, 1);
	/* ... and the threshold part: 8.5 points is not above a 10-point floor */
	assert_int_equal(score_spread(five, 5, &def, &s, &err), 0);
	assert_int_equal(s.noutliers, 0);
	/* c = 9.0: 8.5 is within 9 x MAD */
	struct score_outlier_rule wide = { 0, 90 };
	assert_int_equal(score_spread(five, 5, &wide, &s, &err), 0);
	assert_int_equal(s.noutliers, 0);

	/* the boundary: exactly the threshold is not an outlier, a tenth more is */
	struct score_outlier_rule ten = { 100, 0 };
	int32_t three[] = { 500, 500, 600 };
	assert_int_equal(score_spread(three, 3, &ten, &s, &err), 0);
	assert_int_equal(s.noutliers, 0);
	three[2] = 601;
	assert_int_equal(score_spread(three, 3, &ten, &s, &err), 0);
	assert_int_equal(s.outliers, 1u << 2);

	/* two reviews are never judged, however far apart */
	const int32_t two[] = { 0, 1000 };
	assert_int_equal(score_spread(two, 2, &ten, &s, &err), 0);
	assert_int_equal(s.noutliers, 0);
	assert_int_equal(s.range, 1000);
	assert_int_equal(s.sd, 5000); /* 50 points */

	/* SD rounding: {0, 0.1} has SD 0.05; a single review has none */
	const int32_t tiny[] = { 0, 1 }, single[] = { 700 };
	assert_int_equal(score_spread(tiny, 2, &def, &s, &err), 0);
	assert_int_equal(s.sd, 5);
	assert_int_equal(score_spread(single, 1, &def, &s, &err), 0);
	assert_int_equal(s.sd, 0);
	assert_int_equal(s.range, 0);

	/* all alike */
	const int32_t same[] = { 750, 750, 750, 750 };
	assert_int_equal(score_spread(same, 4, &mad_only, &s, &err), 0);
	assert_int_equal(s.sd, 0);
	assert_int_equal(s.noutliers, 0);

	/* the largest panel, with its last review far off */
	int32_t big[SCORE_MAX_PANEL];
	for (size_t i = 0; i < N(big); i++)
		big[i] = 800;
	big[SCORE_MAX_PANEL - 1] = 100;
	assert_int_equal(score_spread(big, N(big), &def, &s, &err), 0);
	assert_int_equal(s.outliers, 1ULL << 63);

	/* faults */
	struct score_outlier_rule bad = { -1, 30 }, bad2 = { 0, -1 };
	assert_int_equal(score_spread(four, 4, &bad, &s, &err), PX_EINVAL);
	assert_string_equal(err.key, "score_bad_rule");
	assert_int_equal(score_spread(four, 4, &bad2, &s, &err), PX_EINVAL);
	assert_int_equal(score_spread(four, 4, NULL, &s, &err), PX_EINVAL);
	assert_int_equal(score_spread(four, 0, &def, &s, &err), PX_EINVAL);
	assert_string_equal(err.key, "score_no_reviews");
}

static const struct score_norm *find_app(const struct score_norm *r, size_t n, int64_t app)
{
	for (size_t i = 0; i < n; i++)
		if (r[i].application == app)
			return &r[i];
	return NULL;
}

static void normalise_removes_reviewer_bias(void **state)
{
	(void)state;
	/* Reviewer 1 is harsh and saw applications 11, 12; reviewer 2 is lenient
	 * and saw 13, 14. Raw order: 13 > 14 > 11 > 12. Each reviewer's better
	 * application has z = +1, the worse z = -1. Pooled totals 80, 60, 90, 85:
	 * M = 78.75, S = sqrt(5187.5 / 4) = 11.388 points. */
	const struct score_review rv[] = {
		{ 2, 14, 850 }, { 1, 11, 800 }, { 2, 13, 900 }, { 1, 12, 600 },
	};
	struct score_norm *out;
	size_t n;
	assert_int_equal(score_normalise(rv, N(rv), 1000, &out, &n, NULL), 0);
	assert_int_equal(n, 4);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(out[i].application, 11 + (int64_t)i); /* ascending ids */
	assert_int_equal(out[0].score, 9014); /* 78.75 + 11.388 = 90.138 */
	assert_int_equal(out[2].score, 9014);
	assert_int_equal(out[1].score, 6736); /* 78.75 - 11.388 = 67.362 */
	assert_int_equal(out[3].score, 6736);
	assert_int_equal(out[0].z_milli, 1000);
	assert_int_equal(out[1].z_milli, -1000);
	assert_int_equal(out[0].raw_mean, 8000);
	assert_int_equal(out[2].raw_mean, 9000);
	assert_int_equal(out[0].nreviews, 1);
	free(out);
}

static void normalise_shared_panel(void **state)
{
	(void)state;
	/* Both reviewers saw 1, 2, 3: reviewer 1 gave 60, 70, 80, reviewer 2 gave
	 * 80, 90, 100. Both have z = -1.2247, 0, +1.2247. Pooled M = 80, S =
	 * sqrt(1000 / 6) = 12.910; 80 -/+ 12.910 x 1.2247 = 64.189 / 95.811. */
	const struct score_review rv[] = {
		{ 1, 1, 600 }, { 1, 2, 700 }, { 1, 3, 800 },
		{ 2, 1, 800 }, { 2, 2, 900 }, { 2, 3, 1000 },
	};
	struct score_review rev[N(rv)];
	struct score_norm *a, *b;
	size_t na, nb;
	assert_int_equal(score_normalise(rv, N(rv), 1000, &a, &na, NULL), 0);
	assert_int_equal(na, 3);
	assert_int_equal(a[0].score, 6419);
	assert_int_equal(a[1].score, 8000);
	assert_int_equal(a[2].score, 9581);
	assert_int_equal(a[0].z_milli, -1225);
	assert_int_equal(a[2].z_milli, 1225);
	assert_int_equal(a[0].nreviews, 2);
	assert_int_equal(a[0].raw_mean, 7000);

	/* the order of the input rows does not matter, to the last bit */
	for (size_t i = 0; i < N(rv); i++)
		rev[i] = rv[N(rv) - 1 - i];
	assert_int_equal(score_normalise(rev, N(rev), 1000, &b, &nb, NULL), 0);
	assert_int_equal(nb, na);
	assert_memory_equal(a, b, na * sizeof(*a));
	free(a);
	free(b);
}

static void normalise_clamps_and_flat_reviewers(void **state)
{
	(void)state;
	/* Application 1 is each reviewer's only high mark: zbar = +1.414; pooled
	 * M = 66.33, S = 46.9, so M + S x 1.414 = 132.7 > 100: clamped. */
	const struct score_review hi[] = {
		{ 1, 1, 1000 }, { 1, 2, 0 },   { 1, 3, 0 },
		{ 2, 1, 1000 }, { 2, 4, 990 }, { 2, 5, 990 },
	};
	struct score_norm *o;
	size_t n;
	assert_int_equal(score_normalise(hi, N(hi), 1000, &o, &n, NULL), 0);
	assert_int_equal(n, 5);
	assert_int_equal(o[0].score, 10000);
	assert_int_equal(o[0].z_milli, 1414);
	for (size_t i = 1; i < 5; i++) {
		assert_int_equal(o[i].score, 3317); /* 66.33 - 46.9 x 0.7071 */
		assert_int_equal(o[i].z_milli, -707);
	}
	free(o);

	const struct score_review lo[] = {
		{ 1, 1, 0 }, { 1, 2, 1000 }, { 1, 3, 1000 },
		{ 2, 1, 0 }, { 2, 4, 10 },   { 2, 5, 10 },
	};
	assert_int_equal(score_normalise(lo, N(lo), 1000, &o, &n, NULL), 0);
	assert_int_equal(o[0].score, 0);
	assert_int_equal(o[1].score, 6683);
	free(o);

	/* a reviewer with one review, or with all totals alike, gives z = 0:
	 * every application lands on the pooled mean (50 + 70 + 70) / 3 */
	const struct score_review flat[] = { { 7, 1, 500 }, { 8, 2, 700 }, { 9, 2, 700 } };
	assert_int_equal(score_normalise(flat, N(flat), 1000, &o, &n, NULL), 0);
	assert_int_equal(n, 2);
	assert_int_equal(o[0].score, 6333);
	assert_int_equal(o[1].score, 6333);
	assert_int_equal(o[1].raw_mean, 7000);
	assert_int_equal(o[0].z_milli, 0);
	free(o);
}

static void normalise_faults(void **state)
{
	(void)state;
	struct score_norm *o = (struct score_norm *)1;
	size_t n = 99;
	struct px_err err;
	const struct score_review rv[] = { { 1, 1, 500 }, { 2, 1, 600 }, { 1, 1, 700 } };

	assert_int_equal(score_normalise(rv, 0, 1000, &o, &n, &err), PX_EINVAL);
	assert_string_equal(err.key, "score_no_reviews");
	assert_null(o);
	assert_int_equal(n, 0);
	assert_int_equal(score_normalise(rv, SCORE_MAX_REVIEWS + 1, 1000, &o, &n, &err),
			 PX_ETOOBIG);
	assert_string_equal(err.key, "score_too_many_reviews");
	assert_int_equal(score_normalise(rv, 2, 0, &o, &n, &err), PX_EINVAL);
	assert_string_equal(err.key, "score_bad_max");
	assert_int_equal(score_normalise(rv, 2, RUBRIC_POINTS_MAX + 1, &o, &n, &err), PX_EINVAL);
	assert_int_equal(score_normalise(rv, 2, 550, &o, &n, &err), PX_EINVAL);
	assert_string_equal(err.key, "score_bad_total");
	assert_string_equal(err.msg, "total of reviewer 2 for application 1 must be between 0 "
				     "and 550 tenths, got '600'");
	const struct score_review neg[] = { { 1, 1, -1 } };
	assert_int_equal(score_normalise(neg, 1, 1000, &o, &n, &err), PX_EINVAL);
	assert_string_equal(err.key, "score_bad_total");
	assert_int_equal(score_normalise(rv, 3, 1000, &o, &n, &err), PX_EINVAL);
	assert_string_equal(err.key, "score_duplicate_review");
	assert_string_equal(err.msg, "reviewer 1 reviewed application 1 twice");
	assert_null(o);

	/* one review is a valid (if uninformative) stage */
	assert_int_equal(score_normalise(rv, 1, 1000, &o, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(o[0].score, 5000);
	assert_non_null(find_app(o, n, 1));
	assert_null(find_app(o, n, 2));
	free(o);
}

static void weighted_combination(void **state)
{
	(void)state;
	int64_t v;
	struct px_err err;

	/* material review 81.23 at 40 %, on-site review 85.67 at 60 %:
	 * (8123 x 400 + 8567 x 600) / 1000 = 8389.4 -> 83.89 */
	const struct score_part two[] = { { 8123, 400 }, { 8567, 600 } };
	assert_int_equal(score_combine(two, 2, &v, &err), 0);
	assert_int_equal(v, 8389);
	/* votes 20 %, promotion group 30 %, experts 50 % (广州市质量强市办 2022-07-18 通知), on 100 points */
	const struct score_part three[] = { { 9000, 200 }, { 8000, 300 }, { 7005, 500 } };
	assert_int_equal(score_combine(three, 3, &v, &err), 0);
	assert_int_equal(v, 7703); /* 1800 + 2400 + 3502.5 = 7702.5 -> 7703 */
	const struct score_part only[] = { { 4242, 1000 }, { 9999, 0 } };
	assert_int_equal(score_combine(only, 2, &v, &err), 0);
	assert_int_equal(v, 4242);

	v = -1;
	const struct score_part short_sum[] = { { 8000, 400 }, { 8000, 500 } };
	assert_int_equal(score_combine(short_sum, 2, &v, &err), PX_EINVAL);
	assert_string_equal(err.key, "score_weights_sum");
	assert_string_equal(err.msg, "weights must sum to 1000 per mille, got '900'");
	const struct score_part thirds[] = { { 1, 333 }, { 1, 333 }, { 1, 333 } };
	assert_int_equal(score_combine(thirds, 3, &v, &err), PX_EINVAL);
	assert_string_equal(err.key, "score_weights_sum");
	const struct score_part negw[] = { { 8000, -100 }, { 8000, 1100 } };
	assert_int_equal(score_combine(negw, 2, &v, &err), PX_EINVAL);
	assert_string_equal(err.key, "score_bad_weight");
	const struct score_part bigw[] = { { 8000, 1001 } };
	assert_int_equal(score_combine(bigw, 1, &v, &err), PX_EINVAL);
	assert_string_equal(err.key, "score_bad_weight");
	const struct score_part negs[] = { { -1, 1000 } };
	assert_int_equal(score_combine(negs, 1, &v, &err), PX_EINVAL);
	assert_string_equal(err.key, "score_bad_score");
	const struct score_part huge[] = { { SCORE_MAX + 1, 1000 } };
	assert_int_equal(score_combine(huge, 1, &v, &err), PX_EINVAL);
	assert_string_equal(err.key, "score_bad_score");
	assert_int_equal(score_combine(two, 0, &v, &err), PX_EINVAL);
	assert_string_equal(err.key, "score_no_parts");
	struct score_part many[SCORE_MAX_PARTS + 1];
	memset(many, 0, sizeof(many));
	assert_int_equal(score_combine(many, N(many), &v, &err), PX_ETOOBIG);
	assert_string_equal(err.key, "score_too_many_parts");
	assert_int_equal(v, -1);

	/* the largest scores at full weight */
	const struct score_part top[] = { { SCORE_MAX, 500 }, { SCORE_MAX, 500 } };
	assert_int_equal(score_combine(top, 2, &v, &err), 0);
	assert_int_equal(v, SCORE_MAX);
}

static void weights_and_scales(void **state)
{
	(void)state;
	int32_t w;
	int64_t v;
	struct px_err err;

	assert_int_equal(score_weight_from_double(0.4, &w, "material", &err), 0);
	assert_int_equal(w, 400);
	assert_int_equal(score_weight_from_double(0.6, &w, "onsite", &err), 0);
	assert_int_equal(w, 600);
	assert_int_equal(score_weight_from_double(0.333, &w, "x", &err), 0);
	assert_int_equal(w, 333);
	assert_int_equal(score_weight_from_double(0, &w, "x", &err), 0);
	assert_int_equal(w, 0);
	assert_int_equal(score_weight_from_double(1, &w, "x", &err), 0);
	assert_int_equal(w, 1000);
	assert_int_equal(score_weight_from_double(0.3333, &w, "x", &err), PX_EINVAL);
	assert_string_equal(err.key, "score_bad_weight");
	assert_string_equal(err.field, "x");
	assert_string_equal(err.msg, "a weight may have at most three decimals, got '0.3333'");
	assert_int_equal(score_weight_from_double(1.5, &w, "x", &err), PX_EINVAL);
	assert_string_equal(err.msg, "a weight must be between 0 and 1, got '1.5'");
	assert_int_equal(score_weight_from_double(-0.1, &w, "x", &err), PX_EINVAL);
	assert_int_equal(score_weight_from_double(NAN, &w, "x", &err), PX_EINVAL);

	/* 83.89 of 1000 points onto 100 points: 8.389 -> 8.39 */
	assert_int_equal(score_rescale(8389, 100000, 10000, &v, &err), 0);
	assert_int_equal(v, 839);
	assert_int_equal(score_rescale(5, 10, 1, &v, &err), 0);
	assert_int_equal(v, 1); /* 0.5 -> 1 */
	assert_int_equal(score_rescale(SCORE_MAX, SCORE_MAX, SCORE_MAX, &v, &err), 0);
	assert_int_equal(v, SCORE_MAX);
	assert_int_equal(score_rescale(-1, 10, 10, &v, &err), PX_EINVAL);
	assert_string_equal(err.key, "score_bad_scale");
	assert_int_equal(score_rescale(SCORE_MAX + 1, 10, 10, &v, &err), PX_EINVAL);
	assert_int_equal(score_rescale(1, 0, 10, &v, &err), PX_EINVAL);
	assert_int_equal(score_rescale(1, SCORE_MAX + 1, 10, &v, &err), PX_EINVAL);
	assert_int_equal(score_rescale(1, 10, 0, &v, &err), PX_EINVAL);
	assert_int_equal(score_rescale(1, 10, SCORE_MAX + 1, &v, &err), PX_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mean_median_trimmed),
		cmocka_unit_test(panel_faults),
		cmocka_unit_test(methods_by_name),
		cmocka_unit_test(spread_and_outliers),
		cmocka_unit_test(normalise_removes_reviewer_bias),
		cmocka_unit_test(normalise_shared_panel),
		cmocka_unit_test(normalise_clamps_and_flat_reviewers),
		cmocka_unit_test(normalise_faults),
		cmocka_unit_test(weighted_combination),
		cmocka_unit_test(weights_and_scales),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
