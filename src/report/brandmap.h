/*
 * brandmap.h - the brand map (品牌分布图): a PNG of 1080 x 1350 pixels (a
 * share-friendly 4:5) with the districts of a city drawn from their
 * boundaries, each filled by how many brands it has on the published lists
 * (a choropleth from cream to the lists' red) and labelled with its name and
 * number, under a title and above a legend and a footer; cairo and pango in
 * Noto Sans CJK SC as the posters (canvas.h). Boundaries are rings of
 * longitude, latitude pairs in degrees, projected with the cosine of the
 * middle latitude. Everything is borrowed for the call; the image appears at
 * `path` only when complete. Errors: PX_EINVAL "report_bad_map" (no area,
 * an area without a ring or a name, too many), "report_font_missing", PX_EIO
 * "report_write_failed".
 */
#ifndef PX_REPORT_BRANDMAP_H
#define PX_REPORT_BRANDMAP_H

#include <stddef.h>

#include "util/err.h"

#define REPORT_MAP_WIDTH 1080
#define REPORT_MAP_HEIGHT 1350
#define REPORT_MAP_MAX_AREAS 64

struct report_map_ring {
	const double *lonlat; /* n pairs */
	size_t n;
};

struct report_map_area {
	const char *name;   /* 天河区 */
	int count;          /* brands on the lists */
	const struct report_map_ring *rings;
	size_t nrings;
	double label_lon, label_lat; /* where the label goes */
};

struct report_map {
	const char *title;    /* 2022年广州百强质量品牌推介 */
	const char *subtitle; /* 上榜品牌分布图 */
	const char *legend;   /* 上榜品牌数 */
	const char *footer;   /* the organiser and the date */
	const struct report_map_area *areas;
	size_t n;
};

int report_map_png(const char *path, const struct report_map *m, struct px_err *err);

#endif
