/*
 * draw.c - the draw itself (docs/draw.md, "Procedure"): check that each
 * application can be covered, find the least load limit L* <= max_load under
 * which all can be covered at once (binary search on maximum flows), then
 * walk the applications in a seeded random order and, for each, its eligible
 * experts in a seeded random order, keeping an expert when some valid
 * assignment with loads <= L* contains him together with every choice made
 * so far. The answer to that question is what the flow network gives; the
 * choices are the result.
 */
#include "core/draw_internal.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- infeasible: explain with the minimum cut ---- */

static int explain_cut(struct draw_net *n, const struct draw_canon *c, uint64_t flow,
		       struct px_err *err)
{
	uint8_t *mark = malloc(n->nv);
	size_t apps = 0, first = SIZE_MAX;
	uint64_t need = 0;
	char ids[120] = "";
	size_t len = 0;

	if (!mark)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "cannot allocate the cut");
	draw_net_source_side(n, mark);
	for (size_t a = 0; a < c->na; a++) {
		if (!mark[2 + a])
			continue;
		if (first == SIZE_MAX)
			first = a;
		need += c->k[a];
		if (apps < 4 && len < sizeof(ids))
			len += (size_t)snprintf(ids + len, sizeof(ids) - len, "%s'%s'", apps ? ", " : "",
						c->in->apps[c->app[a]].id);
		apps++;
	}
	free(mark);
	/* the applications outside the cut are covered: the deficit is inside */
	assert(first != SIZE_MAX && need > c->sum_k - flow);
	const char *id = c->in->apps[c->app[first]].id;
	return px_err_set(err, PX_ECONFLICT, "draw_infeasible", id,
			  "application '%s' cannot be covered within the load limit %u: the %zu "
			  "applications competing for the same experts (%s%s) need %llu reviewers "
			  "and at most %llu can be placed",
			  id, c->in->max_load, apps, ids, apps > 4 ? ", ..." : "",
			  (unsigned long long)need,
			  (unsigned long long)(need - (c->sum_k - flow)));
}

/* ---- the least load limit ---- */

/*
 * Leave in *n a full flow under the least limit L* <= max_load that has one,
 * and L* in *limit; or fail with draw_infeasible. Binary search over
 * [ceil(sum k / experts), max_load]: feasibility is monotone in the limit.
 */
static int balance(struct draw_net *n, const struct draw_canon *c, unsigned *limit,
		   struct px_err *err)
{
	unsigned lo, hi = c->in->max_load;
	int32_t *best = NULL;
	uint64_t flow;

	draw_net_reset(n, hi);
	flow = draw_net_maxflow(n);
	if (flow < c->sum_k)
		return explain_cut(n, c, flow, err);
	best = malloc(n->nedges * sizeof(*best));
	if (!best)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "cannot allocate the flow");
	memcpy(best, n->cap, n->nedges * sizeof(*best));
	lo = (unsigned)((c->sum_k + c->ne - 1) / c->ne);
	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		draw_net_reset(n, mid);
		if (draw_net_maxflow(n) == c->sum_k) {
			hi = mid;
			memcpy(best, n->cap, n->nedges * sizeof(*best));
		} else {
			lo = mid + 1;
		}
	}
	draw_net_reset(n, hi);
	memcpy(n->cap, best, n->nedges * sizeof(*best));
	free(best);
	*limit = hi;
	return 0;
}

/* ---- the sequential choice ---- */

struct walk {
	struct draw_net *n;
	const struct draw_canon *c;
	struct draw_rng rng;
	unsigned limit;         /* L* */
	unsigned *locked_load;  /* per canonical expert: choices made so far */
	uint32_t *emp_stamp;    /* per employer: 1 + application whose panel has it */
	uint32_t *cand;         /* scratch: eligible pairs of one application */
};

/* May canonical expert e still join the panel of a? Cheap refusals first;
   both are implied by the flow test, which decides. */
static bool keep(struct walk *w, uint32_t a, uint32_t pair)
{
	uint32_t e = w->c->elig[pair];
	if (w->locked_load[e] == w->limit || w->emp_stamp[w->c->emp[e]] == a + 1)
		return false;
	return draw_net_force(w->n, pair);
}

