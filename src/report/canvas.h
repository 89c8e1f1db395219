/*
 * canvas.h - what the images of report/ (the list poster, the brand map)
 * share: a cairo image surface with a private pango font map (no
 * process-wide caches, as the PDF writers use), text in Noto Sans CJK SC,
 * the check that the font is really there (fontconfig would silently pick
 * another) and the PNG written complete or not at all (file.h).
 */
#ifndef PX_REPORT_CANVAS_H
#define PX_REPORT_CANVAS_H

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdbool.h>

#include "util/err.h"

struct report_canvas {
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoFontMap *fontmap;
	PangoContext *ctx;
};

void report_canvas_open(struct report_canvas *cv, int width, int height);
void report_canvas_close(struct report_canvas *cv);

/* PX_EIO "report_font_missing" unless the CJK font is installed. */
int report_canvas_check_font(struct report_canvas *cv, struct px_err *err);

/* Draw text at (x, y) in a box `width` wide (ellipsized), in colour (r, g, b); returns the height used. */
double report_canvas_text(struct report_canvas *cv, const char *s, double size, bool bold, double x, double y,
			  double width, PangoAlignment align, double r, double g, double b);

/* Write the surface as a PNG at path; `what` names the image in errors ("poster", "map"). */
int report_canvas_write_png(struct report_canvas *cv, const char *path, const char *what, struct px_err *err);

#endif
