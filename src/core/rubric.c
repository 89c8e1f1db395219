/*
 * rubric.c - building a rubric tree from the CSV text of data/rubrics/ and
 * checking that it adds up: unique codes, parents before children, children
 * summing to their parent, the top level summing to the declared total. The
 * office edits these files by hand or in a spreadsheet, so every fault names
 * its line or item. The small CSV reader here takes RFC 4180 quoting, a UTF-8
 * BOM and CRLF line ends, and refuses anything it cannot read unambiguously.
 */
#include "core/rubric.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NFIELDS 4
#define FIELD_MAX 256 /* bytes of one raw field, NUL included */

static const char header[NFIELDS][8] = { "item", "name", "points", "parent" };

struct csv_cursor {
	const char *b;
	size_t len, pos;
	unsigned line; /* 1-based line of the next character */
};

struct csv_row {
	char f[NFIELDS][FIELD_MAX];
	size_t flen[NFIELDS];
	size_t nf;
	unsigned line; /* line the row starts on */
};

static int csv_fault(struct px_err *err, unsigned line, const char *what)
{
	return px_err_set(err, PX_EINVAL, "rubric_bad_csv", "", "line %u: %s", line, what);
}

static bool at(const struct csv_cursor *c, char ch)
{
	return c->pos < c->len && c->b[c->pos] == ch;
}

/* Skip empty lines; true when a record starts at c->pos. */
static bool skip_blank_lines(struct csv_cursor *c)
{
	for (;;) {
		if (at(c, '\n')) {
			c->pos++;
			c->line++;
		} else if (at(c, '\r') && c->pos + 1 < c->len && c->b[c->pos + 1] == '\n') {
			c->pos++;
		} else {
			return c->pos < c->len;
		}
	}
}

/* Append ch to a field; false when it would not fit. */
static bool put(char *out, size_t *k, char ch)
{
	if (*k + 1 >= FIELD_MAX)
		return false;
	out[(*k)++] = ch;
	return true;
}

static int read_quoted(struct csv_cursor *c, char *out, size_t *k, struct px_err *err)
{
	unsigned start = c->line;
	c->pos++; /* the opening quote */
	for (;;) {
		if (c->pos >= c->len)
			return csv_fault(err, start, "unterminated quote");
		char ch = c->b[c->pos++];
		if (ch == '"') {
			if (!at(c, '"'))
				break;
			c->pos++;
		} else if (ch == '\n') {
			c->line++;
		}
		if (ch == '\0')
			return csv_fault(err, c->line, "nul byte");
		if (!put(out, k, ch))
			return csv_fault(err, c->line, "field too long");
	}
	if (c->pos < c->len && !at(c, ',') && !at(c, '\n') && !at(c, '\r'))
		return csv_fault(err, c->line, "text after a closing quote");
	return 0;
}

static int read_plain(struct csv_cursor *c, char *out, size_t *k, struct px_err *err)
{
	while (c->pos < c->len && !at(c, ',') && !at(c, '\n') && !at(c, '\r')) {
		char ch = c->b[c->pos++];
		if (ch == '"')
			return csv_fault(err, c->line, "quote inside an unquoted field");
		if (ch == '\0')
			return csv_fault(err, c->line, "nul byte");
		if (!put(out, k, ch))
			return csv_fault(err, c->line, "field too long");
	}
	return 0;
}

/* Read the next record into *row: 1 when read, 0 at the end, < 0 on a fault. */
static int csv_next(struct csv_cursor *c, struct csv_row *row, struct px_err *err)
{
	int rc;

	if (!skip_blank_lines(c))
		return 0;
	row->nf = 0;
	row->line = c->line;
	for (;;) {
		if (row->nf == NFIELDS)
			return csv_fault(err, row->line, "more than 4 fields");
		char *out = row->f[row->nf];
		size_t k = 0;
		rc = at(c, '"') ? read_quoted(c, out, &k, err) : read_plain(c, out, &k, err);
		if (rc)
			return rc;
		out[k] = '\0';
		row->flen[row->nf++] = k;
		if (!at(c, ','))
			break;
		c->pos++;
	}
	if (at(c, '\r')) {
		if (c->pos + 1 >= c->len || c->b[c->pos + 1] != '\n')
			return csv_fault(err, c->line, "carriage return without line feed");
		c->pos++;
	}
	if (at(c, '\n')) {
		c->pos++;
		c->line++;
	}
	return 1;
}

