/*
 * request.c - reporting requests: opening one (for an office, or for a
 * family inside its own transaction), loading it for an actor under the
 * region and unit rules, and showing it with its deadline counted on the
 * official calendar.
 */
#include "app/reporting/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/input.h"
#include "app/json.h"
#include "app/scope.h"
#include "app/tx.h"
#include "core/calendar.h"

static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO report_request (programme_id, region, code, title, opens_on, due_on, form, created_by, created_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id");
static struct store_sql Q_UNIT_ADD = STORE_SQL("INSERT INTO report_unit (request_id, account_id) VALUES ($1, $2)");
static struct store_sql Q_UNIT_ADD_NEW = STORE_SQL(
	"INSERT INTO report_unit (request_id, account_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING account_id");
static struct store_sql Q_MEMBER = STORE_SQL(
	"SELECT region FROM account WHERE id = $1 AND role = 'member' AND active = 1");
static struct store_sql Q_LOAD = STORE_SQL(
	"SELECT coalesce(programme_id, 0), region, code, title, coalesce(opens_on, ''), due_on, form "
	"FROM report_request WHERE id = $1");
static struct store_sql Q_IS_UNIT = STORE_SQL(
	"SELECT 1 FROM report_unit WHERE request_id = $1 AND account_id = $2");
static struct store_sql Q_UNIT_NAME = STORE_SQL(
	"SELECT u.name FROM account a JOIN unit u ON u.id = a.unit_id WHERE a.id = $1");
static struct store_sql Q_OF_PROGRAMME = STORE_SQL(
	"SELECT r.id FROM report_request r WHERE r.programme_id = $1 AND ($2 = 0 OR EXISTS "
	"(SELECT 1 FROM report_unit u WHERE u.request_id = r.id AND u.account_id = $2)) ORDER BY r.due_on, r.id");
static struct store_sql Q_CURRENT = STORE_SQL(
	"SELECT version, state, nil, late, coalesce(submitted_on, ''), coalesce(return_reason, '') "
	"FROM report_submission WHERE request_id = $1 AND account_id = $2 ORDER BY version DESC LIMIT 1");

int rq_load(struct store_conn *c, const struct app_actor *actor, int64_t id, enum rq_need need, struct rq *q,
	    struct px_err *err)
{
	char *form = NULL;
	int64_t one = 0;
	int rc;

	memset(q, 0, sizeof(*q));
	rc = store_get(c, &Q_LOAD, err, "i:ibbbbbs", id, &q->programme_id, q->region, sizeof(q->region), q->code,
		       sizeof(q->code), q->title, sizeof(q->title), q->opens_on, sizeof(q->opens_on), q->due_on,
		       sizeof(q->due_on), &form);
	if (rc < 0)
		return rc;
	if (rc == STORE_DONE)
		return px_err_set(err, PX_ENOTFOUND, "not_found", "id", "no request %lld", (long long)id);
	q->id = id;
	q->form = json_parse_stored(form);
	free(form);
	q->office = actor->kind == ACTOR_CLI ||
		    (actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_OFFICE && app_actor_in_region(actor, q->region, NULL));
	if (actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_MEMBER) {
		if ((rc = store_get(c, &Q_IS_UNIT, err, "ii:i", id, actor->id, &one)) < 0)
			goto fail;
		q->unit = rc == STORE_ROW;
	}
	bool leader = actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_LEADER &&
		      app_actor_in_region(actor, q->region, NULL);
	if (!q->office && !q->unit && !leader) {
		rc = px_err_set(err, PX_ENOTFOUND, "not_found", "id", "no request %lld", (long long)id);
		goto fail;
	}
	if ((need == RQ_OFFICE && !q->office) || (need == RQ_UNIT && !q->unit)) {
		rc = px_err_set(err, PX_EFORBIDDEN, need == RQ_OFFICE ? "office_only" : "not_asked", NULL,
				need == RQ_OFFICE ? "only the office that opened the request may do this"
						  : "only the units asked may report");
		goto fail;
	}
	return 0;
fail:
	rq_release(q);
	return rc;
}

void rq_release(struct rq *q)
{
	json_decref(q->form);
	q->form = NULL;
}

int rq_unit_name(struct store_conn *c, int64_t account, char *out, size_t cap, struct px_err *err)
{
	out[0] = '\0';
	int rc = store_get(c, &Q_UNIT_NAME, err, "i:b", account, out, cap);
	return rc < 0 ? rc : 0;
}

json_t *reporting_deadline_json(const struct app *app, const char *due_on, px_date today)
{
	px_date due;
	int n = 0;
	char t[11];

	date_format(today, t);
	if (date_parse(due_on, strlen(due_on), &due))
		return json_pack("{s:s}", "due_on", due_on);
	if (today <= due) {
		if (app->cal && calendar_count(app->cal, today, due, &n, NULL))
			n = -1;
		return json_pack("{s:s, s:s, s:i, s:i, s:b}", "due_on", due_on, "today", t, "workdays_left", n,
				 "workdays_overdue", 0, "overdue", 0);
	}
	if (app->cal && calendar_count(app->cal, due + 1, today, &n, NULL))
		n = -1;
	return json_pack("{s:s, s:s, s:i, s:i, s:b}", "due_on", due_on, "today", t, "workdays_left", 0,
			 "workdays_overdue", n, "overdue", 1);
}

/* A member account of a unit inside region, or "unknown_unit". */
static int require_member(struct store_conn *c, int64_t account, const char *region, struct px_err *err)
{
	char in[8] = "";
	int rc = store_get(c, &Q_MEMBER, err, "i:b", account, in, sizeof(in));
	if (rc < 0)
		return rc;
	if (rc == STORE_DONE || !access_region_contains(region, in))
		return px_err_set(err, PX_EINVAL, "unknown_unit", "units", "account %lld is no member unit of region %s",
				  (long long)account, region);
	return 0;
}

int reporting_units_add(struct store_conn *c, const struct app_actor *actor, int64_t request_id, const char *region,
			const int64_t *units, size_t n, int *added, struct px_err *err)
{
	int rc = 0;
	*added = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		int64_t got;
		if ((rc = require_member(c, units[i], region, err)))
			break;
		if ((rc = store_get(c, &Q_UNIT_ADD_NEW, err, "ii:i", request_id, units[i], &got)) == STORE_ROW)
			(*added)++;
		rc = rc < 0 ? rc : 0;
	}
	if (rc || !*added)
		return rc;
	return audit_record(c, actor, "report.units", "report_request", request_id, json_pack("{s:i}", "added", *added),
			    err);
}

