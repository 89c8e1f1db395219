/*
 * odoc_pdf.c - an official document drawn as GB/T 9704-2012 prescribes: A4,
 * the type area (版心) 156 x 225 mm at 37 mm from the top and 28 mm from the
 * left, the body in 3号 (16 pt) on a grid of 22 lines of 28 characters, the
 * 版头 (issuer mark in red 35 mm below the top of the type area, the document
 * number two lines under it, a red rule 4 mm under the number), the title in
 * 2号 two lines under the rule, the recipients one line under the title, the
 * headings 一、 and （一）, bordered tables (header repeated on every page),
 * images at the text width, the signer and the date placed as 7.3.5.2 says
 * for a document without a seal, and "— N —" in 4号 7 mm under the type
 * area, right on odd pages and left on even ones, one character in.
 *
 * Free fonts stand for the official ones (docs/outputs.md): Noto Serif CJK
 * Bold for 小标宋, Noto Serif CJK Regular for 仿宋 and 宋体, Noto Sans CJK
 * Bold for 黑体, Noto Serif CJK Bold for 楷体.
 */
#include "report/odoc.h"

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/odoc_int.h"
#include "report/pdf_text.h"
#include "report/text.h"

#define MM (72.0 / 25.4)
#define TOP (37 * MM)
#define LEFT (28 * MM)
#define WIDTH (156 * MM)
#define HEIGHT (225 * MM)
#define LINES 22
#define PITCH (HEIGHT / LINES)         /* line pitch, 28.99 pt */
#define CHAR (WIDTH / 28)              /* character pitch, 15.79 pt */
#define BODY 16.0                      /* 3号 */
#define TITLE 22.0                     /* 2号 */
#define FOLIO 14.0                     /* 4号 */
#define MARK 40.0                      /* the issuer mark, shrunk to the width when longer */
#define CELL 12.0                      /* 小四, table cells */
#define PAD 3.0
#define RULE 0.6

struct font {
	const char *family;
	double size;
	bool bold;
	bool red;
	bool spaced;   /* on the 28-character grid */
};

static const struct font fangsong = { REPORT_SERIF, BODY, false, false, true };
static const struct font heiti = { REPORT_SANS, BODY, true, false, true };
static const struct font kaiti = { REPORT_SERIF, BODY, true, false, true };
static const struct font biaosong = { REPORT_SERIF, TITLE, true, false, false };
static const struct font mark_font = { REPORT_SERIF, MARK, true, true, false };
static const struct font folio_font = { REPORT_SERIF, FOLIO, false, false, false };
static const struct font cell_font = { REPORT_SERIF, CELL, false, false, false };
static const struct font head_font = { REPORT_SANS, CELL, true, false, false };

struct opdf {
	struct report_pdf p;
	const struct odoc *d;
	const struct odoc_image *imgs;
	int line;                      /* next grid line of the current page, 0..LINES */
};

static void set_colour(struct opdf *o, bool red)
{
	cairo_set_source_rgb(o->p.cr, red ? 0.9 : 0, 0, 0);
}

/* A layout of text in f, wrapped at width (<= 0: no wrap), first line indented `indent` chars. */
static PangoLayout *layout(struct opdf *o, const struct font *f, const char *text, double width,
			   double indent, PangoAlignment align)
{
	struct report_style st = { .family = f->family, .size = f->size, .bold = f->bold,
				   .align = align };
	PangoLayout *l = report_pdf_layout(&o->p, &st, NULL, width);

	if (f->spaced) {
		PangoAttrList *attrs = pango_attr_list_new();
		pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(
						      (int)lround((CHAR - f->size) * PANGO_SCALE)));
		pango_layout_set_attributes(l, attrs);
		pango_attr_list_unref(attrs);
	}
	if (indent > 0)
		pango_layout_set_indent(l, (int)(indent * CHAR * PANGO_SCALE));
	pango_layout_set_text(l, text, -1);
	return l;
}

static double text_width(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)w / PANGO_SCALE;
}

/* Draw a one-line layout with its baseline at (x, base). */
static void show_at(struct opdf *o, PangoLayout *l, double x, double base)
{
	cairo_move_to(o->p.cr, x, base - (double)pango_layout_get_baseline(l) / PANGO_SCALE);
	pango_cairo_show_layout(o->p.cr, l);
}

