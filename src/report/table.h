/*
 * table.h - a table of text as the report writers take it: the generic input
 * of report_xlsx_table() (one sheet) and of the tables in PDF documents.
 *
 * Everything is borrowed: the writers read the strings during the call and
 * keep no pointer. Cells are UTF-8 strings, row-major (cell (r, c) is
 * cells[r * ncols + c]); a NULL cell is empty. A column's type says how its
 * cells are written to a spreadsheet: a cell of an integer, decimal or date
 * column that reads as such a value ("42", "-3.75", "2025-10-25") becomes a
 * number or a date; any other text in it ("—", "") stays text. In PDFs every
 * cell is printed as given; numbers and dates are centred.
 */
#ifndef PX_REPORT_TABLE_H
#define PX_REPORT_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

#define REPORT_COLS_MAX 64
#define REPORT_ROWS_MAX 100000
#define REPORT_FOOTER_MAX 16       /* footer lines */
#define REPORT_WIDTH_MAX 255.0     /* column width in characters (Excel's cap) */
#define REPORT_DECIMALS_MAX 6

enum report_col_type {
	REPORT_COL_TEXT = 0,
	REPORT_COL_INTEGER,  /* -?[0-9]{1,15} */
	REPORT_COL_DECIMAL,  /* -?[0-9]+(.[0-9]+)?, at most 15 digits */
	REPORT_COL_DATE,     /* YYYY-MM-DD */
};

struct report_column {
	const char *header;         /* required, <= REPORT_NAME_MAX bytes */
	double width;               /* in characters (Excel's unit); 0 = 10 */
	enum report_col_type type;
	unsigned decimals;          /* places shown for REPORT_COL_DECIMAL; 0 = 2 */
};

struct report_table {
	const char *sheet;          /* sheet name: 1..31 characters, none of []:*?/\ ;
				       unused in PDFs */
	const char *title;          /* optional; merged, bold, centred above the table */
	const char *subtitle;       /* optional; one line under the title */
	const struct report_column *cols;
	size_t ncols;               /* 1..REPORT_COLS_MAX */
	const char *const *cells;   /* nrows * ncols, row-major, NULL = empty */
	size_t nrows;               /* 0..REPORT_ROWS_MAX */
	const char *const *footer;  /* optional lines under the table (signature lines, notes) */
	size_t nfooter;             /* 0..REPORT_FOOTER_MAX */
	bool landscape;             /* print on landscape pages */
};

/*
 * Check every string and bound of t (the error names the field: "cells[3][2]",
 * "cols[1].header", "sheet" ...); sheet names are checked only when check_sheet. Returns 0 or the
 * report_check_text() error, PX_EINVAL "report_bad_table" for bad counts,
 * widths or decimals, "report_bad_sheet_name" for a bad sheet name.
 */
int report_table_check(const struct report_table *t, bool check_sheet, struct px_err *err);

/* Cell (r, c) of t, NULL when empty. */
const char *report_table_cell(const struct report_table *t, size_t r, size_t c);

/* The column's width in characters with the default applied. */
double report_col_width(const struct report_column *col);

/* The column's decimals with the default applied. */
unsigned report_col_decimals(const struct report_column *col);

#endif
