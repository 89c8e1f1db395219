/*
 * view.c - reading the key works register (keyworks.h): one work with its
 * milestones (each with its deadline on the official calendar, whether it
 * is overdue, and what its lead unit last reported), the region's works,
 * and the works a lead unit's account leads.
 */
#include "app/keyworks/internal.h"

#include <stdlib.h>
#include <string.h>

#include "app/json.h"
#include "app/reporting/reporting.h"
#include "app/scope.h"
#include "app/tx.h"

#define WORK_COUNTS                                                                                             \
	"(SELECT count(*) FROM kw_milestone m WHERE m.work_id = w.id), "                                        \
	"(SELECT count(*) FROM kw_milestone m WHERE m.work_id = w.id AND m.state = 'done'), "                   \
	"(SELECT count(*) FROM kw_milestone m WHERE m.work_id = w.id AND m.state = 'open' AND m.due_on < $1), " \
	"coalesce((SELECT m.due_on FROM kw_milestone m WHERE m.work_id = w.id AND m.state = 'open' "            \
	"ORDER BY m.due_on, m.seq LIMIT 1), ''), "                                                              \
	"coalesce((SELECT m.title FROM kw_milestone m WHERE m.work_id = w.id AND m.state = 'open' "             \
	"ORDER BY m.due_on, m.seq LIMIT 1), '')"
#define WORK_COLS "w.id, w.seq, w.title, w.summary, w.lead_name, coalesce(w.lead_account_id, 0), w.co_units, "

static struct store_sql Q_ONE = STORE_SQL("SELECT " WORK_COLS WORK_COUNTS " FROM kw_work w WHERE w.id = $2");
static struct store_sql Q_LIST = STORE_SQL("SELECT " WORK_COLS WORK_COUNTS " FROM kw_work w "
					   "WHERE substr(w.owner_region, 1, $2) = $3 ORDER BY w.seq, w.id LIMIT 200");
static struct store_sql Q_MINE = STORE_SQL("SELECT " WORK_COLS WORK_COUNTS " FROM kw_work w "
					   "WHERE w.lead_account_id = $2 ORDER BY w.seq, w.id LIMIT 200");
static struct store_sql Q_MILESTONES = STORE_SQL(
	"SELECT seq, title, due_on, state, coalesce(done_on, ''), coalesce(request_id, 0) FROM kw_milestone "
	"WHERE work_id = $1 ORDER BY seq");
static struct store_sql Q_OPEN_REQUESTS = STORE_SQL(
	"SELECT m.request_id FROM kw_milestone m JOIN kw_work w ON w.id = m.work_id WHERE substr(w.owner_region, 1, $1) = $2 "
	"AND m.state = 'open' AND m.request_id IS NOT NULL ORDER BY m.due_on, m.request_id");
static struct store_sql Q_REPORT = STORE_SQL(
	"SELECT s.state, coalesce(s.submitted_on, ''), s.late, s.nil, s.version FROM report_submission s "
	"WHERE s.request_id = $1 ORDER BY s.version DESC LIMIT 1");

json_t *kw_deadline_json(const struct app *app, const char *due_on, px_date today)
{
	return reporting_deadline_json(app, due_on, today);
}

/* A work's row (WORK_COLS then WORK_COUNTS) as its summary. */
static json_t *work_row(struct store_stmt *s)
{
	int64_t total = store_col_int(s, 7), done = store_col_int(s, 8), overdue = store_col_int(s, 9);
	json_t *co = json_parse_stored(store_col_text(s, 6)), *next = json_null();
	if (*store_col_text(s, 10))
		next = json_pack("{s:s, s:s}", "due_on", store_col_text(s, 10), "title", store_col_text(s, 11));
	return json_pack("{s:I, s:I, s:s, s:s, s:{s:s, s:I}, s:o, s:{s:I, s:I, s:I, s:I}, s:o}", "id",
			 (json_int_t)store_col_int(s, 0), "seq", (json_int_t)store_col_int(s, 1), "title",
			 store_col_text(s, 2), "summary", store_col_text(s, 3), "lead", "name", store_col_text(s, 4),
			 "account", (json_int_t)store_col_int(s, 5), "co_units", co ? co : json_array(), "counts", "total",
			 (json_int_t)total, "done", (json_int_t)done, "open", (json_int_t)(total - done), "overdue",
			 (json_int_t)overdue, "next", next);
}

static int append_work(struct store_stmt *s, void *arr, struct px_err *err)
{
	(void)err;
	json_array_append_new(arr, work_row(s));
	return 0;
}

struct ms_walk {
	struct store_conn *c;
	const struct app *app;
	px_date today;
	char today_s[11];
	json_t *arr;
};

/* What the lead unit last reported on a milestone's request: {state, submitted_on, late, nil, version} or null. */
static int last_report(struct store_conn *c, int64_t request, json_t **out, struct px_err *err)
{
	char state[16] = "", on[11] = "";
	int64_t late = 0, nil = 0, version = 0;
	int rc = request ? store_get(c, &Q_REPORT, err, "i:bbiii", request, state, sizeof(state), on, sizeof(on), &late,
				     &nil, &version)
			 : STORE_DONE;
	*out = json_null();
	if (rc == STORE_ROW)
		*out = json_pack("{s:s, s:s?, s:b, s:b, s:I}", "state", state, "submitted_on", *on ? on : NULL, "late",
				 (int)late, "nil", (int)nil, "version", (json_int_t)version);
	return rc < 0 ? rc : 0;
}