/* "— N —" 7 mm under the type area: odd pages on the right, even ones on the left. */
static void folio(struct opdf *o)
{
	char text[32];
	PangoLayout *l;
	double x, w;

	snprintf(text, sizeof(text), "— %d —", o->p.page);
	l = layout(o, &folio_font, text, 0, 0, PANGO_ALIGN_LEFT);
	w = text_width(l);
	x = o->p.page % 2 ? LEFT + WIDTH - FOLIO - w : LEFT + FOLIO;
	set_colour(o, false);
	show_at(o, l, x, TOP + HEIGHT + 7 * MM + 0.35 * FOLIO);
	g_object_unref(l);
}

static void new_page(struct opdf *o)
{
	folio(o);
	cairo_show_page(o->p.cr);
	o->p.page++;
	o->line = 0;
}

/* Baseline of a grid line for text of `size`: the glyphs centred in the line pitch. */
static double baseline(int line, double size)
{
	return TOP + line * PITCH + (PITCH - size) / 2 + 0.88 * size;
}

/*
 * The line of a paragraph of n lines from the current position before which
 * to break the page so that `after` more lines fit with its last ones (n when
 * they fit as it is): its last two lines go over rather than leave the
 * signature alone on a page.
 */
static int carry_from(const struct opdf *o, int n, int after)
{
	int pos = o->line, on_page = 0;

	for (int i = 0; i < n; i++) {
		if (pos >= LINES)
			pos = on_page = 0;
		pos++;
		on_page++;
	}
	if (!after || pos + after <= LINES)
		return n;
	return n - (on_page < 2 ? on_page : 2);
}

/*
 * Set text on the grid, one layout line per grid line, breaking pages; with
 * after > 0, keep room for that many lines after the last one (see above).
 */
