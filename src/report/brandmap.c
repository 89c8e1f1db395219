/*
 * brandmap.c - the brand map: districts filled by their number of brands,
 * drawn with cairo and pango (see brandmap.h).
 */
#include "report/brandmap.h"

#include <math.h>
#include <stdio.h>

#include "report/canvas.h"

#define MARGIN 60.0
#define MAP_TOP 250.0
#define MAP_BOTTOM (REPORT_MAP_HEIGHT - 250.0)
#define CALLOUT_BELOW 110.0 /* an area narrower or lower than this has its label beside the map */
#define CALLOUT_GAP 72.0

struct proj {
	double min_lon, max_lat, kx, scale, ox, oy;
};

/* Fit every ring into the map's box, keeping the shape (x shrunk by cos of the middle latitude). */
static void fit(const struct report_map *m, struct proj *p)
{
	double min_lon = 1e9, max_lon = -1e9, min_lat = 1e9, max_lat = -1e9;
	for (size_t a = 0; a < m->n; a++)
		for (size_t r = 0; r < m->areas[a].nrings; r++)
			for (size_t i = 0; i < m->areas[a].rings[r].n; i++) {
				double lon = m->areas[a].rings[r].lonlat[2 * i], lat = m->areas[a].rings[r].lonlat[2 * i + 1];
				min_lon = fmin(min_lon, lon);
				max_lon = fmax(max_lon, lon);
				min_lat = fmin(min_lat, lat);
				max_lat = fmax(max_lat, lat);
			}
	double w = REPORT_MAP_WIDTH - 2 * MARGIN, h = MAP_BOTTOM - MAP_TOP;
	p->kx = cos((min_lat + max_lat) / 2 * M_PI / 180);
	double dx = fmax((max_lon - min_lon) * p->kx, 1e-9), dy = fmax(max_lat - min_lat, 1e-9);
	p->scale = fmin(w / dx, h / dy);
	p->min_lon = min_lon;
	p->max_lat = max_lat;
	p->ox = MARGIN + (w - dx * p->scale) / 2;
	p->oy = MAP_TOP + (h - dy * p->scale) / 2;
}

static void at(const struct proj *p, double lon, double lat, double *x, double *y)
{
	*x = p->ox + (lon - p->min_lon) * p->kx * p->scale;
	*y = p->oy + (p->max_lat - lat) * p->scale;
}

/* The fill of a count: cream for none, then from a light to the lists' deep red. */
static void shade(int count, int max, double rgb[3])
{
	static const double none[3] = { 0.96, 0.94, 0.90 }, lo[3] = { 0.99, 0.80, 0.72 }, hi[3] = { 0.62, 0.05, 0.08 };
	double t = max > 1 ? (double)(count - 1) / (max - 1) : 1;
	for (int i = 0; i < 3; i++)
		rgb[i] = count <= 0 ? none[i] : lo[i] + (hi[i] - lo[i]) * t;
}

static void area(struct report_canvas *cv, const struct proj *p, const struct report_map_area *a, int max)
{
	cairo_t *cr = cv->cr;
	double rgb[3], x, y;
	cairo_new_path(cr);
	for (size_t r = 0; r < a->nrings; r++) {
		for (size_t i = 0; i < a->rings[r].n; i++) {
			at(p, a->rings[r].lonlat[2 * i], a->rings[r].lonlat[2 * i + 1], &x, &y);
			i ? cairo_line_to(cr, x, y) : cairo_move_to(cr, x, y);
		}
		cairo_close_path(cr);
	}
	shade(a->count, max, rgb);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
	cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_set_line_width(cr, 1.5);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_stroke(cr);
}

/* Where an area's label goes, in pixels: its largest ring's centroid; small areas get a callout beside the map. */
struct place {
	double x, y;       /* the anchor: centroid */
	double w, h;       /* the bounding box of the area */
	double lx, ly;     /* the label's centre */
	bool callout, placed;
};

static void anchor(const struct proj *p, const struct report_map_area *a, struct place *pl)
{
	double best = -1, minx = 1e9, maxx = -1e9, miny = 1e9, maxy = -1e9;
	for (size_t r = 0; r < a->nrings; r++) {
		double area2 = 0, cx = 0, cy = 0, x0, y0, x1, y1;
		size_t n = a->rings[r].n;
		for (size_t i = 0; i < n; i++) {
			at(p, a->rings[r].lonlat[2 * i], a->rings[r].lonlat[2 * i + 1], &x0, &y0);
			at(p, a->rings[r].lonlat[2 * ((i + 1) % n)], a->rings[r].lonlat[2 * ((i + 1) % n) + 1], &x1, &y1);
			double c = x0 * y1 - x1 * y0;
			area2 += c;
			cx += (x0 + x1) * c;
			cy += (y0 + y1) * c;
			minx = fmin(minx, x0), maxx = fmax(maxx, x0), miny = fmin(miny, y0), maxy = fmax(maxy, y0);
		}
		if (fabs(area2) > best && fabs(area2) > 1e-9) {
			best = fabs(area2);
			pl->x = cx / (3 * area2);
			pl->y = cy / (3 * area2);
		}
	}
	if (best < 0)
		at(p, a->label_lon, a->label_lat, &pl->x, &pl->y);
	pl->w = maxx - minx;
	pl->h = maxy - miny;
	pl->callout = pl->w < CALLOUT_BELOW || pl->h < CALLOUT_BELOW;
	pl->placed = false;
	pl->lx = pl->x;
	pl->ly = pl->y;
}

