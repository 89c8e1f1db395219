/*
 * poster.c - the list poster: a 1080 x 1920 PNG of one track's places drawn
 * with cairo and pango (see poster.h).
 */
#include "report/poster.h"

#include <stdio.h>
#include <string.h>

#include "report/canvas.h"

#define MARGIN 80.0

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

static void entries(struct report_canvas *cv, const struct report_poster *p)
{
	double top = 480, bottom = REPORT_POSTER_HEIGHT - 240, row = p->n ? (bottom - top) / (double)p->n : 0;
	double size = row > 64 ? 40 : row * 0.62;
	char rank[16];

	for (size_t i = 0; i < p->n; i++) {
		double y = top + row * (double)i;
		snprintf(rank, sizeof(rank), "%d", p->entries[i].rank);
		report_canvas_text(cv, rank, size, true, MARGIN, y, 80, PANGO_ALIGN_RIGHT, 0.62, 0.05, 0.08);
		report_canvas_text(cv, p->entries[i].brand, size, true, MARGIN + 110, y, 330, PANGO_ALIGN_LEFT, 0.15,
				   0.1, 0.1);
		report_canvas_text(cv, p->entries[i].name, size * 0.72, false, MARGIN + 450, y + size * 0.18, 470,
				   PANGO_ALIGN_LEFT, 0.35, 0.3, 0.3);
	}
}

int report_poster_png(const char *path, const struct report_poster *p, struct px_err *err)
{
	struct report_canvas cv;
	int rc;

	if (!p->title || !p->track || !p->footer || p->n > REPORT_POSTER_MAX || (p->n && !p->entries))
		return px_err_set(err, PX_EINVAL, "report_bad_poster", "entries",
				  "a poster needs a title, a track, a footer and at most %d entries", REPORT_POSTER_MAX);
	for (size_t i = 0; i < p->n; i++)
		if (!p->entries[i].brand || !p->entries[i].name)
			return px_err_set(err, PX_EINVAL, "report_bad_poster", "entries", "entry %zu lacks a text", i);
	report_canvas_open(&cv, REPORT_POSTER_WIDTH, REPORT_POSTER_HEIGHT);
	if (!(rc = report_canvas_check_font(&cv, err))) {
		double w = REPORT_POSTER_WIDTH - 2 * MARGIN;
		background(cv.cr);
		double y = 120 + report_canvas_text(&cv, p->title, 56, true, MARGIN, 120, w, PANGO_ALIGN_CENTER, 1,
						    0.87, 0.55);
		/* a long track name (老字号新活力及驰名商标品牌) in a smaller size, so that it fits one line */
		report_canvas_text(&cv, p->track, strlen(p->track) > 36 ? 50 : 72, true, MARGIN, y + 50, w,
				   PANGO_ALIGN_CENTER, 1, 1, 1);
		entries(&cv, p);
		report_canvas_text(&cv, p->footer, 32, false, MARGIN, REPORT_POSTER_HEIGHT - 150, w, PANGO_ALIGN_CENTER,
				   1, 0.9, 0.8);
		rc = report_canvas_write_png(&cv, path, "poster", err);
	}
	report_canvas_close(&cv);
	return rc;
}
