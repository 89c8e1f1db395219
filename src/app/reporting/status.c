/*
 * status.c - who is late: the status table of a request (expected,
 * submitted, on time, late, nil, returned, missing per unit), the reminders
 * to units that have not submitted, before and after the deadline, and a
 * unit's own todo (see reporting.h).
 */
#include "app/reporting/internal.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>
#include <stdlib.h>

#include "app/audit.h"
#include "app/sms/sms.h"
#include "app/tx.h"
#include "core/calendar.h"

#define SMS_TEMPLATE "reminder"

/* Per unit: latest state, latest nil, non-draft versions, first submission date, versions, reminders. */
#define SUB_OF_UNIT "FROM report_submission s WHERE s.request_id = u.request_id AND s.account_id = u.account_id"
static struct store_sql Q_STATUS = STORE_SQL(
	"SELECT u.account_id, n.name, "
	"coalesce((SELECT s.state " SUB_OF_UNIT " ORDER BY s.version DESC LIMIT 1), 'missing'), "
	"coalesce((SELECT s.nil " SUB_OF_UNIT " ORDER BY s.version DESC LIMIT 1), 0), "
	"(SELECT count(*) " SUB_OF_UNIT " AND s.state <> 'draft'), "
	"coalesce((SELECT min(s.submitted_on) " SUB_OF_UNIT "), ''), "
	"coalesce((SELECT max(s.submitted_on) " SUB_OF_UNIT "), ''), "
	"(SELECT count(*) " SUB_OF_UNIT "), "
	"(SELECT count(*) FROM report_reminder m WHERE m.request_id = u.request_id AND m.account_id = u.account_id), "
	"coalesce(k.name, ''), coalesce(k.mobile_masked, '') "
	"FROM report_unit u JOIN account a ON a.id = u.account_id JOIN unit n ON n.id = a.unit_id "
	"LEFT JOIN unit_contact k ON k.account_id = u.account_id "
	"WHERE u.request_id = $1 ORDER BY u.account_id");
static struct store_sql Q_REMINDED = STORE_SQL(
	"SELECT 1 FROM report_reminder WHERE request_id = $1 AND account_id = $2 AND sent_on = $3 AND channel = $4");
static struct store_sql Q_REMIND = STORE_SQL(
	"INSERT INTO report_reminder (request_id, account_id, kind, sent_on, channel, message, created_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7)");
static struct store_sql Q_UNCLAIM = STORE_SQL(
	"DELETE FROM report_reminder WHERE request_id = $1 AND account_id = $2 AND sent_on = $3 AND channel = 'sms'");
static struct store_sql Q_MY_REQUESTS = STORE_SQL(
	"SELECT r.id, coalesce((SELECT s.state FROM report_submission s WHERE s.request_id = r.id AND "
	"s.account_id = u.account_id ORDER BY s.version DESC LIMIT 1), 'missing') "
	"FROM report_request r JOIN report_unit u ON u.request_id = r.id WHERE u.account_id = $1 "
	"ORDER BY r.due_on, r.id");
static struct store_sql Q_MY_REMINDERS = STORE_SQL(
	"SELECT m.request_id, m.kind, m.sent_on, m.channel, m.message FROM report_reminder m WHERE m.account_id = $1 "
	"ORDER BY m.id DESC LIMIT 50");

struct unit_row {
	int64_t unit;
	char name[128];
	char state[16];
	int64_t nil, standing, versions, reminders;
	char first_on[11], last_on[11];
	char contact[REPORTING_CONTACT_NAME_MAX + 1], mobile[12];
};

struct status_args {
	struct app *app;
	const struct app_actor *actor;
	int64_t request;
	bool only_due;
	struct rq q;
	json_t *res;
	json_t *todo; /* remind: the units to remind (their ids) */
	struct sms_out *sms; /* remind: the SMS claimed in the transaction, sent after it */
	size_t nsms;
	int64_t unclaim; /* the unit whose SMS failed */
	char today[11], kind[8];
	int no_number, already;
};

/* One SMS to send after the commit: the unit and its contact's number (wiped after). */
struct sms_out {
	int64_t unit;
	char number[12];
};

static int read_unit(struct store_stmt *s, struct unit_row *u)
{
	return store_cols(s, "ibbiibbiibb", &u->unit, u->name, sizeof(u->name), u->state, sizeof(u->state), &u->nil,
			  &u->standing, u->first_on, sizeof(u->first_on), u->last_on, sizeof(u->last_on), &u->versions,
			  &u->reminders, u->contact, sizeof(u->contact), u->mobile, sizeof(u->mobile));
}

