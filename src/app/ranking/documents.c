/*
 * documents.c - the brand ranking's published lists as a workbook and as
 * posters (see documents.h): the lists' JSON (publish.h) laid out as
 * report/ tables and posters.
 */
#include "app/ranking/documents.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/ranking/publish.h"
#include "core/date.h"
#include "report/brandmap.h"
#include "report/poster.h"
#include "report/xlsx.h"

#define BOOK_TRACKS 8

static const struct report_column LIST_COLS[] = {
	{ "名次", 6, REPORT_COL_INTEGER, 0 },          { "品牌", 20, REPORT_COL_TEXT, 0 },
	{ "企业（组织）", 32, REPORT_COL_TEXT, 0 },     { "所在区", 10, REPORT_COL_TEXT, 0 },
	{ "网络人气", 10, REPORT_COL_INTEGER, 0 },     { "网络人气得分", 12, REPORT_COL_DECIMAL, 2 },
	{ "推介小组评分", 12, REPORT_COL_DECIMAL, 2 }, { "专家评审评分", 12, REPORT_COL_DECIMAL, 2 },
	{ "综合得分", 10, REPORT_COL_DECIMAL, 2 },
};
#define LIST_NCOLS (sizeof(LIST_COLS) / sizeof(LIST_COLS[0]))

struct book {
	struct report_table t[BOOK_TRACKS];
	char titles[BOOK_TRACKS][256];
	const char **cells[BOOK_TRACKS];
	char *numbers; /* rank and votes as text, 2 x 24 bytes per entry */
	size_t n;
};

static const char *str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

/* Sheet i of the book from one track of the lists (strings borrowed from them). */
static int sheet(json_t *lists, json_t *tr, size_t i, char **numbers, struct book *b, struct px_err *err)
{
	json_t *entries = json_object_get(tr, "entries"), *e;
	size_t n = json_array_size(entries), j;

	if (!(b->cells[i] = calloc(n * LIST_NCOLS + 1, sizeof(char *))))
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	json_array_foreach(entries, j, e) {
		char *rank = *numbers, *votes = rank + 24;
		*numbers += 48;
		snprintf(rank, 24, "%lld", (long long)json_integer_value(json_object_get(e, "rank")));
		snprintf(votes, 24, "%lld", (long long)json_integer_value(json_object_get(e, "votes")));
		const char *row[LIST_NCOLS] = { rank, str(e, "brand"), str(e, "name"), str(e, "district"), votes,
						str(e, "vote_score"), str(e, "promotion"), str(e, "expert"), str(e, "score") };
		memcpy(&b->cells[i][j * LIST_NCOLS], row, sizeof(row));
	}
	snprintf(b->titles[i], sizeof(b->titles[i]), "%s %s榜 TOP%lld", str(lists, "title"), str(tr, "name"),
		 (long long)json_integer_value(json_object_get(tr, "top_n")));
	b->t[i] = (struct report_table){ .sheet = str(tr, "name"), .title = b->titles[i],
					 .subtitle = str(lists, "organiser"), .cols = LIST_COLS, .ncols = LIST_NCOLS,
					 .cells = b->cells[i], .nrows = n, .landscape = true };
	return 0;
}

static int book_build(json_t *lists, struct book *b, struct px_err *err)
{
	json_t *tracks = json_object_get(lists, "tracks"), *tr;
	size_t i, total = 0;
	char *numbers;
	int rc;

	if (json_array_size(tracks) > BOOK_TRACKS)
		return px_err_set(err, PX_ETOOBIG, "report_bad_table", "tracks", "at most %d tracks", BOOK_TRACKS);
	json_array_foreach(tracks, i, tr)
		total += json_array_size(json_object_get(tr, "entries"));
	if (!(numbers = b->numbers = calloc(total + 1, 48)))
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	json_array_foreach(tracks, i, tr) {
		if ((rc = sheet(lists, tr, i, &numbers, b, err)))
			return rc;
		b->n = i + 1;
	}
	return 0;
}

static void book_free(struct book *b)
{
	for (size_t i = 0; i < BOOK_TRACKS; i++)
		free(b->cells[i]);
	free(b->numbers);
}

int ranking_lists_xlsx(struct app *app, int64_t programme_id, const char *path, struct px_err *err)
{
	struct book b = { 0 };
	json_t *lists = NULL;
	int rc = ranking_lists_json(app, programme_id, &lists, err);
	if (!rc && !(rc = book_build(lists, &b, err)))
		rc = report_xlsx_workbook(path, b.t, b.n, err);
	book_free(&b);
	json_decref(lists);
	return rc;
}

