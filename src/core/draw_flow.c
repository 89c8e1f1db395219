/*
 * draw_flow.c - the flow network of a draw (see draw_internal.h): building it
 * from the canonical input, Dinic's maximum flow, forcing one more pair into
 * a maximum flow while keeping the locked ones (a breadth-first search for a
 * residual cycle), and the source side of the minimum cut that explains an
 * infeasible draw. Which maximum flow is found never shows in a draw's result:
 * the draw only asks whether a flow exists, and the answer is the same for
 * any implementation (docs/draw.md, "Feasibility").
 *
 * Edges come in pairs: edge 2i is a forward edge, 2i+1 its reverse.
 */
#include "core/draw_internal.h"

#include <stdlib.h>
#include <string.h>

struct builder {
	uint32_t *from;  /* per edge, until the CSR is built */
	uint32_t n;      /* edges so far */
};

static uint32_t add_pair(struct draw_net *n, struct builder *b, uint32_t u, uint32_t v, int32_t cap)
{
	uint32_t e = b->n;
	b->from[e] = u;
	n->to[e] = v;
	n->cap0[e] = cap;
	b->from[e + 1] = v;
	n->to[e + 1] = u;
	n->cap0[e + 1] = 0;
	b->n += 2;
	return e;
}

static int alloc_net(struct draw_net *n, uint32_t max_edges, uint32_t npairs, uint32_t ne)
{
	n->to = malloc(max_edges * sizeof(*n->to));
	n->cap0 = malloc(max_edges * sizeof(*n->cap0));
	n->cap = malloc(max_edges * sizeof(*n->cap));
	n->locked = calloc(max_edges / 2, 1);
	n->pair_edge = malloc((npairs ? npairs : 1) * sizeof(*n->pair_edge));
	n->pair_group = malloc((npairs ? npairs : 1) * sizeof(*n->pair_group));
	n->sink_edge = malloc(ne * sizeof(*n->sink_edge));
	return n->to && n->cap0 && n->cap && n->locked && n->pair_edge && n->pair_group &&
			       n->sink_edge ? 0 : PX_ENOMEM;
}

static int alloc_nodes(struct draw_net *n)
{
	n->first = calloc((size_t)n->nv + 1, sizeof(*n->first));
	n->adj = malloc((size_t)n->nedges * sizeof(*n->adj));
	n->level = malloc((size_t)n->nv * sizeof(*n->level));
	n->it = malloc((size_t)n->nv * sizeof(*n->it));
	n->queue = malloc((size_t)n->nv * sizeof(*n->queue));
	n->parent = malloc((size_t)n->nv * sizeof(*n->parent));
	n->stamp = calloc(n->nv, sizeof(*n->stamp));
	n->bqueue = malloc((size_t)n->nv * sizeof(*n->bqueue));
	n->bparent = malloc((size_t)n->nv * sizeof(*n->bparent));
	n->bstamp = calloc(n->nv, sizeof(*n->bstamp));
	return n->first && n->adj && n->level && n->it && n->queue && n->parent && n->stamp &&
			       n->bqueue && n->bparent && n->bstamp
		       ? 0 : PX_ENOMEM;
}

/* Adjacency in CSR form: the edges out of each node in edge order. */
static void build_csr(struct draw_net *n, const uint32_t *from)
{
	for (uint32_t e = 0; e < n->nedges; e++)
		n->first[from[e] + 1]++;
	for (uint32_t u = 0; u < n->nv; u++)
		n->first[u + 1] += n->first[u];
	memcpy(n->it, n->first, n->nv * sizeof(*n->it));
	for (uint32_t e = 0; e < n->nedges; e++)
		n->adj[n->it[from[e]]++] = e;
}