static void count(json_t *totals, const char *key, bool yes)
{
	if (yes)
		json_object_set_new(totals, key, json_integer(json_integer_value(json_object_get(totals, key)) + 1));
}

static int status_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct status_args *a = arg;
	json_t *totals = json_object_get(a->res, "totals");
	struct unit_row u;
	(void)err;
	read_unit(s, &u);
	bool standing = !strcmp(u.state, "submitted") || !strcmp(u.state, "resubmitted");
	bool returned = u.standing && !standing;
	bool missing = !u.standing;
	bool on_time = u.standing && strcmp(u.first_on, a->q.due_on) <= 0;
	bool late = u.standing && !on_time;
	json_t *row = json_pack("{s:I, s:s, s:s, s:b, s:b, s:b, s:b, s:b, s:b, s:s?, s:s?, s:I, s:I}", "unit",
				(json_int_t)u.unit, "name", u.name, "state", u.state, "submitted", standing, "on_time",
				on_time, "late", late, "nil", standing && u.nil, "returned", returned, "missing", missing,
				"first_submitted_on", u.first_on[0] ? u.first_on : NULL, "last_submitted_on",
				u.last_on[0] ? u.last_on : NULL, "versions", (json_int_t)u.versions, "reminders",
				(json_int_t)u.reminders);
	json_object_set_new(row, "contact",
			    u.mobile[0] ? json_pack("{s:s, s:s}", "name", u.contact, "mobile", u.mobile) : json_null());
	json_array_append_new(json_object_get(a->res, "units"), row);
	count(totals, "expected", true);
	count(totals, "submitted", standing);
	count(totals, "on_time", on_time);
	count(totals, "late", late);
	count(totals, "nil", standing && u.nil);
	count(totals, "returned", returned);
	count(totals, "missing", missing);
	if (a->todo && !standing)
		json_array_append_new(a->todo, json_integer(u.unit));
	return 0;
}

static int load_status(struct store_conn *c, struct status_args *a, enum rq_need need, struct px_err *err)
{
	int rc = rq_load(c, a->actor, a->request, need, &a->q, err);
	if (rc)
		return rc;
	if (!a->q.office && a->actor->role != ROLE_LEADER) {
		rq_release(&a->q);
		return px_err_set(err, PX_EFORBIDDEN, "office_only", NULL, "the status table is the office's");
	}
	a->res = json_pack("{s:I, s:s, s:s, s:o, s:{s:i, s:i, s:i, s:i, s:i, s:i, s:i}, s:[]}", "request",
			   (json_int_t)a->request, "code", a->q.code, "title", a->q.title, "deadline",
			   reporting_deadline_json(a->app, a->q.due_on, app_today(a->app)), "totals", "expected", 0,
			   "submitted", 0, "on_time", 0, "late", 0, "nil", 0, "returned", 0, "missing", 0, "units");
	rc = store_each(c, &Q_STATUS, status_row, a, err, "i", a->request);
	rq_release(&a->q);
	return rc;
}

static int status_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	return load_status(c, arg, RQ_SEE, err);
}

int reporting_status_json(struct app *app, const struct app_actor *actor, int64_t request_id, json_t **out,
			  struct px_err *err)
{
	struct status_args a = { .app = app, .actor = actor, .request = request_id };
	return app_tx_json(app, STORE_TX_READ, status_tx, &a, &a.res, out, err);
}

/* Is a reminder due today by the rule? Before: within REPORTING_REMIND_WORKDAYS; after: any working day. */
static bool reminder_due(const struct app *app, const json_t *deadline, px_date today)
{
	bool workday = true;
	if (app->cal && calendar_is_workday(app->cal, today, &workday, NULL))
		workday = true;
	if (!workday)
		return false;
	return json_is_true(json_object_get(deadline, "overdue")) ||
	       json_integer_value(json_object_get(deadline, "workdays_left")) <= REPORTING_REMIND_WORKDAYS;
}