int reporting_request_insert(struct store_conn *c, const struct app_actor *actor, const struct reporting_new *n,
			     int64_t now_us, int64_t *id, struct px_err *err)
{
	char who[32], *form = json_dump_sorted(n->form);
	int rc;

	app_actor_label(actor, who);
	if (!form)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	rc = n->programme_id
		     ? store_get(c, &Q_INSERT, err, "ittttttti:i", n->programme_id, n->region, n->code, n->title,
				 n->opens_on, n->due_on, form, who, now_us, id)
		     : store_get(c, &Q_INSERT, err, "nttttttti:i", n->region, n->code, n->title, n->opens_on, n->due_on,
				 form, who, now_us, id);
	free(form);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < n->nunits; i++) {
		if ((rc = require_member(c, n->units[i], n->region, err)))
			return rc;
		if ((rc = store_run(c, &Q_UNIT_ADD, err, "ii", *id, n->units[i])))
			return rc == PX_ECONFLICT ? px_err_set(err, PX_EINVAL, "duplicate_unit", "units",
							       "account %lld is listed twice", (long long)n->units[i])
						  : rc;
	}
	json_t *payload = json_pack("{s:s, s:s, s:s, s:i}", "code", n->code, "title", n->title, "due_on", n->due_on,
				    "units", (int)n->nunits);
	return audit_record(c, actor, "report.request", "report_request", *id, payload, err);
}

static int check_new(const struct reporting_new *n, struct px_err *err)
{
	px_date d;
	int rc;
	if ((rc = input_line(n->code, 32, "code", err)) || (rc = input_line(n->title, 200, "title", err)) ||
	    (rc = input_date(n->due_on, "due_on", &d, err)) ||
	    (n->opens_on && (rc = input_date(n->opens_on, "opens_on", &d, err))) ||
	    (rc = reporting_form_check(n->form, err)))
		return rc;
	if (!n->nunits || n->nunits > REPORTING_MAX_UNITS)
		return px_err_set(err, PX_EINVAL, "missing_field", "units", "a request asks 1 to %d units",
				  REPORTING_MAX_UNITS);
	return 0;
}

