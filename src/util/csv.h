/*
 * csv.h - an RFC 4180 CSV reader over a buffer in memory (no I/O).
 *
 * Accepted input: fields separated by ',', records ended by CRLF or LF (the
 * last record may lack one), fields optionally enclosed in '"' with '"'
 * written as '""' inside; a quoted field may span lines. A UTF-8 byte order
 * mark at the very start is skipped (spreadsheets on Windows write one).
 * Entirely empty lines are skipped. Rejected, with the line number in the
 * error: a quote inside an unquoted field, text after a closing quote, an
 * unterminated quote, a CR not followed by LF, a NUL byte, and anything over
 * the caps the caller sets (field length in bytes, fields per record,
 * records). Bytes are otherwise passed through: the reader does not check
 * UTF-8.
 *
 *	struct csv_reader r;
 *	struct csv_opts o = { .max_field = 256, .max_fields = 8, .max_records = 10000 };
 *	csv_reader_init(&r, buf, len, &o);
 *	while ((rc = csv_next(&r, err)) > 0)
 *		use(csv_field(&r, 0), r.nfields, r.line);
 *	csv_reader_release(&r);
 *	if (rc < 0) ... err names the line ...
 *
 * Fields of the current record are NUL-terminated copies owned by the reader,
 * valid until the next csv_next() or csv_reader_release().
 *
 * csv_read_table() reads a whole file of the usual shape (a header naming
 * the columns, then one row per record) into an array.
 */
#ifndef PX_UTIL_CSV_H
#define PX_UTIL_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

struct csv_opts {
	size_t max_field;    /* bytes in one field, after unquoting (> 0) */
	size_t max_fields;   /* fields in one record (> 0) */
	size_t max_records;  /* records in the input, header included (> 0) */
	bool same_width;     /* every record must have as many fields as the first */
};

struct csv_reader {
	/* read-only for callers */
	size_t nfields;      /* fields in the current record */
	size_t line;         /* line (1-based) on which the current record starts */
	size_t record;       /* records read so far: 1 for the header */

	/* private */
	const char *buf;
	size_t len, pos, cur_line, width;
	int failed;          /* the error that stopped the reader, 0 while none */
	struct csv_opts opts;
	char *data;          /* the current record's fields, NUL-separated */
	size_t data_len, data_cap;
	size_t *offs;        /* start of each field in data; opts.max_fields entries */
};

/* Start reading len bytes of buf (not copied: keep it alive while reading). */
void csv_reader_init(struct csv_reader *r, const char *buf, size_t len,
		     const struct csv_opts *opts);

/*
 * Read the next record. Returns 1 when a record was read, 0 at the end of the
 * input, or a negative PX_E* code: PX_EINVAL (malformed, key "csv_syntax"),
 * PX_ETOOBIG (a cap exceeded, keys "csv_field_too_long", "csv_too_many_fields",
 * "csv_too_many_records"), PX_ENOMEM. After an error the reader stays at the
 * error: further calls return the same code.
 */
int csv_next(struct csv_reader *r, struct px_err *err);

/* Field i of the current record (NUL-terminated, owned by r); "" when i >= nfields. */
const char *csv_field(const struct csv_reader *r, size_t i);

/* Length in bytes of field i (fields may contain NUL-free text only). */
size_t csv_field_len(const struct csv_reader *r, size_t i);

/*
 * Index of the field equal to name in the current record (normally the
 * header), or -1. Exact byte comparison.
 */
int csv_find_column(const struct csv_reader *r, const char *name);

/* Free what the reader allocated; r may then be initialised again. */
void csv_reader_release(struct csv_reader *r);

/* ---- tables ------------------------------------------------------------ */

#define CSV_TABLE_MAX_COLUMNS 8

/*
 * A table: a header naming its columns (in any order; other columns are
 * allowed and ignored), then one row per record, each checked and stored as
 * one element of an array.
 */
struct csv_table {
	struct csv_opts opts;
	const char *const *columns; /* the names the header must hold */
	size_t ncolumns;            /* 1 .. CSV_TABLE_MAX_COLUMNS */
	size_t row_size;            /* bytes of one element of the array */
	/*
	 * Fill err for a header that is missing (r->record is 0: the input
	 * holds no record) or lacks one of the columns; return the code.
	 */
	int (*bad_header)(const struct csv_reader *r, struct px_err *err);
	/*
	 * Check the current record of r (r->line names it) and fill *row from
	 * it; field[i] is its text in the column columns[i]. Return 0 or a
	 * negative code.
	 */
	int (*parse_row)(const struct csv_reader *r, const char *const *field, void *row,
			 struct px_err *err);
};

/*
 * Read len bytes of buf as the table t: *rows receives a malloc'd array of
 * *n elements, in file order, which the caller frees (NULL when there are
 * no rows). Errors: those of csv_next(), of t->bad_header and t->parse_row,
 * PX_ENOMEM; *rows is then NULL and *n 0.
 */
int csv_read_table(const struct csv_table *t, const char *buf, size_t len, void **rows,
		   size_t *n, struct px_err *err);

#endif