static int milestone_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct ms_walk *m = arg;
	const char *due = store_col_text(s, 2), *done_on = store_col_text(s, 4);
	bool done = !strcmp(store_col_text(s, 3), "done");
	int64_t request = store_col_int(s, 5);
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s?, s:b, s:b}", "seq", (json_int_t)store_col_int(s, 0), "title",
			      store_col_text(s, 1), "due_on", due, "state", store_col_text(s, 3), "done_on",
			      *done_on ? done_on : NULL, "overdue", !done && strcmp(m->today_s, due) > 0, "late",
			      done && strcmp(done_on, due) > 0);
	json_object_set_new(o, "request", request ? json_integer(request) : json_null());
	if (!done)
		json_object_set_new(o, "deadline", kw_deadline_json(m->app, due, m->today));
	json_array_append_new(m->arr, o);
	(void)err;
	return 0;
}

/* The reports are read after the walk: a statement is not run inside another's walk. */
static int add_reports(struct store_conn *c, json_t *milestones, struct px_err *err)
{
	size_t i;
	json_t *o, *r;
	int rc = 0;
	json_array_foreach(milestones, i, o) {
		if ((rc = last_report(c, json_integer_value(json_object_get(o, "request")), &r, err)))
			break;
		json_object_set_new(o, "report", r);
	}
	return rc;
}

int kw_work_json(struct store_conn *c, const struct app *app, int64_t id, px_date today, json_t **out,
		 struct px_err *err)
{
	struct ms_walk m = { c, app, today, "", json_array() };
	json_t *arr = json_array();
	date_format(today, m.today_s);
	int rc = store_each(c, &Q_ONE, append_work, arr, err, "ti", (const char *)m.today_s, id);
	if (rc >= 0 && !json_array_size(arr))
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "id", "no key work %lld", (long long)id);
	if (rc >= 0)
		rc = store_each(c, &Q_MILESTONES, milestone_row, &m, err, "i", id);
	if (rc >= 0)
		rc = add_reports(c, m.arr, err);
	if (rc < 0) {
		json_decref(arr);
		json_decref(m.arr);
		return rc;
	}
	*out = json_incref(json_array_get(arr, 0));
	json_decref(arr);
	json_object_set_new(*out, "milestones", m.arr);
	json_object_set_new(*out, "today", json_date(today));
	return 0;
}

struct get_tx {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	json_t *out;
};

static int get_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct get_tx *g = arg;
	struct kw_work w;
	int rc = kw_work_load(c, g->actor, g->id, &w, err);
	return rc ? rc : kw_work_json(c, g->app, g->id, app_today(g->app), &g->out, err);
}

int keyworks_get(struct app *app, const struct app_actor *actor, int64_t id, json_t **out, struct px_err *err)
{
	struct get_tx g = { app, actor, id, NULL };
	char prefix[8];
	*out = NULL;
	if (!app_scope_prefix(actor, prefix))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the staff read the key works");
	return app_tx_json(app, STORE_TX_READ, get_tx, &g, &g.out, out, err);
}

struct list_tx {
	struct app *app;
	const struct app_actor *actor;
	char prefix[8];
	bool mine;
	json_t *out;
};

static int list_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct list_tx *l = arg;
	char today[11];
	size_t i;
	json_t *works = json_array(), *w, *one;
	int rc;
	date_format(app_today(l->app), today);
	l->out = json_pack("{s:s, s:o}", "today", today, "works", works);
	rc = l->mine ? store_each(c, &Q_MINE, append_work, works, err, "ti", (const char *)today, l->actor->id)
		     : store_each(c, &Q_LIST, append_work, works, err, "tit", (const char *)today,
				  (int64_t)strlen(l->prefix), (const char *)l->prefix);
	if (rc < 0 || !l->mine)
		return rc < 0 ? rc : 0;
	json_array_foreach(works, i, w) {
		if ((rc = kw_work_json(c, l->app, json_integer_value(json_object_get(w, "id")), app_today(l->app), &one,
				       err)))
			return rc;
		json_array_set_new(works, i, one);
	}
	return 0;
}

int keyworks_list(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err)
{
	struct list_tx l = { app, actor, "", false, NULL };
	*out = NULL;
	if (!app_scope_prefix(actor, l.prefix))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the staff read the key works");
	return app_tx_json(app, STORE_TX_READ, list_tx, &l, &l.out, out, err);
}

int keyworks_mine(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err)
{
	struct list_tx l = { app, actor, "", true, NULL };
	*out = NULL;
	if (actor->kind != ACTOR_ACCOUNT)
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "a lead unit reads its own key works");
	return app_tx_json(app, STORE_TX_READ, list_tx, &l, &l.out, out, err);
}

static int request_row(struct store_stmt *s, void *arr, struct px_err *err)
{
	(void)err;
	json_array_append_new(arr, json_integer(store_col_int(s, 0)));
	return 0;
}

struct open_tx {
	char prefix[8];
	json_t *out;
};

static int open_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct open_tx *o = arg;
	json_t *ids = json_array();
	o->out = json_pack("{s:o}", "requests", ids);
	int rc = store_each(c, &Q_OPEN_REQUESTS, request_row, ids, err, "it", (int64_t)strlen(o->prefix),
			    (const char *)o->prefix);
	return rc < 0 ? rc : 0;
}

int keyworks_open_requests(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err)
{
	struct open_tx o = { "", NULL };
	*out = NULL;
	if (!(actor->kind == ACTOR_CLI || app_actor_is(actor, ROLE_OFFICE)) || !app_scope_prefix(actor, o.prefix))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the office reminds the lead units");
	return app_tx_json(app, STORE_TX_READ, open_tx, &o, &o.out, out, err);
}
