/*
 * eligibility.h - the eligibility conditions of an award as pure rules.
 *
 * Seed 004 (Qingyuan 2025) asks of organisations three years of operation,
 * of individuals five years of quality work, of both no record of accidents
 * or violations in the last three years, and bars winners from applying again
 * in the two cycles after winning. Each rule here takes its facts as values
 * (dates, years, an attestation flag, the years of earlier wins) and answers
 * a result and a reason in Chinese and English; reading the facts from the
 * database is the use case's job (app/submit.c).
 *
 * Dates. "N years after d" is the same month and day N years later; a
 * 29 February with no counterpart falls on 28 February (民法典 第二百零一条:
 * a period counted in years ends on the corresponding day of the last month,
 * or on the last day of that month when it has no corresponding day). The
 * condition "N years or more" holds when that anniversary is on or before the
 * reference date, which the use case takes as the closing date of the
 * application stage (today when the template gives none): the date by which
 * the applicant must meet the condition.
 */
#ifndef PX_CORE_ELIGIBILITY_H
#define PX_CORE_ELIGIBILITY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"

enum eligibility_result {
	ELIG_PASS,     /* the condition holds on the facts given */
	ELIG_FAIL,     /* it does not: the application cannot be submitted */
	ELIG_ATTESTED, /* the applicant declares it; open to objection (异议) */
	ELIG_PENDING,  /* not yet known: no attestation given */
};

#define ELIGIBILITY_REASON_MAX 320

struct eligibility_outcome {
	enum eligibility_result result;
	char reason[ELIGIBILITY_REASON_MAX]; /* "中文 (English)" */
};

/* "pass", "fail", "attested", "pending" (the values of eligibility.result). */
const char *eligibility_result_name(enum eligibility_result r);

/* The date `years` years after `d` (29 February -> 28 February in common years). */
px_date eligibility_anniversary(px_date d, int years);

/* Operating for `years` or more: founded + years <= ref. */
void eligibility_operating_years(px_date founded, int years, px_date ref, struct eligibility_outcome *out);

/* Doing quality work for `years` or more: since + years <= ref. */
void eligibility_quality_work_years(px_date since, int years, px_date ref, struct eligibility_outcome *out);

/*
 * No accident, violation or dishonesty record in the last `years` years: the
 * applicant's attestation (ATTESTED) or its absence (PENDING). The facts
 * behind it come to light through consultations and objections.
 */
void eligibility_no_record(bool attested, int years, struct eligibility_outcome *out);

/*
 * The win ban: FAIL when one of the `n` win years falls in the `cycles`
 * cycles of `cycle_years` years before `year`, that is in
 * [year - cycles * cycle_years, year - 1]. Wins of `year` itself or later are
 * not earlier cycles and are ignored here.
 */
void eligibility_win_ban(int year, int cycles, int cycle_years, const int *win_years, size_t n,
			 struct eligibility_outcome *out);

#endif
