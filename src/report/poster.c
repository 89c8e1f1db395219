/*
 * poster.c - the list poster: a 1080 x 1920 PNG of one track's places drawn
 * with cairo and pango (see poster.h).
 */
#include "report/poster.h"

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "report/file.h"
#include "report/pdf_text.h"

#define MARGIN 80.0

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* Draw text at (x, y) in a box `width` wide; returns the height used. */
static double text(cairo_t *cr, const char *s, double size, bool bold, double x, double y, double width,
		   PangoAlignment align, double r, double g, double b)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_new();
	int w, h;

	pango_font_description_set_family_static(fd, REPORT_SANS);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, s, -1);
	cairo_set_source_rgb(cr, r, g, b);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
	pango_layout_get_pixel_size(l, &w, &h);
	g_object_unref(l);
	return h;
}

/* Is the CJK font there? fontconfig would silently pick another. */
static int check_font(cairo_t *cr, struct px_err *err)
{
	PangoFontMap *map = pango_cairo_font_map_get_default();
	PangoContext *ctx = pango_cairo_create_context(cr);
	PangoFontDescription *fd = pango_font_description_from_string(REPORT_SANS " 12");
	PangoFont *font = pango_font_map_load_font(map, ctx, fd);
	bool ok = false;
	if (font) {
		PangoFontDescription *got = pango_font_describe(font);
		ok = !g_ascii_strcasecmp(pango_font_description_get_family(got), REPORT_SANS);
		pango_font_description_free(got);
		g_object_unref(font);
	}
	pango_font_description_free(fd);
	g_object_unref(ctx);
	return ok ? 0 : px_err_set(err, PX_EIO, "report_font_missing", "", "font '%s' is not installed", REPORT_SANS);
}

static void background(cairo_t *cr)
{
	cairo_pattern_t *g = cairo_pattern_create_linear(0, 0, 0, REPORT_POSTER_HEIGHT);
	cairo_pattern_add_color_stop_rgb(g, 0, 0.62, 0.05, 0.08);
	cairo_pattern_add_color_stop_rgb(g, 1, 0.36, 0.02, 0.05);
	cairo_set_source(cr, g);
	cairo_paint(cr);
	cairo_pattern_destroy(g);
	/* the white card the list sits on */
	cairo_set_source_rgb(cr, 1, 0.98, 0.94);
	cairo_rectangle(cr, MARGIN / 2, 440, REPORT_POSTER_WIDTH - MARGIN, REPORT_POSTER_HEIGHT - 640);
	cairo_fill(cr);
}

static void entries(cairo_t *cr, const struct report_poster *p)
{
	double top = 480, bottom = REPORT_POSTER_HEIGHT - 240, row = p->n ? (bottom - top) / (double)p->n : 0;
	double size = row > 64 ? 40 : row * 0.62;
	char rank[16];

	for (size_t i = 0; i < p->n; i++) {
		double y = top + row * (double)i;
		snprintf(rank, sizeof(rank), "%d", p->entries[i].rank);
		text(cr, rank, size, true, MARGIN, y, 80, PANGO_ALIGN_RIGHT, 0.62, 0.05, 0.08);
		text(cr, p->entries[i].brand, size, true, MARGIN + 110, y, 330, PANGO_ALIGN_LEFT, 0.15, 0.1, 0.1);
		text(cr, p->entries[i].name, size * 0.72, false, MARGIN + 450, y + size * 0.18, 470, PANGO_ALIGN_LEFT,
		     0.35, 0.3, 0.3);
	}
}

int report_poster_png(const char *path, const struct report_poster *p, struct px_err *err)
{
	struct report_file f;
	cairo_surface_t *s;
	cairo_t *cr;
	int rc;

	if (!p->title || !p->track || !p->footer || p->n > REPORT_POSTER_MAX || (p->n && !p->entries))
		return px_err_set(err, PX_EINVAL, "report_bad_poster", "entries",
				  "a poster needs a title, a track, a footer and at most %d entries", REPORT_POSTER_MAX);
	for (size_t i = 0; i < p->n; i++)
		if (!p->entries[i].brand || !p->entries[i].name)
			return px_err_set(err, PX_EINVAL, "report_bad_poster", "entries", "entry %zu lacks a text", i);
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, REPORT_POSTER_WIDTH, REPORT_POSTER_HEIGHT);
	cr = cairo_create(s);
	if ((rc = check_font(cr, err)))
		goto out;
	background(cr);
	double w = REPORT_POSTER_WIDTH - 2 * MARGIN;
	double y = 120 + text(cr, p->title, 56, true, MARGIN, 120, w, PANGO_ALIGN_CENTER, 1, 0.87, 0.55);
	text(cr, p->track, 72, true, MARGIN, y + 50, w, PANGO_ALIGN_CENTER, 1, 1, 1);
	entries(cr, p);
	text(cr, p->footer, 32, false, MARGIN, REPORT_POSTER_HEIGHT - 150, w, PANGO_ALIGN_CENTER, 1, 0.9, 0.8);
	cairo_surface_flush(s);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
		rc = px_err_set(err, PX_EINTERNAL, "report_poster_failed", "", "poster: %s",
				cairo_status_to_string(cairo_status(cr)));
		goto out;
	}
	if ((rc = report_file_begin(&f, path, true, err)))
		goto out;
	if (cairo_surface_write_to_png_stream(s, write_stream, f.fp) != CAIRO_STATUS_SUCCESS) {
		report_file_abort(&f);
		rc = px_err_set(err, PX_EIO, "report_write_failed", "path", "cannot write '%s'", path);
		goto out;
	}
	rc = report_file_commit(&f, err);
out:
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return rc;
}
