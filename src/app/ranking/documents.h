/*
 * documents.h - the published lists of the brand ranking as documents: one
 * workbook of five sheets (one per track) and a poster per track (PNG,
 * 1080 x 1920, report/poster.h), for downloads and `pingxuan ranking`. Both
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

#endif
