/*
 * score.c - the score and the spread of one application's panel: mean,
 * median, trimmed mean, standard deviation, range and outlier flags. Totals
 * arrive in tenths; everything is integer arithmetic, so the only rounding is
 * the final one to hundredths (score_round.h) and results are identical on
 * every machine. Panels are small (SCORE_MAX_PANEL), so copies live on the
 * stack and sorting is plain qsort of integers.
 */
#include "core/score.h"

#include <stdlib.h>
#include <string.h>

#include "core/rubric.h"
#include "core/score_round.h"

static int check_panel(const int32_t *totals, size_t n, struct px_err *err)
{
	if (n == 0)
		return px_err_set(err, PX_EINVAL, "score_no_reviews", "totals",
				  "no reviews to aggregate");
	if (n > SCORE_MAX_PANEL)
		return px_err_set(err, PX_ETOOBIG, "score_too_many_reviews", "totals",
				  "a panel has at most %d reviews, got %zu", SCORE_MAX_PANEL, n);
	for (size_t i = 0; i < n; i++)
		if (totals[i] < 0 || totals[i] > RUBRIC_POINTS_MAX)
			return px_err_set(err, PX_EINVAL, "score_bad_total", "totals",
					  "a total must be between 0 and %d tenths, got '%d'",
					  RUBRIC_POINTS_MAX, (int)totals[i]);
	return 0;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Copy n totals into v (widened) and sort them ascending. */
static void sorted_copy(const int32_t *totals, size_t n, int64_t *v)
{
	for (size_t i = 0; i < n; i++)
		v[i] = totals[i];
	qsort(v, n, sizeof(*v), cmp_i64);
}

/* Twice the median of n >= 1 sorted values: exact, in the values' unit / 2. */
static int64_t median_x2(const int64_t *v, size_t n)
{
	return n % 2 ? 2 * v[n / 2] : v[n / 2 - 1] + v[n / 2];
}

/* Mean of v[from .. to) (tenths) in hundredths. */
static int64_t mean_of(const int64_t *v, size_t from, size_t to)
{
	int64_t sum = 0;
	for (size_t i = from; i < to; i++)
		sum += v[i];
	return score_div_round(sum * SCORE_PER_TENTH, (int64_t)(to - from));
}

int score_trimmed_mean(const int32_t *totals, size_t n, size_t k, int64_t *out,
		       struct px_err *err)
{
	int64_t v[SCORE_MAX_PANEL];
	int rc = check_panel(totals, n, err);
	if (rc)
		return rc;
	if (k > (n - 1) / 2)
		return px_err_set(err, PX_EINVAL, "score_too_few_reviews", "totals",
				  "dropping the %zu highest and %zu lowest needs at least %zu "
				  "reviews, got '%zu'",
				  k, k, 2 * k + 1, n);
	sorted_copy(totals, n, v);
	*out = mean_of(v, k, n - k);
	return 0;
}

int score_mean(const int32_t *totals, size_t n, int64_t *out, struct px_err *err)
{
	return score_trimmed_mean(totals, n, 0, out, err);
}

int score_median(const int32_t *totals, size_t n, int64_t *out, struct px_err *err)
{
	int64_t v[SCORE_MAX_PANEL];
	int rc = check_panel(totals, n, err);
	if (rc)
		return rc;
	sorted_copy(totals, n, v);
	/* twice the median in tenths is the median in twentieths: x 5 = hundredths */
	*out = median_x2(v, n) * (SCORE_PER_TENTH / 2);
	return 0;
}

static int by_mean(const int32_t *t, size_t n, size_t k, int64_t *out, struct px_err *err)
{
	(void)k;
	return score_mean(t, n, out, err);
}

static int by_median(const int32_t *t, size_t n, size_t k, int64_t *out, struct px_err *err)
{
	(void)k;
	return score_median(t, n, out, err);
}

static const struct {
	enum score_method m;
	const char *name;
	int (*fn)(const int32_t *totals, size_t n, size_t k, int64_t *out, struct px_err *err);
} methods[] = {
	{ SCORE_MEAN, "mean", by_mean },
	{ SCORE_MEDIAN, "median", by_median },
	{ SCORE_TRIMMED_MEAN, "trimmed_mean", score_trimmed_mean },
};

#define NMETHODS (sizeof(methods) / sizeof(methods[0]))

int score_method_parse(const char *name, enum score_method *m, struct px_err *err)
{
	for (size_t i = 0; name && i < NMETHODS; i++)
		if (strcmp(methods[i].name, name) == 0) {
			*m = methods[i].m;
			return 0;
		}
	return px_err_set(err, PX_EINVAL, "score_bad_method", "method",
			  "aggregation must be mean, median or trimmed_mean, got '%.40s'",
			  name ? name : "");
}

const char *score_method_name(enum score_method m)
{
	for (size_t i = 0; i < NMETHODS; i++)
		if (methods[i].m == m)
			return methods[i].name;
	return "?";
}

int score_aggregate(enum score_method m, size_t trim, const int32_t *totals, size_t n,
		    int64_t *out, struct px_err *err)
{
	for (size_t i = 0; i < NMETHODS; i++)
		if (methods[i].m == m)
			return methods[i].fn(totals, n, trim, out, err);
	return px_err_set(err, PX_EINVAL, "score_bad_method", "method",
			  "unknown aggregation method '%d'", (int)m);
}

struct score_outlier_rule score_outlier_rule_default(int32_t max_total)
{
	struct score_outlier_rule r = { max_total / 10, 30 };
	return r;
}

/* floor(sqrt(v)), exact (digit-by-digit, no floating point). */
static uint64_t isqrt(uint64_t v)
{
	uint64_t r = 0, bit = 1ULL << 62;
	while (bit > v)
		bit >>= 2;
	while (bit) {
		if (v >= r + bit) {
			v -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

/*
 * Population SD in hundredths, rounded half up, in integers. With S = sum x,
 * Q = sum x^2 (tenths) and V = nQ - S^2, the SD in tenths is sqrt(V) / n, in
 * hundredths sqrt(100V) / n, and floor(sqrt(100V) / n + 1/2) =
 * floor((floor(sqrt(400V)) + n) / 2n).
 */
static int64_t population_sd(const int32_t *totals, size_t n)
{
	int64_t s = 0, q = 0;
	for (size_t i = 0; i < n; i++) {
		s += totals[i];
		q += (int64_t)totals[i] * totals[i];
	}
	uint64_t v = (uint64_t)((int64_t)n * q - s * s);
	return (int64_t)((isqrt(400 * v) + n) / (2 * n));
}

/*
 * Is review i far from the others? Units are kept integral: the median of the
 * others is held doubled (med2, tenths/2), the MAD quadrupled (mad4, tenths/4),
 * and both sides of |x - med| > max(T, c/10 * MAD) are multiplied by 40.
 */
static bool is_outlier(const int32_t *totals, size_t n, size_t i,
		       const struct score_outlier_rule *rule)
{
	int64_t o[SCORE_MAX_PANEL], d[SCORE_MAX_PANEL];
	size_t m = 0;

	for (size_t j = 0; j < n; j++)
		if (j != i)
			o[m++] = totals[j];
	qsort(o, m, sizeof(*o), cmp_i64);
	int64_t med2 = median_x2(o, m);
	for (size_t j = 0; j < m; j++)
		d[j] = llabs(2 * o[j] - med2);
	qsort(d, m, sizeof(*d), cmp_i64);
	int64_t mad4 = median_x2(d, m);
	int64_t dev4 = 2 * llabs(2 * (int64_t)totals[i] - med2);
	int64_t floor40 = 40 * (int64_t)rule->threshold;
	int64_t spread40 = (int64_t)rule->mad_factor * mad4;
	return 10 * dev4 > (floor40 > spread40 ? floor40 : spread40);
}

int score_spread(const int32_t *totals, size_t n, const struct score_outlier_rule *rule,
		 struct score_spread *out, struct px_err *err)
{
	int rc = check_panel(totals, n, err);
	if (rc)
		return rc;
	if (!rule || rule->threshold < 0 || rule->mad_factor < 0)
		return px_err_set(err, PX_EINVAL, "score_bad_rule", "outlier_rule",
				  "outlier threshold and factor must be non-negative");
	memset(out, 0, sizeof(*out));
	out->min = out->max = totals[0];
	for (size_t i = 1; i < n; i++) {
		if (totals[i] < out->min)
			out->min = totals[i];
		if (totals[i] > out->max)
			out->max = totals[i];
	}
	out->range = out->max - out->min;
	out->sd = population_sd(totals, n);
	for (size_t i = 0; n >= 3 && i < n; i++)
		if (is_outlier(totals, n, i, rule)) {
			out->outliers |= 1ULL << i;
			out->noutliers++;
		}
	return 0;
}