static bool code_valid(const char *s, size_t len)
{
	static const char extra[] = "._-";
	if (len == 0 || len >= RUBRIC_CODE_MAX)
		return false;
	for (size_t i = 0; i < len; i++) {
		char ch = s[i];
		bool ok = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
			  (ch >= 'A' && ch <= 'Z') || memchr(extra, ch, sizeof(extra) - 1);
		if (!ok)
			return false;
	}
	return true;
}

/* UTF-8 lead bytes: how to recognise one, its payload bits, the length of
 * its sequence and the least code point that length may encode. */
static const struct {
	unsigned char mask, lead, payload;
	int len;
	uint32_t min;
} utf8_leads[] = {
	{ 0x80, 0x00, 0x7F, 1, 0 },
	{ 0xE0, 0xC0, 0x1F, 2, 0x80 },
	{ 0xF0, 0xE0, 0x0F, 3, 0x800 },
	{ 0xF8, 0xF0, 0x07, 4, 0x10000 },
};

/* Valid UTF-8 (no overlong forms, surrogates or values past U+10FFFF), no controls. */
static bool text_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		size_t t = 0;
		while (t < 4 && (p[i] & utf8_leads[t].mask) != utf8_leads[t].lead)
			t++;
		if (t == 4 || i + (size_t)utf8_leads[t].len > len)
			return false;
		uint32_t cp = p[i] & utf8_leads[t].payload;
		for (int j = 1; j < utf8_leads[t].len; j++) {
			if ((p[i + j] & 0xC0) != 0x80)
				return false;
			cp = cp << 6 | (p[i + j] & 0x3F);
		}
		if (cp < utf8_leads[t].min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
		    cp < 0x20 || cp == 0x7F)
			return false;
		i += (size_t)utf8_leads[t].len;
	}
	return true;
}

static int find_index(const struct rubric *r, const char *code)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->items[i].code, code) == 0)
			return (int)i;
	return -1;
}

static int check_header(const struct csv_row *row, struct px_err *err)
{
	bool ok = row->nf == NFIELDS;
	for (size_t i = 0; ok && i < NFIELDS; i++)
		ok = strcmp(row->f[i], header[i]) == 0;
	if (!ok)
		return px_err_set(err, PX_EINVAL, "rubric_bad_header", "",
				  "the first line must be 'item,name,points,parent'");
	return 0;
}

/* Validate one data row and append it to r->items. */
static int add_item(struct rubric *r, const struct csv_row *row, struct px_err *err)
{
	const char *code = row->f[0], *name = row->f[1], *parent = row->f[3];
	struct rubric_item *it;
	int32_t points;
	int rc;

	if (row->nf != NFIELDS)
		return px_err_set(err, PX_EINVAL, "rubric_bad_csv", "",
				  "line %u: expected 4 fields, got %zu", row->line, row->nf);
	if (!code_valid(code, row->flen[0]))
		return px_err_set(err, PX_EINVAL, "rubric_bad_code", "",
				  "line %u: item code must be 1-31 of [A-Za-z0-9._-], got '%.40s'",
				  row->line, code);
	if (find_index(r, code) >= 0)
		return px_err_set(err, PX_EINVAL, "rubric_duplicate_item", code,
				  "line %u: item '%s' appears twice", row->line, code);
	if (row->flen[1] == 0 || row->flen[1] >= RUBRIC_NAME_MAX ||
	    !text_valid(name, row->flen[1]))
		return px_err_set(err, PX_EINVAL, "rubric_bad_name", code,
				  "line %u: name of '%s' must be 1-%d bytes of printable utf-8",
				  row->line, code, RUBRIC_NAME_MAX - 1);
	rc = rubric_points_parse(row->f[2], row->flen[2], &points, code, err);
	if (rc == 0 && points == 0)
		rc = px_err_set(err, PX_EINVAL, "bad_points", code, "points must be positive");
	if (rc) {
		/* Keep the parser's message, give it the rubric's key and the line. */
		char msg[sizeof(err->msg)];
		snprintf(msg, sizeof(msg), "%s", err ? err->msg : "");
		return px_err_set(err, PX_EINVAL, "rubric_bad_points", code, "line %u: %s",
				  row->line, msg);
	}
	int p = -1;
	if (row->flen[3] > 0) {
		p = code_valid(parent, row->flen[3]) ? find_index(r, parent) : -1;
		if (p < 0)
			return px_err_set(err, PX_EINVAL, "rubric_unknown_parent", code,
					  "line %u: parent '%.40s' of '%s' is not an earlier item",
					  row->line, parent, code);
	}
	if (r->n == RUBRIC_MAX_ITEMS)
		return px_err_set(err, PX_ETOOBIG, "rubric_too_many_items", code,
				  "line %u: a rubric has at most %d items", row->line,
				  RUBRIC_MAX_ITEMS);

	it = &r->items[r->n++];
	memcpy(it->code, code, row->flen[0] + 1);
	memcpy(it->name, name, row->flen[1] + 1);
	it->points = points;
	it->parent = p;
	it->nchildren = 0;
	it->depth = p < 0 ? 0 : r->items[p].depth + 1;
	if (p >= 0)
		r->items[p].nchildren++;
	return 0;
}