struct create_args {
	const struct app_actor *actor;
	const struct reporting_new *n;
	int64_t now, id;
};

static int create_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct create_args *a = arg;
	return reporting_request_insert(c, a->actor, a->n, a->now, &a->id, err);
}

int reporting_request_create(struct app *app, const struct app_actor *actor, const struct reporting_new *n,
			     json_t **out, struct px_err *err)
{
	struct create_args a = { actor, n, app_now_us(app), 0 };
	int rc;

	if (!(actor->kind == ACTOR_CLI || app_actor_is(actor, ROLE_OFFICE)))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "only an office opens requests");
	if ((rc = check_new(n, err)) || (rc = app_tx(app, STORE_TX_WRITE, create_tx, &a, err)))
		return rc;
	return reporting_request_json(app, actor, a.id, out, err);
}

struct show_args {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	json_t *res;
};

/* The unit's current state of request q, into o. */
static int add_mine(struct store_conn *c, const struct rq *q, int64_t unit, json_t *o, struct px_err *err)
{
	char state[16] = "missing", on[11] = "", reason[1024] = "";
	int64_t version = 0, nil = 0, late = 0;
	int rc = store_get(c, &Q_CURRENT, err, "ii:ibiibb", q->id, unit, &version, state, sizeof(state), &nil, &late,
			   on, sizeof(on), reason, sizeof(reason));
	if (rc < 0)
		return rc;
	json_object_set_new(o, "mine", json_pack("{s:s, s:I, s:b, s:b, s:s?, s:s?}", "state", state, "version",
						 (json_int_t)version, "nil", (int)nil, "late", (int)late,
						 "submitted_on", on[0] ? on : NULL, "return_reason",
						 reason[0] ? reason : NULL));
	return 0;
}

static int show_one(struct store_conn *c, struct show_args *a, json_t **out, struct px_err *err)
{
	struct rq q;
	int rc = rq_load(c, a->actor, a->id, RQ_SEE, &q, err);
	if (rc)
		return rc;
	*out = json_pack("{s:I, s:o?, s:s, s:s, s:s, s:s?, s:O, s:o, s:b}", "id", (json_int_t)q.id, "programme",
			 q.programme_id ? json_integer(q.programme_id) : NULL, "region", q.region, "code", q.code, "title",
			 q.title, "opens_on", q.opens_on[0] ? q.opens_on : NULL, "form", q.form, "deadline",
			 reporting_deadline_json(a->app, q.due_on, app_today(a->app)), "office", q.office);
	if (q.unit)
		rc = add_mine(c, &q, a->actor->id, *out, err);
	rq_release(&q);
	return rc;
}

static int show_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct show_args *a = arg;
	return show_one(c, a, &a->res, err);
}

int reporting_request_json(struct app *app, const struct app_actor *actor, int64_t id, json_t **out,
			   struct px_err *err)
{
	struct show_args a = { app, actor, id, NULL };
	return app_tx_json(app, STORE_TX_READ, show_tx, &a, &a.res, out, err);
}

struct list_args {
	struct show_args a;
	int64_t programme_id;
};

static int list_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	json_array_append_new(arg, json_integer(store_col_int(s, 0)));
	return 0;
}

static int list_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct list_args *l = arg;
	json_t *ids = json_array(), *v;
	int64_t unit = l->a.actor->kind == ACTOR_ACCOUNT && l->a.actor->role == ROLE_MEMBER ? l->a.actor->id : 0;
	size_t i;
	int rc = store_each(c, &Q_OF_PROGRAMME, list_row, ids, err, "ii", l->programme_id, unit);

	l->a.res = json_pack("{s:[]}", "requests");
	json_array_foreach(ids, i, v) {
		json_t *one = NULL;
		l->a.id = json_integer_value(v);
		if (rc || (rc = show_one(c, &l->a, &one, err)))
			break;
		json_array_append_new(json_object_get(l->a.res, "requests"), one);
	}
	json_decref(ids);
	return rc;
}

int reporting_requests_of_programme(struct app *app, const struct app_actor *actor, int64_t programme_id,
				    json_t **out, struct px_err *err)
{
	struct list_args l = { { app, actor, 0, NULL }, programme_id };
	return app_tx_json(app, STORE_TX_READ, list_tx, &l, &l.a.res, out, err);
}
