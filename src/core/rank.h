/*
 * rank.h - who wins: ranking candidates per track under caps, a minimum bar,
 * a declared tie-break order and a limit of wins per applicant (好中选优).
 *
 * The rule, precisely (docs/scoring.md repeats it for offices):
 *  1. Order: score descending, then the declared tie-break keys in order.
 *     Two candidates of one track equal on the score and on every declared key
 *     are tied: they share a rank (competition ranking 1, 2, 2, 4) and are
 *     flagged tie_unbroken. Declaring RANK_KEY_ID last makes ties impossible.
 *  2. All tracks' candidates are processed together in that order (across
 *     tracks, equal candidates go in track order, then id order), a tied group
 *     of one track as one block:
 *       - score < bar: not placed, "below_bar" (the place stays vacant, 空缺);
 *       - the applicant already holds applicant_limit places: "applicant_limit";
 *       - no place left in the track: "cap_reached";
 *       - the block fits in the places left: all placed;
 *       - it does not fit: none of the block is placed ("tie_unbroken"), and
 *         the track takes nobody after it (later candidates "cap_reached"):
 *         the remaining places stay vacant for the deliberation to decide.
 *     Checks apply in that order; the first that fails gives the reason.
 * Scores are integers (hundredths, score.h), so equality is exact.
 */
#ifndef PX_CORE_RANK_H
#define PX_CORE_RANK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define RANK_MAX_CANDIDATES 100000
#define RANK_MAX_TRACKS 64
#define RANK_MAX_KEYS 8

struct rank_candidate {
	int64_t id;           /* unique among the candidates */
	int64_t applicant;    /* appears at most once per track */
	uint32_t track;       /* 0 .. ntracks - 1 */
	int64_t score;        /* the ranking score, hundredths */
	int64_t onsite;       /* on-site review (现场评审) score, hundredths */
	int64_t material;     /* material review (材料评审) score, hundredths */
	int64_t votes;        /* counted public votes */
	int64_t submitted_at; /* microseconds since the Unix epoch */
};

/* Tie-break keys; each compares one field of rank_candidate. */
enum rank_key {
	RANK_KEY_ONSITE,    /* "onsite_desc": higher on-site score first */
	RANK_KEY_MATERIAL,  /* "material_desc": higher material score first */
	RANK_KEY_VOTES,     /* "votes_desc": more votes first */
	RANK_KEY_SUBMITTED, /* "submitted_asc": earlier submission first */
	RANK_KEY_ID,        /* "id_asc": lower id first; always decides */
	RANK_KEY_COUNT
};

/* The key named as in templates ("onsite_desc" ...). Key rank_bad_key. */
int rank_key_parse(const char *name, enum rank_key *key, struct px_err *err);
/* Name of a key, "?" outside the enum. Static storage. */
const char *rank_key_name(enum rank_key key);

struct rank_config {
	uint32_t ntracks;          /* 1 .. RANK_MAX_TRACKS */
	const uint32_t *caps;      /* ntracks maxima of winners (a cap is a maximum) */
	int64_t bar;               /* minimum score, hundredths: below it never placed */
	uint32_t applicant_limit;  /* places one applicant may take over all tracks; 0: no limit */
	const enum rank_key *keys; /* nkeys tie-break keys, in order */
	size_t nkeys;              /* 0 .. RANK_MAX_KEYS */
};

enum rank_reason {
	RANK_PLACED,
	RANK_BELOW_BAR,
	RANK_CAP_REACHED,
	RANK_APPLICANT_LIMIT,
	RANK_TIE_UNBROKEN,
};

/* "placed", "below_bar", "cap_reached", "applicant_limit", "tie_unbroken"; "?" otherwise. */
const char *rank_reason_name(enum rank_reason reason);

struct rank_entry {
	size_t index;            /* position in the caller's candidate array */
	int64_t id;
	uint32_t track;
	uint32_t rank;           /* 1-based within the track; tied candidates share it */
	bool placed;
	bool tie_unbroken;       /* shares its rank with another candidate of the track */
	enum rank_reason reason; /* RANK_PLACED when placed */
};

struct rank_result {
	struct rank_entry *entries; /* n entries: by track, within a track in rank order then id */
	size_t n;
	size_t *track_first;        /* ntracks + 1 offsets: track t is [track_first[t], track_first[t + 1]) */
	uint32_t *track_placed;     /* ntracks counts of winners */
	uint32_t ntracks;
};

/*
 * Rank n candidates (0 is fine: every place stays vacant). On success *out owns
 * its arrays: release with rank_result_release(). On failure *out is empty.
 * Keys: rank_bad_config, rank_bad_key, rank_too_many_candidates (PX_ETOOBIG),
 * rank_bad_track, rank_duplicate_candidate, rank_duplicate_applicant.
 */
int rank_run(const struct rank_candidate *cands, size_t n, const struct rank_config *cfg,
	     struct rank_result *out, struct px_err *err);

/* Free the arrays of *r and leave it empty. NULL-safe, idempotent. */
void rank_result_release(struct rank_result *r);

#endif
