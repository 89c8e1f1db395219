/*
 * draw.h - the verifiable double-random draw (双随机抽取) of reviewers.
 *
 * Given applications, an expert pool, panel sizes, a load limit and a 32-byte
 * seed, draw_run() assigns a panel of experts to every application, such that
 *   - no expert reviews an application of his own organisation (employer equal
 *     to the applicant's organisation) or one he declared a conflict with
 *     (the applicant id or the organisation id is in his conflict list);
 *   - a panel holds at most one expert per employer;
 *   - optionally, an expert shares at least one field with the application;
 *   - optionally, an expert's region differs from the application's region;
 *   - no expert has more than max_load panels.
 * The result is a pure function of the input (up to the order in which the
 * caller lists applications and experts, which does not matter) and of the
 * seed: docs/draw.md specifies the procedure bit for bit so that a third party
 * can re-run it. It is complete (it fails only when no assignment exists),
 * minimises the largest load, and chooses every reviewer uniformly at random
 * among those that keep the remainder of the draw feasible (docs/draw.md,
 * "Guarantees").
 *
 * Strings are borrowed: the input must outlive the result, which refers to
 * applications and experts by their index in the caller's arrays.
 */
#ifndef PX_CORE_DRAW_H
#define PX_CORE_DRAW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define DRAW_ALGORITHM "px-draw-v1"
#define DRAW_SEED_BYTES 32
#define DRAW_HEX_LEN 64

/* Bounds on every input; draw_run() rejects anything larger. */
#define DRAW_MAX_APPS 5000
#define DRAW_MAX_EXPERTS 2000
#define DRAW_MAX_PANEL 16       /* reviewers per application */
#define DRAW_MAX_LOAD 1000      /* panels per expert */
#define DRAW_MAX_FIELDS 32      /* fields of one application or expert */
#define DRAW_MAX_CONFLICTS 256  /* declared conflicts of one expert */
#define DRAW_MAX_ID 128         /* bytes of any id, field or region */
#define DRAW_MAX_PAIRS 2000000  /* eligible (application, expert) pairs */

struct draw_application {
	const char *id;            /* unique among applications, e.g. "A2025-0031" */
	const char *applicant;     /* the applicant: a USCC or a person id */
	const char *organisation;  /* organisation of the applicant (often = applicant) */
	const char *region;        /* region code, e.g. "441802" */
	const char *const *fields; /* fields of the application, a set */
	size_t n_fields;
	unsigned panel;            /* reviewers wanted; 0 = draw_input.panel */
};

struct draw_expert {
	const char *id;               /* unique among experts */
	const char *employer;         /* organisation id of the employer */
	const char *region;
	const char *const *fields;    /* a set */
	size_t n_fields;
	const char *const *conflicts; /* applicant or organisation ids, a set */
	size_t n_conflicts;
};

struct draw_input {
	const struct draw_application *apps;
	size_t n_apps;
	const struct draw_expert *experts;
	size_t n_experts;
	unsigned panel;            /* default reviewers per application, 1..DRAW_MAX_PANEL */
	unsigned max_load;         /* at most this many panels per expert, 1..DRAW_MAX_LOAD */
	bool field_match;          /* require a shared field */
	bool other_region;         /* require expert region != application region */
};

struct draw_panel {
	size_t app;                       /* index into draw_input.apps */
	unsigned n;                       /* panel size of the application */
	size_t expert[DRAW_MAX_PANEL];    /* indices into draw_input.experts, in the order drawn */
};

struct draw_result {
	size_t n_panels;           /* = n_apps; ordered by application id (bytewise) */
	struct draw_panel *panels; /* owned by the result */
	size_t n_experts;          /* = n_experts */
	size_t *expert_order;      /* expert indices ordered by expert id (bytewise); owned */
	unsigned *load;            /* panels per expert, indexed like draw_input.experts; owned */
	unsigned max_load;         /* the largest load; after draw_run() the least any valid
				      assignment reaches */
	char seed_commit[DRAW_HEX_LEN + 1]; /* draw_seed_commit() of the seed */
	char inputs_hash[DRAW_HEX_LEN + 1]; /* draw_inputs_hash() of the input */
};

/*
 * Run the draw. On success fills *out (release it with draw_result_release()).
 * Errors: PX_EINVAL "invalid_draw_input" (field names the bad member, e.g.
 * "experts[3].employer"), PX_EINVAL "duplicate_id", PX_ETOOBIG "draw_too_large",
 * PX_ECONFLICT "draw_infeasible" (field = the id of an application that cannot
 * be covered, the message says why), PX_ENOMEM. On error *out is left empty.
 */
int draw_run(const struct draw_input *in, const unsigned char seed[DRAW_SEED_BYTES],
	     struct draw_result *out, struct px_err *err);

/* Free what a result owns and empty it; safe on an empty (zeroed) result. */
void draw_result_release(struct draw_result *r);

/*
 * Check a result against the input without trusting the draw: every
 * application has one panel of its size, every member satisfies every
 * constraint, employers differ within a panel, loads are counted right and
 * within max_load. Returns 0, PX_EINVAL "draw_invalid" (field = the
 * application id, "assignments" or "loads") or PX_ENOMEM.
 */
int draw_validate(const struct draw_input *in, const struct draw_result *r, struct px_err *err);

/*
 * Replace `expert` on the panel of `application` (ids), e.g. after a recusal:
 * a reviewer is drawn uniformly among the experts eligible for the application
 * that are not on its panel, not the one replaced, not from the employer of a
 * remaining member, and below max_load; nothing else changes. The stream is
 * keyed by `seed` (a fresh committed seed, or draw_derive_seed()). On success
 * updates *r in place and stores the chosen expert's index in *chosen.
 * Errors: PX_ENOTFOUND "not_found" (no such application, or the expert is not
 * on its panel), PX_ECONFLICT "draw_no_replacement" (field = application id),
 * and those of draw_run() for a bad input.
 */
int draw_replace(const struct draw_input *in, struct draw_result *r, const char *application,
		 const char *expert, const unsigned char seed[DRAW_SEED_BYTES], size_t *chosen,
		 struct px_err *err);

/*
 * The seed of the n-th replacement (n = 1, 2 ...) of a draw:
 * SHA-256("px-draw-replace-v1" 0x00 || seed || n as 4 bytes big-endian).
 */
void draw_derive_seed(const unsigned char seed[DRAW_SEED_BYTES], uint32_t n,
		      unsigned char out[DRAW_SEED_BYTES]);

/* Parse 64 hex digits (either case). PX_EINVAL "invalid_seed" otherwise. */
int draw_seed_parse(const char *hex, unsigned char seed[DRAW_SEED_BYTES], struct px_err *err);

/* The commitment of a seed: SHA-256 of its 32 bytes, lowercase hex. */
void draw_seed_commit(const unsigned char seed[DRAW_SEED_BYTES], char out[DRAW_HEX_LEN + 1]);

/*
 * SHA-256 of the canonical serialization of the input (docs/draw.md), so that
 * a published draw pins what it was run on. The input must be valid (as
 * draw_run() checks); returns 0, or the errors of draw_run() for a bad input.
 */
int draw_inputs_hash(const struct draw_input *in, char out[DRAW_HEX_LEN + 1], struct px_err *err);

#endif
