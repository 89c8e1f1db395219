/*
 * text.h - the rules every caller-supplied string of a report obeys, and the
 * few fixed formats (Chinese dates, points) the documents print.
 *
 * Reports take their text from the caller and print it as given: nothing is
 * masked, translated or escaped into markup here. Before a document is written
 * each string is checked: present when required, at most its cap in bytes,
 * valid UTF-8, and free of control characters (tab and line feed are allowed
 * in paragraphs only). The caps bound the work one request can cause.
 */
#ifndef PX_REPORT_TEXT_H
#define PX_REPORT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "util/err.h"

#define REPORT_NAME_MAX 200     /* bytes: names, titles, issuers, headers, sheet cells of names */
#define REPORT_CODE_MAX 64      /* bytes: certificate numbers, rubric codes, award kinds */
#define REPORT_LINE_MAX 1000    /* bytes: one line (subtitle, footer, verification line, body) */
#define REPORT_CELL_MAX 4000    /* bytes: one table cell */
#define REPORT_PARA_MAX 20000   /* bytes: one paragraph */
#define REPORT_PARAS_MAX 500    /* paragraphs in one document */
#define REPORT_PDF_TEXT_MAX (1024 * 1024) /* bytes of paragraphs and cells in one PDF */
#define REPORT_DATE_ZH_LEN 24   /* "2025年12月30日" and a NUL fit */
#define REPORT_POINTS_LEN 32    /* "-92233720368547758.08" and a NUL fit */

enum report_text_flags {
	REPORT_TEXT_REQUIRED = 0,
	REPORT_TEXT_OPTIONAL = 1,  /* NULL or "" accepted */
	REPORT_TEXT_MULTILINE = 2, /* '\n' and '\t' accepted */
};

/*
 * Check s for the field named `field` (used in the error): with
 * REPORT_TEXT_REQUIRED a NULL or empty s is PX_EINVAL "report_missing_field";
 * over `max` bytes is PX_ETOOBIG "report_field_too_long"; bad UTF-8 is
 * PX_EINVAL "report_bad_utf8"; a control character is PX_EINVAL
 * "report_control_char". Returns 0 or the code.
 */
int report_check_text(const char *field, const char *s, size_t max, unsigned flags,
		      struct px_err *err);

/* true for NULL or "". */
bool report_text_empty(const char *s);

/*
 * Check that day lies in years 1900..9999 (dates printed on documents);
 * PX_EINVAL "report_bad_date" naming field otherwise.
 */
int report_check_date(const char *field, px_date day, struct px_err *err);

/* "2025年12月30日" (Arabic digits, no padding) into buf; day as report_check_date. */
void report_date_zh(px_date day, char buf[REPORT_DATE_ZH_LEN]);

/* Hundredths of a point as "85.25", "-0.50", "100.00" into buf. */
void report_points(int64_t hundredths, char buf[REPORT_POINTS_LEN]);

#endif
