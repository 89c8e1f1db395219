/*
 * xlsx.h - spreadsheets (.xlsx, Office Open XML) that offices open in WPS and
 * Excel, written with libxlsxwriter from struct report_table (table.h).
 *
 * Each table is one sheet laid out as Chinese government forms are: the title
 * merged across the columns (bold, centred), the subtitle under it (e.g. the
 * recommending unit and the date), the header row (bold, wrapped, borders,
 * frozen so that it stays in view and repeated on every printed page), the
 * rows with borders, then the footer lines (signature and contact lines).
 * Printing is set to A4, one page wide, centred, "第 N 页" at the foot.
 * Text cells are always written as text, never as formulas, so a cell
 * starting with "=" stays inert.
 *
 * The writers print what they are given: masking identity numbers and phone
 * numbers is the caller's job (core/ident.h ident_mask()).
 *
 * All input is checked before the file is created (report_table_check());
 * the document appears at `path` only when complete (file.h). Errors:
 * the keys of report_table_check() and file.h, "report_duplicate_sheet",
 * PX_ENOMEM, and PX_EINTERNAL "report_xlsx_failed" for a library failure.
 */
#ifndef PX_REPORT_XLSX_H
#define PX_REPORT_XLSX_H

#include <stddef.h>

#include "report/table.h"
#include "util/err.h"

#define REPORT_SHEETS_MAX 64

/* Write a workbook of one sheet. The table is borrowed for the call. */
int report_xlsx_table(const char *path, const struct report_table *t, struct px_err *err);

/* Write a workbook of n sheets (1..REPORT_SHEETS_MAX), in order; sheet names distinct. */
int report_xlsx_workbook(const char *path, const struct report_table *tables, size_t n,
			 struct px_err *err);

#endif
