/*
 * pdf_certificate.c - the award certificate (证书): one A4 landscape page with
 * a double border, the programme title, the award, the holder's name, the
 * citation, the issuer and date at the lower right, and the certificate
 * number with its verification line at the lower left and, when given, a QR
 * code of the public verification URL at the lower right. All wording comes from
 * struct report_certificate; this file only places it. Long names and
 * citations are set smaller until they fit their boxes.
 */
#include "report/pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/pdf_text.h"
#include "report/qr.h"
#include "report/text.h"

#define W REPORT_A4_LONG
#define H REPORT_A4_SHORT
#define TEXT_X 110.0                 /* left edge of the text column */
#define TEXT_W (W - 2 * TEXT_X)      /* its width */
#define MIN_SIZE 9.0                 /* shrink no further */
#define QR_SIDE 76.0                 /* the QR code's side, quiet zone included */
#define QR_X (W - 44 - QR_SIDE)      /* its left edge, inside the inner border */
#define QR_Y (H - 44 - QR_SIDE)      /* its top */

static const double red[3] = { 0.70, 0.08, 0.08 };
static const double gold[3] = { 0.78, 0.60, 0.20 };
static const double ink[3] = { 0.10, 0.10, 0.10 };
static const double grey[3] = { 0.35, 0.35, 0.35 };

static int check(const struct report_certificate *c, struct px_err *err)
{
	int rc;

	if (!c)
		return px_err_set(err, PX_EINVAL, "report_missing_field", "certificate",
				  "missing certificate");
	if ((rc = report_check_text("title", c->title, REPORT_NAME_MAX, 0, err)) ||
	    (rc = report_check_text("award", c->award, REPORT_CODE_MAX, 0, err)) ||
	    (rc = report_check_text("holder", c->holder, REPORT_NAME_MAX, 0, err)) ||
	    (rc = report_check_text("body", c->body, REPORT_LINE_MAX, 0, err)) ||
	    (rc = report_check_text("issuer", c->issuer, REPORT_NAME_MAX, 0, err)) ||
	    (rc = report_check_date("issued_on", c->issued_on, err)) ||
	    (rc = report_check_text("number", c->number, REPORT_CODE_MAX, 0, err)) ||
	    (rc = report_check_text("verify_line", c->verify_line, REPORT_VERIFY_MAX, 0, err)))
		return rc;
	if (c->qr_text && *c->qr_text && (rc = report_check_text("qr_text", c->qr_text, QR_TEXT_MAX, 0, err)))
		return rc;
	return 0;
}

/* The QR code of the verification URL: a white square, one black unit per dark module, 2 modules of quiet zone. */
static int qr(cairo_t *cr, const char *text, struct px_err *err)
{
	unsigned char *m = NULL;
	int width = 0, rc = qr_modules(text, &m, &width, err);

	if (rc)
		return rc;
	double unit = QR_SIDE / (width + 4);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, QR_X, QR_Y, QR_SIDE, QR_SIDE);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int y = 0; y < width; y++)
		for (int x = 0; x < width; x++)
			if (m[y * width + x])
				cairo_rectangle(cr, QR_X + (x + 2) * unit, QR_Y + (y + 2) * unit, unit, unit);
	cairo_fill(cr);
	free(m);
	return 0;
}

static void border(cairo_t *cr)
{
	static const double corner = 14;

	cairo_set_source_rgb(cr, red[0], red[1], red[2]);
	cairo_set_line_width(cr, 7);
	cairo_rectangle(cr, 24, 24, W - 48, H - 48);
	cairo_stroke(cr);
	cairo_set_source_rgb(cr, gold[0], gold[1], gold[2]);
	cairo_set_line_width(cr, 1.5);
	cairo_rectangle(cr, 36, 36, W - 72, H - 72);
	cairo_stroke(cr);
	/* a small diamond at each inner corner */
	for (int i = 0; i < 4; i++) {
		double x = i & 1 ? W - 36 : 36, y = i & 2 ? H - 36 : 36;

		cairo_move_to(cr, x, y - corner / 2);
		cairo_line_to(cr, x + corner / 2, y);
		cairo_line_to(cr, x, y + corner / 2);
		cairo_line_to(cr, x - corner / 2, y);
		cairo_close_path(cr);
		cairo_fill(cr);
	}
}

