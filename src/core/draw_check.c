/*
 * draw_check.c - draw_validate(): checks a result against its input with
 * nothing but the rules, written out again on the caller's strings (no
 * canonical view, no flow), so that a fault in the draw cannot hide itself.
 * Used by the tests on every draw and by whoever wants to check a published
 * assignment.
 */
#include "core/draw.h"

#include <stdlib.h>
#include <string.h>

static bool in_list(const char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return true;
	return false;
}

static bool share_field(const struct draw_application *a, const struct draw_expert *e)
{
	for (size_t i = 0; i < a->n_fields; i++)
		if (in_list(e->fields, e->n_fields, a->fields[i]))
			return true;
	return false;
}

/* The rule an expert breaks on this application, or NULL. */
static const char *broken_rule(const struct draw_input *in, const struct draw_application *a,
			       const struct draw_expert *e)
{
	if (!strcmp(e->employer, a->organisation))
		return "is employed by the applicant's organisation";
	if (in_list(e->conflicts, e->n_conflicts, a->applicant) ||
	    in_list(e->conflicts, e->n_conflicts, a->organisation))
		return "declared a conflict";
	if (in->field_match && !share_field(a, e))
		return "shares no field";
	if (in->other_region && !strcmp(e->region, a->region))
		return "is of the same region";
	return NULL;
}

static int check_panel(const struct draw_input *in, const struct draw_panel *p, unsigned *count,
		       struct px_err *err)
{
	const struct draw_application *a = &in->apps[p->app];
	unsigned k = a->panel ? a->panel : in->panel;

	if (p->n != k)
		return px_err_set(err, PX_EINVAL, "draw_invalid", a->id,
				  "panel of '%s' has %u reviewers, expected %u", a->id, p->n, k);
	for (unsigned i = 0; i < p->n; i++) {
		if (p->expert[i] >= in->n_experts)
			return px_err_set(err, PX_EINVAL, "draw_invalid", a->id,
					  "panel of '%s' names expert index %zu", a->id, p->expert[i]);
		const struct draw_expert *e = &in->experts[p->expert[i]];
		const char *why = broken_rule(in, a, e);
		if (why)
			return px_err_set(err, PX_EINVAL, "draw_invalid", a->id,
					  "expert '%s' on the panel of '%s' %s", e->id, a->id, why);
		for (unsigned j = 0; j < i; j++) {
			const struct draw_expert *o = &in->experts[p->expert[j]];
			if (o == e)
				return px_err_set(err, PX_EINVAL, "draw_invalid", a->id,
						  "expert '%s' twice on the panel of '%s'", e->id, a->id);
			if (!strcmp(o->employer, e->employer))
				return px_err_set(err, PX_EINVAL, "draw_invalid", a->id,
						  "experts '%s' and '%s' on the panel of '%s' share "
						  "the employer '%s'", o->id, e->id, a->id, e->employer);
		}
		count[p->expert[i]]++;
	}
	return 0;
}

int draw_validate(const struct draw_input *in, const struct draw_result *r, struct px_err *err)
{
	unsigned *count = calloc(in->n_experts ? in->n_experts : 1, sizeof(*count));
	unsigned char *seen = calloc(in->n_apps ? in->n_apps : 1, 1);
	unsigned most = 0;
	int rc = 0;

	if (!count || !seen) {
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "cannot allocate the check");
		goto out;
	}
	if (r->n_panels != in->n_apps || r->n_experts != in->n_experts || !r->load) {
		rc = px_err_set(err, PX_EINVAL, "draw_invalid", "assignments",
				"%zu panels for %zu applications", r->n_panels, in->n_apps);
		goto out;
	}
	for (size_t i = 0; i < r->n_panels && !rc; i++) {
		size_t app = r->panels[i].app;
		if (app >= in->n_apps || seen[app]) {
			rc = px_err_set(err, PX_EINVAL, "draw_invalid", "assignments",
					"panel %zu is of no application or of one already covered", i);
			break;
		}
		seen[app] = 1;
		rc = check_panel(in, &r->panels[i], count, err);
	}
	for (size_t e = 0; e < in->n_experts && !rc; e++) {
		if (count[e] != r->load[e] || count[e] > in->max_load)
			rc = px_err_set(err, PX_EINVAL, "draw_invalid", "loads",
					"expert '%s' sits on %u panels, the result says %u, the limit is %u",
					in->experts[e].id, count[e], r->load[e], in->max_load);
		if (count[e] > most)
			most = count[e];
	}
	if (!rc && most != r->max_load)
		rc = px_err_set(err, PX_EINVAL, "draw_invalid", "loads",
				"the largest load is %u, the result says %u", most, r->max_load);
out:
	free(count);
	free(seen);
	return rc;
}