int draw_net_build(struct draw_net *n, const struct draw_canon *c, struct px_err *err)
{
	uint32_t npairs = c->elig_start[c->na];
	/* pairs: source, groups (at most one per eligible pair), eligible, sink */
	uint32_t max_edges = 2 * ((uint32_t)c->na + 2 * npairs + (uint32_t)c->ne);
	struct builder b = { NULL, 0 };
	uint32_t *group_of = NULL, *group_app = NULL; /* per employer: group node, for app */
	uint32_t next_node;
	int rc = PX_ENOMEM;

	memset(n, 0, sizeof(*n));
	n->napps = (uint32_t)c->na;
	n->nexp = (uint32_t)c->ne;
	b.from = malloc(max_edges * sizeof(*b.from));
	group_of = malloc((c->n_emp ? c->n_emp : 1) * sizeof(*group_of));
	group_app = malloc((c->n_emp ? c->n_emp : 1) * sizeof(*group_app));
	if (!b.from || !group_of || !group_app || alloc_net(n, max_edges, npairs, n->nexp))
		goto out;
	for (uint32_t m = 0; m < c->n_emp; m++)
		group_app[m] = UINT32_MAX;

	next_node = 2 + n->napps + n->nexp;
	for (uint32_t a = 0; a < n->napps; a++) {
		uint32_t an = 2 + a;
		add_pair(n, &b, DRAW_SOURCE, an, (int32_t)c->k[a]);
		for (uint32_t j = c->elig_start[a]; j < c->elig_start[a + 1]; j++) {
			uint32_t e = c->elig[j], m = c->emp[e];
			if (group_app[m] != a) {
				group_app[m] = a;
				group_of[m] = next_node++;
				add_pair(n, &b, an, group_of[m], 1);
			}
			n->pair_group[j] = group_of[m];
			n->pair_edge[j] = add_pair(n, &b, group_of[m], 2 + n->napps + e, 1);
		}
	}
	for (uint32_t e = 0; e < n->nexp; e++)
		n->sink_edge[e] = add_pair(n, &b, 2 + n->napps + e, DRAW_SINK, 0);
	n->nv = next_node;
	n->nedges = b.n;
	if (alloc_nodes(n))
		goto out;
	build_csr(n, b.from);
	memcpy(n->cap, n->cap0, n->nedges * sizeof(*n->cap));
	rc = 0;
out:
	free(b.from);
	free(group_of);
	free(group_app);
	if (rc) {
		draw_net_release(n);
		px_err_set(err, rc, NULL, NULL, "cannot allocate the flow network");
	}
	return rc;
}

void draw_net_release(struct draw_net *n)
{
	free(n->first);
	free(n->adj);
	free(n->to);
	free(n->cap);
	free(n->cap0);
	free(n->locked);
	free(n->pair_edge);
	free(n->pair_group);
	free(n->sink_edge);
	free(n->level);
	free(n->it);
	free(n->queue);
	free(n->parent);
	free(n->stamp);
	free(n->bqueue);
	free(n->bparent);
	free(n->bstamp);
	memset(n, 0, sizeof(*n));
}

void draw_net_reset(struct draw_net *n, unsigned limit)
{
	for (uint32_t e = 0; e < n->nexp; e++)
		n->cap0[n->sink_edge[e]] = (int32_t)limit;
	memcpy(n->cap, n->cap0, n->nedges * sizeof(*n->cap));
	memset(n->locked, 0, n->nedges / 2);
}

/* ---- Dinic ---- */

static bool levels(struct draw_net *n)
{
	uint32_t head = 0, tail = 0;
	for (uint32_t u = 0; u < n->nv; u++)
		n->level[u] = -1;
	n->level[DRAW_SOURCE] = 0;
	n->queue[tail++] = DRAW_SOURCE;
	while (head < tail) {
		uint32_t u = n->queue[head++];
		for (uint32_t i = n->first[u]; i < n->first[u + 1]; i++) {
			uint32_t e = n->adj[i], v = n->to[e];
			if (n->cap[e] > 0 && n->level[v] < 0) {
				n->level[v] = n->level[u] + 1;
				n->queue[tail++] = v;
			}
		}
	}
	return n->level[DRAW_SINK] >= 0;
}

/* A blocking flow on the level graph, by depth-first search with current arcs. */
static uint64_t blocking_flow(struct draw_net *n)
{
	uint32_t *path = n->parent; /* edges from the source to u */
	uint32_t depth = 0, u = DRAW_SOURCE;
	uint64_t total = 0;

	memcpy(n->it, n->first, n->nv * sizeof(*n->it));
	for (;;) {
		if (u == DRAW_SINK) {
			int32_t f = INT32_MAX;
			for (uint32_t i = 0; i < depth; i++)
				if (n->cap[path[i]] < f)
					f = n->cap[path[i]];
			for (uint32_t i = 0; i < depth; i++) {
				n->cap[path[i]] -= f;
				n->cap[path[i] ^ 1] += f;
			}
			total += (uint64_t)f;
			depth = 0;
			u = DRAW_SOURCE;
			continue;
		}
		uint32_t *i = &n->it[u], end = n->first[u + 1];
		while (*i < end) {
			uint32_t e = n->adj[*i];
			if (n->cap[e] > 0 && n->level[n->to[e]] == n->level[u] + 1)
				break;
			(*i)++;
		}
		if (*i < end) {
			uint32_t e = n->adj[*i];
			path[depth++] = e;
			u = n->to[e];
			continue;
		}
		n->level[u] = -1; /* dead end: never enter again in this phase */
		if (!depth)
			return total;
		u = n->to[path[--depth] ^ 1];
	}
}

