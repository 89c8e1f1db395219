/*
 * stage.h - the pure part of the stage machine every programme runs: the
 * kinds of stage, the order a template may put them in, and the one move a
 * programme may make (forward to its next stage). What must hold before a
 * stage is left depends on the programme family (app/programme/family.h);
 * this file knows nothing of the database.
 */
#ifndef PX_CORE_STAGE_H
#define PX_CORE_STAGE_H

#include <stdbool.h>

enum stage_kind {
	STAGE_APPLICATION, STAGE_RECOMMENDATION, STAGE_QUALIFICATION, STAGE_NOTICE, STAGE_REVIEW,
	STAGE_SHORTLIST, STAGE_VOTE, STAGE_DELIBERATION, STAGE_APPROVAL, STAGE_PUBLICATION,
	STAGE_NKINDS
};

/* The template name of a kind ("application" ...); "unknown" out of range. */
const char *stage_kind_name(enum stage_kind k);

/* The kind named by a template; false when no kind has that name. */
bool stage_kind_parse(const char *name, enum stage_kind *out);

/*
 * Check the order of a template's stages: the first is an application
 * stage, a publication stage comes only last, and the kinds follow
 * application < recommendation < qualification < review, shortlist, vote
 * (which may alternate) < deliberation < approval < publication; notices
 * may stand anywhere after the first stage. Returns -1 when the order holds,
 * else the index of the first stage out of order.
 */
int stage_order_fault(const enum stage_kind *kinds, int n);

/* What asking to move a programme from stage seq to stage to gives. */
enum stage_move {
	STAGE_MOVE_OK,        /* to is the next stage */
	STAGE_MOVE_FINISHED,  /* seq is the last stage: nothing follows */
	STAGE_MOVE_NOT_NEXT,  /* to is not seq + 1: stages move forward one at a time */
};

/*
 * Stages are numbered 1..nstages; seq 0 means the programme has not started.
 * Moves go forward one stage at a time, never back, never skipping.
 */
enum stage_move stage_move_check(int seq, int nstages, int to);

/* The stage after seq, or 0 when seq is the last one. */
int stage_next(int seq, int nstages);

/* Whether a programme at seq has reached the stage at 0-based index i. */
bool stage_reached(int seq, int i);

#endif
