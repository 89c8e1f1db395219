/*
 * odoc_json.c - an official document described in JSON (issuer, number,
 * title, recipients, blocks, signer, date, cc, printer, printed; the shape
 * docs/outputs.md gives) read into the struct the writers take
 * (report/odoc.h). `pingxuan odoc` reads it from a file; the server from
 * the documents it compiles (a campaign's bulletin).
 */
#include "report/odoc.h"

#include <stdlib.h>
#include <string.h>

struct odoc_json {
	json_t *root;
	struct odoc d;
	struct odoc_block *blocks;
	struct odoc_table *tables;
	const char **strings;        /* heads and cells of all tables */
};

/* The string member `key` of o, or NULL when absent; a non-string is an error. */
static int str_member(const json_t *o, const char *key, const char *field, const char **out,
		      struct px_err *err)
{
	const json_t *v = json_object_get(o, key);

	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return px_err_set(err, PX_EINVAL, "invalid_json", field, "%s must be a string",
				  field);
	*out = json_string_value(v);
	return 0;
}

/* Strings needed for the heads and cells of every table block. */
static size_t count_strings(const json_t *blocks)
{
	size_t n = 0, i, r;
	const json_t *b, *row;

	json_array_foreach(blocks, i, b) {
		n += json_array_size(json_object_get(b, "head"));
		json_array_foreach(json_object_get(b, "rows"), r, row)
			n += json_array_size(row);
	}
	return n;
}

/* Append the strings of array a to *next; anything but a string is refused. */
static int take_strings(const json_t *a, size_t i, const char ***next, struct px_err *err)
{
	const json_t *v;
	size_t c;

	json_array_foreach(a, c, v) {
		if (!json_is_string(v))
			return px_err_set(err, PX_EINVAL, "invalid_json", "cells",
					  "blocks[%zu]: table cells and headers are strings", i);
		*(*next)++ = json_string_value(v);
	}
	return 0;
}

static int parse_table(const json_t *b, size_t i, struct odoc_table *t, const char ***next,
		       struct px_err *err)
{
	const json_t *head = json_object_get(b, "head"), *rows = json_object_get(b, "rows"), *row;
	size_t r;
	int rc;

	if (!json_is_array(head) || (rows && !json_is_array(rows)))
		return px_err_set(err, PX_EINVAL, "invalid_json", "head",
				  "blocks[%zu]: a table needs \"head\" and \"rows\" arrays", i);
	t->ncols = (int)json_array_size(head);
	t->nrows = (int)json_array_size(rows);
	t->head = *next;
	if ((rc = take_strings(head, i, next, err)))
		return rc;
	t->cells = *next;
	json_array_foreach(rows, r, row) {
		if (!json_is_array(row) || json_array_size(row) != json_array_size(head))
			return px_err_set(err, PX_EINVAL, "invalid_json", "rows",
					  "blocks[%zu]: row %zu must have %zu cells", i, r,
					  json_array_size(head));
		if ((rc = take_strings(row, i, next, err)))
			return rc;
	}
	return 0;
}

static int parse_block(const json_t *b, size_t i, struct odoc_json *doc, const char ***next,
		       struct px_err *err)
{
	static const char *const kinds[] = { "heading1", "heading2", "para", "table", "image" };
	struct odoc_block *k = &doc->blocks[i];
	const char *kind = json_string_value(json_object_get(b, "kind"));
	int rc;

	for (k->kind = ODOC_HEADING1; kind && k->kind <= ODOC_IMAGE; k->kind++)
		if (!strcmp(kind, kinds[k->kind]))
			break;
	if (!kind || k->kind > ODOC_IMAGE)
		return px_err_set(err, PX_EINVAL, "invalid_json", "kind",
				  "blocks[%zu]: kind is heading1, heading2, para, table or image", i);
	if ((rc = str_member(b, "text", "text", &k->text, err)) ||
	    (rc = str_member(b, "path", "path", &k->image_path, err)))
		return rc;
	if (k->kind != ODOC_TABLE)
		return 0;
	k->table = &doc->tables[i];
	return parse_table(b, i, &doc->tables[i], next, err);
}

static int parse(struct odoc_json *doc, struct px_err *err)
{
	const json_t *blocks, *b;
	const char **next;
	size_t i, n;
	int rc;

	blocks = json_object_get(doc->root, "blocks");
	if (!json_is_object(doc->root) || (blocks && !json_is_array(blocks)))
		return px_err_set(err, PX_EINVAL, "invalid_json", "blocks",
				  "the document is an object whose \"blocks\" is an array");
	n = json_array_size(blocks);
	doc->blocks = calloc(n + 1, sizeof(*doc->blocks));
	doc->tables = calloc(n + 1, sizeof(*doc->tables));
	doc->strings = calloc(count_strings(blocks) + 1, sizeof(*doc->strings));
	if (!doc->blocks || !doc->tables || !doc->strings)
		return px_err_set(err, PX_ENOMEM, NULL, "", "out of memory");
	next = doc->strings;
	json_array_foreach(blocks, i, b)
		if ((rc = parse_block(b, i, doc, &next, err)))
			return rc;
	doc->d.blocks = doc->blocks;
	doc->d.nblocks = (int)n;
	if ((rc = str_member(doc->root, "issuer", "issuer", &doc->d.issuer, err)) ||
	    (rc = str_member(doc->root, "number", "number", &doc->d.number, err)) ||
	    (rc = str_member(doc->root, "title", "title", &doc->d.title, err)) ||
	    (rc = str_member(doc->root, "recipients", "recipients", &doc->d.recipients, err)) ||
	    (rc = str_member(doc->root, "signer", "signer", &doc->d.signer, err)) ||
	    (rc = str_member(doc->root, "date", "date", &doc->d.date, err)) ||
	    (rc = str_member(doc->root, "cc", "cc", &doc->d.cc, err)) ||
	    (rc = str_member(doc->root, "printer", "printer", &doc->d.printer, err)))
		return rc;
	return str_member(doc->root, "printed", "printed", &doc->d.printed, err);
}

int odoc_json_read(json_t *root, struct odoc_json **out, struct px_err *err)
{
	struct odoc_json *doc = calloc(1, sizeof(*doc));
	int rc;
	*out = NULL;
	if (!doc) {
		json_decref(root);
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	}
	doc->root = root;
	if ((rc = parse(doc, err))) {
		odoc_json_free(doc);
		return rc;
	}
	*out = doc;
	return 0;
}

const struct odoc *odoc_json_doc(const struct odoc_json *doc)
{
	return &doc->d;
}

void odoc_json_free(struct odoc_json *doc)
{
	if (!doc)
		return;
	json_decref(doc->root);
	free(doc->blocks);
	free(doc->tables);
	free(doc->strings);
	free(doc);
}
