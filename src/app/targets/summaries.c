/*
 * summaries.c - the local summaries and typical cases a province requests
 * from its cities by 30 November (targets.h), through the reporting engine,
 * and their status on the dashboard. The words of the request come from the
 * table below.
 */
#include "util/fill.h"
#include "app/targets/internal.h"

#include <stdio.h>
#include <string.h>

#include "app/programme/family.h"
#include "app/reporting/reporting.h"
#include "app/tx.h"
#include "core/date.h"

#define SUMMARY_MONTH_DAY "11-30" /* 于 11 月 30 日前上报省局 */

static struct store_sql Q_CITIES = STORE_SQL(
	"SELECT r.code, r.name, coalesce((SELECT min(a.id) FROM account a WHERE a.region = r.code AND a.role = 'member' "
	"AND a.active = 1), 0) FROM region r WHERE r.parent = $1 ORDER BY r.code");
static struct store_sql Q_REQUESTED = STORE_SQL(
	"SELECT t.request_id, r.due_on FROM tg_summary t JOIN report_request r ON r.id = t.request_id "
	"WHERE t.region = $1 AND t.year = $2");
static struct store_sql Q_RECORD = STORE_SQL("INSERT INTO tg_summary (region, year, request_id) VALUES ($1, $2, $3)");
#define LATEST(col, dflt)                                                                                             \
	"coalesce((SELECT s." col " FROM report_submission s WHERE s.request_id = u.request_id AND "                \
	"s.account_id = u.account_id ORDER BY s.version DESC LIMIT 1), " dflt ")"
static struct store_sql Q_UNITS = STORE_SQL(
	"SELECT a.region, " LATEST("state", "'missing'") ", " LATEST("late", "0") ", " LATEST("submitted_on", "''") ", "
	"g.name, coalesce(g.parent, '') FROM report_unit u JOIN account a ON a.id = u.account_id "
	"JOIN region g ON g.code = a.region WHERE u.request_id = $1 ORDER BY a.region");

/* The programme year: the year of today. */
static int64_t year_of(struct app *app, char year[5])
{
	char today[11];
	date_format(app_today(app), today);
	snprintf(year, 5, "%.4s", today);
	return (int64_t)(year[0] - '0') * 1000 + (year[1] - '0') * 100 + (year[2] - '0') * 10 + (year[3] - '0');
}

static const struct {
	const char *key, *text;
} texts[] = {
	{ "title", "{year}年质量品牌提升行动本地总结及典型案例" },
	{ "summary", "本地活动开展情况总结" },
	{ "cases", "典型案例" },
	{ "case.title", "案例名称" },
	{ "case.text", "案例内容" },
};

static void text(const char *key, const char *year, char *out, size_t cap)
{
	const char *vars[] = { "year", year, NULL };
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (!strcmp(texts[i].key, key)) {
			fill_text(texts[i].text, vars, out, cap);
			return;
		}
	out[0] = '\0';
}

/* The form: the summary (required) and the typical cases (a list of title and text). */
static json_t *summary_form(void)
{
	char s[64], c[64], ct[64], cx[64];
	text("summary", "", s, sizeof(s));
	text("cases", "", c, sizeof(c));
	text("case.title", "", ct, sizeof(ct));
	text("case.text", "", cx, sizeof(cx));
	return json_pack("{s:[{s:s, s:s, s:s, s:b}, {s:s, s:s, s:s, s:[{s:s, s:s, s:s, s:b}, {s:s, s:s, s:s, s:b}]}]}",
			 "fields", "key", "summary", "type", "textarea", "label", s, "required", 1, "key", "cases", "type",
			 "items", "label", c, "fields", "key", "title", "type", "text", "label", ct, "required", 1, "key",
			 "text", "type", "textarea", "label", cx, "required", 1);
}

struct request_tx {
	struct app *app;
	const struct app_actor *actor;
	int64_t units[REPORTING_MAX_UNITS];
	size_t n;
	json_t *cities, *out;
};

static int city_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct request_tx *x = arg;
	int64_t unit = store_col_int(s, 2);
	(void)err;
	if (unit && x->n < REPORTING_MAX_UNITS)
		x->units[x->n++] = unit;
	json_array_append_new(x->cities, json_pack("{s:s, s:s, s:o}", "region", store_col_text(s, 0), "name",
						   store_col_text(s, 1), "unit", unit ? json_integer(unit) : json_null()));
	return 0;
}

