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
#include "report/pdf_text.h" /* REPORT_SANS */

#define MARGIN 80.0

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* A private font map and context (no process-wide caches), as the PDF writers use. */
struct canvas {
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoFontMap *fontmap;
	PangoContext *ctx;
};

/* Draw text at (x, y) in a box `width` wide; returns the height used. */
static double text(struct canvas *cv, const char *s, double size, bool bold, double x, double y, double width,
		   PangoAlignment align, double r, double g, double b)
{
	cairo_t *cr = cv->cr;
	PangoLayout *l = pango_layout_new(cv->ctx);
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
static int check_font(struct canvas *cv, struct px_err *err)
{
	PangoFontDescription *fd = pango_font_description_from_string(REPORT_SANS " 12");
	PangoFont *font = pango_font_map_load_font(cv->fontmap, cv->ctx, fd);
	bool ok = false;
	if (font) {
		PangoFontDescription *got = pango_font_describe(font);
		ok = !g_ascii_strcasecmp(pango_font_description_get_family(got), REPORT_SANS);
		pango_font_description_free(got);
		g_object_unref(font);
	}
	pango_font_description_free(fd);
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

static void entries(struct canvas *cv, const struct report_poster *p)
{
	double top = 480, bottom = REPORT_POSTER_HEIGHT - 240, row = p->n ? (bottom - top) / (double)p->n : 0;
	double size = row > 64 ? 40 : row * 0.62;
	char rank[16];

	for (size_t i = 0; i < p->n; i++) {
		double y = top + row * (double)i;
		snprintf(rank, sizeof(rank), "%d", p->entries[i].rank);
		text(cv, rank, size, true, MARGIN, y, 80, PANGO_ALIGN_RIGHT, 0.62, 0.05, 0.08);
		text(cv, p->entries[i].brand, size, true, MARGIN + 110, y, 330, PANGO_ALIGN_LEFT, 0.15, 0.1, 0.1);
		text(cv, p->entries[i].name, size * 0.72, false, MARGIN + 450, y + size * 0.18, 470, PANGO_ALIGN_LEFT,
		     0.35, 0.3, 0.3);
	}
}

static void canvas_open(struct canvas *cv)
{
	cv->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, REPORT_POSTER_WIDTH, REPORT_POSTER_HEIGHT);
	cv->cr = cairo_create(cv->surface);
	cv->fontmap = pango_cairo_font_map_new();
	cv->ctx = pango_font_map_create_context(cv->fontmap);
	pango_context_set_language(cv->ctx, pango_language_from_string("zh-cn"));
	pango_cairo_update_context(cv->cr, cv->ctx);
}

static void canvas_close(struct canvas *cv)
{
	g_object_unref(cv->ctx);
	g_object_unref(cv->fontmap);
	cairo_destroy(cv->cr);
	cairo_surface_destroy(cv->surface);
}

static int write_png(struct canvas *cv, const char *path, struct px_err *err)
{
	struct report_file f;
	int rc;

	cairo_surface_flush(cv->surface);
	if (cairo_status(cv->cr) != CAIRO_STATUS_SUCCESS)
		return px_err_set(err, PX_EINTERNAL, "report_poster_failed", "", "poster: %s",
				  cairo_status_to_string(cairo_status(cv->cr)));
	if ((rc = report_file_begin(&f, path, true, err)))
		return rc;
	if (cairo_surface_write_to_png_stream(cv->surface, write_stream, f.fp) != CAIRO_STATUS_SUCCESS) {
		report_file_abort(&f);
		return px_err_set(err, PX_EIO, "report_write_failed", "path", "cannot write '%s'", path);
	}
	return report_file_commit(&f, err);
}

int report_poster_png(const char *path, const struct report_poster *p, struct px_err *err)
{
	struct canvas cv;
	int rc;

	if (!p->title || !p->track || !p->footer || p->n > REPORT_POSTER_MAX || (p->n && !p->entries))
		return px_err_set(err, PX_EINVAL, "report_bad_poster", "entries",
				  "a poster needs a title, a track, a footer and at most %d entries", REPORT_POSTER_MAX);
	for (size_t i = 0; i < p->n; i++)
		if (!p->entries[i].brand || !p->entries[i].name)
			return px_err_set(err, PX_EINVAL, "report_bad_poster", "entries", "entry %zu lacks a text", i);
	canvas_open(&cv);
	if (!(rc = check_font(&cv, err))) {
		double w = REPORT_POSTER_WIDTH - 2 * MARGIN;
		background(cv.cr);
		double y = 120 + text(&cv, p->title, 56, true, MARGIN, 120, w, PANGO_ALIGN_CENTER, 1, 0.87, 0.55);
		/* a long track name (老字号新活力及驰名商标品牌) in a smaller size, so that it fits one line */
		text(&cv, p->track, strlen(p->track) > 36 ? 50 : 72, true, MARGIN, y + 50, w, PANGO_ALIGN_CENTER, 1, 1, 1);
		entries(&cv, p);
		text(&cv, p->footer, 32, false, MARGIN, REPORT_POSTER_HEIGHT - 150, w, PANGO_ALIGN_CENTER, 1, 0.9, 0.8);
		rc = write_png(&cv, path, err);
	}
	canvas_close(&cv);
	return rc;
}
