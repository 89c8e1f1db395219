/*
 * rank.c - placing candidates (rules in rank.h). The tie-break keys are a
 * table of comparators indexed by enum rank_key, so a template's declared
 * order is data. Candidates are ordered once with a stable merge sort over
 * indices (qsort has no context argument and is not stable), walked once in
 * that order, and distributed per track: O(n log n) whatever the input.
 */
#include "core/rank.h"

#include <stdlib.h>
#include <string.h>

typedef int (*cand_cmp)(const struct rank_candidate *a, const struct rank_candidate *b);

static int asc(int64_t x, int64_t y)
{
	return (x > y) - (x < y);
}

static int onsite_desc(const struct rank_candidate *a, const struct rank_candidate *b)
{
	return asc(b->onsite, a->onsite);
}

static int material_desc(const struct rank_candidate *a, const struct rank_candidate *b)
{
	return asc(b->material, a->material);
}

static int votes_desc(const struct rank_candidate *a, const struct rank_candidate *b)
{
	return asc(b->votes, a->votes);
}

static int submitted_asc(const struct rank_candidate *a, const struct rank_candidate *b)
{
	return asc(a->submitted_at, b->submitted_at);
}

static int id_asc(const struct rank_candidate *a, const struct rank_candidate *b)
{
	return asc(a->id, b->id);
}

static const struct {
	const char *name;
	cand_cmp cmp;
} key_table[RANK_KEY_COUNT] = {
	[RANK_KEY_ONSITE] = { "onsite_desc", onsite_desc },
	[RANK_KEY_MATERIAL] = { "material_desc", material_desc },
	[RANK_KEY_VOTES] = { "votes_desc", votes_desc },
	[RANK_KEY_SUBMITTED] = { "submitted_asc", submitted_asc },
	[RANK_KEY_ID] = { "id_asc", id_asc },
};

static const char *const reason_names[] = {
	[RANK_PLACED] = "placed",
	[RANK_BELOW_BAR] = "below_bar",
	[RANK_CAP_REACHED] = "cap_reached",
	[RANK_APPLICANT_LIMIT] = "applicant_limit",
	[RANK_TIE_UNBROKEN] = "tie_unbroken",
};

int rank_key_parse(const char *name, enum rank_key *key, struct px_err *err)
{
	for (int k = 0; name && k < RANK_KEY_COUNT; k++)
		if (strcmp(key_table[k].name, name) == 0) {
			*key = (enum rank_key)k;
			return 0;
		}
	return px_err_set(err, PX_EINVAL, "rank_bad_key", "tie_break",
			  "unknown tie-break key '%.40s'", name ? name : "");
}

const char *rank_key_name(enum rank_key key)
{
	return (unsigned)key < RANK_KEY_COUNT ? key_table[key].name : "?";
}

const char *rank_reason_name(enum rank_reason reason)
{
	return (unsigned)reason < sizeof(reason_names) / sizeof(reason_names[0])
		       ? reason_names[reason]
		       : "?";
}

/* --- ordering indices into the candidate array --- */

struct order {
	const struct rank_candidate *c;
	const struct rank_config *cfg;
};

typedef int (*idx_cmp)(size_t a, size_t b, const struct order *o);

/* Score, then the declared keys: 0 means tied in the sense of rank.h. */
static int by_declared(size_t a, size_t b, const struct order *o)
{
	const struct rank_candidate *x = &o->c[a], *y = &o->c[b];
	int r = asc(y->score, x->score);
	for (size_t k = 0; !r && k < o->cfg->nkeys; k++)
		r = key_table[o->cfg->keys[k]].cmp(x, y);
	return r;
}

/* The processing order: declared order, then track, then id (a total order). */
static int by_processing(size_t a, size_t b, const struct order *o)
{
	int r = by_declared(a, b, o);
	if (!r)
		r = asc(o->c[a].track, o->c[b].track);
	return r ? r : asc(o->c[a].id, o->c[b].id);
}

static int by_id(size_t a, size_t b, const struct order *o)
{
	return asc(o->c[a].id, o->c[b].id);
}

static int by_applicant_track(size_t a, size_t b, const struct order *o)
{
	int r = asc(o->c[a].applicant, o->c[b].applicant);
	return r ? r : asc(o->c[a].track, o->c[b].track);
}

