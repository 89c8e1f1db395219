/*
 * cmd_odoc.c - `pingxuan odoc`: render an official document (公文) described
 * in JSON as a GB/T 9704 PDF and/or a .docx (report/odoc.h), for offices
 * that write one by hand and for previewing a compiled bulletin. The JSON
 * format is in docs/outputs.md, "Official documents (公文)".
 */
#include "cli/cli.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report/odoc.h"

static const char usage_text[] =
	"usage: pingxuan odoc --json FILE [--pdf OUT.pdf] [--docx OUT.docx]\n"
	"\n"
	"Render the official document described in FILE (issuer, number, title,\n"
	"recipients, blocks, signer, date, cc, printer, printed; see docs/outputs.md)\n"
	"as a PDF laid out per GB/T 9704-2012 and/or as an editable .docx. Prints the\n"
	"pages of the PDF and the time each file took.\n";

struct doc {
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

static int parse_block(const json_t *b, size_t i, struct doc *doc, const char ***next,
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

static int parse(struct doc *doc, const char *path, struct px_err *err)
{
	json_error_t je;
	const json_t *blocks, *b;
	const char **next;
	size_t i, n;
	int rc;

	if (!(doc->root = json_load_file(path, JSON_REJECT_DUPLICATES, &je)))
		return px_err_set(err, PX_EINVAL, "invalid_json", "json", "%s:%d: %s", path,
				  je.line, je.text);
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

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int render(const struct doc *doc, const char *pdf, const char *docx, struct px_err *err)
{
	double t0 = now_ms();
	int rc, pages = 0;

	if (pdf) {
		if ((rc = odoc_write_pdf(&doc->d, pdf, &pages, err)))
			return rc;
		printf("pdf: %s, %d pages, %.0f ms\n", pdf, pages, now_ms() - t0);
		t0 = now_ms();
	}
	if (docx) {
		if ((rc = odoc_write_docx(&doc->d, docx, err)))
			return rc;
		printf("docx: %s, %.0f ms\n", docx, now_ms() - t0);
	}
	return 0;
}

int cmd_odoc(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", required_argument, NULL, 'j' },
		{ "pdf", required_argument, NULL, 'p' },
		{ "docx", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *in = NULL, *pdf = NULL, *docx = NULL;
	struct doc doc = { 0 };
	struct px_err err = { 0 };
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'j': in = optarg; break;
		case 'p': pdf = optarg; break;
		case 'd': docx = optarg; break;
		case 'h': fputs(usage_text, stdout); return CLI_OK;
		default: return cli_usage_error("odoc", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage_error("odoc", "unexpected argument '%s'", argv[optind]);
	if (!in || (!pdf && !docx))
		return cli_usage_error("odoc", "--json and at least one of --pdf, --docx are required");
	rc = parse(&doc, in, &err);
	if (!rc)
		rc = render(&doc, pdf, docx, &err);
	json_decref(doc.root);
	free(doc.blocks);
	free(doc.tables);
	free(doc.strings);
	return rc ? cli_fail("odoc", &err) : CLI_OK;
}
