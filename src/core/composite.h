/*
 * composite.h - the brand ranking's composite (docs/ranking.md): each
 * candidate of a track combines its public vote, the promotion group's score
 * and the expert panel's score by the template's weights; the Top N of each
 * track are placed under declared tie-breaks.
 *
 * A candidate is one application in one track it chose: a brand that chose
 * two tracks is two candidates and ranks only in those. Within a track:
 *   vote_score = 100 x votes / the track's largest vote count, in hundredths
 *                (the vote share normalised within the track: the candidate's
 *                share of the track's votes over the largest share; 0 for
 *                every candidate when the track has no vote);
 *   score      = round((w_vote x vote_score + w_promotion x promotion
 *                + w_expert x expert) / 1000), hundredths (core/score.h's
 *                score_combine; panel scores on 0..100);
 * then candidates are ordered by score descending and the declared keys in
 * order. Candidates equal on the score and every key share a rank
 * (competition ranking 1, 2, 2, 4) and are flagged tied; the first top_n
 * places are filled in that order, and a tied block that does not fit in the
 * places left is not placed (tie_unbroken): the office decides. Declaring
 * "id_asc" last makes ties impossible.
 *
 * Pure: no I/O, no allocation; integers only, so every machine agrees.
 */
#ifndef PX_CORE_COMPOSITE_H
#define PX_CORE_COMPOSITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define COMPOSITE_MAX_TRACKS 16
#define COMPOSITE_MAX_KEYS 8
#define COMPOSITE_MAX_CANDIDATES 100000
#define COMPOSITE_FULL 10000 /* 100 points in hundredths: the panels' scale */

enum composite_key {
	COMPOSITE_KEY_EXPERT,    /* "expert_desc": higher expert panel score first */
	COMPOSITE_KEY_PROMOTION, /* "promotion_desc": higher promotion group score first */
	COMPOSITE_KEY_VOTES,     /* "votes_desc": more valid votes first */
	COMPOSITE_KEY_SUBMITTED, /* "submitted_asc": earlier registration first */
	COMPOSITE_KEY_ID,        /* "id_asc": lower application id first; always decides */
	COMPOSITE_KEY_COUNT
};

/* The key named as in templates ("expert_desc" ...). PX_EINVAL "composite_bad_key". */
int composite_key_parse(const char *name, enum composite_key *key, struct px_err *err);

/* Name of a key, "?" outside the enum. Static storage. */
const char *composite_key_name(enum composite_key key);

struct composite_weights {
	int32_t vote, promotion, expert; /* per mille, each >= 0, summing to 1000 */
};

struct composite_config {
	uint32_t ntracks;                   /* 1 .. COMPOSITE_MAX_TRACKS */
	uint32_t top_n;                     /* places per track, >= 1 */
	struct composite_weights weights;
	const enum composite_key *keys;     /* nkeys tie-break keys, in order */
	size_t nkeys;                       /* 0 .. COMPOSITE_MAX_KEYS */
};

struct composite_entry {
	/* in */
	int64_t id;           /* the application; at most once per track */
	uint32_t track;       /* 0 .. ntracks - 1 */
	int64_t votes;        /* valid votes in this track, >= 0 */
	int64_t promotion;    /* promotion group score, hundredths, 0 .. COMPOSITE_FULL */
	int64_t expert;       /* expert panel score, hundredths, 0 .. COMPOSITE_FULL */
	int64_t submitted_at; /* microseconds since the epoch */
	/* out */
	int64_t vote_score;   /* hundredths, 0 .. COMPOSITE_FULL */
	int64_t score;        /* the composite, hundredths */
	uint32_t rank;        /* 1-based within the track, shared by ties */
	bool tied;            /* equal to a neighbour on the score and every key */
	bool placed;          /* in the track's Top N */
};

/*
 * Compute every entry's vote_score, score, rank, tied and placed, and sort
 * e[0..n) by track, then rank order. Errors (PX_EINVAL, field named):
 * composite_bad_config ("ntracks", "top_n", "nkeys"), composite_bad_weights
 * ("weights"), composite_bad_entry ("entries[i]": track, votes or scores out
 * of range), composite_duplicate ("entries[i]": the id twice in a track),
 * composite_too_many.
 */
int composite_compute(const struct composite_config *cfg, struct composite_entry *e, size_t n,
		      struct px_err *err);

#endif