/* Stable bottom-up merge sort of n indices; tmp holds n. */
static void sort_idx(size_t *v, size_t *tmp, size_t n, idx_cmp cmp, const struct order *o)
{
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				tmp[k++] = cmp(v[j], v[i], o) < 0 ? v[j++] : v[i++];
			while (i < mid)
				tmp[k++] = v[i++];
			while (j < hi)
				tmp[k++] = v[j++];
		}
		memcpy(v, tmp, n * sizeof(*v));
	}
}

/* --- validation --- */

static int check_config(const struct rank_config *cfg, size_t n, struct px_err *err)
{
	if (!cfg || cfg->ntracks == 0 || cfg->ntracks > RANK_MAX_TRACKS || !cfg->caps ||
	    cfg->nkeys > RANK_MAX_KEYS || (cfg->nkeys && !cfg->keys))
		return px_err_set(err, PX_EINVAL, "rank_bad_config", "config",
				  "ranking needs 1-%d tracks with caps and at most %d tie-break keys",
				  RANK_MAX_TRACKS, RANK_MAX_KEYS);
	for (size_t k = 0; k < cfg->nkeys; k++)
		if ((unsigned)cfg->keys[k] >= RANK_KEY_COUNT)
			return px_err_set(err, PX_EINVAL, "rank_bad_key", "tie_break",
					  "unknown tie-break key '%d'", (int)cfg->keys[k]);
	if (n > RANK_MAX_CANDIDATES)
		return px_err_set(err, PX_ETOOBIG, "rank_too_many_candidates", "candidates",
				  "at most %d candidates, got %zu", RANK_MAX_CANDIDATES, n);
	return 0;
}

/*
 * Tracks in range, ids unique, an applicant at most once per track; and the
 * dense applicant number of each candidate into app[] (for counting wins).
 */
static int check_candidates(const struct order *o, size_t n, size_t *idx, size_t *tmp,
			    size_t *app, struct px_err *err)
{
	const struct rank_candidate *c = o->c;

	for (size_t i = 0; i < n; i++) {
		if (c[i].track >= o->cfg->ntracks)
			return px_err_set(err, PX_EINVAL, "rank_bad_track", "candidates",
					  "candidate %lld is in track %u of %u",
					  (long long)c[i].id, c[i].track, o->cfg->ntracks);
		idx[i] = i;
	}
	sort_idx(idx, tmp, n, by_id, o);
	for (size_t i = 1; i < n; i++)
		if (c[idx[i]].id == c[idx[i - 1]].id)
			return px_err_set(err, PX_EINVAL, "rank_duplicate_candidate", "candidates",
					  "candidate %lld appears twice", (long long)c[idx[i]].id);
	sort_idx(idx, tmp, n, by_applicant_track, o);
	for (size_t i = 0, a = 0; i < n; i++) {
		if (i > 0 && by_applicant_track(idx[i - 1], idx[i], o) == 0)
			return px_err_set(err, PX_EINVAL, "rank_duplicate_applicant", "candidates",
					  "applicant %lld is twice in track %u",
					  (long long)c[idx[i]].applicant, c[idx[i]].track);
		if (i > 0 && c[idx[i]].applicant != c[idx[i - 1]].applicant)
			a++;
		app[idx[i]] = a;
	}
	return 0;
}

/* --- placing --- */

struct walk {
	const struct order *o;
	const size_t *app;       /* dense applicant number per candidate */
	uint32_t *wins;          /* places held, per applicant number */
	uint32_t *left;          /* places left, per track */
	bool *closed;            /* track took an unbroken tie that did not fit */
	uint32_t *seen;          /* candidates of the track already walked */
	struct rank_entry *ent;  /* per candidate index, in input order */
};

static bool at_limit(const struct walk *w, size_t i)
{
	uint32_t lim = w->o->cfg->applicant_limit;
	return lim && w->wins[w->app[i]] >= lim;
}

/* Decide the block idx[from .. to): one track, tied on score and keys. */
static void place_block(struct walk *w, const size_t *idx, size_t from, size_t to)
{
	const struct rank_candidate *c = w->o->c;
	uint32_t t = c[idx[from]].track;
	uint32_t rank = w->seen[t] + 1;
	uint32_t eligible = 0;

	w->seen[t] += (uint32_t)(to - from);
	for (size_t k = from; k < to; k++) {
		size_t i = idx[k];
		struct rank_entry *e = &w->ent[i];
		*e = (struct rank_entry){ i, c[i].id, t, rank, false, to - from > 1,
					  RANK_PLACED };
		if (c[i].score < w->o->cfg->bar)
			e->reason = RANK_BELOW_BAR;
		else if (at_limit(w, i))
			e->reason = RANK_APPLICANT_LIMIT;
		else if (w->closed[t] || w->left[t] == 0)
			e->reason = RANK_CAP_REACHED;
		else
			eligible++;
	}
	if (eligible == 0)
		return;
	bool fits = eligible <= w->left[t];
	for (size_t k = from; k < to; k++) {
		size_t i = idx[k];
		struct rank_entry *e = &w->ent[i];
		if (e->reason != RANK_PLACED)
			continue;
		if (fits) {
			e->placed = true;
			w->wins[w->app[i]]++;
		} else {
			e->reason = RANK_TIE_UNBROKEN;
		}
	}
	if (fits)
		w->left[t] -= eligible;
	else
		w->closed[t] = true;
}

