/*
 * draw_doc.c - stored draw inputs and results to and from the structs of
 * core/draw.h (see draw_doc.h). The application writes the inputs itself,
 * so reading checks their shape and leaves the bounds to draw_run().
 */
#include "app/review/draw_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int bad(struct px_err *err, const char *path, const char *what)
{
	return px_err_set(err, PX_EINVAL, "invalid_draw_input", path, "%s", what);
}

static const char *str(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/* A list of strings into the pool; *used advances. */
static int list_of(json_t *obj, const char *key, const char **pool, size_t *used, const char *const **out,
		   size_t *n, struct px_err *err)
{
	json_t *arr = json_object_get(obj, key), *v;
	size_t i;
	*out = pool + *used;
	*n = 0;
	if (!arr)
		return 0;
	if (!json_is_array(arr))
		return bad(err, key, "expected an array of strings");
	json_array_foreach(arr, i, v) {
		if (!json_is_string(v))
			return bad(err, key, "expected an array of strings");
		pool[(*used)++] = json_string_value(v);
	}
	*n = json_array_size(arr);
	return 0;
}

static size_t count_lists(json_t *arr, const char *k1, const char *k2)
{
	size_t i, total = 0;
	json_t *v;
	json_array_foreach(arr, i, v) {
		total += json_array_size(json_object_get(v, k1));
		if (k2)
			total += json_array_size(json_object_get(v, k2));
	}
	return total;
}

int draw_doc_load(json_t *root, struct draw_doc *d, struct px_err *err)
{
	json_t *apps = json_object_get(root, "applications"), *experts = json_object_get(root, "experts"), *v;
	json_t *constraints = json_object_get(root, "constraints");
	size_t i, used = 0;
	int rc = 0;

	memset(d, 0, sizeof(*d));
	if (!json_is_array(apps) || !json_is_array(experts) || !json_is_object(constraints) ||
	    !json_is_integer(json_object_get(root, "panel")) || !json_is_integer(json_object_get(root, "max_load")))
		return bad(err, "", "an input has panel, max_load, constraints, applications and experts");
	d->root = json_incref(root);
	d->apps = calloc(json_array_size(apps) + 1, sizeof(*d->apps));
	d->experts = calloc(json_array_size(experts) + 1, sizeof(*d->experts));
	d->pool = calloc(count_lists(apps, "fields", NULL) + count_lists(experts, "fields", "conflicts") + 1,
			 sizeof(*d->pool));
	if (!d->apps || !d->experts || !d->pool) {
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "cannot allocate the draw input");
		goto out;
	}
	json_array_foreach(apps, i, v) {
		struct draw_application *a = &d->apps[i];
		json_int_t panel = json_integer_value(json_object_get(v, "panel"));
		a->id = str(v, "id");
		a->organisation = str(v, "organisation");
		a->applicant = str(v, "applicant") ? str(v, "applicant") : a->organisation;
		a->region = str(v, "region");
		a->panel = panel > 0 && panel <= DRAW_MAX_PANEL ? (unsigned)panel : 0;
		if (!a->id || !a->organisation || !a->region) {
			rc = bad(err, "applications", "an application has id, organisation and region");
			goto out;
		}
		if ((rc = list_of(v, "fields", d->pool, &used, &a->fields, &a->n_fields, err)))
			goto out;
	}
	json_array_foreach(experts, i, v) {
		struct draw_expert *e = &d->experts[i];
		e->id = str(v, "id");
		e->employer = str(v, "employer");
		e->region = str(v, "region");
		if (!e->id || !e->employer || !e->region) {
			rc = bad(err, "experts", "an expert has id, employer and region");
			goto out;
		}
		if ((rc = list_of(v, "fields", d->pool, &used, &e->fields, &e->n_fields, err)) ||
		    (rc = list_of(v, "conflicts", d->pool, &used, &e->conflicts, &e->n_conflicts, err)))
			goto out;
	}
	d->in.apps = d->apps;
	d->in.n_apps = json_array_size(apps);
	d->in.experts = d->experts;
	d->in.n_experts = json_array_size(experts);
	d->in.panel = (unsigned)json_integer_value(json_object_get(root, "panel"));
	d->in.max_load = (unsigned)json_integer_value(json_object_get(root, "max_load"));
	d->in.field_match = json_is_true(json_object_get(constraints, "field_match"));
	d->in.other_region = json_is_true(json_object_get(constraints, "other_region"));
out:
	if (rc)
		draw_doc_release(d);
	return rc;
}

void draw_doc_release(struct draw_doc *d)
{
	json_decref(d->root);
	free(d->apps);
	free(d->experts);
	free(d->pool);
	memset(d, 0, sizeof(*d));
}

