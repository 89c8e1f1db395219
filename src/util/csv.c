/*
 * csv.c - the RFC 4180 reader of csv.h. One record at a time is unquoted into
 * a buffer the reader owns (fields NUL-terminated, so callers can hand them
 * to date_parse or strcmp); the input itself is never modified. Every cap is
 * checked before the byte that would exceed it is stored, so the memory used
 * stays below twice max_fields * (max_field + 1). csv_read_table() is the
 * loop every loader of a data file would otherwise write: header, columns,
 * one checked row per record into a growing array.
 */
#include "util/csv.h"

#include <assert.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CSV_DATA_MIN 256
#define CSV_TABLE_MIN_ROWS 64

void csv_reader_init(struct csv_reader *r, const char *buf, size_t len,
		     const struct csv_opts *opts)
{
	memset(r, 0, sizeof(*r));
	r->buf = buf;
	r->len = buf ? len : 0;
	r->cur_line = 1;
	r->opts = *opts;
	/* skip a UTF-8 byte order mark */
	if (r->len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		r->pos = 3;
}

void csv_reader_release(struct csv_reader *r)
{
	free(r->data);
	free(r->offs);
	r->data = NULL;
	r->offs = NULL;
	r->data_cap = r->data_len = r->nfields = 0;
}

/* Remember the first error so that later calls repeat it. */
static int fail(struct csv_reader *r, struct px_err *err, int code, const char *key,
		const char *what)
{
	r->pos = r->len;
	r->nfields = 0;
	r->failed = code;
	return px_err_set(err, code, key, "", "line %zu: %s", r->cur_line, what);
}

/* Store one byte at the end of the record buffer, growing it when full. */
static int store(struct csv_reader *r, char c, struct px_err *err)
{
	if (r->data_len == r->data_cap) {
		size_t cap = r->data_cap ? r->data_cap * 2 : CSV_DATA_MIN;
		char *p = realloc(r->data, cap);
		if (!p)
			return fail(r, err, PX_ENOMEM, NULL, "out of memory");
		r->data = p;
		r->data_cap = cap;
	}
	r->data[r->data_len++] = c;
	return 0;
}

/* Append one byte to the field being read (its start is offs[nfields]). */
static int put(struct csv_reader *r, char c, struct px_err *err)
{
	if (r->data_len - r->offs[r->nfields] >= r->opts.max_field)
		return fail(r, err, PX_ETOOBIG, "csv_field_too_long", "field longer than the limit");
	return store(r, c, err);
}

/* true when pos starts a line end (LF or CRLF); *n receives its length. */
static bool at_eol(const struct csv_reader *r, size_t pos, size_t *n)
{
	if (pos < r->len && r->buf[pos] == '\n') {
		*n = 1;
		return true;
	}
	if (pos + 1 < r->len && r->buf[pos] == '\r' && r->buf[pos + 1] == '\n') {
		*n = 2;
		return true;
	}
	return false;
}

/* A field in quotes; pos is on the opening quote. */
static int read_quoted(struct csv_reader *r, struct px_err *err)
{
	size_t opened = r->cur_line;
	int rc;
	r->pos++;
	for (;;) {
		if (r->pos >= r->len) {
			r->cur_line = opened;
			return fail(r, err, PX_EINVAL, "csv_syntax", "unterminated quoted field");
		}
		char c = r->buf[r->pos];
		if (c == '"') {
			if (r->pos + 1 < r->len && r->buf[r->pos + 1] == '"') {
				r->pos++; /* a doubled quote stands for one */
			} else {
				r->pos++;
				break;
			}
		} else if (c == '\0') {
			return fail(r, err, PX_EINVAL, "csv_syntax", "NUL byte");
		} else if (c == '\n') {
			r->cur_line++;
		}
		if ((rc = put(r, c, err)))
			return rc;
		r->pos++;
	}
	size_t n;
	if (r->pos < r->len && r->buf[r->pos] != ',' && !at_eol(r, r->pos, &n))
		return fail(r, err, PX_EINVAL, "csv_syntax", "text after a closing quote");
	return 0;
}

/* A field without quotes, up to ',' or a line end. */
static int read_plain(struct csv_reader *r, struct px_err *err)
{
	size_t n;
	int rc;
	while (r->pos < r->len && r->buf[r->pos] != ',' && !at_eol(r, r->pos, &n)) {
		char c = r->buf[r->pos];
		if (c == '"')
			return fail(r, err, PX_EINVAL, "csv_syntax", "quote inside an unquoted field");
		if (c == '\r')
			return fail(r, err, PX_EINVAL, "csv_syntax", "carriage return not followed by a line feed");
		if (c == '\0')
			return fail(r, err, PX_EINVAL, "csv_syntax", "NUL byte");
		if ((rc = put(r, c, err)))
			return rc;
		r->pos++;
	}
	return 0;
}

static int alloc_offsets(struct csv_reader *r, struct px_err *err)
{
	if (r->offs)
		return 0;
	if (!r->opts.max_fields || !r->opts.max_field || !r->opts.max_records ||
	    r->opts.max_fields > SIZE_MAX / sizeof(*r->offs))
		return fail(r, err, PX_EINVAL, NULL, "reader limits must be positive");
	r->offs = calloc(r->opts.max_fields, sizeof(*r->offs));
	if (!r->offs)
		return fail(r, err, PX_ENOMEM, NULL, "out of memory");
	return 0;
}

int csv_next(struct csv_reader *r, struct px_err *err)
{
	size_t n;
	int rc;

	if (r->failed)
		return r->failed;
	if ((rc = alloc_offsets(r, err)))
		return rc;
	r->nfields = 0;
	r->data_len = 0;
	while (at_eol(r, r->pos, &n)) { /* empty lines */
		r->pos += n;
		r->cur_line++;
	}
	if (r->pos >= r->len)
		return 0;
	if (r->record >= r->opts.max_records)
		return fail(r, err, PX_ETOOBIG, "csv_too_many_records", "more records than the limit");
	r->line = r->cur_line;
	for (;;) {
		if (r->nfields >= r->opts.max_fields)
			return fail(r, err, PX_ETOOBIG, "csv_too_many_fields", "more fields than the limit");
		r->offs[r->nfields] = r->data_len;
		rc = r->pos < r->len && r->buf[r->pos] == '"' ? read_quoted(r, err) : read_plain(r, err);
		if (rc)
			return rc;
		if ((rc = store(r, '\0', err))) /* the terminator is not counted in the cap */
			return rc;
		r->nfields++;
		if (r->pos < r->len && r->buf[r->pos] == ',') {
			r->pos++;
			continue;
		}
		if (at_eol(r, r->pos, &n)) {
			r->pos += n;
			r->cur_line++;
		}
		break;
	}
	r->record++;
	if (r->opts.same_width) {
		if (r->record == 1) {
			r->width = r->nfields;
		} else if (r->nfields != r->width) {
			size_t got = r->nfields;
			r->cur_line = r->line;
			fail(r, NULL, PX_EINVAL, NULL, "");
			return px_err_set(err, PX_EINVAL, "csv_field_count", "",
					  "line %zu: %zu fields, expected %zu", r->line, got,
					  r->width);
		}
	}
	return 1;
}

const char *csv_field(const struct csv_reader *r, size_t i)
{
	return i < r->nfields ? r->data + r->offs[i] : "";
}

size_t csv_field_len(const struct csv_reader *r, size_t i)
{
	return i < r->nfields ? strlen(r->data + r->offs[i]) : 0;
}

int csv_find_column(const struct csv_reader *r, const char *name)
{
	for (size_t i = 0; i < r->nfields && i < (size_t)INT_MAX; i++)
		if (!strcmp(csv_field(r, i), name))
			return (int)i;
	return -1;
}

/* Read the header and find each of t's columns in it. */
static int read_header(const struct csv_table *t, struct csv_reader *r, size_t *col,
		       struct px_err *err)
{
	int rc = csv_next(r, err);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < t->ncolumns; i++) {
		int k = rc ? csv_find_column(r, t->columns[i]) : -1;
		if (k < 0)
			return t->bad_header(r, err);
		col[i] = (size_t)k;
	}
	return 0;
}