static void fill_panel(struct walk *w, uint32_t a, struct draw_panel *panel)
{
	const struct draw_canon *c = w->c;
	uint32_t start = c->elig_start[a], m = c->elig_start[a + 1] - start;

	for (uint32_t i = 0; i < m; i++)
		w->cand[i] = start + i; /* in canonical expert order */
	draw_rng_shuffle(&w->rng, w->cand, m);
	panel->app = c->app[a];
	panel->n = 0;
	for (uint32_t i = 0; i < m && panel->n < c->k[a]; i++) {
		uint32_t pair = w->cand[i], e = c->elig[pair];
		if (!keep(w, a, pair))
			continue;
		w->locked_load[e]++;
		w->emp_stamp[c->emp[e]] = a + 1;
		panel->expert[panel->n++] = c->exp[e];
	}
	/* a full flow under L* keeps every locked pair: a place is always left */
	assert(panel->n == c->k[a]);
}

static int walk(struct draw_net *n, const struct draw_canon *c, unsigned limit,
		const unsigned char seed[DRAW_SEED_BYTES], struct draw_result *out,
		struct px_err *err)
{
	struct walk w = { n, c, { { 0 } }, limit, NULL, NULL, NULL };
	uint32_t *order = malloc(c->na * sizeof(*order));
	uint32_t most = 0;
	int rc = 0;

	for (size_t a = 0; a < c->na; a++)
		if (c->elig_start[a + 1] - c->elig_start[a] > most)
			most = c->elig_start[a + 1] - c->elig_start[a];
	w.locked_load = calloc(c->ne, sizeof(*w.locked_load));
	w.emp_stamp = calloc(c->n_emp, sizeof(*w.emp_stamp));
	w.cand = malloc((most ? most : 1) * sizeof(*w.cand));
	if (!order || !w.locked_load || !w.emp_stamp || !w.cand) {
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "cannot allocate the draw");
		goto out;
	}
	draw_rng_init(&w.rng, seed);
	for (uint32_t a = 0; a < c->na; a++)
		order[a] = a;
	draw_rng_shuffle(&w.rng, order, c->na);
	for (size_t i = 0; i < c->na; i++)
		fill_panel(&w, order[i], &out->panels[order[i]]);
	for (size_t e = 0; e < c->ne; e++)
		out->load[c->exp[e]] = w.locked_load[e];
out:
	free(order);
	free(w.locked_load);
	free(w.emp_stamp);
	free(w.cand);
	return rc;
}

/* ---- the API ---- */

int draw_run(const struct draw_input *in, const unsigned char seed[DRAW_SEED_BYTES],
	     struct draw_result *out, struct px_err *err)
{
	struct draw_canon c;
	struct draw_net n;
	unsigned limit = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&n, 0, sizeof(n));
	if ((rc = draw_canon_build(in, &c, err)))
		return rc;
	if ((rc = draw_canon_eligible(&c, err)) || (rc = draw_canon_check_local(&c, err)) ||
	    (rc = draw_net_build(&n, &c, err)) || (rc = balance(&n, &c, &limit, err)))
		goto out;
	out->n_panels = c.na;
	out->n_experts = c.ne;
	out->panels = calloc(c.na, sizeof(*out->panels));
	out->expert_order = malloc(c.ne * sizeof(*out->expert_order));
	out->load = calloc(c.ne, sizeof(*out->load));
	if (!out->panels || !out->expert_order || !out->load) {
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "cannot allocate the result");
		goto out;
	}
	if ((rc = walk(&n, &c, limit, seed, out, err)))
		goto out;
	for (size_t e = 0; e < c.ne; e++)
		out->expert_order[e] = c.exp[e];
	out->max_load = limit;
	draw_seed_commit(seed, out->seed_commit);
	draw_canon_hash(&c, out->inputs_hash);
out:
	if (rc)
		draw_result_release(out);
	draw_net_release(&n);
	draw_canon_release(&c);
	return rc;
}

void draw_result_release(struct draw_result *r)
{
	free(r->panels);
	free(r->expert_order);
	free(r->load);
	memset(r, 0, sizeof(*r));
}
