/*
 * pdf_text.h - internal to src/report: a PDF being drawn (surface, pango
 * context, page geometry, flow cursor) and the text helpers the documents of
 * pdf.h are made of. Not for use outside report/.
 *
 * Coordinates are PDF points (1/72 in), origin top left. The flow functions
 * place text from d->y downwards and start a new page (with its "第 N 页"
 * footer when d->numbered) when the next line does not fit above the bottom
 * margin. All text is set with pango_layout_set_text(): never markup.
 */
#ifndef PX_REPORT_PDF_TEXT_H
#define PX_REPORT_PDF_TEXT_H

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdbool.h>

#include "report/file.h"
#include "report/table.h"
#include "util/err.h"

#define REPORT_SERIF "Noto Serif CJK SC"
#define REPORT_SANS "Noto Sans CJK SC"
#define REPORT_A4_SHORT 595.276 /* 210 mm */
#define REPORT_A4_LONG 841.890  /* 297 mm */

struct report_pdf {
	struct report_file file;
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoFontMap *fontmap;
	PangoContext *ctx;
	double w, h;                       /* page size */
	double left, right, top, bottom;   /* margins */
	double y;                          /* flow cursor */
	int page;                          /* current page, from 1 */
	bool numbered;                     /* "第 N 页" at the foot of each page */
};

struct report_style {
	const char *family;     /* REPORT_SERIF or REPORT_SANS */
	double size;            /* points */
	bool bold;
	PangoAlignment align;
	double indent;          /* first-line indent in ems (2 for Chinese paragraphs) */
	double spacing;         /* line spacing factor, 0 = the font's */
	double after;           /* space after the paragraph, points */
	double rgb[3];          /* colour, 0..1 */
	double letter;          /* extra space between characters, points */
};

/*
 * Open path (a temporary file beside it, file.h), page w x h points with the
 * given margins, PDF title metadata `title` and creation date `date_iso`
 * ("2025-12-30T00:00:00", may be NULL for now). Checks that both CJK fonts
 * are installed. On failure nothing is left open.
 */
int report_pdf_begin(struct report_pdf *d, const char *path, double w, double h,
		     const double margins[4], const char *title, const char *date_iso,
		     struct px_err *err);

/* Draw the last footer, finish the PDF and rename it into place. Always releases d. */
int report_pdf_end(struct report_pdf *d, struct px_err *err);

/* Release d and remove the temporary file. */
void report_pdf_abort(struct report_pdf *d);

/* A layout of text (plain) in style st, wrapped at width points (<= 0: no wrap). */
PangoLayout *report_pdf_layout(struct report_pdf *d, const struct report_style *st,
			       const char *text, double width);

/* Height of a layout in points. */
double report_pdf_layout_height(PangoLayout *l);

/* Draw layout l with its top-left corner at (x, y) in colour rgb. */
void report_pdf_show(struct report_pdf *d, PangoLayout *l, double x, double y,
		     const double rgb[3]);

/* Flow a paragraph across the content width from d->y, breaking pages. */
void report_pdf_flow(struct report_pdf *d, const struct report_style *st, const char *text);

/* Move the cursor down by pts, or to a new page when that passes the bottom. */
void report_pdf_skip(struct report_pdf *d, double pts);

/* End the current page (its footer) and start the next; d->y = top margin. */
void report_pdf_new_page(struct report_pdf *d);

/* Width of the content box. */
double report_pdf_content_width(const struct report_pdf *d);

/*
 * Flow table t (title, subtitle, header repeated on each page, rows, footer
 * lines). Validated beforehand by report_table_check(). A row taller than a
 * page is PX_ETOOBIG "report_row_too_tall".
 */
int report_pdf_table(struct report_pdf *d, const struct report_table *t, struct px_err *err);

#endif
