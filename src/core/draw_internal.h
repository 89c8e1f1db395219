/*
 * draw_internal.h - what the files of the draw (core/draw*.c) share and the
 * unit tests reach; not an API for the rest of pingxuan, which uses draw.h.
 *
 * draw_rng.c    the seeded ChaCha20 stream, integers in [0,n), shuffles
 * draw_input.c  the bounds of the input
 * draw_canon.c  canonical order, interned strings, eligibility
 * draw_hash.c   seeds, commitments and the inputs hash
 * draw_flow.c   the flow network: max flow, forcing a pair, the min cut
 * draw.c        the draw itself; draw_check.c the validator;
 * draw_replace.c the replacement draw
 */
#ifndef PX_CORE_DRAW_INTERNAL_H
#define PX_CORE_DRAW_INTERNAL_H

#include "core/draw.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- draw_rng.c ---- */

/* The 12-byte ChaCha20 (RFC 8439) nonce of every draw stream: "px-draw-v1" 0 0. */
#define DRAW_NONCE "px-draw-v1\0\0"

struct draw_rng {
	unsigned char key[DRAW_SEED_BYTES];
	uint32_t block;          /* next keystream block to generate */
	unsigned pos;            /* bytes of buf already used */
	unsigned char buf[64];
	uint64_t used;           /* bytes consumed so far (for tests and docs) */
};

/* Key the stream with the seed; the first byte is keystream byte 0. */
void draw_rng_init(struct draw_rng *r, const unsigned char seed[DRAW_SEED_BYTES]);

/* The next 4 keystream bytes as a little-endian integer. */
uint32_t draw_rng_u32(struct draw_rng *r);

/* Uniform in [0, n), n >= 1, by rejection; n == 1 consumes nothing. */
uint32_t draw_rng_below(struct draw_rng *r, uint32_t n);

/* Fisher-Yates (Durstenfeld): for i = n-1 down to 1, swap v[i] and v[below(i+1)]. */
void draw_rng_shuffle(struct draw_rng *r, uint32_t *v, size_t n);

/* ---- draw_input.c ---- */

/* Check counts, bounds and every string; errors name the member ("experts[3].employer"). */
int draw_input_check(const struct draw_input *in, struct px_err *err);

/* ---- draw_canon.c ---- */

/* Why an expert is not eligible for an application, in the order checked. */
enum draw_excl {
	DRAW_ELIGIBLE = 0,
	DRAW_X_OWN_ORG,     /* employer is the applicant's organisation */
	DRAW_X_CONFLICT,    /* declared conflict with the applicant or its organisation */
	DRAW_X_FIELD,       /* no shared field (field_match) */
	DRAW_X_REGION,      /* same region (other_region) */
	DRAW_X_COUNT,
};

/* A set of interned strings: codes sorted ascending, no duplicates. */
struct draw_set {
	uint32_t off, n; /* into draw_canon.codes */
};

/*
 * The canonical view of a valid input: applications and experts in bytewise id
 * order, every string replaced by its rank among all distinct strings of the
 * input (so comparing codes compares strings bytewise), sets sorted.
 */
struct draw_canon {
	const struct draw_input *in;
	size_t na, ne;
	uint32_t *app;        /* canonical position -> caller index */
	uint32_t *exp;        /* canonical position -> caller index */
	uint32_t *exp_pos;    /* caller index -> canonical position */
	unsigned *k;          /* panel size per canonical application */
	uint64_t sum_k;
	const char **str;     /* code -> string (borrowed from the input) */
	size_t n_str;
	uint32_t *codes;      /* storage of the sets below */
	/* per canonical application */
	uint32_t *a_applicant, *a_org, *a_region;
	struct draw_set *a_fields;
	/* per canonical expert */
	uint32_t *e_employer, *e_region;
	struct draw_set *e_fields, *e_conflicts;
	uint32_t *emp;        /* employer number 0..n_emp-1 per canonical expert */
	uint32_t n_emp;
	/* eligible experts (canonical positions, ascending) of canonical application a:
	   elig[elig_start[a] .. elig_start[a+1]) ; filled by draw_canon_eligible() */
	uint32_t *elig_start;
	uint32_t *elig;
};

