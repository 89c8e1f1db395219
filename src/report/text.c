/*
 * text.c - checking the strings callers hand to the report writers, and the
 * fixed formats of dates and points. Every writer validates all of its input
 * with these before it creates a file, so a refused request leaves nothing
 * behind and libraries downstream (pango, libxlsxwriter) only see valid UTF-8
 * without control characters.
 */
#include "report/text.h"

#include <glib.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

bool report_text_empty(const char *s)
{
	return !s || !*s;
}

/* A code point a document must not carry: C0/C1 controls, DEL, U+FFFE/U+FFFF. */
static bool is_control(gunichar c, bool multiline)
{
	if (c == '\n' || c == '\t')
		return !multiline;
	return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF;
}

int report_check_text(const char *field, const char *s, size_t max, unsigned flags,
		      struct px_err *err)
{
	bool multiline = flags & REPORT_TEXT_MULTILINE;
	size_t len;

	if (report_text_empty(s)) {
		if (flags & REPORT_TEXT_OPTIONAL)
			return 0;
		return px_err_set(err, PX_EINVAL, "report_missing_field", field,
				  "missing %s", field);
	}
	len = strnlen(s, max + 1);
	if (len > max)
		return px_err_set(err, PX_ETOOBIG, "report_field_too_long", field,
				  "%s is longer than %zu bytes", field, max);
	if (!g_utf8_validate_len(s, len, NULL))
		return px_err_set(err, PX_EINVAL, "report_bad_utf8", field,
				  "%s is not valid utf-8", field);
	for (const char *p = s; *p; p = g_utf8_next_char(p))
		if (is_control(g_utf8_get_char(p), multiline))
			return px_err_set(err, PX_EINVAL, "report_control_char", field,
					  "%s contains control character u+%04" PRIX32, field,
					  (uint32_t)g_utf8_get_char(p));
	return 0;
}

int report_check_date(const char *field, px_date day, struct px_err *err)
{
	if (day < date_from_ymd(1900, 1, 1) || day > date_from_ymd(9999, 12, 31))
		return px_err_set(err, PX_EINVAL, "report_bad_date", field,
				  "%s is outside the years 1900 to 9999", field);
	return 0;
}

void report_date_zh(px_date day, char buf[REPORT_DATE_ZH_LEN])
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	snprintf(buf, REPORT_DATE_ZH_LEN, "%d年%d月%d日", y, m, d);
}

void report_points(int64_t hundredths, char buf[REPORT_POINTS_LEN])
{
	/* magnitude as unsigned so that INT64_MIN needs no special case */
	uint64_t mag = hundredths < 0 ? 0 - (uint64_t)hundredths : (uint64_t)hundredths;

	snprintf(buf, REPORT_POINTS_LEN, "%s%" PRIu64 ".%02" PRIu64, hundredths < 0 ? "-" : "",
		 mag / 100, mag % 100);
}
