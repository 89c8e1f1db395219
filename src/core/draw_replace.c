/*
 * draw_replace.c - the replacement draw: when a reviewer withdraws (recusal,
 * illness), one expert is drawn in his place on that one panel, uniformly
 * among the experts that keep every constraint, and nothing else moves
 * (docs/draw.md, "Replacement draw"). The candidates are listed in canonical
 * expert order and one draw_rng_below(count) of a stream keyed by the
 * replacement's own seed picks one.
 */
#include "core/draw_internal.h"

#include <stdlib.h>
#include <string.h>

static struct draw_panel *panel_of(struct draw_result *r, size_t app)
{
	for (size_t i = 0; i < r->n_panels; i++)
		if (r->panels[i].app == app)
			return &r->panels[i];
	return NULL;
}

/* Is canonical expert e barred from the panel by its members (other than slot)? */
static bool barred(const struct draw_canon *c, const struct draw_panel *p, unsigned slot, uint32_t e)
{
	for (unsigned i = 0; i < p->n; i++) {
		uint32_t m = c->exp_pos[p->expert[i]];
		if (m == e || (i != slot && c->emp[m] == c->emp[e]))
			return true;
	}
	return false;
}

static int pick(struct draw_canon *c, struct draw_result *r, long a, struct draw_panel *p,
		unsigned slot, const unsigned char seed[DRAW_SEED_BYTES], size_t *chosen,
		struct px_err *err)
{
	uint32_t start = c->elig_start[a], m = c->elig_start[a + 1] - start, n = 0;
	uint32_t *cand = malloc((m ? m : 1) * sizeof(*cand));
	struct draw_rng rng;
	const char *id = c->in->apps[c->app[a]].id;

	if (!cand)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "cannot allocate candidates");
	for (uint32_t j = start; j < start + m; j++) {
		uint32_t e = c->elig[j];
		if (!barred(c, p, slot, e) && r->load[c->exp[e]] < c->in->max_load)
			cand[n++] = e;
	}
	if (!n) {
		free(cand);
		return px_err_set(err, PX_ECONFLICT, "draw_no_replacement", id,
				  "no expert can replace '%s' on the panel of '%s'",
				  c->in->experts[p->expert[slot]].id, id);
	}
	draw_rng_init(&rng, seed);
	*chosen = c->exp[cand[draw_rng_below(&rng, n)]];
	free(cand);
	return 0;
}

int draw_replace(const struct draw_input *in, struct draw_result *r, const char *application,
		 const char *expert, const unsigned char seed[DRAW_SEED_BYTES], size_t *chosen,
		 struct px_err *err)
{
	struct draw_canon c;
	struct draw_panel *p = NULL;
	long a, x;
	unsigned slot = 0;
	int rc;

	if ((rc = draw_canon_build(in, &c, err)))
		return rc;
	if ((rc = draw_canon_eligible(&c, err)))
		goto out;
	if (r->n_experts != in->n_experts || r->n_panels != in->n_apps) {
		rc = px_err_set(err, PX_EINVAL, "draw_invalid", "assignments",
				"the result is not of this input");
		goto out;
	}
	a = draw_canon_find_app(&c, application);
	x = draw_canon_find_expert(&c, expert);
	if (a >= 0)
		p = panel_of(r, c.app[a]);
	while (p && x >= 0 && slot < p->n && p->expert[slot] != c.exp[x])
		slot++;
	if (!p || x < 0 || slot == p->n) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "expert", "expert '%s' is not on the panel of '%s'",
				expert, application);
		goto out;
	}
	if ((rc = pick(&c, r, a, p, slot, seed, chosen, err)))
		goto out;
	r->load[p->expert[slot]]--;
	r->load[*chosen]++;
	p->expert[slot] = *chosen;
	r->max_load = 0;
	for (size_t e = 0; e < r->n_experts; e++)
		if (r->load[e] > r->max_load)
			r->max_load = r->load[e];
out:
	draw_canon_release(&c);
	return rc;
}
