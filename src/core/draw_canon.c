/*
 * draw_canon.c - the canonical view of a draw's input. Orders applications
 * and experts by id (bytewise, as strcmp compares) so that the caller's
 * order never matters, replaces every string by its rank among the input's
 * distinct strings (comparisons become integer compares and sets become
 * sorted code arrays), lists the eligible experts of each application and
 * explains an application that cannot be covered on its own.
 */
#include "core/draw_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- ordering by id ---- */

struct keyed {
	const char *key;
	uint32_t idx;
};

static int cmp_keyed(const void *x, const void *y)
{
	const struct keyed *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	/* equal keys (duplicates, reported next) fall back to the index: total order */
	return c ? c : (a->idx > b->idx) - (a->idx < b->idx);
}

/* Sort ids, fill order[] (canonical -> caller), fail on a duplicate. */
static int order_by_id(struct keyed *k, size_t n, uint32_t *order, const char *list,
		       struct px_err *err)
{
	qsort(k, n, sizeof(*k), cmp_keyed);
	for (size_t i = 0; i < n; i++) {
		if (i && !strcmp(k[i].key, k[i - 1].key)) {
			char field[64];
			snprintf(field, sizeof(field), "%s[%u].id", list, k[i].idx);
			return px_err_set(err, PX_EINVAL, "duplicate_id", field,
					  "duplicate id '%s' (also %s[%u])", k[i].key, list, k[i - 1].idx);
		}
		order[i] = k[i].idx;
	}
	return 0;
}

/* ---- interning ---- */

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static uint32_t code_of(const struct draw_canon *c, const char *s)
{
	const char **hit = bsearch(&s, c->str, c->n_str, sizeof(*c->str), cmp_str);
	return (uint32_t)(hit - c->str); /* every string of the input was interned */
}

static int cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return (a > b) - (a < b);
}

/* Intern a set into c->codes at *used: sorted, without duplicates. */
static struct draw_set intern_set(struct draw_canon *c, const char *const *v, size_t n, uint32_t *used)
{
	struct draw_set s = { *used, 0 };
	uint32_t *dst = c->codes + s.off;
	for (size_t i = 0; i < n; i++)
		dst[i] = code_of(c, v[i]);
	qsort(dst, n, sizeof(*dst), cmp_u32);
	for (size_t i = 0; i < n; i++)
		if (!s.n || dst[s.n - 1] != dst[i])
			dst[s.n++] = dst[i];
	*used += s.n;
	return s;
}

static void collect(const char **all, size_t *n, const char *const *v, size_t count)
{
	for (size_t i = 0; i < count; i++)
		all[(*n)++] = v[i];
}

static int intern_all(struct draw_canon *c, struct px_err *err)
{
	const struct draw_input *in = c->in;
	size_t total = 0, n = 0, sets = 0;
	uint32_t used = 0;
	int rc = PX_ENOMEM;

	for (size_t i = 0; i < in->n_apps; i++)
		sets += in->apps[i].n_fields;
	for (size_t i = 0; i < in->n_experts; i++)
		sets += in->experts[i].n_fields + in->experts[i].n_conflicts;
	total = 3 * in->n_apps + 2 * in->n_experts + sets;
	c->str = malloc(total * sizeof(*c->str));
	c->codes = malloc((sets ? sets : 1) * sizeof(*c->codes));
	if (!c->str || !c->codes)
		goto out;
	for (size_t i = 0; i < in->n_apps; i++) {
		const struct draw_application *a = &in->apps[i];
		const char *one[3] = { a->applicant, a->organisation, a->region };
		collect(c->str, &n, one, 3);
		collect(c->str, &n, a->fields, a->n_fields);
	}
	for (size_t i = 0; i < in->n_experts; i++) {
		const struct draw_expert *e = &in->experts[i];
		const char *one[2] = { e->employer, e->region };
		collect(c->str, &n, one, 2);
		collect(c->str, &n, e->fields, e->n_fields);
		collect(c->str, &n, e->conflicts, e->n_conflicts);
	}
	qsort(c->str, n, sizeof(*c->str), cmp_str);
	c->n_str = 0;
	for (size_t i = 0; i < n; i++)
		if (!c->n_str || strcmp(c->str[c->n_str - 1], c->str[i]))
			c->str[c->n_str++] = c->str[i];

	for (size_t p = 0; p < c->na; p++) {
		const struct draw_application *a = &in->apps[c->app[p]];
		c->a_applicant[p] = code_of(c, a->applicant);
		c->a_org[p] = code_of(c, a->organisation);
		c->a_region[p] = code_of(c, a->region);
		c->a_fields[p] = intern_set(c, a->fields, a->n_fields, &used);
		c->k[p] = a->panel ? a->panel : in->panel;
		c->sum_k += c->k[p];
	}
	for (size_t p = 0; p < c->ne; p++) {
		const struct draw_expert *e = &in->experts[c->exp[p]];
		c->e_employer[p] = code_of(c, e->employer);
		c->e_region[p] = code_of(c, e->region);
		c->e_fields[p] = intern_set(c, e->fields, e->n_fields, &used);
		c->e_conflicts[p] = intern_set(c, e->conflicts, e->n_conflicts, &used);
	}
	rc = 0;
out:
	if (rc)
		px_err_set(err, rc, NULL, NULL, "cannot allocate the canonical input");
	return rc;
}

