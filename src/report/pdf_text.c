/*
 * pdf_text.c - the life of a PDF being drawn and its text: opening a cairo
 * PDF surface on a temporary file, a private pango font map and context set
 * up for print (72 units per inch, no hinting, zh-CN), the check that the CJK
 * fonts are really there, plain-text layouts, paragraphs that flow line by
 * line onto new pages, page-number footers, and finishing with every cairo
 * error turned into a px_err.
 */
#include "report/pdf_text.h"

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <string.h>

#include "report/pdf.h"

static const struct report_style footer_style = {
	.family = REPORT_SANS, .size = 9, .align = PANGO_ALIGN_CENTER,
};

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS
						    : CAIRO_STATUS_WRITE_ERROR;
}

static int cairo_fail(const struct report_pdf *d, cairo_status_t st, struct px_err *err)
{
	if (st == CAIRO_STATUS_NO_MEMORY)
		return px_err_set(err, PX_ENOMEM, NULL, "", "out of memory drawing '%s'",
				  d->file.path);
	if (st == CAIRO_STATUS_WRITE_ERROR)
		return px_err_set(err, PX_EIO, "report_write_failed", "path", "cannot write '%s'",
				  d->file.path);
	return px_err_set(err, PX_EINTERNAL, "report_pdf_failed", "", "pdf '%s': %s",
			  d->file.path, cairo_status_to_string(st));
}

static PangoFontDescription *font_desc(const char *family, double size, bool bold)
{
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family_static(fd, family);
	pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE));
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	return fd;
}

/* fontconfig falls back to any font rather than fail: check what it chose. */
static int check_font(struct report_pdf *d, const char *family, struct px_err *err)
{
	PangoFontDescription *want = font_desc(family, 12, false), *got;
	PangoFont *font = pango_font_map_load_font(d->fontmap, d->ctx, want);
	bool ok = false;

	if (font) {
		got = pango_font_describe(font);
		ok = !g_ascii_strcasecmp(pango_font_description_get_family(got), family);
		pango_font_description_free(got);
		g_object_unref(font);
	}
	pango_font_description_free(want);
	if (ok)
		return 0;
	return px_err_set(err, PX_EIO, "report_font_missing", "", "font '%s' is not installed",
			  family);
}

static void setup_context(struct report_pdf *d)
{
	cairo_font_options_t *fo = cairo_font_options_create();

	d->fontmap = pango_cairo_font_map_new();
	d->ctx = pango_font_map_create_context(d->fontmap);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(d->ctx, fo);
	cairo_font_options_destroy(fo);
	pango_cairo_context_set_resolution(d->ctx, 72);
	pango_context_set_round_glyph_positions(d->ctx, FALSE);
	pango_context_set_language(d->ctx, pango_language_from_string("zh-cn"));
	pango_cairo_update_context(d->cr, d->ctx);
}

static void release(struct report_pdf *d)
{
	if (d->ctx)
		g_object_unref(d->ctx);
	if (d->fontmap)
		g_object_unref(d->fontmap);
	if (d->cr)
		cairo_destroy(d->cr);
	if (d->surface)
		cairo_surface_destroy(d->surface);
	d->ctx = NULL;
	d->fontmap = NULL;
	d->cr = NULL;
	d->surface = NULL;
}

int report_pdf_begin(struct report_pdf *d, const char *path, double w, double h,
		     const double margins[4], const char *title, const char *date_iso,
		     struct px_err *err)
{
	cairo_status_t st;
	int rc;

	*d = (struct report_pdf){ .w = w, .h = h, .left = margins[0], .right = margins[1],
				  .top = margins[2], .bottom = margins[3], .page = 1 };
	d->y = d->top;
	if ((rc = report_file_begin(&d->file, path, true, err)))
		return rc;
	d->surface = cairo_pdf_surface_create_for_stream(write_stream, d->file.fp, w, h);
	if ((st = cairo_surface_status(d->surface))) {
		rc = cairo_fail(d, st, err);
		goto out_abort;
	}
	cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR, "pingxuan");
	if (date_iso)
		cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATE_DATE, date_iso);
	d->cr = cairo_create(d->surface);
	if ((st = cairo_status(d->cr))) {
		rc = cairo_fail(d, st, err);
		goto out_abort;
	}
	setup_context(d);
	if ((rc = check_font(d, REPORT_SERIF, err)) || (rc = check_font(d, REPORT_SANS, err)))
		goto out_abort;
	return 0;

