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
