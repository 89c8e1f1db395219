/*
 * xlsx_read.h - the first worksheet of an .xlsx workbook held in memory, as
 * CSV text (RFC 4180: fields quoted when they hold a comma, a quote or a line
 * break, quotes doubled, CRLF line ends), so that a CSV import reads a
 * spreadsheet unchanged.
 *
 * Cells are placed by their reference (r="C5"): a missing cell is an empty
 * field and a missing row an empty line, so CSV line N is sheet row N. Shared
 * strings (t="s"), inline strings (t="inlineStr"), formula results
 * (t="str"), errors (t="e") and numbers are written as their text, booleans
 * as TRUE/FALSE; a number formatted as a date stays the serial number the
 * file holds. Trailing empty cells of a row are not written.
 *
 * Bounded: the file at most XLSX_READ_FILE_MAX bytes, every part read at most
 * XLSX_READ_ENTRY_MAX bytes uncompressed (its declared size is checked before
 * anything is inflated), XLSX_READ_ROWS_MAX rows, XLSX_READ_COLS_MAX columns,
 * XLSX_READ_CELL_MAX bytes a cell, and the CSV at most csv_max bytes. XML is
 * parsed without network access and without entity expansion; a part with a
 * document type declaration is refused.
 *
 * Every fault is PX_EINVAL (PX_ETOOBIG for the caps, PX_ENOMEM) with key
 * "bad_xlsx" and field "file".
 */
#ifndef PX_REPORT_XLSX_READ_H
#define PX_REPORT_XLSX_READ_H

#include <stddef.h>

#include "util/err.h"

#define XLSX_READ_FILE_MAX (8u << 20)
#define XLSX_READ_ENTRY_MAX (32u << 20)
#define XLSX_READ_ROWS_MAX 50000
#define XLSX_READ_COLS_MAX 64
#define XLSX_READ_CELL_MAX 4096

/*
 * Read the first worksheet of the len bytes at data (borrowed) into *csv, a
 * NUL-terminated string of *csv_len bytes that the caller frees with free().
 */
int xlsx_read_csv(const void *data, size_t len, size_t csv_max, char **csv, size_t *csv_len,
		  struct px_err *err);

#endif
