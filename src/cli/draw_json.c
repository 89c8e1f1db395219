/*
 * draw_json.c - reading a draw's input file into a struct draw_input (the
 * result is written by app/draw_doc.c's draw_doc_result_json). The members of applications and experts are
 * described by tables (name, kind, where it goes), so every member is checked
 * the same way and every error names the member: "experts[3].employer:
 * missing". Unknown keys are refused, so a misspelt constraint cannot be
 * silently ignored; only "meta" is free (and not part of the inputs hash).
 */
#include "cli/draw_json.h"
#include "cli/cli.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- reading files ---- */

int cli_json_read_file(const char *path, size_t max, json_t **out, struct px_err *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0;
	json_error_t je;
	int rc = 0;

	*out = NULL;
	if (!f)
		return px_err_set(err, PX_EIO, NULL, path, "cannot open: %s", strerror(errno));
	buf = malloc(max + 1);
	if (!buf) {
		rc = px_err_set(err, PX_ENOMEM, NULL, path, "cannot allocate %zu bytes", max + 1);
		goto out;
	}
	len = fread(buf, 1, max + 1, f);
	if (ferror(f)) {
		rc = px_err_set(err, PX_EIO, NULL, path, "cannot read: %s", strerror(errno));
		goto out;
	}
	if (len > max) {
		rc = px_err_set(err, PX_ETOOBIG, "too_large", path, "larger than %zu bytes", max);
		goto out;
	}
	*out = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	if (!*out) {
		char where[64];
		snprintf(where, sizeof(where), "%.40s:%d:%d", path, je.line, je.column);
		rc = px_err_set(err, PX_EINVAL, "invalid_json", where, "%s", je.text);
	}
out:
	free(buf);
	fclose(f);
	return rc;
}

/* ---- the members of applications and experts ---- */

enum kind {
	STR,        /* required string */
	STR_OPT,    /* optional string */
	LIST_OPT,   /* optional array of strings: pointer at `at`, count at `count_at` */
	PANEL_OPT,  /* optional integer 1..DRAW_MAX_PANEL (unsigned at `at`) */
};

struct member {
	const char *name;
	enum kind kind;
	size_t at, count_at;
	size_t max; /* LIST_OPT: most entries */
};

static const struct member app_members[] = {
	{ "id", STR, offsetof(struct draw_application, id), 0, 0 },
	{ "applicant", STR_OPT, offsetof(struct draw_application, applicant), 0, 0 },
	{ "organisation", STR, offsetof(struct draw_application, organisation), 0, 0 },
	{ "region", STR, offsetof(struct draw_application, region), 0, 0 },
	{ "fields", LIST_OPT, offsetof(struct draw_application, fields),
	  offsetof(struct draw_application, n_fields), DRAW_MAX_FIELDS },
	{ "panel", PANEL_OPT, offsetof(struct draw_application, panel), 0, 0 },
};