static void flow_keep(struct opdf *o, const struct font *f, const char *text, double indent,
		      PangoAlignment align, int after)
{
	PangoLayout *l = layout(o, f, text, WIDTH + 1, indent, align);
	PangoLayoutIter *it = pango_layout_get_iter(l);
	PangoRectangle logical;
	int carry = carry_from(o, pango_layout_get_line_count(l), after), i = 0;

	do {
		if (o->line >= LINES || (i++ == carry && o->line > 0))
			new_page(o);
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		set_colour(o, f->red);
		cairo_move_to(o->p.cr, LEFT + (double)logical.x / PANGO_SCALE,
			      baseline(o->line, f->size));
		pango_cairo_show_layout_line(o->p.cr, pango_layout_iter_get_line_readonly(it));
		o->line++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_unref(l);
}

static void flow(struct opdf *o, const struct font *f, const char *text, double indent,
		 PangoAlignment align)
{
	flow_keep(o, f, text, indent, align, 0);
}

/* The first grid line at or below y. */
static int line_at(double y)
{
	return (int)ceil((y - TOP) / PITCH - 1e-6);
}

/*
 * 版头: issuer mark, document number, red rule; leaves the cursor for the
 * title. A mark wider than the type area is narrowed (as printers set long
 * marks), down to 60 %, then made smaller.
 */
static void masthead(struct opdf *o)
{
	struct font f = mark_font;
	PangoLayout *l = layout(o, &f, o->d->issuer, 0, 0, PANGO_ALIGN_LEFT);
	PangoRectangle ink;
	double top = TOP + 35 * MM, rule, sx = 1;

	if (text_width(l) > WIDTH) {
		sx = WIDTH / text_width(l);
		if (sx < 0.6) {
			f.size = floor(MARK * WIDTH / (0.6 * text_width(l)));
			sx = 0.6;
			g_object_unref(l);
			l = layout(o, &f, o->d->issuer, 0, 0, PANGO_ALIGN_LEFT);
		}
	}
	pango_layout_get_extents(l, &ink, NULL);
	set_colour(o, true);
	cairo_save(o->p.cr);
	cairo_translate(o->p.cr, LEFT + (WIDTH - sx * text_width(l)) / 2,
			top - (double)ink.y / PANGO_SCALE);
	cairo_scale(o->p.cr, sx, 1);
	cairo_move_to(o->p.cr, 0, 0);
	pango_cairo_show_layout(o->p.cr, l);
	cairo_restore(o->p.cr);
	o->line = line_at(top + (double)ink.height / PANGO_SCALE) + 2;
	g_object_unref(l);
	rule = baseline(o->line - 1, BODY) + 0.12 * BODY + 4 * MM;
	if (!report_text_empty(o->d->number)) {
		flow(o, &fangsong, o->d->number, 0, PANGO_ALIGN_CENTER);
		rule = baseline(o->line - 1, BODY) + 0.12 * BODY + 4 * MM;
	}
	cairo_set_source_rgb(o->p.cr, 0.9, 0, 0);
	cairo_set_line_width(o->p.cr, 1.0);
	cairo_move_to(o->p.cr, LEFT, rule);
	cairo_line_to(o->p.cr, LEFT + WIDTH, rule);
	cairo_stroke(o->p.cr);
	o->line = line_at(rule) + 2;
}

/* Lines the signature takes after the body: a blank one, the signer, the date. */
static int signature_lines(const struct odoc *d)
{
	char date[ODOC_TEXT_LEN];
	int n;

	odoc_date_text(d->date, date);
	n = !report_text_empty(d->signer) + !!date[0];
	return n ? n + 1 : 0;
}

/* 7.3.5.2: signer right two characters in, the date a line under, two characters right of it. */
static void signature(struct opdf *o)
{
	char date[ODOC_TEXT_LEN];
	PangoLayout *s, *t;
	double right = LEFT + WIDTH - 2 * CHAR, xs, xd;

	odoc_date_text(o->d->date, date);
	if (report_text_empty(o->d->signer) && !date[0])
		return;
	o->line++;
	if (o->line + signature_lines(o->d) - 1 > LINES)
		new_page(o);
	s = layout(o, &fangsong, o->d->signer ? o->d->signer : "", 0, 0, PANGO_ALIGN_LEFT);
	t = layout(o, &fangsong, date, 0, 0, PANGO_ALIGN_LEFT);
	xs = right - text_width(s);
	xd = xs + 2 * CHAR;
	if (xd + text_width(t) > right) {
		xd = right - text_width(t);
		xs = xd - 2 * CHAR;
	}
	set_colour(o, false);
	if (!report_text_empty(o->d->signer)) {
		show_at(o, s, xs, baseline(o->line++, BODY));
	}
	if (date[0]) {
		show_at(o, t, xd, baseline(o->line++, BODY));
	}
	g_object_unref(s);
	g_object_unref(t);
}

static void rule(struct opdf *o, double y, double width)
{
	set_colour(o, false);
	cairo_set_line_width(o->p.cr, width);
	cairo_move_to(o->p.cr, LEFT, y);
	cairo_line_to(o->p.cr, LEFT + WIDTH, y);
	cairo_stroke(o->p.cr);
}

/*
 * 版记 at the foot of the last page (a new one when the signature left no
 * room): 抄送 in 4号, one character in, continued lines aligned after the
 * colon; the printer and "…印发" on the last line of the type area; rules of
 * 0.35 mm above and below, 0.25 mm between.
 */
static void imprint(struct opdf *o)
{
	char cc[ODOC_TEXT_LEN], printed[ODOC_TEXT_LEN];
	PangoLayout *l = NULL, *p = NULL, *t = NULL;
	bool foot;
	int n = 0, line;

	odoc_imprint_text(o->d, cc, printed);
	foot = printed[0] || !report_text_empty(o->d->printer);
	if (cc[0]) {
		PangoLayout *colon = layout(o, &folio_font, "抄送：", 0, 0, PANGO_ALIGN_LEFT);
		l = layout(o, &folio_font, cc, WIDTH - 2 * FOLIO, 0, PANGO_ALIGN_LEFT);
		pango_layout_set_indent(l, -(int)(text_width(colon) * PANGO_SCALE));
		n = pango_layout_get_line_count(l);
		g_object_unref(colon);
	}
	if (!n && !foot)
		return;
	if (o->line + n + foot > LINES)
		new_page(o);
	line = LINES - n - foot;
	rule(o, TOP + line * PITCH, 0.35 * MM);
	if (l) {
		PangoLayoutIter *it = pango_layout_get_iter(l);
		PangoRectangle r;
		do {
			pango_layout_iter_get_line_extents(it, NULL, &r);
			cairo_move_to(o->p.cr, LEFT + FOLIO + (double)r.x / PANGO_SCALE,
				      baseline(line++, FOLIO));
			pango_cairo_show_layout_line(o->p.cr, pango_layout_iter_get_line_readonly(it));
		} while (pango_layout_iter_next_line(it));
		pango_layout_iter_free(it);
		g_object_unref(l);
		if (foot)
			rule(o, TOP + line * PITCH, 0.25 * MM);
	}
	if (foot) {
		p = layout(o, &folio_font, o->d->printer ? o->d->printer : "", 0, 0, PANGO_ALIGN_LEFT);
		t = layout(o, &folio_font, printed, 0, 0, PANGO_ALIGN_LEFT);
		show_at(o, p, LEFT + FOLIO, baseline(line, FOLIO));
		show_at(o, t, LEFT + WIDTH - FOLIO - text_width(t), baseline(line, FOLIO));
		g_object_unref(p);
		g_object_unref(t);
	}
	rule(o, TOP + HEIGHT, 0.35 * MM);
	o->line = LINES;
}

/* Column edges: the shares of odoc_table_shares() across the type area. */
static void columns(const struct odoc_table *t, double x[ODOC_COLS_MAX + 1])
{
	double share[ODOC_COLS_MAX];

	odoc_table_shares(t, share);
	x[0] = LEFT;
	for (int c = 0; c < t->ncols; c++)
		x[c + 1] = x[c] + WIDTH * share[c];
}

/* Lay out one row (the header when cells is NULL) into ls; return its height. */
static double lay_row(struct opdf *o, const struct odoc_table *t, const double *x,
		      const char *const *cells, PangoLayout **ls)
{
	double h = 0;

	for (int c = 0; c < t->ncols; c++) {
		const char *s = cells ? cells[c] : t->head[c];
		ls[c] = layout(o, cells ? &cell_font : &head_font, s ? s : "",
			       x[c + 1] - x[c] - 2 * PAD, 0,
			       cells ? PANGO_ALIGN_LEFT : PANGO_ALIGN_CENTER);
		double ch = report_pdf_layout_height(ls[c]);
		h = ch > h ? ch : h;
	}
	return h + 2 * PAD;
}

static void draw_row(struct opdf *o, int ncols, const double *x, double y, double h,
		     PangoLayout **ls)
{
	cairo_set_line_width(o->p.cr, RULE);
	for (int c = 0; c < ncols; c++) {
		set_colour(o, false);
		cairo_rectangle(o->p.cr, x[c], y, x[c + 1] - x[c], h);
		cairo_stroke(o->p.cr);
		cairo_move_to(o->p.cr, x[c] + PAD, y + PAD);
		pango_cairo_show_layout(o->p.cr, ls[c]);
		g_object_unref(ls[c]);
	}
}

/* A bordered table from the current grid line: rows never split, header on every page. */
static int table(struct opdf *o, const struct odoc_table *t, struct px_err *err)
{
	double x[ODOC_COLS_MAX + 1], y, head_h, h;
	PangoLayout *head[ODOC_COLS_MAX], *row[ODOC_COLS_MAX];

	columns(t, x);
	head_h = lay_row(o, t, x, NULL, head);
	for (int c = 0; c < t->ncols; c++)
		g_object_unref(head[c]);
	if (o->line > 0 && TOP + o->line * PITCH + head_h * 2 > TOP + HEIGHT)
		new_page(o);
	y = TOP + o->line * PITCH;
	lay_row(o, t, x, NULL, head);
	draw_row(o, t->ncols, x, y, head_h, head);
	y += head_h;
	for (int r = 0; r < t->nrows; r++) {
		h = lay_row(o, t, x, t->cells + (size_t)r * (size_t)t->ncols, row);
		if (h > HEIGHT - head_h) {
			for (int c = 0; c < t->ncols; c++)
				g_object_unref(row[c]);
			return px_err_set(err, PX_ETOOBIG, "report_row_too_tall", "table",
					  "table row %d is taller than a page", r + 1);
		}
		if (y + h > TOP + HEIGHT) {
			new_page(o);
			y = TOP;
			lay_row(o, t, x, NULL, head);
			draw_row(o, t->ncols, x, y, head_h, head);
			y += head_h;
		}
		draw_row(o, t->ncols, x, y, h, row);
		y += h;
	}
	o->line = line_at(y);
	return 0;
}

struct png_reader {
	const unsigned char *p;
	size_t left;
};

static cairo_status_t read_png(void *closure, unsigned char *data, unsigned int len)
{
	struct png_reader *r = closure;

	if (len > r->left)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->p, len);
	r->p += len;
	r->left -= len;
	return CAIRO_STATUS_SUCCESS;
}

