/*
 * table.c - validation of struct report_table (table.h) shared by the xlsx and
 * PDF writers: counts and widths within bounds, every string checked by
 * report_check_text(), sheet names as Excel accepts them.
 */
#include "report/table.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "report/text.h"

#define SHEET_NAME_CHARS 31

const char *report_table_cell(const struct report_table *t, size_t r, size_t c)
{
	return t->cells ? t->cells[r * t->ncols + c] : NULL;
}

double report_col_width(const struct report_column *col)
{
	return col->width > 0 ? col->width : 10.0;
}

unsigned report_col_decimals(const struct report_column *col)
{
	return col->decimals ? col->decimals : 2;
}

static int check_sheet_name(const char *s, struct px_err *err)
{
	int rc;
	size_t n;

	if ((rc = report_check_text("sheet", s, REPORT_NAME_MAX, REPORT_TEXT_REQUIRED, err)))
		return rc;
	n = strlen(s);
	if (g_utf8_strlen(s, (gssize)n) > SHEET_NAME_CHARS || strpbrk(s, "[]:*?/\\") ||
	    s[0] == '\'' || s[n - 1] == '\'' || !strcasecmp(s, "History"))
		return px_err_set(err, PX_EINVAL, "report_bad_sheet_name", "sheet",
				  "sheet name '%s' is not 1 to 31 characters without []:*?/\\ "
				  "or outer quotes", s);
	return 0;
}

static int check_columns(const struct report_table *t, struct px_err *err)
{
	char field[64];
	int rc;

	for (size_t c = 0; c < t->ncols; c++) {
		const struct report_column *col = &t->cols[c];

		snprintf(field, sizeof(field), "cols[%zu].header", c);
		if ((rc = report_check_text(field, col->header, REPORT_NAME_MAX,
					    REPORT_TEXT_REQUIRED, err)))
			return rc;
		if (!(col->width >= 0 && col->width <= REPORT_WIDTH_MAX) ||
		    col->decimals > REPORT_DECIMALS_MAX || (int)col->type < (int)REPORT_COL_TEXT ||
		    (int)col->type > (int)REPORT_COL_DATE) {
			snprintf(field, sizeof(field), "cols[%zu]", c);
			return px_err_set(err, PX_EINVAL, "report_bad_table", field,
					  "column %zu has a bad width, type or decimals", c);
		}
	}
	return 0;
}

int report_table_check(const struct report_table *t, bool check_sheet, struct px_err *err)
{
	char field[64];
	int rc;

	if (!t || !t->cols || t->ncols == 0 || t->ncols > REPORT_COLS_MAX ||
	    t->nrows > REPORT_ROWS_MAX || (t->nrows && !t->cells) ||
	    t->nfooter > REPORT_FOOTER_MAX || (t->nfooter && !t->footer))
		return px_err_set(err, PX_EINVAL, "report_bad_table", "table",
				  "table needs 1 to %d columns, at most %d rows and %d footer lines",
				  REPORT_COLS_MAX, REPORT_ROWS_MAX, REPORT_FOOTER_MAX);
	if (check_sheet && (rc = check_sheet_name(t->sheet, err)))
		return rc;
	if ((rc = report_check_text("title", t->title, REPORT_LINE_MAX, REPORT_TEXT_OPTIONAL, err)) ||
	    (rc = report_check_text("subtitle", t->subtitle, REPORT_LINE_MAX, REPORT_TEXT_OPTIONAL,
				    err)) ||
	    (rc = check_columns(t, err)))
		return rc;
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			snprintf(field, sizeof(field), "cells[%zu][%zu]", r, c);
			if ((rc = report_check_text(field, report_table_cell(t, r, c),
						    REPORT_CELL_MAX,
						    REPORT_TEXT_OPTIONAL | REPORT_TEXT_MULTILINE, err)))
				return rc;
		}
	for (size_t i = 0; i < t->nfooter; i++) {
		snprintf(field, sizeof(field), "footer[%zu]", i);
		if ((rc = report_check_text(field, t->footer[i], REPORT_LINE_MAX,
					    REPORT_TEXT_OPTIONAL, err)))
			return rc;
	}
	return 0;
}
