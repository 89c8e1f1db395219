/*
 * draw_change.c - the first difference between two draw inputs, for the
 * message of a run refused because its inputs changed (see draw_change.h).
 * The comparison is by id; the refusal itself rests on the inputs hash, this
 * only says where to look.
 */
#include "app/review/draw_change.h"

#include <stdio.h>
#include <string.h>

/* The members that carry the stage's rules rather than a list. */
static const char *const RULES[] = { "panel", "max_load", "constraints" };

/* The lists compared by id, and how a change of each reads. */
static const struct {
	const char *key;
	const char *noun;   /* "application", "expert" */
	const char *joined; /* present now, not at the commitment */
	const char *left;   /* present at the commitment, not now */
	const char *parts;  /* what may have changed in one of them */
} LISTS[] = {
	{ "applications", "application", "joined the stage", "left the stage",
	  "applicant, organisation, region, fields or panel" },
	{ "experts", "expert", "joined the pool", "left the pool", "employer, region, fields or conflicts" },
};

static const json_t *by_id(const json_t *arr, const char *id)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v) {
		const char *x = json_string_value(json_object_get(v, "id"));
		if (x && !strcmp(x, id))
			return v;
	}
	return NULL;
}

/* The first element of a that is absent from b (by id), or NULL. */
static const char *first_missing(const json_t *a, const json_t *b)
{
	size_t i;
	json_t *v;
	json_array_foreach(a, i, v) {
		const char *id = json_string_value(json_object_get(v, "id"));
		if (id && !by_id(b, id))
			return id;
	}
	return NULL;
}

/* The first element present in both whose members differ, or NULL. */
static const char *first_changed(const json_t *a, const json_t *b)
{
	size_t i;
	json_t *v;
	json_array_foreach(a, i, v) {
		const char *id = json_string_value(json_object_get(v, "id"));
		const json_t *w = id ? by_id(b, id) : NULL;
		if (w && !json_equal(v, w))
			return id;
	}
	return NULL;
}

void draw_change_describe(const json_t *committed, const json_t *now, char *buf, size_t size)
{
	const char *id;
	size_t i;

	snprintf(buf, size, "the applications or the expert pool changed");
	if (!committed || !now)
		return;
	for (i = 0; i < sizeof(RULES) / sizeof(RULES[0]); i++)
		if (!json_equal(json_object_get(committed, RULES[i]), json_object_get(now, RULES[i]))) {
			snprintf(buf, size, "the stage's %s changed", RULES[i]);
			return;
		}
	for (i = 0; i < sizeof(LISTS) / sizeof(LISTS[0]); i++) {
		const json_t *was = json_object_get(committed, LISTS[i].key), *is = json_object_get(now, LISTS[i].key);
		if ((id = first_missing(is, was))) {
			snprintf(buf, size, "%s '%s' %s", LISTS[i].noun, id, LISTS[i].joined);
			return;
		}
		if ((id = first_missing(was, is))) {
			snprintf(buf, size, "%s '%s' %s", LISTS[i].noun, id, LISTS[i].left);
			return;
		}
		if ((id = first_changed(was, is))) {
			snprintf(buf, size, "%s '%s' changed (%s)", LISTS[i].noun, id, LISTS[i].parts);
			return;
		}
	}
}