/* A cairo surface of the image: PNG decoded, JPEG passed through to the PDF as it is. */
static cairo_surface_t *image_surface(const struct odoc_image *img)
{
	struct png_reader r = { img->data, img->len };
	cairo_surface_t *s;
	unsigned char *copy;

	if (!img->jpeg)
		return cairo_image_surface_create_from_png_stream(read_png, &r);
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, img->w, img->h);
	if (cairo_surface_status(s) || !(copy = malloc(img->len)))
		return s;
	memcpy(copy, img->data, img->len);
	if (cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, copy, img->len, free, copy))
		free(copy);
	return s;
}

/* An image at the text width (or the type area's height), centred, from the next grid line. */
static int image(struct opdf *o, const struct odoc_image *img, int b, struct px_err *err)
{
	cairo_surface_t *s = image_surface(img);
	double dw = WIDTH, dh = WIDTH * img->h / img->w, y;

	if (cairo_surface_status(s)) {
		cairo_surface_destroy(s);
		char field[64];
		snprintf(field, sizeof(field), "blocks[%d].image_path", b);
		return px_err_set(err, PX_EINVAL, "report_bad_image", field,
				  "image '%s': cannot be decoded", o->d->blocks[b].image_path);
	}
	if (dh > HEIGHT) {
		dw = dw * HEIGHT / dh;
		dh = HEIGHT;
	}
	if (o->line > 0 && TOP + o->line * PITCH + dh > TOP + HEIGHT)
		new_page(o);
	y = TOP + o->line * PITCH;
	cairo_save(o->p.cr);
	cairo_translate(o->p.cr, LEFT + (WIDTH - dw) / 2, y);
	cairo_scale(o->p.cr, dw / img->w, dh / img->h);
	cairo_set_source_surface(o->p.cr, s, 0, 0);
	cairo_paint(o->p.cr);
	cairo_restore(o->p.cr);
	cairo_surface_destroy(s);
	o->line = line_at(y + dh);
	return 0;
}