int ranking_poster_png(struct app *app, int64_t programme_id, const char *track, const char *path,
		       struct px_err *err)
{
	struct report_poster_entry items[REPORT_POSTER_MAX];
	char heading[160], footer[256], today[11];
	json_t *lists = NULL, *tr = NULL, *x, *e;
	size_t i, n = 0;
	int rc = ranking_lists_json(app, programme_id, &lists, err);

	if (rc)
		return rc;
	json_array_foreach(json_object_get(lists, "tracks"), i, x)
		if (!strcmp(str(x, "code"), track ? track : ""))
			tr = x;
	if (!tr) {
		rc = px_err_set(err, PX_ENOTFOUND, "unknown_track", "track", "no track '%s' in this programme",
				track ? track : "");
		goto out;
	}
	json_array_foreach(json_object_get(tr, "entries"), i, e) {
		if (n == REPORT_POSTER_MAX)
			break;
		items[n++] = (struct report_poster_entry){ (int)json_integer_value(json_object_get(e, "rank")),
							   str(e, "brand"), str(e, "name") };
	}
	date_format(app_today(app), today);
	if (*str(tr, "published_on")) /* the day the list was published, when it has entries */
		snprintf(today, sizeof(today), "%s", str(tr, "published_on"));
	snprintf(heading, sizeof(heading), "%s榜 TOP%lld", str(tr, "name"),
		 (long long)json_integer_value(json_object_get(tr, "top_n")));
	snprintf(footer, sizeof(footer), "%s · %s", str(lists, "organiser"), today);
	struct report_poster p = { str(lists, "title"), heading, footer, items, n };
	rc = report_poster_png(path, &p, err);
out:
	json_decref(lists);
	return rc;
}

/* The map's areas from the GeoJSON features, their rings copied into one array of pairs. */
struct map_build {
	struct report_map_area areas[REPORT_MAP_MAX_AREAS];
	struct report_map_ring *rings;
	size_t nrings, cap_rings;
	double *pts;
	size_t npts, cap_pts;
};

/* Append a ring ([[lon, lat], ...]) to b; 0, or -1 when it is malformed or memory runs out. */
static int add_ring(struct map_build *b, json_t *ring)
{
	size_t n = json_array_size(ring), i;
	json_t *pt;
	if (n < 3)
		return -1;
	if (b->nrings == b->cap_rings) {
		void *g = realloc(b->rings, (b->cap_rings = b->cap_rings * 2 + 64) * sizeof(*b->rings));
		if (!g)
			return -1;
		b->rings = g;
	}
	if (b->npts + n > b->cap_pts) {
		b->cap_pts = (b->npts + n) * 2;
		void *g = realloc(b->pts, b->cap_pts * 2 * sizeof(double));
		if (!g)
			return -1;
		b->pts = g;
	}
	b->rings[b->nrings++] = (struct report_map_ring){ NULL, n }; /* lonlat set once pts stops moving */
	json_array_foreach(ring, i, pt) {
		if (!json_is_number(json_array_get(pt, 0)) || !json_is_number(json_array_get(pt, 1)))
			return -1;
		b->pts[2 * b->npts] = json_number_value(json_array_get(pt, 0));
		b->pts[2 * b->npts++ + 1] = json_number_value(json_array_get(pt, 1));
	}
	return 0;
}

/* One feature's polygons: a Polygon's rings, or each polygon's rings of a MultiPolygon. */
static int add_feature(struct map_build *b, json_t *geometry, size_t *first, size_t *n)
{
	const char *type = json_string_value(json_object_get(geometry, "type"));
	json_t *coords = json_object_get(geometry, "coordinates"), *poly, *ring;
	size_t i, j;
	*first = b->nrings;
	if (type && !strcmp(type, "Polygon")) {
		json_array_foreach(coords, i, ring)
			if (add_ring(b, ring))
				return -1;
	} else if (type && !strcmp(type, "MultiPolygon")) {
		json_array_foreach(coords, i, poly)
			json_array_foreach(poly, j, ring)
				if (add_ring(b, ring))
					return -1;
	} else {
		return -1;
	}
	*n = b->nrings - *first;
	return *n ? 0 : -1;
}

