/*
 * poster.h - a share-friendly image of one published list (榜单海报): a PNG of
 * 1080 x 1920 pixels (a phone screen, as WeChat moments and short-video
 * platforms show it) with the programme's title, the track, its places in
 * order (rank, brand, organisation) and a footer naming the organiser and
 * the date, drawn with cairo and pango in Noto Sans CJK SC. Everything is
 * borrowed for the call; the image appears at `path` only when complete
 * (file.h). Errors: PX_EINVAL "report_bad_poster" (too many entries, a
 * missing text), "report_font_missing", PX_EIO "report_write_failed".
 */
#ifndef PX_REPORT_POSTER_H
#define PX_REPORT_POSTER_H

#include <stddef.h>

#include "util/err.h"

#define REPORT_POSTER_WIDTH 1080
#define REPORT_POSTER_HEIGHT 1920
#define REPORT_POSTER_MAX 30 /* entries on one poster */

struct report_poster_entry {
	int rank;
	const char *brand;
	const char *name; /* the organisation */
};

struct report_poster {
	const char *title;    /* 2022年广州百强质量品牌推介 */
	const char *track;    /* 行业领引品牌榜 TOP20 */
	const char *footer;   /* the organiser and the date */
	const struct report_poster_entry *entries;
	size_t n;             /* 0 .. REPORT_POSTER_MAX */
};

int report_poster_png(const char *path, const struct report_poster *p, struct px_err *err);

#endif
