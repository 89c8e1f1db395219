/*
 * csv.h - a report table as CSV (RFC 4180, UTF-8 with a byte order mark so
 * that Excel and WPS read the Chinese correctly, CRLF line ends).
 */
#ifndef PX_REPORT_CSV_H
#define PX_REPORT_CSV_H

#include <stdio.h>

#include "report/table.h"

/*
 * Write the header row and the rows of t to f. Text cells that a
 * spreadsheet would run as a formula (starting with = + - @, tab or CR) are
 * prefixed with an apostrophe; number and date columns are written as they are.
 */
int report_csv_table(FILE *f, const struct report_table *t, struct px_err *err);

#endif