json_t *draw_doc_result_json(const struct draw_input *in, const struct draw_result *r)
{
	json_t *assignments = json_array(), *loads = json_object();
	int bad_alloc = !assignments || !loads;

	for (size_t i = 0; i < r->n_panels && !bad_alloc; i++) {
		const struct draw_panel *p = &r->panels[i];
		json_t *experts = json_array();
		for (unsigned j = 0; experts && j < p->n; j++)
			bad_alloc |= json_array_append_new(experts, json_string(in->experts[p->expert[j]].id));
		bad_alloc |= json_array_append_new(assignments, json_pack("{s:s, s:o}", "application",
									    in->apps[p->app].id, "experts", experts));
	}
	for (size_t i = 0; i < r->n_experts && !bad_alloc; i++) {
		size_t e = r->expert_order[i];
		bad_alloc |= json_object_set_new(loads, in->experts[e].id, json_integer(r->load[e]));
	}
	if (bad_alloc) {
		json_decref(assignments);
		json_decref(loads);
		return NULL;
	}
	return json_pack("{s:s, s:s, s:s, s:i, s:o, s:o}", "algorithm", DRAW_ALGORITHM, "seed_commit", r->seed_commit,
			 "inputs_hash", r->inputs_hash, "max_load", (int)r->max_load, "assignments", assignments,
			 "loads", loads);
}

static int by_id(const void *a, const void *b, void *arg)
{
	const struct draw_expert *e = arg;
	return strcmp(e[*(const size_t *)a].id, e[*(const size_t *)b].id);
}

static long find_app(const struct draw_input *in, const char *id)
{
	for (size_t i = 0; id && i < in->n_apps; i++)
		if (!strcmp(in->apps[i].id, id))
			return (long)i;
	return -1;
}

static long find_expert(const struct draw_input *in, const size_t *order, const char *id)
{
	size_t lo = 0, hi = in->n_experts;
	while (id && lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(in->experts[order[mid]].id, id);
		if (!c)
			return (long)order[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

int draw_doc_result_load(const struct draw_input *in, json_t *result, struct draw_result *r, struct px_err *err)
{
	json_t *assignments = json_object_get(result, "assignments"), *a;
	size_t i;
	int rc = 0;

	memset(r, 0, sizeof(*r));
	if (!json_is_array(assignments) || json_array_size(assignments) != in->n_apps)
		return px_err_set(err, PX_EINVAL, "draw_invalid", "assignments", "the result does not cover the input");
	r->panels = calloc(in->n_apps + 1, sizeof(*r->panels));
	r->expert_order = calloc(in->n_experts + 1, sizeof(*r->expert_order));
	r->load = calloc(in->n_experts + 1, sizeof(*r->load));
	if (!r->panels || !r->expert_order || !r->load) {
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "cannot allocate the result");
		goto out;
	}
	r->n_panels = in->n_apps;
	r->n_experts = in->n_experts;
	for (i = 0; i < in->n_experts; i++)
		r->expert_order[i] = i;
	qsort_r(r->expert_order, in->n_experts, sizeof(*r->expert_order), by_id, (void *)in->experts);
	json_array_foreach(assignments, i, a) {
		struct draw_panel *p = &r->panels[i];
		const char *app = json_string_value(json_object_get(a, "application"));
		json_t *experts = json_object_get(a, "experts"), *e;
		size_t j;
		long ai = find_app(in, app);
		if (ai < 0 || !json_is_array(experts) || json_array_size(experts) > DRAW_MAX_PANEL) {
			rc = px_err_set(err, PX_EINVAL, "draw_invalid", "assignments", "panel %zu is not of this input", i);
			goto out;
		}
		p->app = (size_t)ai;
		p->n = (unsigned)json_array_size(experts);
		json_array_foreach(experts, j, e) {
			long x = find_expert(in, r->expert_order, json_string_value(e));
			if (x < 0) {
				rc = px_err_set(err, PX_EINVAL, "draw_invalid", app, "expert '%s' is not in the input",
						json_string_value(e) ? json_string_value(e) : "");
				goto out;
			}
			p->expert[j] = (size_t)x;
			if (++r->load[x] > r->max_load)
				r->max_load = r->load[x];
		}
	}
	snprintf(r->seed_commit, sizeof(r->seed_commit), "%s",
		 json_string_value(json_object_get(result, "seed_commit")) ? json_string_value(json_object_get(result, "seed_commit")) : "");
	snprintf(r->inputs_hash, sizeof(r->inputs_hash), "%s",
		 json_string_value(json_object_get(result, "inputs_hash")) ? json_string_value(json_object_get(result, "inputs_hash")) : "");
out:
	if (rc)
		draw_result_release(r);
	return rc;
}