/* Employers numbered 0, 1 ... in order of their id. */
static int number_employers(struct draw_canon *c, struct px_err *err)
{
	uint32_t *num = malloc(c->n_str * sizeof(*num));
	if (!num)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "cannot allocate employers");
	for (size_t i = 0; i < c->n_str; i++)
		num[i] = UINT32_MAX;
	for (size_t p = 0; p < c->ne; p++)
		num[c->e_employer[p]] = 0;
	c->n_emp = 0;
	for (size_t i = 0; i < c->n_str; i++)
		if (num[i] == 0)
			num[i] = c->n_emp++;
	for (size_t p = 0; p < c->ne; p++)
		c->emp[p] = num[c->e_employer[p]];
	free(num);
	return 0;
}

int draw_canon_build(const struct draw_input *in, struct draw_canon *c, struct px_err *err)
{
	struct keyed *k = NULL;
	int rc;

	memset(c, 0, sizeof(*c));
	if ((rc = draw_input_check(in, err)))
		return rc;
	c->in = in;
	c->na = in->n_apps;
	c->ne = in->n_experts;
	rc = PX_ENOMEM;
	k = malloc((c->na > c->ne ? c->na : c->ne) * sizeof(*k));
	c->app = malloc(c->na * sizeof(*c->app));
	c->exp = malloc(c->ne * sizeof(*c->exp));
	c->exp_pos = malloc(c->ne * sizeof(*c->exp_pos));
	c->k = malloc(c->na * sizeof(*c->k));
	c->a_applicant = malloc(c->na * sizeof(uint32_t));
	c->a_org = malloc(c->na * sizeof(uint32_t));
	c->a_region = malloc(c->na * sizeof(uint32_t));
	c->a_fields = malloc(c->na * sizeof(*c->a_fields));
	c->e_employer = malloc(c->ne * sizeof(uint32_t));
	c->e_region = malloc(c->ne * sizeof(uint32_t));
	c->e_fields = malloc(c->ne * sizeof(*c->e_fields));
	c->e_conflicts = malloc(c->ne * sizeof(*c->e_conflicts));
	c->emp = malloc(c->ne * sizeof(*c->emp));
	if (!k || !c->app || !c->exp || !c->exp_pos || !c->k || !c->a_applicant || !c->a_org ||
	    !c->a_region || !c->a_fields || !c->e_employer || !c->e_region || !c->e_fields ||
	    !c->e_conflicts || !c->emp) {
		px_err_set(err, rc, NULL, NULL, "cannot allocate the canonical input");
		goto fail;
	}
	for (size_t i = 0; i < c->na; i++)
		k[i] = (struct keyed){ in->apps[i].id, (uint32_t)i };
	if ((rc = order_by_id(k, c->na, c->app, "applications", err)))
		goto fail;
	for (size_t i = 0; i < c->ne; i++)
		k[i] = (struct keyed){ in->experts[i].id, (uint32_t)i };
	if ((rc = order_by_id(k, c->ne, c->exp, "experts", err)))
		goto fail;
	for (size_t p = 0; p < c->ne; p++)
		c->exp_pos[c->exp[p]] = (uint32_t)p;
	if ((rc = intern_all(c, err)) || (rc = number_employers(c, err)))
		goto fail;
	free(k);
	return 0;
fail:
	free(k);
	draw_canon_release(c);
	return rc;
}

/* ---- eligibility ---- */

static bool set_has(const struct draw_canon *c, struct draw_set s, uint32_t code)
{
	return bsearch(&code, c->codes + s.off, s.n, sizeof(uint32_t), cmp_u32) != NULL;
}

static bool sets_meet(const struct draw_canon *c, struct draw_set x, struct draw_set y)
{
	const uint32_t *a = c->codes + x.off, *b = c->codes + y.off;
	uint32_t i = 0, j = 0;
	while (i < x.n && j < y.n) {
		if (a[i] == b[j])
			return true;
		if (a[i] < b[j])
			i++;
		else
			j++;
	}
	return false;
}

static bool x_own_org(const struct draw_canon *c, size_t a, size_t e)
{
	return c->e_employer[e] == c->a_org[a];
}

static bool x_conflict(const struct draw_canon *c, size_t a, size_t e)
{
	return set_has(c, c->e_conflicts[e], c->a_applicant[a]) ||
	       set_has(c, c->e_conflicts[e], c->a_org[a]);
}

static bool x_field(const struct draw_canon *c, size_t a, size_t e)
{
	return c->in->field_match && !sets_meet(c, c->a_fields[a], c->e_fields[e]);
}

static bool x_region(const struct draw_canon *c, size_t a, size_t e)
{
	return c->in->other_region && c->e_region[e] == c->a_region[a];
}