static void walk_all(struct walk *w, const size_t *idx, size_t n)
{
	for (size_t from = 0, to; from < n; from = to) {
		for (to = from + 1; to < n && w->o->c[idx[to]].track == w->o->c[idx[from]].track &&
				    by_declared(idx[from], idx[to], w->o) == 0;
		     to++)
			;
		place_block(w, idx, from, to);
	}
}

/*
 * Entries grouped by track, each track in processing order (rank, then id),
 * by a counting distribution; and the count of winners per track. Reuses
 * w->seen as the fill position of each track.
 */
static void distribute(const struct walk *w, const size_t *idx, size_t n,
		       struct rank_result *out)
{
	uint32_t nt = w->o->cfg->ntracks;

	memset(out->track_first, 0, (nt + 1) * sizeof(*out->track_first));
	memset(out->track_placed, 0, nt * sizeof(*out->track_placed));
	memset(w->seen, 0, nt * sizeof(*w->seen));
	for (size_t i = 0; i < n; i++)
		out->track_first[w->o->c[i].track + 1]++;
	for (uint32_t t = 0; t < nt; t++)
		out->track_first[t + 1] += out->track_first[t];
	for (size_t k = 0; k < n; k++) {
		const struct rank_entry *e = &w->ent[idx[k]];
		out->entries[out->track_first[e->track] + w->seen[e->track]++] = *e;
		out->track_placed[e->track] += e->placed;
	}
}

int rank_run(const struct rank_candidate *cands, size_t n, const struct rank_config *cfg,
	     struct rank_result *out, struct px_err *err)
{
	struct order o = { cands, cfg };
	size_t *idx = NULL, *tmp = NULL, *app = NULL;
	struct walk w = { &o, NULL, NULL, NULL, NULL, NULL, NULL };
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = check_config(cfg, n, err)))
		return rc;
	size_t nn = n ? n : 1, nt = cfg->ntracks;
	idx = malloc(nn * sizeof(*idx));
	tmp = malloc(nn * sizeof(*tmp));
	app = malloc(nn * sizeof(*app));
	w.wins = calloc(nn, sizeof(*w.wins));
	w.left = malloc(nt * sizeof(*w.left));
	w.closed = calloc(nt, sizeof(*w.closed));
	w.seen = calloc(nt, sizeof(*w.seen));
	w.ent = malloc(nn * sizeof(*w.ent));
	out->entries = malloc(nn * sizeof(*out->entries));
	out->track_first = malloc((nt + 1) * sizeof(*out->track_first));
	out->track_placed = malloc(nt * sizeof(*out->track_placed));
	if (!idx || !tmp || !app || !w.wins || !w.left || !w.closed || !w.seen || !w.ent ||
	    !out->entries || !out->track_first || !out->track_placed) {
		rc = px_err_set(err, PX_ENOMEM, NULL, "", "out of memory ranking candidates");
		goto out;
	}
	if ((rc = check_candidates(&o, n, idx, tmp, app, err)))
		goto out;
	w.app = app;
	memcpy(w.left, cfg->caps, nt * sizeof(*w.left));
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	sort_idx(idx, tmp, n, by_processing, &o);
	walk_all(&w, idx, n);
	distribute(&w, idx, n, out);
	out->n = n;
	out->ntracks = cfg->ntracks;
out:
	if (rc)
		rank_result_release(out);
	free(w.ent);
	free(w.seen);
	free(w.closed);
	free(w.left);
	free(w.wins);
	free(app);
	free(tmp);
	free(idx);
	return rc;
}

void rank_result_release(struct rank_result *r)
{
	if (!r)
		return;
	free(r->entries);
	free(r->track_first);
	free(r->track_placed);
	memset(r, 0, sizeof(*r));
}
