/*
 * pdf_table.c - a struct report_table flowed into a PDF: column widths in
 * proportion to the widths given in characters, cells wrapped inside thin
 * borders, the header row shaded and repeated at the top of every page the
 * table reaches, rows never split across pages, then the table's footer lines.
 */
#include "report/pdf_text.h"

#include <stdint.h>

#include "report/text.h"

#define PAD 4.0          /* points between a cell's border and its text */
#define RULE 0.6         /* border line width */
#define SHADE 0.90       /* grey of the header row */

static const struct report_style cell_style = {
	.family = REPORT_SANS, .size = 10, .align = PANGO_ALIGN_LEFT,
};
static const struct report_style cell_centre_style = {
	.family = REPORT_SANS, .size = 10, .align = PANGO_ALIGN_CENTER,
};
static const struct report_style head_style = {
	.family = REPORT_SANS, .size = 10, .bold = true, .align = PANGO_ALIGN_CENTER,
};
static const struct report_style title_style = {
	.family = REPORT_SANS, .size = 14, .bold = true, .align = PANGO_ALIGN_CENTER, .after = 6,
};
static const struct report_style note_style = {
	.family = REPORT_SANS, .size = 10, .align = PANGO_ALIGN_LEFT, .after = 4,
};

struct grid {
	const struct report_table *t;
	double x[REPORT_COLS_MAX + 1];  /* left edge of each column, then the right edge */
	PangoLayout *cell[REPORT_COLS_MAX];
	PangoLayout *head[REPORT_COLS_MAX];
	double head_h;
};

static void set_columns(const struct report_pdf *d, struct grid *g)
{
	double total = 0, scale;

	for (size_t c = 0; c < g->t->ncols; c++)
		total += report_col_width(&g->t->cols[c]);
	scale = report_pdf_content_width(d) / total;
	g->x[0] = d->left;
	for (size_t c = 0; c < g->t->ncols; c++)
		g->x[c + 1] = g->x[c] + report_col_width(&g->t->cols[c]) * scale;
}

/* Lay out one row (header when row is SIZE_MAX) into ls; return its height. */
static double lay_row(struct report_pdf *d, struct grid *g, size_t row, PangoLayout **ls)
{
	double h = 0;

	for (size_t c = 0; c < g->t->ncols; c++) {
		const struct report_column *col = &g->t->cols[c];
		const struct report_style *st = row == SIZE_MAX ? &head_style
			: col->type == REPORT_COL_TEXT ? &cell_style : &cell_centre_style;
		const char *text = row == SIZE_MAX ? col->header
				   : report_table_cell(g->t, row, c);
		double ch;

		ls[c] = report_pdf_layout(d, st, text, g->x[c + 1] - g->x[c] - 2 * PAD);
		if ((ch = report_pdf_layout_height(ls[c])) > h)
			h = ch;
	}
	return h + 2 * PAD;
}

static void free_row(struct grid *g, PangoLayout **ls)
{
	for (size_t c = 0; c < g->t->ncols; c++) {
		if (ls[c])
			g_object_unref(ls[c]);
		ls[c] = NULL;
	}
}

static void draw_row(struct report_pdf *d, struct grid *g, PangoLayout **ls, double h,
		     bool shaded)
{
	static const double black[3] = { 0, 0, 0 };
	double width = g->x[g->t->ncols] - g->x[0];

	if (shaded) {
		cairo_set_source_rgb(d->cr, SHADE, SHADE, SHADE);
		cairo_rectangle(d->cr, g->x[0], d->y, width, h);
		cairo_fill(d->cr);
	}
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	cairo_set_line_width(d->cr, RULE);
	for (size_t c = 0; c < g->t->ncols; c++) {
		cairo_rectangle(d->cr, g->x[c], d->y, g->x[c + 1] - g->x[c], h);
		cairo_stroke(d->cr);
		report_pdf_show(d, ls[c], g->x[c] + PAD, d->y + PAD, black);
	}
	d->y += h;
}

static void draw_header(struct report_pdf *d, struct grid *g)
{
	draw_row(d, g, g->head, g->head_h, true);
}

int report_pdf_table(struct report_pdf *d, const struct report_table *t, struct px_err *err)
{
	struct grid g = { .t = t };
	double limit = d->h - d->bottom, body = limit - d->top, h;
	int rc = 0;

	if (!report_text_empty(t->title))
		report_pdf_flow(d, &title_style, t->title);
	if (!report_text_empty(t->subtitle))
		report_pdf_flow(d, &note_style, t->subtitle);
	set_columns(d, &g);
	g.head_h = lay_row(d, &g, SIZE_MAX, g.head);
	for (size_t r = 0; r < t->nrows || r == 0; r++) {
		/* the header goes with the first row: never alone at the foot of a page */
		h = r < t->nrows ? lay_row(d, &g, r, g.cell) : 0;
		if (g.head_h + h > body) {
			rc = px_err_set(err, PX_ETOOBIG, "report_row_too_tall", "cells",
					"table row %zu is taller than a page", r);
			goto out;
		}
		if (r == 0 || d->y + h > limit) {
			if (d->y + g.head_h + h > limit)
				report_pdf_new_page(d);
			draw_header(d, &g);
		}
		if (r < t->nrows)
			draw_row(d, &g, g.cell, h, false);
		free_row(&g, g.cell);
	}
	d->y += 6;
	for (size_t i = 0; i < t->nfooter; i++)
		if (!report_text_empty(t->footer[i]))
			report_pdf_flow(d, &note_style, t->footer[i]);
out:
	free_row(&g, g.cell);
	free_row(&g, g.head);
	return rc;
}