/* Callouts in a column on each side, in the order of their anchors, at least CALLOUT_GAP apart. */
static void stack(struct place *pl, size_t n)
{
	for (int side = 0; side < 2; side++) {
		double last = -1e9;
		for (;;) { /* the next anchor down on this side not yet placed */
			struct place *next = NULL;
			for (size_t i = 0; i < n; i++)
				if (pl[i].callout && (pl[i].x >= REPORT_MAP_WIDTH / 2.0) == side && !pl[i].placed &&
				    (!next || pl[i].y < next->y))
					next = &pl[i];
			if (!next)
				break;
			next->ly = fmax(next->y, last + CALLOUT_GAP);
			next->lx = side ? REPORT_MAP_WIDTH - MARGIN - 90 : MARGIN + 90;
			last = next->ly;
			next->placed = true;
		}
	}
}

static void label(struct report_canvas *cv, const struct place *pl, const struct report_map_area *a, int max)
{
	char n[16];
	double rgb[3];
	shade(a->count, max, rgb);
	bool dark = !pl->callout && rgb[1] < 0.45; /* white text on the deep reds */
	double c = dark ? 1 : 0.2;
	if (pl->callout) {
		cairo_set_source_rgb(cv->cr, 0.45, 0.45, 0.45);
		cairo_set_line_width(cv->cr, 1.5);
		cairo_move_to(cv->cr, pl->x, pl->y);
		cairo_line_to(cv->cr, pl->lx + (pl->lx < pl->x ? 90 : -90), pl->ly);
		cairo_stroke(cv->cr);
		cairo_arc(cv->cr, pl->x, pl->y, 4, 0, 2 * M_PI);
		cairo_fill(cv->cr);
	}
	snprintf(n, sizeof(n), "%d", a->count);
	report_canvas_text(cv, a->name, 26, true, pl->lx - 90, pl->ly - 34, 180, PANGO_ALIGN_CENTER, c, c, c);
	report_canvas_text(cv, n, 30, true, pl->lx - 90, pl->ly - 2, 180, PANGO_ALIGN_CENTER, dark ? 1 : 0.62,
			   dark ? 1 : 0.05, dark ? 1 : 0.08);
}

/* The legend: steps from none to the largest count. */
static void legend(struct report_canvas *cv, const struct report_map *m, int max)
{
	double y = MAP_BOTTOM + 40, x = MARGIN + 220, rgb[3];
	int steps = max < 5 ? max + 1 : 6;
	char n[16];
	report_canvas_text(cv, m->legend, 28, false, MARGIN, y, 210, PANGO_ALIGN_LEFT, 0.2, 0.2, 0.2);
	for (int i = 0; i < steps; i++) {
		int v = steps > 1 ? (int)lround((double)max * i / (steps - 1)) : 0;
		shade(v, max, rgb);
		cairo_set_source_rgb(cv->cr, rgb[0], rgb[1], rgb[2]);
		cairo_rectangle(cv->cr, x + i * 120, y, 100, 36);
		cairo_fill(cv->cr);
		snprintf(n, sizeof(n), "%d", v);
		report_canvas_text(cv, n, 24, false, x + i * 120, y + 42, 100, PANGO_ALIGN_CENTER, 0.3, 0.3, 0.3);
	}
}

static int check(const struct report_map *m, struct px_err *err)
{
	if (!m->title || !m->subtitle || !m->legend || !m->footer || !m->n || m->n > REPORT_MAP_MAX_AREAS || !m->areas)
		return px_err_set(err, PX_EINVAL, "report_bad_map", "areas",
				  "a map needs a title, a subtitle, a legend, a footer and 1 to %d areas",
				  REPORT_MAP_MAX_AREAS);
	for (size_t a = 0; a < m->n; a++)
		if (!m->areas[a].name || !m->areas[a].nrings || !m->areas[a].rings)
			return px_err_set(err, PX_EINVAL, "report_bad_map", "areas", "area %zu lacks a name or a ring", a);
	return 0;
}

int report_map_png(const char *path, const struct report_map *m, struct px_err *err)
{
	struct report_canvas cv;
	struct proj p;
	int rc, max = 0;

	if ((rc = check(m, err)))
		return rc;
	for (size_t a = 0; a < m->n; a++)
		max = m->areas[a].count > max ? m->areas[a].count : max;
	report_canvas_open(&cv, REPORT_MAP_WIDTH, REPORT_MAP_HEIGHT);
	if (!(rc = report_canvas_check_font(&cv, err))) {
		double w = REPORT_MAP_WIDTH - 2 * MARGIN;
		cairo_set_source_rgb(cv.cr, 1, 0.99, 0.97);
		cairo_paint(cv.cr);
		report_canvas_text(&cv, m->title, 50, true, MARGIN, 70, w, PANGO_ALIGN_CENTER, 0.62, 0.05, 0.08);
		report_canvas_text(&cv, m->subtitle, 40, false, MARGIN, 150, w, PANGO_ALIGN_CENTER, 0.2, 0.2, 0.2);
		struct place pl[REPORT_MAP_MAX_AREAS];
		fit(m, &p);
		for (size_t a = 0; a < m->n; a++) {
			area(&cv, &p, &m->areas[a], max);
			anchor(&p, &m->areas[a], &pl[a]);
		}
		stack(pl, m->n);
		for (size_t a = 0; a < m->n; a++)
			label(&cv, &pl[a], &m->areas[a], max);
		legend(&cv, m, max);
		report_canvas_text(&cv, m->footer, 28, false, MARGIN, REPORT_MAP_HEIGHT - 90, w, PANGO_ALIGN_CENTER, 0.4,
				   0.4, 0.4);
		rc = report_canvas_write_png(&cv, path, "map", err);
	}
	report_canvas_close(&cv);
	return rc;
}