/* Make room for one more element after the n in *rows. */
static int grow(const struct csv_table *t, char **rows, size_t n, size_t *cap,
		struct px_err *err)
{
	if (n < *cap)
		return 0;
	size_t ncap = *cap ? *cap * 2 : CSV_TABLE_MIN_ROWS;
	char *p = realloc(*rows, ncap * t->row_size);
	if (!p)
		return px_err_set(err, PX_ENOMEM, NULL, "", "out of memory");
	*rows = p;
	*cap = ncap;
	return 0;
}

int csv_read_table(const struct csv_table *t, const char *buf, size_t len, void **rows,
		   size_t *n, struct px_err *err)
{
	size_t col[CSV_TABLE_MAX_COLUMNS];
	const char *field[CSV_TABLE_MAX_COLUMNS];
	struct csv_reader r;
	char *out = NULL;
	size_t cap = 0, count = 0;
	int rc;

	assert(t->ncolumns >= 1 && t->ncolumns <= CSV_TABLE_MAX_COLUMNS);
	csv_reader_init(&r, buf, len, &t->opts);
	if ((rc = read_header(t, &r, col, err)))
		goto out;
	while ((rc = csv_next(&r, err)) > 0) {
		for (size_t i = 0; i < t->ncolumns; i++)
			field[i] = csv_field(&r, col[i]);
		if ((rc = grow(t, &out, count, &cap, err)) ||
		    (rc = t->parse_row(&r, field, out + count * t->row_size, err)))
			goto out;
		count++;
	}
out:
	csv_reader_release(&r);
	if (rc) {
		free(out);
		out = NULL;
		count = 0;
	}
	*rows = out;
	*n = count;
	return rc;
}