static int body(struct opdf *o, struct px_err *err)
{
	int rc;

	for (int b = 0; b < o->d->nblocks; b++) {
		const struct odoc_block *k = &o->d->blocks[b];

		if ((k->kind == ODOC_HEADING1 || k->kind == ODOC_HEADING2) && o->line >= LINES - 1)
			new_page(o);
		switch (k->kind) {
		case ODOC_HEADING1:
			flow(o, &heiti, k->text, 2, PANGO_ALIGN_LEFT);
			break;
		case ODOC_HEADING2:
			flow(o, &kaiti, k->text, 2, PANGO_ALIGN_LEFT);
			break;
		case ODOC_PARA:
			flow_keep(o, &fangsong, k->text, 2, PANGO_ALIGN_LEFT,
				  b == o->d->nblocks - 1 ? signature_lines(o->d) : 0);
			break;
		case ODOC_TABLE:
			if ((rc = table(o, k->table, err)))
				return rc;
			break;
		case ODOC_IMAGE:
			if ((rc = image(o, &o->imgs[b], b, err)))
				return rc;
			break;
		}
	}
	return 0;
}

int odoc_write_pdf(const struct odoc *d, const char *path, int *pages, struct px_err *err)
{
	static const double margins[4] = { LEFT, 210 * MM - LEFT - WIDTH, TOP,
					   297 * MM - TOP - HEIGHT };
	char recipients[ODOC_TEXT_LEN], created[ODOC_ISO_LEN];
	struct odoc_image *imgs = NULL;
	struct opdf o = { .d = d };
	int rc;

	if ((rc = odoc_check(d, err)) || (rc = odoc_images_load(d, &imgs, err)))
		return rc;
	o.imgs = imgs;
	if ((rc = report_pdf_begin(&o.p, path, REPORT_A4_SHORT, REPORT_A4_LONG, margins, d->title,
				   odoc_iso_datetime(d->date, created), err)))
		goto out_free;
	masthead(&o);
	flow(&o, &biaosong, d->title, 0, PANGO_ALIGN_CENTER);
	odoc_recipients_text(d->recipients, recipients);
	if (recipients[0]) {
		o.line++;
		flow(&o, &fangsong, recipients, 0, PANGO_ALIGN_LEFT);
	}
	if ((rc = body(&o, err))) {
		report_pdf_abort(&o.p);
		goto out_free;
	}
	signature(&o);
	imprint(&o);
	folio(&o);
	if (pages)
		*pages = o.p.page;
	rc = report_pdf_end(&o.p, err);
out_free:
	odoc_images_free(imgs, d->nblocks);
	return rc;
}
