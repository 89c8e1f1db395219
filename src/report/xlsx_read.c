/*
 * xlsx_read.c - the first worksheet of an .xlsx in memory as CSV text
 * (xlsx_read.h): libzip opens the package from the buffer, each part's
 * declared size is checked before it is inflated, and libxml2's streaming
 * reader walks the workbook, its relationships, the shared strings and the
 * sheet without building a tree, with no network and no entity expansion.
 */
#include "report/xlsx_read.h"

#include <libxml/xmlreader.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define FIELD "file"
#define KEY "bad_xlsx"

struct buf {
	char *p;
	size_t n, cap, max;
};

struct strings {
	char **s;
	size_t n, cap;
};

/* The state of the walk through the sheet. */
struct sheet {
	struct buf csv, text;
	const struct strings *ss;
	char *cells[XLSX_READ_COLS_MAX];
	size_t width;           /* cells[0..width) of the current row may be set */
	long row, last_row, col; /* 1-based; col 0-based, -1 before the first cell */
	char type[16];
	bool in_cell, in_text, in_rph;
};

static int buf_add(struct buf *b, const char *s, size_t n, struct px_err *err)
{
	if (n > b->max - b->n)
		return px_err_set(err, PX_ETOOBIG, KEY, FIELD, "the sheet as csv exceeds %zu bytes", b->max);
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->n + n + 1)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p)
			return px_err_set(err, PX_ENOMEM, "out_of_memory", FIELD, "out of memory");
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
	return 0;
}

/* Part name of the package into *out (malloc'd, NUL-terminated); 1 when it is absent. */
static int read_part(zip_t *za, const char *name, char **out, size_t *n, struct px_err *err)
{
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat(za, name, 0, &st) < 0)
		return 1;
	if (!(st.valid & ZIP_STAT_SIZE) || st.size > XLSX_READ_ENTRY_MAX)
		return px_err_set(err, PX_ETOOBIG, KEY, FIELD, "part '%s' is larger than %u bytes", name,
				  XLSX_READ_ENTRY_MAX);
	char *p = malloc((size_t)st.size + 1);
	if (!p)
		return px_err_set(err, PX_ENOMEM, "out_of_memory", FIELD, "out of memory");
	zip_file_t *f = zip_fopen(za, name, 0);
	zip_int64_t got = f ? zip_fread(f, p, st.size) : -1;
	if (f)
		zip_fclose(f);
	if (got < 0 || (zip_uint64_t)got != st.size) {
		free(p);
		return px_err_set(err, PX_EINVAL, KEY, FIELD, "part '%s' cannot be read", name);
	}
	p[st.size] = '\0';
	*out = p;
	*n = (size_t)st.size;
	return 0;
}

