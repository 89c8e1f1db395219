/*
 * composite.c - the brand ranking's composite of vote, promotion group and
 * expert panel, and the Top N of each track under declared tie-breaks (see
 * composite.h for the rule).
 */
#include "core/composite.h"

#include <stdlib.h>
#include <string.h>

#include "core/score.h"

static const char *const key_names[COMPOSITE_KEY_COUNT] = {
	[COMPOSITE_KEY_EXPERT] = "expert_desc",     [COMPOSITE_KEY_PROMOTION] = "promotion_desc",
	[COMPOSITE_KEY_VOTES] = "votes_desc",       [COMPOSITE_KEY_SUBMITTED] = "submitted_asc",
	[COMPOSITE_KEY_ID] = "id_asc",
};

int composite_key_parse(const char *name, enum composite_key *key, struct px_err *err)
{
	for (int k = 0; k < COMPOSITE_KEY_COUNT; k++)
		if (name && !strcmp(name, key_names[k])) {
			*key = (enum composite_key)k;
			return 0;
		}
	return px_err_set(err, PX_EINVAL, "composite_bad_key", "tie_break", "unknown tie-break key '%s'",
			  name ? name : "");
}

const char *composite_key_name(enum composite_key key)
{
	return (unsigned)key < COMPOSITE_KEY_COUNT ? key_names[key] : "?";
}

/* the declared keys, handed to qsort_r */
struct order {
	const enum composite_key *keys;
	size_t nkeys;
};

static int cmp64(int64_t a, int64_t b)
{
	return (a > b) - (a < b);
}

/* <0 when a goes before b on key k */
static int by_key(const struct composite_entry *a, const struct composite_entry *b, enum composite_key k)
{
	switch (k) {
	case COMPOSITE_KEY_EXPERT:
		return cmp64(b->expert, a->expert);
	case COMPOSITE_KEY_PROMOTION:
		return cmp64(b->promotion, a->promotion);
	case COMPOSITE_KEY_VOTES:
		return cmp64(b->votes, a->votes);
	case COMPOSITE_KEY_SUBMITTED:
		return cmp64(a->submitted_at, b->submitted_at);
	case COMPOSITE_KEY_ID:
	case COMPOSITE_KEY_COUNT:
		break;
	}
	return cmp64(a->id, b->id);
}

/* Score and declared keys only: 0 means tied. */
static int declared_order(const struct order *o, const struct composite_entry *a, const struct composite_entry *b)
{
	int c = cmp64(b->score, a->score);
	for (size_t i = 0; !c && i < o->nkeys; i++)
		c = by_key(a, b, o->keys[i]);
	return c;
}

/* Track, then declared order, then id: a total order, the same on every machine. */
static int cmp_entries(const void *pa, const void *pb, void *ctx)
{
	const struct composite_entry *a = pa, *b = pb;
	int c = a->track != b->track ? (a->track < b->track ? -1 : 1) : declared_order(ctx, a, b);
	return c ? c : cmp64(a->id, b->id);
}

/* Track, then id: duplicates side by side. */
static int cmp_track_id(const void *pa, const void *pb, void *ctx)
{
	const struct composite_entry *a = pa, *b = pb;
	(void)ctx;
	return a->track != b->track ? (a->track < b->track ? -1 : 1) : cmp64(a->id, b->id);
}

static int check_input(const struct composite_config *cfg, const struct composite_entry *e, size_t n,
		       struct px_err *err)
{
	const struct composite_weights *w = &cfg->weights;