static const struct member expert_members[] = {
	{ "id", STR, offsetof(struct draw_expert, id), 0, 0 },
	{ "employer", STR, offsetof(struct draw_expert, employer), 0, 0 },
	{ "region", STR, offsetof(struct draw_expert, region), 0, 0 },
	{ "fields", LIST_OPT, offsetof(struct draw_expert, fields),
	  offsetof(struct draw_expert, n_fields), DRAW_MAX_FIELDS },
	{ "conflicts", LIST_OPT, offsetof(struct draw_expert, conflicts),
	  offsetof(struct draw_expert, n_conflicts), DRAW_MAX_CONFLICTS },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct loader {
	struct cli_draw_doc *doc;
	size_t pool_used, pool_size;
	struct px_err *err;
};

static int bad(struct loader *l, const char *path, const char *what)
{
	return px_err_set(l->err, PX_EINVAL, "invalid_draw_input", path, "%s", what);
}

static int load_list(struct loader *l, json_t *v, const struct member *m, void *dst,
		     const char *path)
{
	size_t n = json_array_size(v);
	const char **items = l->doc->pool + l->pool_used;
	if (!json_is_array(v))
		return bad(l, path, "expected an array of strings");
	if (n > m->max)
		return px_err_set(l->err, PX_ETOOBIG, "draw_too_large", path,
				  "%zu entries, at most %zu", n, m->max);
	for (size_t i = 0; i < n; i++) {
		const char *s = json_string_value(json_array_get(v, i));
		if (!s) {
			char item[128];
			snprintf(item, sizeof(item), "%.80s[%zu]", path, i);
			return bad(l, item, "expected a string");
		}
		items[i] = s;
	}
	l->pool_used += n;
	*(const char *const **)((char *)dst + m->at) = items;
	*(size_t *)((char *)dst + m->count_at) = n;
	return 0;
}

static int load_member(struct loader *l, json_t *v, const struct member *m, void *dst,
		       const char *path)
{
	json_int_t n;
	switch (m->kind) {
	case STR:
	case STR_OPT:
		if (!json_is_string(v))
			return bad(l, path, "expected a string");
		*(const char **)((char *)dst + m->at) = json_string_value(v);
		return 0;
	case LIST_OPT:
		return load_list(l, v, m, dst, path);
	case PANEL_OPT:
		n = json_is_integer(v) ? json_integer_value(v) : 0;
		if (n < 1 || n > DRAW_MAX_PANEL)
			return px_err_set(l->err, PX_EINVAL, "invalid_draw_input", path,
					  "expected an integer from 1 to %d", DRAW_MAX_PANEL);
		*(unsigned *)((char *)dst + m->at) = (unsigned)n;
		return 0;
	}
	return PX_EINTERNAL;
}

/* Check an object against a member table and fill dst. */
static int load_object(struct loader *l, json_t *obj, const struct member *table, size_t n,
		       void *dst, const char *path)
{
	char sub[128];
	const char *key;
	json_t *v;

	if (!json_is_object(obj))
		return bad(l, path, "expected an object");
	json_object_foreach(obj, key, v) {
		size_t i = 0;
		while (i < n && strcmp(table[i].name, key))
			i++;
		if (i == n) {
			snprintf(sub, sizeof(sub), "%.48s.%.40s", path, key);
			return bad(l, sub, "unknown key");
		}
	}
	for (size_t i = 0; i < n; i++) {
		int rc;
		snprintf(sub, sizeof(sub), "%.48s.%s", path, table[i].name);
		v = json_object_get(obj, table[i].name);
		if (!v && table[i].kind == STR)
			return bad(l, sub, "missing");
		if (v && (rc = load_member(l, v, &table[i], dst, sub)))
			return rc;
	}
	return 0;
}

/* ---- the document ---- */

static int load_array(struct loader *l, json_t *root, const char *name, size_t max, json_t **out)
{
	json_t *v = json_object_get(root, name);
	if (!v)
		return bad(l, name, "missing");
	if (!json_is_array(v))
		return bad(l, name, "expected an array");
	if (json_array_size(v) > max)
		return px_err_set(l->err, PX_ETOOBIG, "draw_too_large", name,
				  "%zu entries, at most %zu", json_array_size(v), max);
	*out = v;
	return 0;
}

static int load_limit(struct loader *l, json_t *root, const char *name, int max, unsigned *out)
{
	json_t *v = json_object_get(root, name);
	json_int_t n = json_is_integer(v) ? json_integer_value(v) : 0;
	if (!v)
		return bad(l, name, "missing");
	if (n < 1 || n > max)
		return px_err_set(l->err, PX_EINVAL, "invalid_draw_input", name,
				  "expected an integer from 1 to %d", max);
	*out = (unsigned)n;
	return 0;
}

static int load_flag(struct loader *l, json_t *constraints, const char *name, bool *out)
{
	char path[48];
	json_t *v = json_object_get(constraints, name);
	snprintf(path, sizeof(path), "constraints.%s", name);
	if (!v)
		return bad(l, path, "missing");
	if (!json_is_boolean(v))
		return bad(l, path, "expected true or false");
	*out = json_is_true(v);
	return 0;
}

static int check_top_keys(struct loader *l, json_t *root)
{
	static const char *const top[] = { "panel", "max_load", "constraints", "applications",
					   "experts", "meta" };
	static const char *const flags[] = { "field_match", "other_region" };
	const char *key;
	json_t *v, *constraints;
	char path[64];

	json_object_foreach(root, key, v) {
		size_t i = 0;
		while (i < COUNT(top) && strcmp(top[i], key))
			i++;
		if (i == COUNT(top))
			return bad(l, key, "unknown key");
	}
	constraints = json_object_get(root, "constraints");
	if (!constraints)
		return bad(l, "constraints", "missing");
	if (!json_is_object(constraints))
		return bad(l, "constraints", "expected an object");
	json_object_foreach(constraints, key, v) {
		size_t i = 0;
		while (i < COUNT(flags) && strcmp(flags[i], key))
			i++;
		if (i == COUNT(flags)) {
			snprintf(path, sizeof(path), "constraints.%.40s", key);
			return bad(l, path, "unknown key");
		}
	}
	return 0;
}

/* Entries of the string lists of all members, to size the pool (each capped). */
static size_t count_lists(json_t *list, const struct member *table, size_t n)
{
	size_t total = 0, i;
	json_t *obj;
	json_array_foreach(list, i, obj) {
		for (size_t j = 0; j < n; j++) {
			size_t c = json_array_size(json_object_get(obj, table[j].name));
			if (table[j].kind == LIST_OPT)
				total += c < table[j].max ? c : table[j].max;
		}
	}
	return total;
}

static int load_doc(struct loader *l, json_t *root)
{
	struct cli_draw_doc *d = l->doc;
	json_t *apps, *experts, *v;
	size_t i;
	int rc;

	if (!json_is_object(root))
		return bad(l, "", "expected an object");
	if ((rc = check_top_keys(l, root)) || (rc = load_limit(l, root, "panel", DRAW_MAX_PANEL, &d->in.panel)) ||
	    (rc = load_limit(l, root, "max_load", DRAW_MAX_LOAD, &d->in.max_load)) ||
	    (rc = load_flag(l, json_object_get(root, "constraints"), "field_match", &d->in.field_match)) ||
	    (rc = load_flag(l, json_object_get(root, "constraints"), "other_region", &d->in.other_region)) ||
	    (rc = load_array(l, root, "applications", DRAW_MAX_APPS, &apps)) ||
	    (rc = load_array(l, root, "experts", DRAW_MAX_EXPERTS, &experts)))
		return rc;

	l->pool_size = count_lists(apps, app_members, COUNT(app_members)) +
		       count_lists(experts, expert_members, COUNT(expert_members));
	d->apps = calloc(json_array_size(apps) + 1, sizeof(*d->apps));
	d->experts = calloc(json_array_size(experts) + 1, sizeof(*d->experts));
	d->pool = calloc(l->pool_size + 1, sizeof(*d->pool));
	if (!d->apps || !d->experts || !d->pool)
		return px_err_set(l->err, PX_ENOMEM, NULL, NULL, "cannot allocate the input");
	json_array_foreach(apps, i, v) {
		char path[48];
		struct draw_application *a = &d->apps[i];
		snprintf(path, sizeof(path), "applications[%zu]", i);
		if ((rc = load_object(l, v, app_members, COUNT(app_members), a, path)))
			return rc;
		if (!a->applicant)
			a->applicant = a->organisation;
	}
	json_array_foreach(experts, i, v) {
		char path[48];
		snprintf(path, sizeof(path), "experts[%zu]", i);
		if ((rc = load_object(l, v, expert_members, COUNT(expert_members), &d->experts[i], path)))
			return rc;
	}
	d->in.apps = d->apps;
	d->in.n_apps = json_array_size(apps);
	d->in.experts = d->experts;
	d->in.n_experts = json_array_size(experts);
	return 0;
}

int cli_draw_load(const char *path, struct cli_draw_doc *doc, struct px_err *err)
{
	struct loader l = { doc, 0, 0, err };
	int rc;

	memset(doc, 0, sizeof(*doc));
	if ((rc = cli_json_read_file(path, CLI_DRAW_MAX_FILE, &doc->root, err)))
		return rc;
	if ((rc = load_doc(&l, doc->root)))
		cli_draw_doc_release(doc);
	return rc;
}

void cli_draw_doc_release(struct cli_draw_doc *doc)
{
	json_decref(doc->root);
	free(doc->apps);
	free(doc->experts);
	free(doc->pool);
	memset(doc, 0, sizeof(*doc));
}

int cli_json_print(const json_t *v)
{
	char *s = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (!s)
		return CLI_FAIL;
	fputs(s, stdout);
	fputc('\n', stdout);
	free(s);
	return fflush(stdout) ? CLI_FAIL : CLI_OK;
}
