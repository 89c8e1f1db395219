/*
 * xlsx.c - struct report_table to .xlsx sheets with libxlsxwriter: the formats
 * of a form (title, header, bordered cells, footer), cells typed by their
 * column (text, integers, decimals, dates), frozen header and print setup.
 * Everything is validated first; the workbook is written to a temporary file
 * and renamed into place (file.h).
 */
#include "report/xlsx.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <xlsxwriter.h>

#include "core/date.h"
#include "report/file.h"
#include "report/text.h"

#define FONT_BODY "宋体"
#define FONT_TITLE "黑体"
#define PAPER_A4 9
#define NUMBER_DIGITS_MAX 15 /* what a double holds exactly and Excel shows */

struct formats {
	lxw_format *title, *subtitle, *header, *footer;
	lxw_format *text, *integer, *date;
	lxw_format *decimal[REPORT_DECIMALS_MAX + 1];
};

static lxw_format *new_format(lxw_workbook *wb, const char *font, double size, bool border)
{
	lxw_format *f = workbook_add_format(wb);

	if (!f)
		return NULL;
	format_set_font_name(f, font);
	format_set_font_size(f, size);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	if (border) {
		format_set_border(f, LXW_BORDER_THIN);
		format_set_text_wrap(f);
	}
	return f;
}

static bool make_formats(lxw_workbook *wb, struct formats *f)
{
	static const char *const decimal_fmt[REPORT_DECIMALS_MAX + 1] = {
		"0", "0.0", "0.00", "0.000", "0.0000", "0.00000", "0.000000",
	};

	if (!(f->title = new_format(wb, FONT_TITLE, 16, false)) ||
	    !(f->subtitle = new_format(wb, FONT_BODY, 11, false)) ||
	    !(f->header = new_format(wb, FONT_BODY, 11, true)) ||
	    !(f->footer = new_format(wb, FONT_BODY, 11, false)) ||
	    !(f->text = new_format(wb, FONT_BODY, 11, true)) ||
	    !(f->integer = new_format(wb, FONT_BODY, 11, true)) ||
	    !(f->date = new_format(wb, FONT_BODY, 11, true)))
		return false;
	format_set_bold(f->title);
	format_set_align(f->title, LXW_ALIGN_CENTER);
	format_set_bold(f->header);
	format_set_align(f->header, LXW_ALIGN_CENTER);
	format_set_align(f->integer, LXW_ALIGN_CENTER);
	format_set_num_format(f->integer, "0");
	format_set_align(f->date, LXW_ALIGN_CENTER);
	format_set_num_format(f->date, "yyyy-mm-dd");
	for (size_t d = 0; d <= REPORT_DECIMALS_MAX; d++) {
		if (!(f->decimal[d] = new_format(wb, FONT_BODY, 11, true)))
			return false;
		format_set_align(f->decimal[d], LXW_ALIGN_CENTER);
		format_set_num_format(f->decimal[d], decimal_fmt[d]);
	}
	return true;
}

/*
 * Read s as -?[0-9]+(.[0-9]+)? with at most NUMBER_DIGITS_MAX digits, and
 * at most max_frac after the point; the value is computed exactly in integers
 * then divided once, so it does not depend on the locale.
 */
static bool parse_number(const char *s, int max_frac, double *out)
{
	static const double scale[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
					1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
	bool neg = *s == '-';
	int64_t mant = 0;
	int digits = 0, frac = -1;

	for (const char *p = s + neg; *p; p++) {
		if (*p == '.' && frac < 0 && digits > 0) {
			frac = 0;
			continue;
		}
		if (*p < '0' || *p > '9' || ++digits > NUMBER_DIGITS_MAX)
			return false;
		mant = mant * 10 + (*p - '0');
		if (frac >= 0 && ++frac > max_frac)
			return false;
	}
	if (digits == 0 || frac == 0)
		return false;
	*out = (double)(neg ? -mant : mant) / scale[frac < 0 ? 0 : frac];
	return true;
}

static lxw_error write_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
			    const struct report_column *col, const struct formats *f)
{
	double v;
	px_date day;
	int y, m, d;

	if (report_text_empty(s))
		return worksheet_write_blank(ws, r, c, f->text);
	switch (col->type) {
	case REPORT_COL_INTEGER:
		if (parse_number(s, 0, &v))
			return worksheet_write_number(ws, r, c, v, f->integer);
		break;
	case REPORT_COL_DECIMAL:
		if (parse_number(s, NUMBER_DIGITS_MAX, &v))
			return worksheet_write_number(ws, r, c, v,
						      f->decimal[report_col_decimals(col)]);
		break;
	case REPORT_COL_DATE:
		if (!date_parse(s, strlen(s), &day)) {
			date_to_ymd(day, &y, &m, &d);
			lxw_datetime dt = { y, m, d, 0, 0, 0 };
			return worksheet_write_datetime(ws, r, c, &dt, f->date);
		}
		break;
	case REPORT_COL_TEXT:
		break;
	}
	return worksheet_write_string(ws, r, c, s, f->text);
}

/* A line across every column: merged when there are several. */
static lxw_error write_wide(lxw_worksheet *ws, lxw_row_t r, size_t ncols, const char *s,
			    lxw_format *fmt)
{
	if (ncols == 1)
		return worksheet_write_string(ws, r, 0, s, fmt);
	return worksheet_merge_range(ws, r, 0, r, (lxw_col_t)(ncols - 1), s, fmt);
}