	if (!cfg->ntracks || cfg->ntracks > COMPOSITE_MAX_TRACKS)
		return px_err_set(err, PX_EINVAL, "composite_bad_config", "ntracks", "1 to %d tracks",
				  COMPOSITE_MAX_TRACKS);
	if (!cfg->top_n)
		return px_err_set(err, PX_EINVAL, "composite_bad_config", "top_n", "top_n must be at least 1");
	if (cfg->nkeys > COMPOSITE_MAX_KEYS || (cfg->nkeys && !cfg->keys))
		return px_err_set(err, PX_EINVAL, "composite_bad_config", "nkeys", "at most %d tie-break keys",
				  COMPOSITE_MAX_KEYS);
	for (size_t k = 0; k < cfg->nkeys; k++)
		if ((unsigned)cfg->keys[k] >= COMPOSITE_KEY_COUNT)
			return px_err_set(err, PX_EINVAL, "composite_bad_config", "nkeys", "unknown tie-break key");
	if (w->vote < 0 || w->promotion < 0 || w->expert < 0 || w->vote + w->promotion + w->expert != 1000)
		return px_err_set(err, PX_EINVAL, "composite_bad_weights", "weights",
				  "weights are per mille, each at least 0, summing to 1000 (got %d + %d + %d)", w->vote,
				  w->promotion, w->expert);
	if (n > COMPOSITE_MAX_CANDIDATES)
		return px_err_set(err, PX_ETOOBIG, "composite_too_many", "entries", "at most %d candidates",
				  COMPOSITE_MAX_CANDIDATES);
	for (size_t i = 0; i < n; i++)
		if (e[i].track >= cfg->ntracks || e[i].votes < 0 || e[i].promotion < 0 ||
		    e[i].promotion > COMPOSITE_FULL || e[i].expert < 0 || e[i].expert > COMPOSITE_FULL)
			return px_err_set(err, PX_EINVAL, "composite_bad_entry", "entries", "candidate %zu: track, votes "
					  "or a panel score out of range", i);
	return 0;
}

/* vote_score and score of every entry; the largest vote count per track first. */
static int combine(const struct composite_config *cfg, struct composite_entry *e, size_t n, struct px_err *err)
{
	int64_t top[COMPOSITE_MAX_TRACKS] = { 0 };
	int rc;

	for (size_t i = 0; i < n; i++)
		if (e[i].votes > top[e[i].track])
			top[e[i].track] = e[i].votes;
	for (size_t i = 0; i < n; i++) {
		int64_t t = top[e[i].track];
		/* round half up; votes <= t, so the product stays far below INT64_MAX for any real count */
		e[i].vote_score = t ? (e[i].votes * COMPOSITE_FULL * 2 + t) / (2 * t) : 0;
		struct score_part parts[3] = {
			{ e[i].vote_score, cfg->weights.vote },
			{ e[i].promotion, cfg->weights.promotion },
			{ e[i].expert, cfg->weights.expert },
		};
		if ((rc = score_combine(parts, 3, &e[i].score, err)))
			return rc;
	}
	return 0;
}

/* Ranks, ties and places of the sorted entries of one track, e[0..n). */
static void place_track(const struct order *o, uint32_t top_n, struct composite_entry *e, size_t n)
{
	uint32_t left = top_n;
	bool closed = false;

	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && !declared_order(o, &e[i], &e[j]))
			j++;
		size_t block = j - i;
		bool fits = !closed && block <= left;
		for (size_t k = i; k < j; k++) {
			e[k].rank = (uint32_t)(i + 1);
			e[k].tied = block > 1;
			e[k].placed = fits;
		}
		if (fits)
			left -= (uint32_t)block;
		else
			closed = true;
		i = j;
	}
}

int composite_compute(const struct composite_config *cfg, struct composite_entry *e, size_t n,
		      struct px_err *err)
{
	struct order o = { cfg->keys, cfg->nkeys };
	int rc;

	if ((rc = check_input(cfg, e, n, err)))
		return rc;
	if (!n)
		return 0;
	qsort_r(e, n, sizeof(*e), cmp_track_id, NULL);
	for (size_t i = 1; i < n; i++)
		if (e[i].track == e[i - 1].track && e[i].id == e[i - 1].id)
			return px_err_set(err, PX_EINVAL, "composite_duplicate", "entries",
					  "application %lld is twice in track %u", (long long)e[i].id, e[i].track);
	if ((rc = combine(cfg, e, n, err)))
		return rc;
	qsort_r(e, n, sizeof(*e), cmp_entries, &o);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && e[j].track == e[i].track)
			j++;
		place_track(&o, cfg->top_n, e + i, j - i);
		i = j;
	}
	return 0;
}
