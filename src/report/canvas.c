/*
 * canvas.c - the cairo and pango canvas the images of report/ draw on (see
 * canvas.h).
 */
#include "report/canvas.h"

#include <stdio.h>

#include "report/file.h"
#include "report/pdf_text.h" /* REPORT_SANS */

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

void report_canvas_open(struct report_canvas *cv, int width, int height)
{
	cv->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
	cv->cr = cairo_create(cv->surface);
	cv->fontmap = pango_cairo_font_map_new();
	cv->ctx = pango_font_map_create_context(cv->fontmap);
	pango_context_set_language(cv->ctx, pango_language_from_string("zh-cn"));
	pango_cairo_update_context(cv->cr, cv->ctx);
}

void report_canvas_close(struct report_canvas *cv)
{
	g_object_unref(cv->ctx);
	g_object_unref(cv->fontmap);
	cairo_destroy(cv->cr);
	cairo_surface_destroy(cv->surface);
}

double report_canvas_text(struct report_canvas *cv, const char *s, double size, bool bold, double x, double y,
			  double width, PangoAlignment align, double r, double g, double b)
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

int report_canvas_check_font(struct report_canvas *cv, struct px_err *err)
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

int report_canvas_write_png(struct report_canvas *cv, const char *path, const char *what, struct px_err *err)
{
	struct report_file f;
	int rc;

	cairo_surface_flush(cv->surface);
	if (cairo_status(cv->cr) != CAIRO_STATUS_SUCCESS)
		return px_err_set(err, PX_EINTERNAL, "report_poster_failed", "", "%s: %s", what,
				  cairo_status_to_string(cairo_status(cv->cr)));
	if ((rc = report_file_begin(&f, path, true, err)))
		return rc;
	if (cairo_surface_write_to_png_stream(cv->surface, write_stream, f.fp) != CAIRO_STATUS_SUCCESS) {
		report_file_abort(&f);
		return px_err_set(err, PX_EIO, "report_write_failed", "path", "cannot write '%s'", path);
	}
	return report_file_commit(&f, err);
}
