/*
 * score.h - from reviewers' totals to the score of an application.
 *
 * Inputs are sheet totals in tenths of a point (rubric.h). Every score this
 * module returns is an integer number of hundredths of a point (SCORE_SCALE),
 * rounded half away from zero, and ranking (rank.h) compares those integers:
 * two applications tie exactly when their rounded scores are equal, the same
 * on every machine. Mean, median, trimmed mean, spread and weighted
 * combination are computed in integers and are exact before that one rounding.
 * Per-reviewer normalisation needs square roots: it uses IEEE-754 doubles in a
 * fixed order (see score_normalise) and rounds at the end. docs/scoring.md
 * gives every formula.
 *
 * Pure: no I/O, no allocation except score_normalise's result.
 */
#ifndef PX_CORE_SCORE_H
#define PX_CORE_SCORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define SCORE_SCALE 100            /* scores are in hundredths of a point */
#define SCORE_PER_TENTH 10         /* hundredths in one tenth */
#define SCORE_MAX_PANEL 64         /* reviews of one application */
#define SCORE_MAX_REVIEWS 1000000  /* reviews of one stage given to score_normalise */
#define SCORE_MAX 1000000000LL     /* largest score accepted by combine/rescale, hundredths */
#define SCORE_MAX_PARTS 16         /* stages in one weighted combination */
#define SCORE_WEIGHT_TOTAL 1000    /* weights are per mille and sum to this */

/* --- one application's panel: n totals in tenths, 1 <= n <= SCORE_MAX_PANEL,
 * each 0 <= total <= RUBRIC_POINTS_MAX. Keys: score_no_reviews,
 * score_too_many_reviews (PX_ETOOBIG), score_bad_total. --- */

/* Arithmetic mean, hundredths. */
int score_mean(const int32_t *totals, size_t n, int64_t *out, struct px_err *err);

/* Median (mean of the two middle totals when n is even), hundredths. */
int score_median(const int32_t *totals, size_t n, int64_t *out, struct px_err *err);

/*
 * Mean after dropping the k highest and the k lowest totals, hundredths.
 * Needs n >= 2k + 1, else PX_EINVAL "score_too_few_reviews".
 */
int score_trimmed_mean(const int32_t *totals, size_t n, size_t k, int64_t *out,
		       struct px_err *err);

enum score_method {
	SCORE_MEAN,
	SCORE_MEDIAN,
	SCORE_TRIMMED_MEAN,
};

/* "mean", "median", "trimmed_mean" (as in programme templates). Key score_bad_method. */
int score_method_parse(const char *name, enum score_method *m, struct px_err *err);
/* The name of a method, "?" for a value outside the enum. Static storage. */
const char *score_method_name(enum score_method m);

/* Dispatch to the method; `trim` is k of the trimmed mean, ignored otherwise. */
int score_aggregate(enum score_method m, size_t trim, const int32_t *totals, size_t n,
		    int64_t *out, struct px_err *err);

/* --- disagreement within one panel --- */

/*
 * Review i is an outlier when, with med and MAD the median and the median
 * absolute deviation of the *other* reviews' totals,
 *     |x_i - med| > max(threshold, mad_factor / 10 * MAD).
 * Only panels of 3 or more reviews are judged (with 2, neither is "the" odd one).
 */
struct score_outlier_rule {
	int32_t threshold;  /* tenths of a point, >= 0 */
	int32_t mad_factor; /* the factor c in tenths, >= 0: 30 means 3.0 x MAD */
};

/* The default rule: threshold = 10 % of max_total (tenths), c = 3.0. */
struct score_outlier_rule score_outlier_rule_default(int32_t max_total);

struct score_spread {
	int32_t min, max, range; /* tenths; range = max - min */
	int64_t sd;              /* population standard deviation, hundredths */
	uint64_t outliers;       /* bit i set: totals[i] is an outlier */
	uint32_t noutliers;
};

/* Spread of one panel's totals (constraints as above). Key score_bad_rule. */
int score_spread(const int32_t *totals, size_t n, const struct score_outlier_rule *rule,
		 struct score_spread *out, struct px_err *err);

/* --- per-reviewer normalisation over a whole review stage --- */

struct score_review {
	int64_t reviewer;
	int64_t application;
	int32_t total; /* tenths, 0 <= total <= max_total */
};

struct score_norm {
	int64_t application;
	uint32_t nreviews;
	int64_t raw_mean; /* plain mean of the raw totals, hundredths */
	int64_t z_milli;  /* mean z-score of its reviews, thousandths */
	int64_t score;    /* normalised score, hundredths, 0 <= score <= max_total * 10 */
};

/*
 * Normalise a stage's reviews (each (reviewer, application) at most once):
 *   z       = (x - m_r) / s_r with m_r, s_r the mean and population SD of
 *             reviewer r's totals; z = 0 when r has one review or s_r = 0;
 *   zbar_a  = mean of the z of application a's reviews;
 *   score_a = clamp(M + S * zbar_a, 0, max_total), M and S the mean and
 *             population SD of all n raw totals, rounded to hundredths.
 * On success *out is a malloc'd array of *nout entries, one per application in
 * ascending id order; the caller frees it with free(). Keys: score_no_reviews,
 * score_too_many_reviews, score_bad_total, score_bad_max, score_duplicate_review.
 */
int score_normalise(const struct score_review *reviews, size_t n, int32_t max_total,
		    struct score_norm **out, size_t *nout, struct px_err *err);

/* --- combining stages --- */

struct score_part {
	int64_t score;  /* hundredths, 0 <= score <= SCORE_MAX, all parts on one scale */
	int32_t weight; /* per mille, >= 0; the weights of a combination sum to 1000 */
};

/*
 * Weighted combination, e.g. material review (材料评审) 400 + on-site review
 * (现场评审) 600: round(sum(score_i * weight_i) / 1000), hundredths. Keys:
 * score_no_parts, score_too_many_parts, score_bad_weight, score_weights_sum,
 * score_bad_score.
 */
int score_combine(const struct score_part *parts, size_t n, int64_t *out, struct px_err *err);

/*
 * A weight written as a fraction (0.4) into per mille (400): 0 <= w <= 1 and a
 * multiple of 0.001 within 1e-9. Key score_bad_weight, with `field`.
 */
int score_weight_from_double(double w, int32_t *permille, const char *field,
			     struct px_err *err);

/*
 * Bring a score onto another scale: round(score * to_full / from_full), e.g. a
 * 1000-point total onto 100 points before combining it with a 100-point part.
 * 0 <= score <= SCORE_MAX, 1 <= from_full, to_full <= SCORE_MAX. Key score_bad_scale.
 */
int score_rescale(int64_t score, int64_t from_full, int64_t to_full, int64_t *out,
		  struct px_err *err);

#endif