static lxw_error write_sheet(lxw_worksheet *ws, const struct report_table *t,
			     const struct formats *f)
{
	lxw_error e = LXW_NO_ERROR;
	lxw_row_t row = 0, header;

	for (size_t c = 0; c < t->ncols && !e; c++)
		e = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
					 report_col_width(&t->cols[c]), NULL);
	if (!e && !report_text_empty(t->title)) {
		if (!(e = worksheet_set_row(ws, row, 32, NULL)))
			e = write_wide(ws, row++, t->ncols, t->title, f->title);
	}
	if (!e && !report_text_empty(t->subtitle)) {
		if (!(e = worksheet_set_row(ws, row, 22, NULL)))
			e = write_wide(ws, row++, t->ncols, t->subtitle, f->subtitle);
	}
	header = row++;
	for (size_t c = 0; c < t->ncols && !e; c++)
		e = worksheet_write_string(ws, header, (lxw_col_t)c, t->cols[c].header, f->header);
	for (size_t r = 0; r < t->nrows && !e; r++, row++)
		for (size_t c = 0; c < t->ncols && !e; c++)
			e = write_cell(ws, row, (lxw_col_t)c, report_table_cell(t, r, c),
				       &t->cols[c], f);
	row++; /* a blank line before the footer */
	for (size_t i = 0; i < t->nfooter && !e; i++, row++)
		if (!report_text_empty(t->footer[i]))
			e = write_wide(ws, row, t->ncols, t->footer[i], f->footer);
	if (e)
		return e;
	worksheet_freeze_panes(ws, header + 1, 0);
	worksheet_set_paper(ws, PAPER_A4);
	if (t->landscape)
		worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_center_horizontally(ws);
	if ((e = worksheet_repeat_rows(ws, header, header)))
		return e;
	return worksheet_set_footer(ws, "&C第 &P 页");
}

static int check_tables(const struct report_table *tables, size_t n, struct px_err *err)
{
	int rc;

	if (!tables || n == 0 || n > REPORT_SHEETS_MAX)
		return px_err_set(err, PX_EINVAL, "report_bad_table", "tables",
				  "a workbook needs 1 to %d sheets", REPORT_SHEETS_MAX);
	for (size_t i = 0; i < n; i++) {
		if ((rc = report_table_check(&tables[i], true, err)))
			return rc;
		for (size_t j = 0; j < i; j++)
			if (!strcasecmp(tables[i].sheet, tables[j].sheet))
				return px_err_set(err, PX_EINVAL, "report_duplicate_sheet", "sheet",
						  "sheet name '%s' is used twice", tables[i].sheet);
	}
	return 0;
}

static int lxw_fail(lxw_error e, struct px_err *err)
{
	if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
		return px_err_set(err, PX_ENOMEM, NULL, "", "out of memory writing a workbook");
	return px_err_set(err, PX_EINTERNAL, "report_xlsx_failed", "", "xlsx: %s",
			  lxw_strerror(e));
}

int report_xlsx_workbook(const char *path, const struct report_table *tables, size_t n,
			 struct px_err *err)
{
	lxw_workbook_options opt = { .constant_memory = LXW_FALSE, .use_zip64 = LXW_FALSE };
	struct report_file file;
	struct formats fmt;
	lxw_workbook *wb;
	lxw_error e;
	int rc;

	if ((rc = check_tables(tables, n, err)))
		return rc;
	if ((rc = report_file_begin(&file, path, false, err)))
		return rc;
	if (!(wb = workbook_new_opt(file.tmp, &opt))) {
		rc = px_err_set(err, PX_ENOMEM, NULL, "", "out of memory creating a workbook");
		goto out_abort;
	}
	if (!make_formats(wb, &fmt)) {
		rc = lxw_fail(LXW_ERROR_MEMORY_MALLOC_FAILED, err);
		goto out_free_wb;
	}
	for (size_t i = 0; i < n; i++) {
		lxw_worksheet *ws = workbook_add_worksheet(wb, tables[i].sheet);

		if (!ws) {
			rc = px_err_set(err, PX_EINVAL, "report_bad_sheet_name", "sheet",
					"sheet name '%s' refused", tables[i].sheet);
			goto out_free_wb;
		}
		if ((e = write_sheet(ws, &tables[i], &fmt))) {
			rc = lxw_fail(e, err);
			goto out_free_wb;
		}
	}
	if ((e = workbook_close(wb))) {
		rc = e == LXW_ERROR_MEMORY_MALLOC_FAILED ? lxw_fail(e, err)
			: px_err_set(err, PX_EIO, "report_write_failed", "path",
				     "cannot write '%s': %s", path, lxw_strerror(e));
		goto out_abort;
	}
	return report_file_commit(&file, err);

out_free_wb:
	lxw_workbook_free(wb);
out_abort:
	report_file_abort(&file);
	return rc;
}

int report_xlsx_table(const char *path, const struct report_table *t, struct px_err *err)
{
	if (!t)
		return px_err_set(err, PX_EINVAL, "report_bad_table", "table", "missing table");
	return report_xlsx_workbook(path, t, 1, err);
}