static int brands_in(json_t *lists, const char *district)
{
	json_t *d;
	size_t i;
	json_array_foreach(json_object_get(lists, "districts"), i, d)
		if (!strcmp(str(d, "name"), district))
			return (int)json_integer_value(json_object_get(d, "brands"));
	return 0;
}

/* The areas of the collection, counted from the lists; rings point into b->pts once all are read. */
static int map_areas(json_t *geo, json_t *lists, struct map_build *b, size_t *n, struct px_err *err)
{
	size_t first[REPORT_MAP_MAX_AREAS], count[REPORT_MAP_MAX_AREAS], i, off = 0;
	json_t *f, *features = json_object_get(geo, "features");
	*n = 0;
	if (!json_array_size(features) || json_array_size(features) > REPORT_MAP_MAX_AREAS)
		return px_err_set(err, PX_EINVAL, "bad_boundaries", "geojson", "1 to %d features expected",
				  REPORT_MAP_MAX_AREAS);
	json_array_foreach(features, i, f) {
		json_t *props = json_object_get(f, "properties"), *cp = json_object_get(props, "cp");
		const char *name = json_string_value(json_object_get(props, "name"));
		if (!name || add_feature(b, json_object_get(f, "geometry"), &first[i], &count[i]))
			return px_err_set(err, PX_EINVAL, "bad_boundaries", "geojson", "feature %zu is no named polygon", i);
		b->areas[i] = (struct report_map_area){ name, brands_in(lists, name), NULL, count[i],
							json_number_value(json_array_get(cp, 0)),
							json_number_value(json_array_get(cp, 1)) };
	}
	*n = json_array_size(features);
	for (size_t r = 0; r < b->nrings; off += b->rings[r++].n)
		b->rings[r].lonlat = b->pts + 2 * off;
	for (i = 0; i < *n; i++) {
		b->areas[i].rings = b->rings + first[i];
		if (!json_is_array(json_object_get(json_object_get(json_array_get(features, i), "properties"), "cp")))
			b->areas[i].label_lon = b->rings[first[i]].lonlat[0], b->areas[i].label_lat = b->rings[first[i]].lonlat[1];
	}
	return 0;
}

/* Every district with published brands must be on the map. */
static int all_districts_drawn(json_t *lists, const struct map_build *b, size_t n, struct px_err *err)
{
	json_t *d;
	size_t i;
	json_array_foreach(json_object_get(lists, "districts"), i, d) {
		bool found = false;
		for (size_t a = 0; a < n && !found; a++)
			found = !strcmp(b->areas[a].name, str(d, "name"));
		if (!found)
			return px_err_set(err, PX_EINVAL, "bad_boundaries", "geojson", "no boundary of '%s'", str(d, "name"));
	}
	return 0;
}

int ranking_map_png(struct app *app, int64_t programme_id, ranking_boundaries_fn boundaries, void *ctx,
		    const char *path, struct px_err *err)
{
	struct map_build b = { 0 };
	char footer[256], today[11];
	json_t *lists = NULL, *geo = NULL;
	const char *geojson = NULL;
	size_t n = 0, len = 0;
	int rc = ranking_lists_json(app, programme_id, &lists, err);
	if (rc || (rc = boundaries(ctx, str(lists, "region"), &geojson, &len, err)))
		goto out;
	if (len > RANKING_MAP_GEOJSON_MAX || !(geo = json_loadb(geojson, len, 0, NULL)))
		rc = px_err_set(err, PX_EINVAL, "bad_boundaries", "geojson", "the boundaries are no JSON");
	if (!rc && !(rc = map_areas(geo, lists, &b, &n, err)) && !(rc = all_districts_drawn(lists, &b, n, err))) {
		json_t *tr;
		size_t i;
		date_format(app_today(app), today);
		json_array_foreach(json_object_get(lists, "tracks"), i, tr) /* the day the lists were published */
			if (*str(tr, "published_on"))
				snprintf(today, sizeof(today), "%s", str(tr, "published_on"));
		snprintf(footer, sizeof(footer), "%s · %s", str(lists, "organiser"), today);
		json_t *texts = json_object_get(lists, "map");
		struct report_map m = { str(lists, "title"), str(texts, "subtitle"), str(texts, "legend"), footer, b.areas,
					n };
		rc = report_map_png(path, &m, err);
	}
out:
	free(b.rings);
	free(b.pts);
	json_decref(geo);
	json_decref(lists);
	return rc;
}