static int request_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct request_tx *x = arg;
	const char *province = x->actor->region;
	char year[5], due[11], title[128];
	int64_t id = 0, y = year_of(x->app, year);
	int added = 0, rc;
	snprintf(due, sizeof(due), "%s-" SUMMARY_MONTH_DAY, year);
	text("title", year, title, sizeof(title));
	json_decref(x->cities);
	x->cities = json_array();
	x->n = 0;
	if ((rc = store_each(c, &Q_CITIES, city_row, x, err, "t", province)) < 0)
		return rc;
	if (!x->n)
		return px_err_set(err, PX_ECONFLICT, "no_city_accounts", "units", "no city of %s has a member account",
				  province);
	if ((rc = store_get(c, &Q_REQUESTED, err, "ti:i", province, y, &id)) < 0)
		return rc;
	if (rc == STORE_ROW) {
		rc = reporting_units_add(c, x->actor, id, province, x->units, x->n, &added, err);
	} else {
		json_t *form = summary_form();
		struct reporting_new nr = { 0, province, "local-summary", title, NULL, due, form, x->units, x->n };
		added = (int)x->n;
		if (!(rc = reporting_request_insert(c, x->actor, &nr, app_now_us(x->app), &id, err)))
			rc = store_run(c, &Q_RECORD, err, "tii", province, y, id);
		json_decref(form);
	}
	if (rc)
		return rc;
	x->out = json_pack("{s:I, s:I, s:s, s:O, s:i}", "request", (json_int_t)id, "year", (json_int_t)y, "due_on", due,
			   "cities", x->cities, "units_added", added);
	return 0;
}

int targets_request_summaries(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err)
{
	*out = NULL;
	if (!app_actor_is(actor, ROLE_OFFICE) || actor->kind != ACTOR_ACCOUNT || strcmp(actor->region + 2, "0000"))
		return px_err_set(err, PX_EFORBIDDEN, "province_only", NULL,
				  "the office of a province requests the local summaries of its cities");
	struct request_tx x = { .app = app, .actor = actor };
	int rc = app_tx_json(app, STORE_TX_WRITE, request_tx, &x, &x.out, out, err);
	json_decref(x.cities);
	return rc;
}

struct status_walk {
	const char *region;
	json_t *rows, *children, *totals;
};

/* The row of a city asked: found among rows, or a new child row without counts when the city is under the region. */
static json_t *row_of(struct status_walk *w, struct store_stmt *s)
{
	size_t i;
	json_t *row;
	json_array_foreach(w->rows, i, row)
		if (!strcmp(json_string_value(json_object_get(row, "region")), store_col_text(s, 0)))
			return row;
	if (strcmp(store_col_text(s, 5), w->region))
		return NULL;
	row = json_pack("{s:s, s:s, s:i, s:i, s:i, s:i}", "region", store_col_text(s, 0), "name", store_col_text(s, 4),
			"models", 0, "certified", 0, "trained", 0, "solved", 0);
	json_array_append_new(w->children, row);
	return row;
}

static int unit_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct status_walk *w = arg;
	const char *state = store_col_text(s, 1);
	bool submitted = !strcmp(state, "submitted") || !strcmp(state, "resubmitted"), late = store_col_int(s, 2) != 0;
	json_t *row;
	(void)err;
	const char *key = submitted ? (late ? "late" : "on_time") : !strcmp(state, "returned") ? "returned" : "missing";
	json_object_set_new(w->totals, key, json_integer(json_integer_value(json_object_get(w->totals, key)) + 1));
	if ((row = row_of(w, s)))
		json_object_set_new(row, "summary",
				    json_pack("{s:s, s:b, s:o}", "state", submitted ? "submitted" : state, "late",
					      submitted && late, "submitted_on",
					      *store_col_text(s, 3) ? json_string(store_col_text(s, 3)) : json_null()));
	return 0;
}

int targets_summaries_tx(struct store_conn *c, struct app *app, const char *region, json_t *out, json_t *rows,
			 json_t *children, struct px_err *err)
{
	char province[8], year[5], due[11] = "";
	int64_t id = 0, y = year_of(app, year);
	snprintf(province, sizeof(province), "%.2s0000", region);
	int rc = store_get(c, &Q_REQUESTED, err, "ti:ib", (const char *)province, y, &id, due, sizeof(due));
	if (rc < 0)
		return rc;
	if (rc != STORE_ROW) {
		json_object_set_new(out, "summaries", json_null());
		return 0;
	}
	struct status_walk w = { region, rows, children, json_pack("{s:i, s:i, s:i, s:i}", "on_time", 0, "late", 0, "returned", 0, "missing", 0) };
	json_object_set_new(out, "summaries", json_pack("{s:I, s:I, s:s, s:o, s:o}", "request", (json_int_t)id, "year",
							(json_int_t)y, "due_on", due, "deadline",
							reporting_deadline_json(app, due, app_today(app)), "totals",
							w.totals));
	rc = store_each(c, &Q_UNITS, unit_row, &w, err, "i", id);
	return rc < 0 ? rc : 0;
}
