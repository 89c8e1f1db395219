/*
 * score_round.h - the one rounding rule of scores, private to score*.c:
 * integer division rounded half up. Every numerator is a sum of non-negative
 * points, so half up is also half away from zero.
 */
#ifndef PX_CORE_SCORE_ROUND_H
#define PX_CORE_SCORE_ROUND_H

#include <assert.h>
#include <stdint.h>

/* round(num / den) for 0 <= num <= INT64_MAX / 2 and den > 0. */
static inline int64_t score_div_round(int64_t num, int64_t den)
{
	assert(num >= 0 && den > 0);
	return (2 * num + den) / (2 * den);
}

#endif
