/*
 * board.c - the key works seen from above (keyworks.h): the roll-up per lead
 * unit, the overview board for the city's leaders (totals, every work's
 * progress, the overdue milestones with their working days overdue on the
 * official calendar) and the same board as a workbook (report/xlsx.h), its
 * headers from data/keyworks/texts.json.
 */
#include "app/keyworks/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/scope.h"
#include "app/tx.h"
#include "report/xlsx.h"

#define OPEN_OVERDUE "m.state = 'open' AND m.due_on < $1"

static struct store_sql Q_OWNERS = STORE_SQL(
	"SELECT w.lead_name, coalesce(w.lead_account_id, 0), count(DISTINCT w.id), count(m.id), "
	"coalesce(sum(CASE WHEN m.state = 'done' THEN 1 ELSE 0 END), 0), "
	"coalesce(sum(CASE WHEN " OPEN_OVERDUE " THEN 1 ELSE 0 END), 0) "
	"FROM kw_work w LEFT JOIN kw_milestone m ON m.work_id = w.id WHERE substr(w.owner_region, 1, $2) = $3 "
	"GROUP BY w.lead_name, coalesce(w.lead_account_id, 0) ORDER BY min(w.seq), w.lead_name");
static struct store_sql Q_OVERDUE = STORE_SQL(
	"SELECT w.id, w.title, m.seq, m.title, w.lead_name, m.due_on FROM kw_milestone m "
	"JOIN kw_work w ON w.id = m.work_id WHERE substr(w.owner_region, 1, $2) = $3 AND " OPEN_OVERDUE " "
	"ORDER BY m.due_on, w.seq, m.seq");

static bool board_reader(const struct app_actor *actor)
{
	return actor->kind == ACTOR_CLI || app_actor_is(actor, ROLE_OFFICE) || app_actor_is(actor, ROLE_LEADER);
}

static int owner_row(struct store_stmt *s, void *arr, struct px_err *err)
{
	int64_t total = store_col_int(s, 3), done = store_col_int(s, 4);
	(void)err;
	json_array_append_new(arr, json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I}", "lead", store_col_text(s, 0),
					     "account", (json_int_t)store_col_int(s, 1), "works",
					     (json_int_t)store_col_int(s, 2), "milestones", (json_int_t)total, "done",
					     (json_int_t)done, "open", (json_int_t)(total - done), "overdue",
					     (json_int_t)store_col_int(s, 5)));
	return 0;
}

struct board_tx {
	struct app *app;
	char prefix[8], today[11];
	bool full;
	json_t *out;
};

static int overdue_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct board_tx *b = arg;
	json_t *d = kw_deadline_json(b->app, store_col_text(s, 5), app_today(b->app));
	(void)err;
	json_array_append_new(json_object_get(b->out, "overdue"),
			      json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:O}", "work", (json_int_t)store_col_int(s, 0),
					"work_title", store_col_text(s, 1), "seq", (json_int_t)store_col_int(s, 2), "title",
					store_col_text(s, 3), "lead", store_col_text(s, 4), "due_on", store_col_text(s, 5),
					"workdays_overdue", json_object_get(d, "workdays_overdue")));
	json_decref(d);
	return 0;
}

/* Totals over the works' counts. */
static json_t *totals(json_t *works)
{
	int64_t t[4] = { 0 };
	static const char *const keys[] = { "total", "done", "open", "overdue" };
	size_t i;
	json_t *w;
	json_array_foreach(works, i, w)
		for (int k = 0; k < 4; k++)
			t[k] += json_integer_value(json_object_get(json_object_get(w, "counts"), keys[k]));
	return json_pack("{s:I, s:I, s:I, s:I, s:I}", "works", (json_int_t)json_array_size(works), "milestones",
			 (json_int_t)t[0], "done", (json_int_t)t[1], "open", (json_int_t)t[2], "overdue", (json_int_t)t[3]);
}

static int board_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct board_tx *b = arg;
	json_t *owners = json_array();
	int64_t len = (int64_t)strlen(b->prefix);
	b->out = json_pack("{s:s, s:o}", "today", b->today, "owners", owners);
	int rc = store_each(c, &Q_OWNERS, owner_row, owners, err, "tit", (const char *)b->today, len,
			    (const char *)b->prefix);
	if (rc < 0 || !b->full)
		return rc < 0 ? rc : 0;
	json_object_set_new(b->out, "overdue", json_array());
	return store_each(c, &Q_OVERDUE, overdue_row, b, err, "tit", (const char *)b->today, len, (const char *)b->prefix);
}

static int board_read(struct app *app, const struct app_actor *actor, bool full, json_t **out, struct px_err *err)
{
	struct board_tx b = { app, "", "", full, NULL };
	json_t *list = NULL;
	int rc;
	*out = NULL;
	if (!board_reader(actor) || !app_scope_prefix(actor, b.prefix))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the office and the leadership read the board");
	date_format(app_today(app), b.today);
	if ((rc = app_tx_json(app, STORE_TX_READ, board_tx, &b, &b.out, out, err)) || !full)
		return rc;
	if ((rc = keyworks_list(app, actor, &list, err))) {
		json_decref(*out);
		*out = NULL;
		return rc;
	}
	json_object_set_new(*out, "totals", totals(json_object_get(list, "works")));
	json_object_set(*out, "works", json_object_get(list, "works"));
	json_decref(list);
	return 0;
}

int keyworks_owners(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err)
{
	return board_read(app, actor, false, out, err);
}

int keyworks_board(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err)
{
	return board_read(app, actor, true, out, err);
}

/* The workbook: cells as text, owned by `strings` (one allocation per cell). */
struct book {
	struct report_table t[3];
	struct report_column cols[3][12];
	const char **cells[3];
	json_t *strings;
	char title[3][300];
};