static xmlTextReaderPtr reader_open(const char *xml, size_t n, const char *name)
{
	if (n > (size_t)INT32_MAX)
		return NULL;
	return xmlReaderForMemory(xml, (int)n, name, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

/* The next node: 1, 0 at the end, or an error for malformed XML or a document type declaration. */
static int reader_next(xmlTextReaderPtr rd, const char *name, struct px_err *err)
{
	int rc = xmlTextReaderRead(rd);
	if (rc < 0)
		return px_err_set(err, PX_EINVAL, KEY, FIELD, "part '%s' is not well-formed xml", name);
	if (rc == 1 && xmlTextReaderNodeType(rd) == XML_READER_TYPE_DOCUMENT_TYPE)
		return px_err_set(err, PX_EINVAL, KEY, FIELD, "part '%s' declares a document type", name);
	if (rc == 1 && xmlTextReaderNodeType(rd) == XML_READER_TYPE_ENTITY_REFERENCE)
		return px_err_set(err, PX_EINVAL, KEY, FIELD, "part '%s' uses an entity", name);
	return rc;
}

static bool is_elem(xmlTextReaderPtr rd, const char *local)
{
	const xmlChar *l = xmlTextReaderConstLocalName(rd);
	return xmlTextReaderNodeType(rd) == XML_READER_TYPE_ELEMENT && l && !strcmp((const char *)l, local);
}

static bool is_end(xmlTextReaderPtr rd, const char *local)
{
	const xmlChar *l = xmlTextReaderConstLocalName(rd);
	return xmlTextReaderNodeType(rd) == XML_READER_TYPE_END_ELEMENT && l && !strcmp((const char *)l, local);
}

/* The attribute of the current element whose local name is local (any namespace), copied into out. */
static bool attr_local(xmlTextReaderPtr rd, const char *local, char *out, size_t cap)
{
	bool found = false;
	if (xmlTextReaderMoveToFirstAttribute(rd) != 1)
		return false;
	do {
		const xmlChar *l = xmlTextReaderConstLocalName(rd), *v = xmlTextReaderConstValue(rd);
		if (l && v && !strcmp((const char *)l, local) && strlen((const char *)v) < cap) {
			memcpy(out, v, strlen((const char *)v) + 1);
			found = true;
			break;
		}
	} while (xmlTextReaderMoveToNextAttribute(rd) == 1);
	xmlTextReaderMoveToElement(rd);
	return found;
}

/*
 * Walk part name until an element elem whose attribute key equals want (any
 * value when want is NULL); copy its attribute val into out. 1 when none.
 */
static int find_attr(zip_t *za, const char *name, const char *elem, const char *key, const char *want,
		     const char *val, char *out, size_t cap, struct px_err *err)
{
	char *xml = NULL, k[256];
	size_t n = 0;
	int rc = read_part(za, name, &xml, &n, err);
	if (rc)
		return rc;
	xmlTextReaderPtr rd = reader_open(xml, n, name);
	if (!rd) {
		free(xml);
		return px_err_set(err, PX_EINVAL, KEY, FIELD, "part '%s' cannot be parsed", name);
	}
	rc = 1;
	int step;
	while ((step = reader_next(rd, name, err)) == 1) {
		if (is_elem(rd, elem) && attr_local(rd, key, k, sizeof(k)) && (!want || !strcmp(k, want)) &&
		    attr_local(rd, val, out, cap)) {
			rc = 0;
			break;
		}
	}
	if (step < 0)
		rc = step;
	xmlFreeTextReader(rd);
	free(xml);
	return rc;
}

/* The first sheet's part name, through the workbook and its relationships; sheet1.xml when they say nothing. */
static int first_sheet(zip_t *za, char *path, size_t cap, struct px_err *err)
{
	char rid[128], target[256];
	snprintf(path, cap, "xl/worksheets/sheet1.xml");
	int rc = find_attr(za, "xl/workbook.xml", "sheet", "name", NULL, "id", rid, sizeof(rid), err);
	if (rc)
		return rc < 0 ? rc : 0;
	rc = find_attr(za, "xl/_rels/workbook.xml.rels", "Relationship", "Id", rid, "Target", target, sizeof(target),
		       err);
	if (rc)
		return rc < 0 ? rc : 0;
	if (strstr(target, ".."))
		return px_err_set(err, PX_EINVAL, KEY, FIELD, "sheet target '%s' leaves the package", target);
	if (target[0] == '/')
		snprintf(path, cap, "%s", target + 1);
	else
		snprintf(path, cap, "xl/%s", target);
	return 0;
}

static int strings_add(struct strings *ss, struct buf *b, struct px_err *err)
{
	if (ss->n == ss->cap) {
		size_t cap = ss->cap ? ss->cap * 2 : 64;
		char **s = realloc(ss->s, cap * sizeof(*s));
		if (!s)
			return px_err_set(err, PX_ENOMEM, "out_of_memory", FIELD, "out of memory");
		ss->s = s;
		ss->cap = cap;
	}
	ss->s[ss->n] = b->p ? b->p : strdup("");
	if (!ss->s[ss->n])
		return px_err_set(err, PX_ENOMEM, "out_of_memory", FIELD, "out of memory");
	ss->n++;
	*b = (struct buf){ .max = XLSX_READ_ENTRY_MAX };
	return 0;
}

static void strings_free(struct strings *ss)
{
	for (size_t i = 0; i < ss->n; i++)
		free(ss->s[i]);
	free(ss->s);
}

static bool is_text_node(xmlTextReaderPtr rd)
{
	int t = xmlTextReaderNodeType(rd);
	return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA || t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
	       t == XML_READER_TYPE_WHITESPACE;
}

/* One step through the shared strings: <si> gathers its <t> runs, leaving out phonetic runs (<rPh>). */
static int strings_step(xmlTextReaderPtr rd, struct strings *ss, struct buf *b, bool *in_t, bool *in_rph,
			struct px_err *err)
{
	bool empty = xmlTextReaderIsEmptyElement(rd) == 1;
	if (is_elem(rd, "rPh") && !empty)
		*in_rph = true;
	else if (is_end(rd, "rPh"))
		*in_rph = false;
	else if (is_elem(rd, "t") && !empty && !*in_rph)
		*in_t = true;
	else if (is_end(rd, "t"))
		*in_t = false;
	else if (*in_t && is_text_node(rd)) {
		const char *v = (const char *)xmlTextReaderConstValue(rd);
		return v ? buf_add(b, v, strlen(v), err) : 0;
	} else if (is_end(rd, "si") || (is_elem(rd, "si") && empty))
		return strings_add(ss, b, err);
	return 0;
}

static int load_strings(zip_t *za, struct strings *ss, struct px_err *err)
{
	static const char name[] = "xl/sharedStrings.xml";
	char *xml = NULL;
	size_t n = 0;
	int rc = read_part(za, name, &xml, &n, err);
	if (rc)
		return rc < 0 ? rc : 0;
	xmlTextReaderPtr rd = reader_open(xml, n, name);
	if (!rd) {
		free(xml);
		return px_err_set(err, PX_EINVAL, KEY, FIELD, "part '%s' cannot be parsed", name);
	}
	struct buf b = { .max = XLSX_READ_ENTRY_MAX };
	bool in_t = false, in_rph = false;
	while ((rc = reader_next(rd, name, err)) == 1)
		if ((rc = strings_step(rd, ss, &b, &in_t, &in_rph, err)) < 0)
			break;
	free(b.p);
	xmlFreeTextReader(rd);
	free(xml);
	return rc < 0 ? rc : 0;
}

/* Column index (0-based) of a cell reference such as "C5"; -1 when it has no letters. */
static long ref_col(const char *ref)
{
	long c = 0;
	size_t i = 0;
	for (; ref[i] >= 'A' && ref[i] <= 'Z' && i < 4; i++)
		c = c * 26 + (ref[i] - 'A' + 1);
	return i ? c - 1 : -1;
}

static int csv_field_out(struct buf *csv, const char *s, struct px_err *err)
{
	if (!strpbrk(s, ",\"\r\n"))
		return buf_add(csv, s, strlen(s), err);
	int rc = buf_add(csv, "\"", 1, err);
	for (const char *p = s; !rc && *p; p++)
		rc = *p == '"' ? buf_add(csv, "\"\"", 2, err) : buf_add(csv, p, 1, err);
	return rc ? rc : buf_add(csv, "\"", 1, err);
}

/* Write the current row after empty lines for the rows the sheet skipped, then clear it. */
static int row_flush(struct sheet *sh, struct px_err *err)
{
	int rc = 0;
	for (long r = sh->last_row + 1; !rc && r < sh->row; r++)
		rc = buf_add(&sh->csv, "\r\n", 2, err);
	for (size_t i = 0; i < sh->width; i++) {
		if (!rc && i)
			rc = buf_add(&sh->csv, ",", 1, err);
		if (!rc && sh->cells[i])
			rc = csv_field_out(&sh->csv, sh->cells[i], err);
		free(sh->cells[i]);
		sh->cells[i] = NULL;
	}
	if (!rc && sh->width)
		rc = buf_add(&sh->csv, "\r\n", 2, err);
	sh->last_row = sh->row;
	sh->width = 0;
	sh->col = -1;
	return rc;
}

static int row_start(xmlTextReaderPtr rd, struct sheet *sh, struct px_err *err)
{
	char r[16];
	long row = sh->last_row + 1;
	if (attr_local(rd, "r", r, sizeof(r)))
		row = strtol(r, NULL, 10);
	if (row <= sh->last_row)
		return px_err_set(err, PX_EINVAL, KEY, FIELD, "row %ld is out of order", row);
	if (row > XLSX_READ_ROWS_MAX)
		return px_err_set(err, PX_ETOOBIG, KEY, FIELD, "the sheet has more than %d rows", XLSX_READ_ROWS_MAX);
	sh->row = row;
	sh->col = -1;
	return xmlTextReaderIsEmptyElement(rd) == 1 ? row_flush(sh, err) : 0;
}

static int cell_start(xmlTextReaderPtr rd, struct sheet *sh, struct px_err *err)
{
	char ref[16];
	long col = sh->col + 1;
	if (attr_local(rd, "r", ref, sizeof(ref)) && (col = ref_col(ref)) < 0)
		return px_err_set(err, PX_EINVAL, KEY, FIELD, "cell reference '%s' is not valid", ref);
	if (col <= sh->col)
		return px_err_set(err, PX_EINVAL, KEY, FIELD, "cells of row %ld are out of order", sh->row);
	if (col >= XLSX_READ_COLS_MAX)
		return px_err_set(err, PX_ETOOBIG, KEY, FIELD, "the sheet has more than %d columns",
				  XLSX_READ_COLS_MAX);
	sh->col = col;
	if (!attr_local(rd, "t", sh->type, sizeof(sh->type)))
		sh->type[0] = '\0';
	sh->text.n = 0;
	if (sh->text.p)
		sh->text.p[0] = '\0';
	sh->in_cell = xmlTextReaderIsEmptyElement(rd) != 1;
	return 0;
}

/* The cell's text by its type, placed in its column. */
static int cell_end(struct sheet *sh, struct px_err *err)
{
	const char *v = sh->text.p ? sh->text.p : "";
	sh->in_cell = false;
	if (!strcmp(sh->type, "s")) {
		char *end;
		unsigned long i = strtoul(v, &end, 10);
		if (!*v || *end || i >= sh->ss->n)
			return px_err_set(err, PX_EINVAL, KEY, FIELD, "shared string '%s' does not exist", v);
		v = sh->ss->s[i];
	} else if (!strcmp(sh->type, "b"))
		v = strcmp(v, "1") ? "FALSE" : "TRUE";
	if (!*v)
		return 0;
	if (strlen(v) > XLSX_READ_CELL_MAX)
		return px_err_set(err, PX_ETOOBIG, KEY, FIELD, "a cell of row %ld holds more than %d bytes", sh->row,
				  XLSX_READ_CELL_MAX);
	if (!(sh->cells[sh->col] = strdup(v)))
		return px_err_set(err, PX_ENOMEM, "out_of_memory", FIELD, "out of memory");
	sh->width = (size_t)sh->col + 1;
	return 0;
}

static int sheet_step(xmlTextReaderPtr rd, struct sheet *sh, struct px_err *err)
{
	bool empty = xmlTextReaderIsEmptyElement(rd) == 1;
	if (is_elem(rd, "row"))
		return row_start(rd, sh, err);
	if (is_end(rd, "row"))
		return row_flush(sh, err);
	if (is_elem(rd, "c"))
		return cell_start(rd, sh, err);
	if (is_end(rd, "c"))
		return cell_end(sh, err);
	if (!sh->in_cell)
		return 0;
	if (is_elem(rd, "rPh") && !empty)
		sh->in_rph = true;
	else if (is_end(rd, "rPh"))
		sh->in_rph = false;
	else if ((is_elem(rd, "v") || is_elem(rd, "t")) && !empty && !sh->in_rph)
		sh->in_text = true;
	else if (is_end(rd, "v") || is_end(rd, "t"))
		sh->in_text = false;
	else if (sh->in_text && is_text_node(rd)) {
		const char *v = (const char *)xmlTextReaderConstValue(rd);
		return v ? buf_add(&sh->text, v, strlen(v), err) : 0;
	}
	return 0;
}

static int read_sheet(zip_t *za, const char *name, struct sheet *sh, struct px_err *err)
{
	char *xml = NULL;
	size_t n = 0;
	int rc = read_part(za, name, &xml, &n, err);
	if (rc)
		return rc < 0 ? rc : px_err_set(err, PX_EINVAL, KEY, FIELD, "the workbook has no sheet '%s'", name);
	xmlTextReaderPtr rd = reader_open(xml, n, name);
	if (!rd) {
		free(xml);
		return px_err_set(err, PX_EINVAL, KEY, FIELD, "part '%s' cannot be parsed", name);
	}
	while ((rc = reader_next(rd, name, err)) == 1)
		if ((rc = sheet_step(rd, sh, err)) < 0)
			break;
	xmlFreeTextReader(rd);
	free(xml);
	return rc < 0 ? rc : 0;
}

static int read_package(zip_t *za, size_t csv_max, struct buf *out, struct px_err *err)
{
	char path[300];
	struct strings ss = { 0 };
	struct sheet sh = { .csv = { .max = csv_max }, .text = { .max = XLSX_READ_ENTRY_MAX }, .ss = &ss, .col = -1 };
	int rc = first_sheet(za, path, sizeof(path), err);
	if (!rc)
		rc = load_strings(za, &ss, err);
	if (!rc)
		rc = read_sheet(za, path, &sh, err);
	if (!rc && !sh.csv.p)
		rc = buf_add(&sh.csv, "", 0, err);
	for (size_t i = 0; i < XLSX_READ_COLS_MAX; i++)
		free(sh.cells[i]);
	free(sh.text.p);
	strings_free(&ss);
	if (rc)
		free(sh.csv.p);
	else
		*out = sh.csv;
	return rc;
}

int xlsx_read_csv(const void *data, size_t len, size_t csv_max, char **csv, size_t *csv_len, struct px_err *err)
{
	zip_error_t zerr;
	struct buf out = { 0 };
	*csv = NULL;
	*csv_len = 0;
	if (len > XLSX_READ_FILE_MAX)
		return px_err_set(err, PX_ETOOBIG, KEY, FIELD, "the file is larger than %u bytes", XLSX_READ_FILE_MAX);
	zip_error_init(&zerr);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &zerr);
	zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &zerr) : NULL;
	zip_error_fini(&zerr);
	if (!za) {
		if (src)
			zip_source_free(src);
		return px_err_set(err, PX_EINVAL, KEY, FIELD, "the file is not an xlsx workbook");
	}
	int rc = read_package(za, csv_max, &out, err);
	zip_discard(za);
	if (!rc) {
		*csv = out.p;
		*csv_len = out.n;
	}
	return rc;
}
