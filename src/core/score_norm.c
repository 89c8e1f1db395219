/*
 * score_norm.c - per-reviewer normalisation over a review stage. Some
 * reviewers mark everything high, others low; a z-score against the reviewer's
 * own mean and spread removes that bias, and the application's mean z is then
 * mapped back onto the raw point scale (formula in score.h and
 * docs/scoring.md).
 *
 * Determinism: the reviews are first sorted on their integer keys, so every
 * sum runs in the same order whatever order the caller's rows came in. Only
 * +, -, *, / and sqrt of IEEE-754 doubles are used (all correctly rounded),
 * each multiply and add in its own statement so no compiler may fuse them
 * (C11 6.5p8 allows contraction only within one expression), and the result
 * is rounded to hundredths.
 */
#include "core/score.h"

#include <math.h>
#include <stdlib.h>

#include "core/rubric.h"
#include "core/score_round.h"

struct row {
	int64_t reviewer, application;
	int32_t total;
	double z;
};

static int cmp_key(int64_t a, int64_t b)
{
	return (a > b) - (a < b);
}

static int by_reviewer(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;
	int c = cmp_key(a->reviewer, b->reviewer);
	return c ? c : cmp_key(a->application, b->application);
}

static int by_application(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;
	int c = cmp_key(a->application, b->application);
	return c ? c : cmp_key(a->reviewer, b->reviewer);
}

/* Population mean and SD of w[from .. to) totals, summed in array order. */
static void mean_sd(const struct row *w, size_t from, size_t to, double *mean, double *sd)
{
	int64_t s = 0;
	double acc = 0;
	for (size_t i = from; i < to; i++)
		s += w[i].total;
	double cnt = (double)(to - from);
	*mean = (double)s / cnt;
	for (size_t i = from; i < to; i++) {
		double d = w[i].total - *mean;
		double sq = d * d;
		acc += sq;
	}
	*sd = sqrt(acc / cnt);
}

/* z of each review of one reviewer, rows w[from .. to). */
static void reviewer_z(struct row *w, size_t from, size_t to)
{
	bool flat = true;
	for (size_t i = from + 1; i < to; i++)
		flat = flat && w[i].total == w[from].total;
	if (flat) {
		/* one review, or all alike: nothing says which is better; z = 0 */
		for (size_t i = from; i < to; i++)
			w[i].z = 0;
		return;
	}
	double mean, sd;
	mean_sd(w, from, to, &mean, &sd);
	for (size_t i = from; i < to; i++) {
		double d = w[i].total - mean;
		w[i].z = d / sd;
	}
}

static int check_input(const struct score_review *rv, size_t n, int32_t max_total,
		       struct px_err *err)
{
	if (n == 0)
		return px_err_set(err, PX_EINVAL, "score_no_reviews", "reviews",
				  "no reviews to normalise");
	if (n > SCORE_MAX_REVIEWS)
		return px_err_set(err, PX_ETOOBIG, "score_too_many_reviews", "reviews",
				  "at most %d reviews, got %zu", SCORE_MAX_REVIEWS, n);
	if (max_total < 1 || max_total > RUBRIC_POINTS_MAX)
		return px_err_set(err, PX_EINVAL, "score_bad_max", "max_total",
				  "maximum total must be between 1 and %d tenths, got '%d'",
				  RUBRIC_POINTS_MAX, (int)max_total);
	for (size_t i = 0; i < n; i++)
		if (rv[i].total < 0 || rv[i].total > max_total)
			return px_err_set(err, PX_EINVAL, "score_bad_total", "reviews",
					  "total of reviewer %lld for application %lld must be "
					  "between 0 and %d tenths, got '%d'",
					  (long long)rv[i].reviewer, (long long)rv[i].application,
					  (int)max_total, (int)rv[i].total);
	return 0;
}

/* One application's rows w[from .. to) into *o, given the pooled M and S. */
static void fill_norm(const struct row *w, size_t from, size_t to, double pooled_mean,
		      double pooled_sd, int32_t max_total, struct score_norm *o)
{
	double zsum = 0;
	int64_t raw = 0;
	for (size_t i = from; i < to; i++) {
		zsum += w[i].z;
		raw += w[i].total;
	}
	int64_t k = (int64_t)(to - from);
	double zbar = zsum / (double)k;
	double shift = pooled_sd * zbar;
	double v = pooled_mean + shift;
	if (v < 0)
		v = 0;
	if (v > max_total)
		v = max_total;
	double hundredths = v * SCORE_PER_TENTH;
	double milli = zbar * 1000;

	o->application = w[from].application;
	o->nreviews = (uint32_t)k;
	o->raw_mean = score_div_round(raw * SCORE_PER_TENTH, k);
	o->z_milli = (int64_t)round(milli);
	o->score = (int64_t)round(hundredths);
}

int score_normalise(const struct score_review *reviews, size_t n, int32_t max_total,
		    struct score_norm **out, size_t *nout, struct px_err *err)
{
	struct row *w = NULL;
	struct score_norm *res = NULL;
	size_t napps = 0;
	double pooled_mean, pooled_sd;
	int rc;

	*out = NULL;
	*nout = 0;
	if ((rc = check_input(reviews, n, max_total, err)))
		goto out;
	w = malloc(n * sizeof(*w));
	if (!w) {
		rc = px_err_set(err, PX_ENOMEM, NULL, "", "out of memory normalising scores");
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		w[i] = (struct row){ reviews[i].reviewer, reviews[i].application, reviews[i].total,
				     0 };

	qsort(w, n, sizeof(*w), by_reviewer);
	for (size_t i = 1; i < n; i++)
		if (by_reviewer(&w[i - 1], &w[i]) == 0) {
			rc = px_err_set(err, PX_EINVAL, "score_duplicate_review", "reviews",
					"reviewer %lld reviewed application %lld twice",
					(long long)w[i].reviewer, (long long)w[i].application);
			goto out;
		}
	for (size_t from = 0, to; from < n; from = to) {
		for (to = from + 1; to < n && w[to].reviewer == w[from].reviewer; to++)
			;
		reviewer_z(w, from, to);
	}
	mean_sd(w, 0, n, &pooled_mean, &pooled_sd);

	qsort(w, n, sizeof(*w), by_application);
	napps = 1;
	for (size_t i = 1; i < n; i++)
		napps += w[i].application != w[i - 1].application;
	res = calloc(napps, sizeof(*res)); /* zeroed padding: results compare bytewise */
	if (!res) {
		rc = px_err_set(err, PX_ENOMEM, NULL, "", "out of memory normalising scores");
		goto out;
	}
	size_t a = 0;
	for (size_t from = 0, to; from < n; from = to) {
		for (to = from + 1; to < n && w[to].application == w[from].application; to++)
			;
		fill_norm(w, from, to, pooled_mean, pooled_sd, max_total, &res[a++]);
	}
	*out = res;
	*nout = napps;
	res = NULL;
out:
	free(res);
	free(w);
	return rc;
}
