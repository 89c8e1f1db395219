/*
 * draw_input.c - the bounds of a draw's input, checked before anything is
 * allocated: counts, panel sizes and the load limit, then every string of
 * every application and expert in the caller's order. Errors name the member
 * ("experts[3].employer") the way the JSON input file does.
 */
#include "core/draw_internal.h"

#include <stdio.h>
#include <string.h>

static int check_str(const char *s, const char *list, size_t i, const char *member,
		     struct px_err *err)
{
	char field[64];
	if (s && *s && strlen(s) <= DRAW_MAX_ID)
		return 0;
	snprintf(field, sizeof(field), "%s[%zu].%s", list, i, member);
	if (!s)
		return px_err_set(err, PX_EINVAL, "invalid_draw_input", field, "missing");
	if (!*s)
		return px_err_set(err, PX_EINVAL, "invalid_draw_input", field, "empty");
	return px_err_set(err, PX_ETOOBIG, "draw_too_large", field, "longer than %d bytes",
			  DRAW_MAX_ID);
}

static int check_set(const char *const *v, size_t n, size_t max, const char *list, size_t i,
		     const char *member, struct px_err *err)
{
	char field[64];
	snprintf(field, sizeof(field), "%s[%zu].%s", list, i, member);
	if (n > max)
		return px_err_set(err, PX_ETOOBIG, "draw_too_large", field,
				  "%zu entries, at most %zu", n, max);
	if (n && !v)
		return px_err_set(err, PX_EINVAL, "invalid_draw_input", field, "missing");
	for (size_t j = 0; j < n; j++) {
		char member_j[48];
		snprintf(member_j, sizeof(member_j), "%s[%zu]", member, j);
		int rc = check_str(v[j], list, i, member_j, err);
		if (rc)
			return rc;
	}
	return 0;
}

static int check_app(const struct draw_application *a, size_t i, struct px_err *err)
{
	static const char L[] = "applications";
	int rc;
	if ((rc = check_str(a->id, L, i, "id", err)) || (rc = check_str(a->applicant, L, i, "applicant", err)) ||
	    (rc = check_str(a->organisation, L, i, "organisation", err)) ||
	    (rc = check_str(a->region, L, i, "region", err)) ||
	    (rc = check_set(a->fields, a->n_fields, DRAW_MAX_FIELDS, L, i, "fields", err)))
		return rc;
	if (a->panel > DRAW_MAX_PANEL) {
		char field[64];
		snprintf(field, sizeof(field), "%s[%zu].panel", L, i);
		return px_err_set(err, PX_EINVAL, "invalid_draw_input", field,
				  "%u reviewers, at most %d", a->panel, DRAW_MAX_PANEL);
	}
	return 0;
}

static int check_expert(const struct draw_expert *e, size_t i, struct px_err *err)
{
	static const char L[] = "experts";
	int rc;
	if ((rc = check_str(e->id, L, i, "id", err)) || (rc = check_str(e->employer, L, i, "employer", err)) ||
	    (rc = check_str(e->region, L, i, "region", err)) ||
	    (rc = check_set(e->fields, e->n_fields, DRAW_MAX_FIELDS, L, i, "fields", err)) ||
	    (rc = check_set(e->conflicts, e->n_conflicts, DRAW_MAX_CONFLICTS, L, i, "conflicts", err)))
		return rc;
	return 0;
}

int draw_input_check(const struct draw_input *in, struct px_err *err)
{
	int rc;
	if (!in->n_apps || !in->apps)
		return px_err_set(err, PX_EINVAL, "invalid_draw_input", "applications", "no applications");
	if (in->n_apps > DRAW_MAX_APPS)
		return px_err_set(err, PX_ETOOBIG, "draw_too_large", "applications",
				  "%zu applications, at most %d", in->n_apps, DRAW_MAX_APPS);
	if (!in->n_experts || !in->experts)
		return px_err_set(err, PX_EINVAL, "invalid_draw_input", "experts", "no experts");
	if (in->n_experts > DRAW_MAX_EXPERTS)
		return px_err_set(err, PX_ETOOBIG, "draw_too_large", "experts",
				  "%zu experts, at most %d", in->n_experts, DRAW_MAX_EXPERTS);
	if (in->panel < 1 || in->panel > DRAW_MAX_PANEL)
		return px_err_set(err, PX_EINVAL, "invalid_draw_input", "panel",
				  "%u reviewers, expected 1 to %d", in->panel, DRAW_MAX_PANEL);
	if (in->max_load < 1 || in->max_load > DRAW_MAX_LOAD)
		return px_err_set(err, PX_EINVAL, "invalid_draw_input", "max_load",
				  "%u panels, expected 1 to %d", in->max_load, DRAW_MAX_LOAD);
	for (size_t i = 0; i < in->n_apps; i++)
		if ((rc = check_app(&in->apps[i], i, err)))
			return rc;
	for (size_t i = 0; i < in->n_experts; i++)
		if ((rc = check_expert(&in->experts[i], i, err)))
			return rc;
	return 0;
}
