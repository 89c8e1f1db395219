/*
 * score_round.h - the one rounding rule of scores, private to score*.c:
 * integer division rounded half away from zero. Numerators of scores are never
 * negative in practice; the negative branch keeps the rule symmetric anyway.
 */
#ifndef PX_CORE_SCORE_ROUND_H
#define PX_CORE_SCORE_ROUND_H

#include <stdint.h>

/* round(num / den) for den > 0 and |num| <= INT64_MAX / 2. */
static inline int64_t score_div_round(int64_t num, int64_t den)
{
	if (num < 0)
		return -((-2 * num + den) / (2 * den));
	return (2 * num + den) / (2 * den);
}

#endif