static const char *keep(struct book *b, json_t *v)
{
	char num[32];
	if (json_is_integer(v)) {
		snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
		v = json_string(num);
	} else if (json_is_string(v)) {
		json_incref(v);
	} else {
		v = json_string("");
	}
	json_array_append_new(b->strings, v);
	return json_string_value(v);
}

static const char *str_of(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

/* Column types by letter: t text, i integer, d date. */
static enum report_col_type col_type(char c)
{
	return c == 'i' ? REPORT_COL_INTEGER : c == 'd' ? REPORT_COL_DATE : REPORT_COL_TEXT;
}

static int sheet_setup(struct book *b, int i, const json_t *texts, const char *sheet_key, const char *cols_key,
		       const char *types, size_t nrows, const char *today)
{
	const json_t *board = json_object_get(texts, "board"), *cols = json_object_get(board, cols_key);
	size_t n = json_array_size(cols);
	if (n != strlen(types) || !(b->cells[i] = calloc(nrows * n + 1, sizeof(char *))))
		return PX_ENOMEM;
	for (size_t k = 0; k < n; k++)
		b->cols[i][k] = (struct report_column){ json_string_value(json_array_get(cols, k)), types[k] == 't' ? 30 : 12,
							col_type(types[k]), 0 };
	snprintf(b->title[i], sizeof(b->title[i]), "%s%s", str_of((json_t *)board, "as_of"), today);
	b->t[i] = (struct report_table){ .sheet = str_of((json_t *)board, sheet_key), .title = str_of((json_t *)board, "title"),
					 .subtitle = b->title[i], .cols = b->cols[i], .ncols = n,
					 .cells = b->cells[i], .nrows = nrows, .landscape = true };
	return 0;
}

static void co_units_text(struct book *b, json_t *w, const char **cell)
{
	char buf[2048] = "";
	size_t i, used = 0;
	json_t *v;
	json_array_foreach(json_object_get(w, "co_units"), i, v) {
		int k = snprintf(buf + used, sizeof(buf) - used, "%s%s", i ? "、" : "", json_string_value(v));
		if (k < 0 || (size_t)k >= sizeof(buf) - used)
			break;
		used += (size_t)k;
	}
	json_t *s = json_string(buf);
	json_array_append_new(b->strings, s);
	*cell = json_string_value(s);
}

static void fill_works(struct book *b, json_t *works)
{
	size_t i, n = b->t[0].ncols;
	json_t *w;
	json_array_foreach(works, i, w) {
		const char **row = &b->cells[0][i * n];
		json_t *c = json_object_get(w, "counts"), *next = json_object_get(w, "next");
		row[0] = keep(b, json_object_get(w, "seq"));
		row[1] = str_of(w, "title");
		row[2] = str_of(json_object_get(w, "lead"), "name");
		co_units_text(b, w, &row[3]);
		row[4] = keep(b, json_object_get(c, "total"));
		row[5] = keep(b, json_object_get(c, "done"));
		row[6] = keep(b, json_object_get(c, "open"));
		row[7] = keep(b, json_object_get(c, "overdue"));
		row[8] = str_of(next, "title");
		row[9] = str_of(next, "due_on");
	}
}

static void fill_rest(struct book *b, json_t *owners, json_t *overdue)
{
	size_t i, n = b->t[1].ncols, m = b->t[2].ncols;
	json_t *o;
	json_array_foreach(owners, i, o) {
		const char **row = &b->cells[1][i * n];
		row[0] = str_of(o, "lead");
		row[1] = keep(b, json_object_get(o, "works"));
		row[2] = keep(b, json_object_get(o, "milestones"));
		row[3] = keep(b, json_object_get(o, "done"));
		row[4] = keep(b, json_object_get(o, "open"));
		row[5] = keep(b, json_object_get(o, "overdue"));
	}
	json_array_foreach(overdue, i, o) {
		const char **row = &b->cells[2][i * m];
		row[0] = str_of(o, "work_title");
		row[1] = str_of(o, "title");
		row[2] = str_of(o, "lead");
		row[3] = str_of(o, "due_on");
		row[4] = keep(b, json_object_get(o, "workdays_overdue"));
	}
}

int keyworks_board_xlsx(struct app *app, const struct app_actor *actor, const char *path, struct px_err *err)
{
	struct book b = { .strings = json_array() };
	json_t *board = NULL, *texts = NULL;
	int rc = keyworks_board(app, actor, &board, err);
	if (!rc)
		rc = kw_texts(app, &texts, err);
	if (rc)
		goto out;
	json_t *works = json_object_get(board, "works"), *owners = json_object_get(board, "owners"),
	       *overdue = json_object_get(board, "overdue");
	const char *today = str_of(board, "today");
	if (sheet_setup(&b, 0, texts, "works_sheet", "works_cols", "itttiiiitd", json_array_size(works), today) ||
	    sheet_setup(&b, 1, texts, "owners_sheet", "owners_cols", "tiiiii", json_array_size(owners), today) ||
	    sheet_setup(&b, 2, texts, "overdue_sheet", "overdue_cols", "tttdi", json_array_size(overdue), today)) {
		rc = px_err_set(err, PX_EINTERNAL, "bad_texts", NULL, "keyworks/texts.json: the board's columns");
		goto out;
	}
	fill_works(&b, works);
	fill_rest(&b, owners, overdue);
	rc = report_xlsx_workbook(path, b.t, 3, err);
out:
	for (int i = 0; i < 3; i++)
		free(b.cells[i]);
	json_decref(b.strings);
	json_decref(board);
	json_decref(texts);
	return rc;
}
