/*
 * training.h - the pure rules of chief quality officer training (培训千名
 * 首席质量官, 湘市监办发〔2022〕71号): which sessions count for a trainee,
 * when a course is completed, and the rotating check-in code shown at a
 * session.
 *
 * A trainee enrolled after a session's day was never expected at it: that
 * session neither counts for nor against them. An excused absence leaves
 * the session out too. Of the hours that remain, the trainee must have
 * attended (present or late) at least the course's share, and scored at
 * least its pass mark in the assessment. docs/training.md.
 *
 * Pure: no I/O, no allocation.
 */
#ifndef PX_CORE_TRAINING_H
#define PX_CORE_TRAINING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"

enum training_mark { TRAINING_NONE, TRAINING_PRESENT, TRAINING_LATE, TRAINING_ABSENT, TRAINING_EXCUSED };

/* The mark of a name ("present" ...), TRAINING_NONE for anything else; and back. */
enum training_mark training_mark_parse(const char *name);
const char *training_mark_name(enum training_mark m);

struct training_session {
	px_date day;
	int hours_tenths;          /* length in tenths of an hour */
	enum training_mark mark;   /* TRAINING_NONE: not taken (counts as absent once the day is past) */
};

struct training_result {
	int expected_tenths;  /* hours the trainee was expected at */
	int attended_tenths;  /* of which present or late */
	bool attendance_ok;   /* attended >= share of expected (and something was expected) */
	bool score_ok;
	bool complete;
};

/* Whether a trainee enrolled on `enrolled` was expected at a session on `day`. */
bool training_expected(px_date enrolled, px_date day);

/*
 * The completion of one trainee: n sessions, the enrolment date, the
 * assessment score (-1: none yet), the course's attendance share in
 * per cent and pass mark.
 */
void training_evaluate(const struct training_session *s, size_t n, px_date enrolled, int score, int share_pct,
		       int pass_score, struct training_result *out);

#define TRAINING_CODE_WINDOW_S 30  /* a check-in code lasts this long; the one before is still taken */
#define TRAINING_SECRET_BYTES 32

/* The six-digit check-in code of a session's secret for the window holding unix time t. */
void training_checkin_code(const unsigned char secret[TRAINING_SECRET_BYTES], int64_t t, char out[7]);

/* Whether code is the session's code at t or in the window just before. */
bool training_checkin_valid(const unsigned char secret[TRAINING_SECRET_BYTES], int64_t t, const char *code);

#endif