static void reminder_text(const struct status_args *a, const json_t *dl, char *out, size_t cap)
{
	const char *due = json_string_value(json_object_get(dl, "due_on"));
	if (json_is_true(json_object_get(dl, "overdue")))
		snprintf(out, cap, "《%s》应于%s前报送，已逾期%d个工作日，请尽快报送（逾期报送将标注为迟报）。", a->q.title,
			 due, (int)json_integer_value(json_object_get(dl, "workdays_overdue")));
	else
		snprintf(out, cap, "《%s》应于%s前报送，还剩%d个工作日。", a->q.title, due,
			 (int)json_integer_value(json_object_get(dl, "workdays_left")));
}

/*
 * Claim today's SMS for the unit (a "sms" row, one per unit, request and day
 * by the table's key) and keep its contact's number for sending after the
 * commit. A unit without a number, or already sent one today, gets none.
 */
static int claim_sms(struct store_conn *c, struct status_args *a, int64_t unit, const char *msg, struct px_err *err)
{
	int64_t one;
	char number[12];
	int rc = store_get(c, &Q_REMINDED, err, "iitt:i", a->request, unit, a->today, "sms", &one);
	if (rc < 0 || rc == STORE_ROW)
		return rc < 0 ? rc : (a->already++, 0);
	if ((rc = reporting_contact_number(c, unit, number, err)))
		return rc;
	if (!number[0])
		return a->no_number++, 0;
	if ((rc = store_run(c, &Q_REMIND, err, "iitttti", a->request, unit, a->kind, a->today, "sms", msg,
			    app_now_us(a->app)))) {
		sodium_memzero(number, sizeof(number));
		return rc;
	}
	a->sms[a->nsms].unit = unit;
	memcpy(a->sms[a->nsms++].number, number, sizeof(number));
	sodium_memzero(number, sizeof(number));
	return 0;
}

/* In-app today (once a day), and the SMS claim when a gateway is configured. */
static int remind_unit(struct store_conn *c, struct status_args *a, const json_t *v, const char *msg,
		       struct px_err *err)
{
	int64_t one, unit = (int64_t)json_integer_value(v);
	int rc = store_get(c, &Q_REMINDED, err, "iitt:i", a->request, unit, a->today, "app", &one);
	if (rc < 0)
		return rc;
	if (rc != STORE_ROW) {
		if ((rc = store_run(c, &Q_REMIND, err, "iitttti", a->request, unit, a->kind, a->today, "app", msg,
				    app_now_us(a->app))))
			return rc;
		json_array_append_new(json_object_get(a->res, "sent"),
				      json_pack("{s:O, s:s, s:s, s:b}", "unit", v, "kind", a->kind, "message", msg,
						"sms", 0));
	}
	return a->app->sms ? claim_sms(c, a, unit, msg, err) : 0;
}

static int remind_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct status_args *a = arg;
	char msg[768];
	size_t i;
	json_t *v, *dl;
	int rc;

	json_decref(a->todo);
	json_decref(a->res);
	a->res = NULL;
	a->todo = json_array();
	a->nsms = 0;
	a->no_number = a->already = 0;
	if ((rc = load_status(c, a, RQ_OFFICE, err)))
		return rc;
	dl = json_object_get(a->res, "deadline");
	date_format(app_today(a->app), a->today);
	json_object_set_new(a->res, "sent", json_array());
	json_object_set_new(a->res, "channel", json_string(a->app->sms ? "sms" : "app"));
	if (a->only_due && !reminder_due(a->app, dl, app_today(a->app)))
		return 0;
	reminder_text(a, dl, msg, sizeof(msg));
	snprintf(a->kind, sizeof(a->kind), "%s", json_is_true(json_object_get(dl, "overdue")) ? "after" : "before");
	free(a->sms);
	a->sms = calloc(json_array_size(a->todo) + 1, sizeof(*a->sms));
	if (!a->sms)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	json_array_foreach(a->todo, i, v)
		if ((rc = remind_unit(c, a, v, msg, err)))
			return rc;
	size_t n = json_array_size(json_object_get(a->res, "sent"));
	if (!n && !a->nsms)
		return 0;
	return audit_record(c, a->actor, "report.remind", "report_request", a->request,
			    json_pack("{s:s, s:i, s:i}", "kind", a->kind, "units", (int)n, "sms", (int)a->nsms), err);
}

static int unclaim_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct status_args *a = arg;
	return store_run(c, &Q_UNCLAIM, err, "iit", a->request, a->unclaim, a->today);
}