/*
 * Lay text out in st at width, shrinking the size while it is wider than one
 * line (one_line) or taller than max_h; the caller frees the layout.
 */
static PangoLayout *fit(struct report_pdf *d, struct report_style st, const char *text,
			double width, double max_h, bool one_line)
{
	PangoLayout *l;

	for (;;) {
		l = report_pdf_layout(d, &st, text, width);
		bool fits = one_line ? pango_layout_get_line_count(l) == 1
				     : report_pdf_layout_height(l) <= max_h;
		if (fits || st.size <= MIN_SIZE)
			return l;
		g_object_unref(l);
		st.size = st.size * 0.9 < MIN_SIZE ? MIN_SIZE : st.size * 0.9;
	}
}

/* Draw text centred in the text column with its top at y; return the bottom. */
static double centred(struct report_pdf *d, const struct report_style *st, const char *text,
		      double y, double max_h, bool one_line, const double rgb[3])
{
	PangoLayout *l = fit(d, *st, text, TEXT_W, max_h, one_line);
	double h = report_pdf_layout_height(l);

	report_pdf_show(d, l, TEXT_X, y, rgb);
	g_object_unref(l);
	return y + h;
}

static void draw(struct report_pdf *d, const struct report_certificate *c)
{
	const struct report_style title = { REPORT_SERIF, 40, true, PANGO_ALIGN_CENTER,
					    .letter = 6 };
	const struct report_style award = { REPORT_SERIF, 24, false, PANGO_ALIGN_CENTER,
					    .letter = 4 };
	const struct report_style holder = { REPORT_SERIF, 30, true, PANGO_ALIGN_CENTER };
	const struct report_style body = { REPORT_SERIF, 18, false, PANGO_ALIGN_LEFT, 2, 1.6 };
	const struct report_style sign = { REPORT_SERIF, 18, false, PANGO_ALIGN_CENTER };
	const struct report_style small = { REPORT_SANS, 9.5, false, PANGO_ALIGN_LEFT };
	char date[REPORT_DATE_ZH_LEN], number[REPORT_CODE_MAX + 32];
	double y;
	PangoLayout *l;

	border(d->cr);
	y = centred(d, &title, c->title, 70, 0, true, red);
	y = centred(d, &award, c->award, y + 8, 0, true, red);
	y = centred(d, &holder, c->holder, y + 26, 0, true, ink);
	l = fit(d, body, c->body, TEXT_W, 380 - (y + 18), false);
	report_pdf_show(d, l, TEXT_X, y + 18, ink);
	g_object_unref(l);

	/* issuer and date, centred on each other, at the lower right */
	report_date_zh(c->issued_on, date);
	l = fit(d, sign, c->issuer, 300, 0, true);
	report_pdf_show(d, l, W - TEXT_X - 300, 400, ink);
	g_object_unref(l);
	l = report_pdf_layout(d, &sign, date, 300);
	report_pdf_show(d, l, W - TEXT_X - 300, 432, ink);
	g_object_unref(l);

	snprintf(number, sizeof(number), "证书编号：%s", c->number);
	l = report_pdf_layout(d, &small, number, TEXT_W);
	report_pdf_show(d, l, TEXT_X - 40, H - 98, grey);
	g_object_unref(l);
	/* beside the QR code when there is one, else across the page */
	l = fit(d, small, c->verify_line, c->qr_text && *c->qr_text ? QR_X - 12 - (TEXT_X - 40) : TEXT_W + 80, 36, false);
	report_pdf_show(d, l, TEXT_X - 40, H - 82, grey);
	g_object_unref(l);
}

int report_pdf_certificate(const char *path, const struct report_certificate *c,
			   struct px_err *err)
{
	static const double margins[4] = { 48, 48, 48, 48 };
	struct report_pdf d;
	char iso[32], day[11];
	int rc;

	if ((rc = check(c, err)))
		return rc;
	date_format(c->issued_on, day);
	snprintf(iso, sizeof(iso), "%sT00:00:00", day);
	if ((rc = report_pdf_begin(&d, path, W, H, margins, c->title, iso, err)))
		return rc;
	draw(&d, c);
	if (c->qr_text && *c->qr_text && (rc = qr(d.cr, c->qr_text, err))) {
		report_pdf_end(&d, NULL);
		return rc;
	}
	return report_pdf_end(&d, err);
}