/* Children sum to their parent; the top level sums to the declared total. */
static int check_sums(struct rubric *r, int32_t declared_total, struct px_err *err)
{
	int64_t sums[RUBRIC_MAX_ITEMS] = { 0 };
	int64_t top = 0;
	char a[RUBRIC_POINTS_BUFSZ], b[RUBRIC_POINTS_BUFSZ];

	for (size_t i = 0; i < r->n; i++) {
		const struct rubric_item *it = &r->items[i];
		if (it->parent < 0)
			top += it->points;
		else
			sums[it->parent] += it->points;
		r->nleaves += it->nchildren == 0;
	}
	for (size_t i = 0; i < r->n; i++) {
		const struct rubric_item *it = &r->items[i];
		if (it->nchildren && sums[i] != it->points)
			return px_err_set(err, PX_EINVAL, "rubric_points_mismatch", it->code,
					  "children of '%s' sum to %s, its points are %s", it->code,
					  rubric_points_format((int32_t)sums[i], a),
					  rubric_points_format(it->points, b));
	}
	if (top != declared_total)
		return px_err_set(err, PX_EINVAL, "rubric_total_mismatch", "",
				  "top-level items sum to %s, the declared total is %s",
				  rubric_points_format((int32_t)top, a),
				  rubric_points_format(declared_total, b));
	r->total = (int32_t)top;
	return 0;
}

int rubric_parse_csv(struct rubric *r, const char *buf, size_t len, int32_t declared_total,
		     struct px_err *err)
{
	struct csv_cursor c = { buf, len, 0, 1 };
	struct csv_row *row = NULL;
	int rc;

	memset(r, 0, sizeof(*r));
	if (len > RUBRIC_CSV_MAX) {
		rc = px_err_set(err, PX_ETOOBIG, "rubric_too_large", "",
				"rubric text is %zu bytes, at most %d are accepted", len,
				RUBRIC_CSV_MAX);
		goto out;
	}
	if (declared_total <= 0 || declared_total > RUBRIC_POINTS_MAX) {
		rc = px_err_set(err, PX_EINVAL, "rubric_bad_total", "",
				"declared total must be between 0.1 and %d points, got '%d' tenths",
				RUBRIC_POINTS_MAX / RUBRIC_SCALE, (int)declared_total);
		goto out;
	}
	row = malloc(sizeof(*row));
	r->items = calloc(RUBRIC_MAX_ITEMS, sizeof(*r->items));
	if (!row || !r->items) {
		rc = px_err_set(err, PX_ENOMEM, NULL, "", "out of memory reading a rubric");
		goto out;
	}
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		c.pos = 3;
	rc = csv_next(&c, row, err);
	if (rc == 0)
		rc = px_err_set(err, PX_EINVAL, "rubric_empty", "", "rubric text is empty");
	if (rc < 0 || (rc = check_header(row, err)))
		goto out;
	while ((rc = csv_next(&c, row, err)) > 0)
		if ((rc = add_item(r, row, err)))
			goto out;
	if (rc < 0)
		goto out;
	if (r->n == 0) {
		rc = px_err_set(err, PX_EINVAL, "rubric_empty", "", "rubric has no items");
		goto out;
	}
	rc = check_sums(r, declared_total, err);
out:
	free(row);
	if (rc)
		rubric_release(r);
	return rc;
}

void rubric_release(struct rubric *r)
{
	if (!r)
		return;
	free(r->items);
	memset(r, 0, sizeof(*r));
}

const struct rubric_item *rubric_find(const struct rubric *r, const char *code)
{
	int i = code ? find_index(r, code) : -1;
	return i < 0 ? NULL : &r->items[i];
}

bool rubric_item_is_leaf(const struct rubric_item *it)
{
	return it->nchildren == 0;
}