/* After the commit: send each SMS claimed; a failed one gives its claim back (it may be tried again today). */
static void send_sms(struct status_args *a)
{
	size_t n = a->nsms, sent = 0, failed = 0;
	const json_t *dl = json_object_get(a->res, "deadline");
	json_t *params = json_pack("{s:s, s:s, s:I}", "title", a->q.title, "due_on", a->q.due_on, "days",
				   json_integer_value(json_object_get(dl, json_is_true(json_object_get(dl, "overdue"))
										 ? "workdays_overdue"
										 : "workdays_left")));
	for (size_t i = 0; i < n; i++) {
		struct px_err e = { 0 };
		int rc = sms_send(a->app->sms, a->sms[i].number, SMS_TEMPLATE, params, &e);
		sodium_memzero(a->sms[i].number, sizeof(a->sms[i].number));
		if (rc) {
			a->unclaim = a->sms[i].unit;
			app_tx(a->app, STORE_TX_WRITE, unclaim_tx, a, &e);
			failed++;
			continue;
		}
		sent++;
		json_t *v;
		size_t k;
		json_array_foreach(json_object_get(a->res, "sent"), k, v)
			if (json_integer_value(json_object_get(v, "unit")) == a->sms[i].unit)
				json_object_set_new(v, "sms", json_true());
	}
	json_decref(params);
	json_object_set_new(a->res, "sms", json_pack("{s:i, s:i, s:i, s:i}", "sent", (int)sent, "failed", (int)failed,
						     "no_number", a->no_number, "already", a->already));
}

int reporting_remind(struct app *app, const struct app_actor *actor, int64_t request_id, bool only_due, json_t **out,
		     struct px_err *err)
{
	struct status_args a = { .app = app, .actor = actor, .request = request_id, .only_due = only_due };
	int rc = app_tx(app, STORE_TX_WRITE, remind_tx, &a, err);
	if (!rc && a.nsms)
		send_sms(&a);
	else if (!rc && app->sms)
		json_object_set_new(a.res, "sms", json_pack("{s:i, s:i, s:i, s:i}", "sent", 0, "failed", 0, "no_number",
							    a.no_number, "already", a.already));
	for (size_t i = 0; a.sms && i < a.nsms; i++)
		sodium_memzero(a.sms[i].number, sizeof(a.sms[i].number));
	free(a.sms);
	json_decref(a.todo);
	*out = app_result(rc, a.res);
	return rc;
}

struct mine_args {
	struct app *app;
	const struct app_actor *actor;
	json_t *res;
};

/* [request id, the unit's current state] */
static int id_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	json_array_append_new(arg, json_pack("[I, s]", (json_int_t)store_col_int(s, 0), store_col_text(s, 1)));
	return 0;
}

static int reminder_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	json_array_append_new(arg, json_pack("{s:I, s:s, s:s, s:s, s:s}", "request", (json_int_t)store_col_int(s, 0),
					     "kind", store_col_text(s, 1), "sent_on", store_col_text(s, 2), "channel",
					     store_col_text(s, 3), "message", store_col_text(s, 4)));
	return 0;
}

static int mine_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct mine_args *m = arg;
	json_t *ids = json_array(), *v;
	size_t i;
	int rc = store_each(c, &Q_MY_REQUESTS, id_row, ids, err, "i", m->actor->id);

	m->res = json_pack("{s:[], s:[]}", "requests", "reminders");
	json_array_foreach(ids, i, v) {
		if (rc)
			break;
		struct rq q;
		if ((rc = rq_load(c, m->actor, json_integer_value(json_array_get(v, 0)), RQ_UNIT, &q, err)))
			break;
		json_t *one = json_pack("{s:I, s:o?, s:s, s:s, s:O, s:o}", "id", (json_int_t)q.id, "programme",
					q.programme_id ? json_integer(q.programme_id) : NULL, "code", q.code, "title",
					q.title, "state", json_array_get(v, 1), "deadline",
					reporting_deadline_json(m->app, q.due_on, app_today(m->app)));
		rq_release(&q);
		json_array_append_new(json_object_get(m->res, "requests"), one);
	}
	json_decref(ids);
	if (!rc)
		rc = store_each(c, &Q_MY_REMINDERS, reminder_row, json_object_get(m->res, "reminders"), err, "i",
				m->actor->id);
	return rc;
}

int reporting_mine_json(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err)
{
	struct mine_args m = { app, actor, NULL };
	if (actor->kind != ACTOR_ACCOUNT || actor->role != ROLE_MEMBER)
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the todo list is a member unit's");
	return app_tx_json(app, STORE_TX_READ, mine_tx, &m, &m.res, out, err);
}
