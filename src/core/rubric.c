/*
 * rubric.c - building a rubric tree from the CSV text of data/rubrics/ and
 * checking that it adds up: unique codes, parents before children, children
 * summing to their parent, the top level summing to the declared total. The
 * office edits these files by hand or in a spreadsheet, so every fault names
 * its line or item. The text is read by util/csv.h (RFC 4180 quoting, a UTF-8
 * BOM, CRLF line ends), whose faults are reported under the rubric's key.
 */
#include "core/rubric.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/csv.h"

#define NFIELDS 4
#define FIELD_MAX 255 /* bytes of one field */

static const char header[NFIELDS][8] = { "item", "name", "points", "parent" };

/*
 * util/csv's faults in the rubric's words, under the rubric's key (the
 * office's tools know "rubric_bad_csv"): its message text, then ours.
 */
static const char *const csv_words[][2] = {
	{ "unterminated quoted field", "unterminated quote" },
	{ "carriage return not followed by a line feed", "carriage return without line feed" },
	{ "NUL byte", "nul byte" },
	{ "field longer than the limit", "field too long" },
};

/* Report the reader's fault rc (described in *cerr) as a rubric fault. */
static int csv_fault(const struct csv_reader *c, int rc, const struct px_err *cerr,
		     struct px_err *err)
{
	if (rc == PX_ENOMEM)
		return px_err_set(err, PX_ENOMEM, NULL, "", "out of memory reading a rubric");
	if (!strcmp(cerr->key, "csv_too_many_fields"))
		return px_err_set(err, PX_EINVAL, "rubric_bad_csv", "", "line %zu: more than %d fields",
				  c->line, NFIELDS);
	/* the reader's messages read "line N: what" */
	const char *what = strstr(cerr->msg, ": ");
	int at = what ? (int)(what - cerr->msg) + 2 : 0;
	what = cerr->msg + at;
	for (size_t i = 0; i < sizeof(csv_words) / sizeof(csv_words[0]); i++)
		if (!strcmp(what, csv_words[i][0]))
			what = csv_words[i][1];
	return px_err_set(err, PX_EINVAL, "rubric_bad_csv", "", "%.*s%s", at, cerr->msg, what);
}

/* The next record of c: 1 when read, 0 at the end, < 0 on a fault. */
static int next_row(struct csv_reader *c, struct px_err *err)
{
	struct px_err cerr = { 0 };
	int rc = csv_next(c, &cerr);
	return rc < 0 ? csv_fault(c, rc, &cerr, err) : rc;
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

static int check_header(const struct csv_reader *row, struct px_err *err)
{
	bool ok = row->nfields == NFIELDS;
	for (size_t i = 0; ok && i < NFIELDS; i++)
		ok = strcmp(csv_field(row, i), header[i]) == 0;
	if (!ok)
		return px_err_set(err, PX_EINVAL, "rubric_bad_header", "",
				  "the first line must be 'item,name,points,parent'");
	return 0;
}

/* Validate the current record of row and append it to r->items. */
static int add_item(struct rubric *r, const struct csv_reader *row, struct px_err *err)
{
	const char *code = csv_field(row, 0), *name = csv_field(row, 1), *parent = csv_field(row, 3);
	size_t code_len = csv_field_len(row, 0), name_len = csv_field_len(row, 1);
	size_t parent_len = csv_field_len(row, 3);
	struct rubric_item *it;
	int32_t points;
	int rc;

	if (row->nfields != NFIELDS)
		return px_err_set(err, PX_EINVAL, "rubric_bad_csv", "",
				  "line %zu: expected 4 fields, got %zu", row->line, row->nfields);
	if (!code_valid(code, code_len))
		return px_err_set(err, PX_EINVAL, "rubric_bad_code", "",
				  "line %zu: item code must be 1-31 of [A-Za-z0-9._-], got '%.40s'",
				  row->line, code);
	if (find_index(r, code) >= 0)
		return px_err_set(err, PX_EINVAL, "rubric_duplicate_item", code,
				  "line %zu: item '%s' appears twice", row->line, code);
	if (name_len == 0 || name_len >= RUBRIC_NAME_MAX || !text_valid(name, name_len))
		return px_err_set(err, PX_EINVAL, "rubric_bad_name", code,
				  "line %zu: name of '%s' must be 1-%d bytes of printable utf-8",
				  row->line, code, RUBRIC_NAME_MAX - 1);
	rc = rubric_points_parse(csv_field(row, 2), csv_field_len(row, 2), &points, code, err);
	if (rc == 0 && points == 0)
		rc = px_err_set(err, PX_EINVAL, "bad_points", code, "points must be positive");
	if (rc) {
		/* Keep the parser's message, give it the rubric's key and the line. */
		char msg[sizeof(err->msg)];
		snprintf(msg, sizeof(msg), "%s", err ? err->msg : "");
		return px_err_set(err, PX_EINVAL, "rubric_bad_points", code, "line %zu: %s",
				  row->line, msg);
	}
	int p = -1;
	if (parent_len > 0) {
		p = code_valid(parent, parent_len) ? find_index(r, parent) : -1;
		if (p < 0)
			return px_err_set(err, PX_EINVAL, "rubric_unknown_parent", code,
					  "line %zu: parent '%.40s' of '%s' is not an earlier item",
					  row->line, parent, code);
	}
	if (r->n == RUBRIC_MAX_ITEMS)
		return px_err_set(err, PX_ETOOBIG, "rubric_too_many_items", code,
				  "line %zu: a rubric has at most %d items", row->line,
				  RUBRIC_MAX_ITEMS);

	it = &r->items[r->n++];
	memcpy(it->code, code, code_len + 1);
	memcpy(it->name, name, name_len + 1);
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
	/* the header, the items, and one more so that the item cap speaks first */
	const struct csv_opts opts = {
		.max_field = FIELD_MAX,
		.max_fields = NFIELDS,
		.max_records = RUBRIC_MAX_ITEMS + 2,
	};
	struct csv_reader row;
	int rc;

	memset(r, 0, sizeof(*r));
	csv_reader_init(&row, buf, len, &opts);
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
	r->items = calloc(RUBRIC_MAX_ITEMS, sizeof(*r->items));
	if (!r->items) {
		rc = px_err_set(err, PX_ENOMEM, NULL, "", "out of memory reading a rubric");
		goto out;
	}
	rc = next_row(&row, err);
	if (rc == 0)
		rc = px_err_set(err, PX_EINVAL, "rubric_empty", "", "rubric text is empty");
	if (rc < 0 || (rc = check_header(&row, err)))
		goto out;
	while ((rc = next_row(&row, err)) > 0)
		if ((rc = add_item(r, &row, err)))
			goto out;
	if (rc < 0)
		goto out;
	if (r->n == 0) {
		rc = px_err_set(err, PX_EINVAL, "rubric_empty", "", "rubric has no items");
		goto out;
	}
	rc = check_sums(r, declared_total, err);
out:
	csv_reader_release(&row);
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
