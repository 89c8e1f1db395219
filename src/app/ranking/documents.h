/*
 * documents.h - the published lists of the brand ranking as documents: one
 * workbook of five sheets (one per track), a poster per track (PNG,
 * 1080 x 1920, report/poster.h) and the brand map, for downloads and
 * `pingxuan ranking`. All
 * read the published lists (publish.h: "not_published" before) and write
 * the file at `path` (report/file.h: complete or not at all).
 */
#ifndef PX_APP_RANKING_DOCUMENTS_H
#define PX_APP_RANKING_DOCUMENTS_H

#include <stdint.h>

#include "app/app.h"

int ranking_lists_xlsx(struct app *app, int64_t programme_id, const char *path, struct px_err *err);

/* The poster of track `track` (a track code; PX_ENOTFOUND "unknown_track" otherwise). */
int ranking_poster_png(struct app *app, int64_t programme_id, const char *track, const char *path,
		       struct px_err *err);

/*
 * The brand map (report/brandmap.h): the published brands per district
 * (each brand once, whatever its tracks) on the districts' boundaries of
 * the programme's region, which `boundaries` gives as GeoJSON text
 * (borrowed, 0 or PX_ENOTFOUND "map_unavailable": a FeatureCollection whose
 * features carry properties.name, the district's name as the region table
 * spells it, an optional label point properties.cp, and a Polygon or
 * MultiPolygon). PX_EINVAL "bad_boundaries" when the text is no such
 * collection or lacks the published districts.
 */
#define RANKING_MAP_GEOJSON_MAX (4u << 20)
typedef int (*ranking_boundaries_fn)(void *ctx, const char *region, const char **geojson, size_t *len,
				     struct px_err *err);
int ranking_map_png(struct app *app, int64_t programme_id, ranking_boundaries_fn boundaries, void *ctx,
		    const char *path, struct px_err *err);

#endif