uint64_t draw_net_maxflow(struct draw_net *n)
{
	uint64_t flow = 0;
	for (uint32_t i = n->first[DRAW_SOURCE]; i < n->first[DRAW_SOURCE + 1]; i++) {
		uint32_t e = n->adj[i];
		flow += (uint64_t)(n->cap0[e] - n->cap[e]);
	}
	while (levels(n))
		flow += blocking_flow(n);
	return flow;
}

/* ---- forcing a pair ---- */

static void next_gen(struct draw_net *n)
{
	if (++n->gen == 0) {
		memset(n->stamp, 0, n->nv * sizeof(*n->stamp));
		memset(n->bstamp, 0, n->nv * sizeof(*n->bstamp));
		n->gen = 1;
	}
}

/* Residual edge e usable by the search: capacity left, not undoing a locked
   pair (the reverse of a locked forward edge), not touching the source (in a
   full flow every source edge is saturated: no cycle passes there). */
static bool usable(const struct draw_net *n, uint32_t e)
{
	return n->cap[e] > 0 && !((e & 1) && n->locked[e / 2]) && n->to[e] != DRAW_SOURCE &&
	       n->to[e ^ 1] != DRAW_SOURCE;
}

/*
 * Expand one level of one side of the search: forward along residual edges
 * from the expert, backward against them from the group. Returns the node
 * where the sides meet, or UINT32_MAX. parent[v] is the edge that reached v
 * forward, bparent[v] the edge that leaves v towards the group.
 */
static uint32_t expand(struct draw_net *n, bool fwd, uint32_t *q, uint32_t *head, uint32_t *tail)
{
	uint32_t *mine = fwd ? n->stamp : n->bstamp, *other = fwd ? n->bstamp : n->stamp;
	uint32_t *par = fwd ? n->parent : n->bparent;
	uint32_t end = *tail;
	while (*head < end) {
		uint32_t u = q[(*head)++];
		for (uint32_t i = n->first[u]; i < n->first[u + 1]; i++) {
			uint32_t e = n->adj[i], r = fwd ? e : e ^ 1, v = n->to[e];
			if (mine[v] == n->gen || !usable(n, r))
				continue;
			par[v] = r;
			if (other[v] == n->gen)
				return v;
			mine[v] = n->gen;
			q[(*tail)++] = v;
		}
	}
	return UINT32_MAX;
}

bool draw_net_force(struct draw_net *n, uint32_t p)
{
	uint32_t pe = n->pair_edge[p], g = n->pair_group[p], x = n->to[pe];
	uint32_t fh = 0, ft = 0, bh = 0, bt = 0, meet = UINT32_MAX;

	if (n->cap[pe] == 0) { /* the current flow already uses the pair */
		n->locked[pe / 2] = 1;
		return true;
	}
	next_gen(n);
	n->stamp[x] = n->gen;
	n->queue[ft++] = x;
	n->bstamp[g] = n->gen;
	n->bqueue[bt++] = g;
	while (meet == UINT32_MAX && fh < ft && bh < bt) {
		if (ft - fh <= bt - bh)
			meet = expand(n, true, n->queue, &fh, &ft);
		else
			meet = expand(n, false, n->bqueue, &bh, &bt);
	}
	if (meet == UINT32_MAX)
		return false;
	/* push one unit round the cycle g -> x -> ... -> meet -> ... -> g */
	for (uint32_t v = meet; v != x;) {
		uint32_t e = n->parent[v];
		n->cap[e]--;
		n->cap[e ^ 1]++;
		v = n->to[e ^ 1];
	}
	for (uint32_t v = meet; v != g;) {
		uint32_t e = n->bparent[v];
		n->cap[e]--;
		n->cap[e ^ 1]++;
		v = n->to[e];
	}
	n->cap[pe]--;
	n->cap[pe ^ 1]++;
	n->locked[pe / 2] = 1;
	return true;
}

void draw_net_source_side(struct draw_net *n, uint8_t *mark)
{
	uint32_t head = 0, tail = 0;
	memset(mark, 0, n->nv);
	mark[DRAW_SOURCE] = 1;
	n->queue[tail++] = DRAW_SOURCE;
	while (head < tail) {
		uint32_t u = n->queue[head++];
		for (uint32_t i = n->first[u]; i < n->first[u + 1]; i++) {
			uint32_t e = n->adj[i], v = n->to[e];
			if (n->cap[e] > 0 && !mark[v]) {
				mark[v] = 1;
				n->queue[tail++] = v;
			}
		}
	}
}