/* Check the input's bounds and ids and build its canonical view (no eligibility yet). */
int draw_canon_build(const struct draw_input *in, struct draw_canon *c, struct px_err *err);

/* Fill elig / elig_start. PX_ETOOBIG "draw_too_large" over DRAW_MAX_PAIRS. */
int draw_canon_eligible(struct draw_canon *c, struct px_err *err);

/* Why canonical expert e may not review canonical application a (DRAW_ELIGIBLE if he may). */
enum draw_excl draw_canon_excl(const struct draw_canon *c, size_t a, size_t e);

/*
 * Each application on its own: enough eligible experts from distinct
 * employers for its panel? The first that has not (canonical order) fails
 * with PX_ECONFLICT "draw_infeasible", counting the experts each constraint
 * excluded.
 */
int draw_canon_check_local(const struct draw_canon *c, struct px_err *err);

/* Canonical position of the application / expert with this id, or -1. */
long draw_canon_find_app(const struct draw_canon *c, const char *id);
long draw_canon_find_expert(const struct draw_canon *c, const char *id);

void draw_canon_release(struct draw_canon *c);

/* ---- draw_hash.c ---- */

/* SHA-256 of the canonical serialization (docs/draw.md) of a built canon. */
void draw_canon_hash(const struct draw_canon *c, char out[DRAW_HEX_LEN + 1]);

/* ---- draw_flow.c ---- */

/*
 * The network  source -> application (cap k) -> (application, employer) group
 * (cap 1) -> expert (cap 1 per eligible pair) -> sink (cap = load limit).
 * A full flow (value sum k) is an assignment; "locked" pairs are those the
 * draw has fixed and that no later change may undo.
 */
struct draw_net {
	uint32_t nv, nedges;   /* nodes, edges (each with its reverse: 2 * pairs) */
	uint32_t *first;       /* CSR: edges out of node u are adj[first[u] .. first[u+1]) */
	uint32_t *adj;
	uint32_t *to;          /* per edge */
	int32_t *cap;          /* residual capacity per edge */
	int32_t *cap0;         /* initial capacity per edge */
	uint8_t *locked;       /* per edge pair (edge / 2) */
	uint32_t *pair_edge;   /* per eligible pair (index into canon elig): edge group -> expert */
	uint32_t *pair_group;  /* per eligible pair: its group node */
	uint32_t *sink_edge;   /* per canonical expert: edge expert -> sink */
	uint32_t napps, nexp;  /* node of application a = 2 + a, of expert e = 2 + napps + e */
	/* scratch */
	int32_t *level;
	uint32_t *it, *queue, *parent, *stamp;
	uint32_t *bqueue, *bparent, *bstamp; /* the backward side of draw_net_force() */
	uint32_t gen;
};

#define DRAW_SOURCE 0u
#define DRAW_SINK 1u

int draw_net_build(struct draw_net *n, const struct draw_canon *c, struct px_err *err);
void draw_net_release(struct draw_net *n);

/* Reset to the zero flow with every expert -> sink capacity set to `limit`. */
void draw_net_reset(struct draw_net *n, unsigned limit);

/* Augment to a maximum flow (Dinic); returns its value. */
uint64_t draw_net_maxflow(struct draw_net *n);

/*
 * Is there a maximum flow that keeps every locked pair and also uses eligible
 * pair p? If so, change the current (maximum) flow into one, lock p and return
 * true: a residual cycle through the pair's edge that avoids undoing locked
 * pairs is searched breadth-first from both ends, forward from the expert and
 * backward from the group, expanding the smaller frontier a level at a time.
 */
bool draw_net_force(struct draw_net *n, uint32_t p);

/* Mark (1) the nodes reachable from the source in the residual network: the
   source side of the minimum cut, the same for every maximum flow. */
void draw_net_source_side(struct draw_net *n, uint8_t *mark);

#endif
