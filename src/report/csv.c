/*
 * csv.c - writing report tables as CSV (see csv.h).
 */
#include "report/csv.h"

#include <string.h>

static void put_field(FILE *f, const char *s, bool text)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	bool formula = text && strchr("=+-@\t\r", s[0]) && s[0];
	if (quote)
		fputc('"', f);
	if (formula)
		fputc('\'', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	if (quote)
		fputc('"', f);
}

int report_csv_table(FILE *f, const struct report_table *t, struct px_err *err)
{
	int rc = report_table_check(t, false, err);
	if (rc)
		return rc;
	fputs("\xEF\xBB\xBF", f);
	for (size_t c = 0; c < t->ncols; c++) {
		put_field(f, t->cols[c].header, true);
		fputs(c + 1 < t->ncols ? "," : "\r\n", f);
	}
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = report_table_cell(t, r, c);
			put_field(f, v ? v : "", t->cols[c].type == REPORT_COL_TEXT);
			fputs(c + 1 < t->ncols ? "," : "\r\n", f);
		}
	if (fflush(f) || ferror(f))
		return px_err_set(err, PX_EIO, "write_failed", NULL, "cannot write the CSV");
	return 0;
}
