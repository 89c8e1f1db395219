/*
 * score_combine.c - declared weights between stages (材料评审 material review,
 * 现场评审 on-site review, the public vote ...) and the change of scale that
 * puts parts on a common footing first. Weights are integers per mille that
 * must sum to exactly 1000, so a template cannot declare 0.33 + 0.33 + 0.33
 * and silently lose a point; the sum is exact and rounded once.
 */
#include "core/score.h"

#include <math.h>

#include "core/score_round.h"

int score_combine(const struct score_part *parts, size_t n, int64_t *out, struct px_err *err)
{
	int64_t wsum = 0, acc = 0;

	if (n == 0)
		return px_err_set(err, PX_EINVAL, "score_no_parts", "weights",
				  "a combination needs at least one part");
	if (n > SCORE_MAX_PARTS)
		return px_err_set(err, PX_ETOOBIG, "score_too_many_parts", "weights",
				  "a combination has at most %d parts, got %zu", SCORE_MAX_PARTS,
				  n);
	for (size_t i = 0; i < n; i++) {
		if (parts[i].weight < 0 || parts[i].weight > SCORE_WEIGHT_TOTAL)
			return px_err_set(err, PX_EINVAL, "score_bad_weight", "weights",
					  "a weight must be between 0 and %d per mille, got '%d'",
					  SCORE_WEIGHT_TOTAL, (int)parts[i].weight);
		if (parts[i].score < 0 || parts[i].score > SCORE_MAX)
			return px_err_set(err, PX_EINVAL, "score_bad_score", "scores",
					  "a score must be between 0 and %lld hundredths, got '%lld'",
					  SCORE_MAX, (long long)parts[i].score);
		wsum += parts[i].weight;
		acc += parts[i].score * parts[i].weight;
	}
	if (wsum != SCORE_WEIGHT_TOTAL)
		return px_err_set(err, PX_EINVAL, "score_weights_sum", "weights",
				  "weights must sum to %d per mille, got '%lld'", SCORE_WEIGHT_TOTAL,
				  (long long)wsum);
	*out = score_div_round(acc, SCORE_WEIGHT_TOTAL);
	return 0;
}

int score_weight_from_double(double w, int32_t *permille, const char *field,
			     struct px_err *err)
{
	if (!isfinite(w) || w < 0 || w > 1)
		return px_err_set(err, PX_EINVAL, "score_bad_weight", field,
				  "a weight must be between 0 and 1, got '%g'", w);
	double t = w * SCORE_WEIGHT_TOTAL;
	double r = round(t);
	if (fabs(t - r) > 1e-9 * SCORE_WEIGHT_TOTAL)
		return px_err_set(err, PX_EINVAL, "score_bad_weight", field,
				  "a weight may have at most three decimals, got '%g'", w);
	*permille = (int32_t)r;
	return 0;
}

int score_rescale(int64_t score, int64_t from_full, int64_t to_full, int64_t *out,
		  struct px_err *err)
{
	if (score < 0 || score > SCORE_MAX || from_full < 1 || from_full > SCORE_MAX ||
	    to_full < 1 || to_full > SCORE_MAX)
		return px_err_set(err, PX_EINVAL, "score_bad_scale", "scale",
				  "cannot rescale '%lld' from %lld to %lld", (long long)score,
				  (long long)from_full, (long long)to_full);
	*out = score_div_round(score * to_full, from_full);
	return 0;
}