/* The constraints on a single (application, expert) pair, in the order checked. */
static const struct {
	enum draw_excl why;
	bool (*excludes)(const struct draw_canon *c, size_t a, size_t e);
	const char *what; /* for explanations: "<n> <what>" */
} exclusions[] = {
	{ DRAW_X_OWN_ORG, x_own_org, "of its own organisation" },
	{ DRAW_X_CONFLICT, x_conflict, "with a declared conflict" },
	{ DRAW_X_FIELD, x_field, "without a shared field" },
	{ DRAW_X_REGION, x_region, "of the same region" },
};

#define N_EXCLUSIONS (sizeof(exclusions) / sizeof(exclusions[0]))

enum draw_excl draw_canon_excl(const struct draw_canon *c, size_t a, size_t e)
{
	for (size_t i = 0; i < N_EXCLUSIONS; i++)
		if (exclusions[i].excludes(c, a, e))
			return exclusions[i].why;
	return DRAW_ELIGIBLE;
}

int draw_canon_eligible(struct draw_canon *c, struct px_err *err)
{
	size_t cap = 1024, n = 0;
	c->elig_start = malloc((c->na + 1) * sizeof(*c->elig_start));
	c->elig = malloc(cap * sizeof(*c->elig));
	if (!c->elig_start || !c->elig)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "cannot allocate eligible pairs");
	for (size_t a = 0; a < c->na; a++) {
		c->elig_start[a] = (uint32_t)n;
		for (size_t e = 0; e < c->ne; e++) {
			if (draw_canon_excl(c, a, e) != DRAW_ELIGIBLE)
				continue;
			if (n == DRAW_MAX_PAIRS)
				return px_err_set(err, PX_ETOOBIG, "draw_too_large", "applications",
						  "more than %d eligible (application, expert) pairs",
						  DRAW_MAX_PAIRS);
			if (n == cap) {
				uint32_t *grown = realloc(c->elig, 2 * cap * sizeof(*grown));
				if (!grown)
					return px_err_set(err, PX_ENOMEM, NULL, NULL,
							  "cannot allocate eligible pairs");
				c->elig = grown;
				cap *= 2;
			}
			c->elig[n++] = (uint32_t)e;
		}
	}
	c->elig_start[c->na] = (uint32_t)n;
	return 0;
}

/* ---- explaining an application that cannot be covered on its own ---- */

int draw_canon_check_local(const struct draw_canon *c, struct px_err *err)
{
	uint32_t *seen = calloc(c->n_emp, sizeof(*seen));
	int rc = 0;
	if (!seen)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "cannot allocate employers");
	for (size_t a = 0; a < c->na && !rc; a++) {
		size_t employers = 0, n = c->elig_start[a + 1] - c->elig_start[a];
		for (uint32_t j = c->elig_start[a]; j < c->elig_start[a + 1]; j++) {
			uint32_t m = c->emp[c->elig[j]];
			if (seen[m] != a + 1) {
				seen[m] = (uint32_t)(a + 1);
				employers++;
			}
		}
		if (employers >= c->k[a])
			continue;
		size_t count[DRAW_X_COUNT] = { 0 };
		char why[160] = "";
		size_t len = 0;
		for (size_t e = 0; e < c->ne; e++)
			count[draw_canon_excl(c, a, e)]++;
		for (size_t i = 0; i < N_EXCLUSIONS; i++)
			if (count[exclusions[i].why] && len < sizeof(why))
				len += (size_t)snprintf(why + len, sizeof(why) - len, "%s%zu %s",
							len ? ", " : "; excluded: ",
							count[exclusions[i].why], exclusions[i].what);
		const char *id = c->in->apps[c->app[a]].id;
		rc = px_err_set(err, PX_ECONFLICT, "draw_infeasible", id,
				"application '%s' needs %u reviewers from distinct employers but has %zu "
				"eligible experts from %zu employers%s",
				id, c->k[a], n, employers, why);
	}
	free(seen);
	return rc;
}

/* ---- lookups and release ---- */

typedef const char *(*id_of_fn)(const struct draw_canon *c, uint32_t caller_index);

static long find(const struct draw_canon *c, const uint32_t *order, size_t n, id_of_fn key,
		 const char *id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(key(c, order[mid]), id);
		if (!cmp)
			return (long)mid;
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static const char *app_key(const struct draw_canon *c, uint32_t i)
{
	return c->in->apps[i].id;
}

static const char *expert_key(const struct draw_canon *c, uint32_t i)
{
	return c->in->experts[i].id;
}

long draw_canon_find_app(const struct draw_canon *c, const char *id)
{
	return find(c, c->app, c->na, app_key, id);
}

long draw_canon_find_expert(const struct draw_canon *c, const char *id)
{
	return find(c, c->exp, c->ne, expert_key, id);
}

void draw_canon_release(struct draw_canon *c)
{
	free(c->app);
	free(c->exp);
	free(c->exp_pos);
	free(c->k);
	free(c->str);
	free(c->codes);
	free(c->a_applicant);
	free(c->a_org);
	free(c->a_region);
	free(c->a_fields);
	free(c->e_employer);
	free(c->e_region);
	free(c->e_fields);
	free(c->e_conflicts);
	free(c->emp);
	free(c->elig_start);
	free(c->elig);
	memset(c, 0, sizeof(*c));
}