out_abort:
	report_pdf_abort(d);
	return rc;
}

static void draw_footer(struct report_pdf *d)
{
	char text[32];
	PangoLayout *l;
	double width = report_pdf_content_width(d);

	if (!d->numbered)
		return;
	snprintf(text, sizeof(text), "第 %d 页", d->page);
	l = report_pdf_layout(d, &footer_style, text, width);
	report_pdf_show(d, l, d->left, d->h - d->bottom * 0.6, footer_style.rgb);
	g_object_unref(l);
}

int report_pdf_end(struct report_pdf *d, struct px_err *err)
{
	cairo_status_t st;
	int rc;

	draw_footer(d);
	if ((st = cairo_status(d->cr))) {
		rc = cairo_fail(d, st, err);
		goto out_abort;
	}
	cairo_surface_finish(d->surface);
	if ((st = cairo_surface_status(d->surface))) {
		rc = cairo_fail(d, st, err);
		goto out_abort;
	}
	release(d);
	return report_file_commit(&d->file, err);

out_abort:
	report_pdf_abort(d);
	return rc;
}

void report_pdf_abort(struct report_pdf *d)
{
	release(d);
	report_file_abort(&d->file);
}

double report_pdf_content_width(const struct report_pdf *d)
{
	return d->w - d->left - d->right;
}

PangoLayout *report_pdf_layout(struct report_pdf *d, const struct report_style *st,
			       const char *text, double width)
{
	PangoLayout *l = pango_layout_new(d->ctx);
	PangoFontDescription *fd = font_desc(st->family, st->size, st->bold);

	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_alignment(l, st->align);
	if (st->indent > 0)
		pango_layout_set_indent(l, (int)(st->indent * st->size * PANGO_SCALE));
	if (st->spacing > 0)
		pango_layout_set_line_spacing(l, (float)st->spacing);
	if (st->letter > 0) {
		PangoAttrList *attrs = pango_attr_list_new();

		pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(
						      (int)(st->letter * PANGO_SCALE)));
		pango_layout_set_attributes(l, attrs);
		pango_attr_list_unref(attrs);
	}
	pango_layout_set_text(l, text ? text : "", -1);
	return l;
}

double report_pdf_layout_height(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

void report_pdf_show(struct report_pdf *d, PangoLayout *l, double x, double y,
		     const double rgb[3])
{
	cairo_set_source_rgb(d->cr, rgb[0], rgb[1], rgb[2]);
	cairo_move_to(d->cr, x, y);
	pango_cairo_show_layout(d->cr, l);
}

void report_pdf_new_page(struct report_pdf *d)
{
	draw_footer(d);
	cairo_show_page(d->cr);
	d->page++;
	d->y = d->top;
}

void report_pdf_skip(struct report_pdf *d, double pts)
{
	d->y += pts;
	if (d->y > d->h - d->bottom)
		report_pdf_new_page(d);
}

/*
 * Lines are drawn one by one at their baselines; `shift` is the layout's y
 * that sits at the top margin of the current page once the paragraph has
 * broken, so a line's position on the page is origin + (its y - shift).
 */
void report_pdf_flow(struct report_pdf *d, const struct report_style *st, const char *text)
{
	PangoLayout *l = report_pdf_layout(d, st, text, report_pdf_content_width(d));
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double origin = d->y, shift = 0, limit = d->h - d->bottom, bottom = 0;
	int y0, y1;
	PangoRectangle logical;

	cairo_set_source_rgb(d->cr, st->rgb[0], st->rgb[1], st->rgb[2]);
	do {
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		double top = (double)y0 / PANGO_SCALE;
		bottom = (double)y1 / PANGO_SCALE;
		bool page_used = origin + (top - shift) > d->top + 0.5;

		if (origin + (bottom - shift) > limit && page_used) {
			report_pdf_new_page(d);
			cairo_set_source_rgb(d->cr, st->rgb[0], st->rgb[1], st->rgb[2]);
			origin = d->y;
			shift = top;
		}
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		cairo_move_to(d->cr, d->left + (double)logical.x / PANGO_SCALE,
			      origin + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE -
				      shift);
		pango_cairo_show_layout_line(d->cr, pango_layout_iter_get_line_readonly(it));
	} while (pango_layout_iter_next_line(it));
	d->y = origin + (bottom - shift) + st->after;
	pango_layout_iter_free(it);
	g_object_unref(l);
}

void report_pdf_shutdown(void)
{
	cairo_debug_reset_static_data();
	FcFini();
}
