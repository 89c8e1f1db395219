/*
 * supplement.c - requests for supplementary material and their answers
 * (see supplement.h).
 */
#include "app/programme/supplement.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/programme/application.h"
#include "app/audit.h"
#include "app/programme/office.h"
#include "app/input.h"
#include "app/json.h"
#include "app/tx.h"
#include "app/programme/notice.h"
#include "app/programme/programme.h"
#include "core/calendar.h"

#define SUPPLEMENT_COLUMNS \
	"s.id, s.application_id, s.request, s.due_on, s.requested_at, s.answer, s.answered_on, " \
	"coalesce(s.answered_at, 0), CASE WHEN s.answer IS NULL THEN 0 ELSE 1 END"

static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO supplement (application_id, request, due_on, requested_at, requested_by) "
	"VALUES ($1, $2, $3, $4, $5) RETURNING id");
static struct store_sql Q_ONE = STORE_SQL(
	"SELECT " SUPPLEMENT_COLUMNS " FROM supplement s WHERE s.id = $1");
static struct store_sql Q_ANSWER = STORE_SQL(
	"UPDATE supplement SET answer = $1, answered_at = $2, answered_on = $3 "
	"WHERE id = $4 AND answer IS NULL RETURNING id");
static struct store_sql Q_OF_APPLICATION = STORE_SQL(
	"SELECT " SUPPLEMENT_COLUMNS " FROM supplement s WHERE s.application_id = $1 ORDER BY s.id");
static struct store_sql Q_OF_PROGRAMME = STORE_SQL(
	"SELECT " SUPPLEMENT_COLUMNS " FROM supplement s JOIN application a ON a.id = s.application_id "
	"WHERE a.programme_id = $1 AND ($2 = 0 OR (s.answer IS NULL AND s.due_on < $3)) ORDER BY s.due_on, s.id");

/* One row of SUPPLEMENT_COLUMNS as JSON, judged against today. */
static json_t *row_json(struct store_stmt *s, const char *today)
{
	bool answered = store_col_int(s, 8) != 0;
	const char *due = store_col_text(s, 3);
	char due_copy[11];
	snprintf(due_copy, sizeof(due_copy), "%s", due);
	bool late = answered && strcmp(store_col_text(s, 6), due_copy) > 0;
	bool overdue = !answered && strcmp(today, due_copy) > 0;
	const char *state = answered ? (late ? "answered_late" : "answered") : (overdue ? "overdue" : "open");
	return json_pack("{s:I, s:I, s:s, s:s, s:I, s:o, s:o, s:b, s:b, s:s}", "id", (json_int_t)store_col_int(s, 0),
			 "application", (json_int_t)store_col_int(s, 1), "request", store_col_text(s, 2), "due_on",
			 due_copy, "requested_at", (json_int_t)store_col_int(s, 4), "answer",
			 answered ? json_string(store_col_text(s, 5)) : json_null(), "answered_on",
			 answered ? json_string(store_col_text(s, 6)) : json_null(), "late", late, "overdue", overdue,
			 "state", state);
}

static int read_rows(struct store_stmt *s, const char *today, json_t **out, struct px_err *err)
{
	json_t *list = json_array();
	int rc;
	while ((rc = store_step(s, err)) == STORE_ROW)
		json_array_append_new(list, row_json(s, today));
	store_reset(s);
	if (rc < 0) {
		json_decref(list);
		return rc;
	}
	*out = list;
	return 0;
}

/* ---- request ---- */

struct request_arg {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	const char *text;
	json_t *out;
};

static int request_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct request_arg *q = arg;
	struct application a;
	struct programme p = { 0 };
	const struct tpl_stage *st;
	struct store_stmt *s;
	char due_s[11], today_s[11], object[40];
	px_date today = app_today(q->app), first, due;
	int64_t id = 0;
	int rc;

	if ((rc = input_text(q->text, 5000, "request", err)))
		return rc;
	if ((rc = application_load(c, q->id, &a, err)) || (rc = programme_load_office(c, q->actor, a.programme_id, &p, err)))
		return rc;
	if ((rc = programme_require_kind(&p, TPL_STAGE_QUALIFICATION, &st, err)))
		goto out;
	if (strcmp(a.state, "recommended") && strcmp(a.state, "accepted")) {
		rc = px_err_set(err, PX_ECONFLICT, "wrong_state", "state",
				"application %" PRId64 " is '%s'; only applications under review are asked", a.id, a.state);
		goto out;
	}
	/* the day of the request does not count: the period starts on the next working day */
	if ((rc = calendar_next_workday(q->app->cal, today, &first, err)) ||
	    (rc = calendar_end_of_period(q->app->cal, first, st->supplement_workdays > 0 ? st->supplement_workdays : 5,
					 &due, err)))
		goto out;
	date_format(due, due_s);
	date_format(today, today_s);
	if ((rc = store_prepare(c, &Q_INSERT, &s, err)))
		goto out;
	store_bind_int(s, 1, a.id);
	store_bind_text(s, 2, q->text);
	store_bind_text(s, 3, due_s);
	store_bind_int(s, 4, store_now_us());
	if (q->actor->kind == ACTOR_ACCOUNT)
		store_bind_int(s, 5, q->actor->id);
	else
		store_bind_null(s, 5);
	if ((rc = store_step(s, err)) == STORE_ROW)
		id = store_col_int(s, 0);
	store_reset(s);
	if (rc < 0)
		goto out;
	snprintf(object, sizeof(object), "supplement:%" PRId64, id);
	json_t *payload = json_pack("{s:I, s:s, s:s, s:i}", "application", (json_int_t)a.id, "requested_on", today_s,
				    "due_on", due_s, "workdays", st->supplement_workdays);
	rc = audit_append(c, q->actor, "supplement.request", object, payload, err);
	json_decref(payload);
	if (rc)
		goto out;
	if ((rc = store_prepare(c, &Q_ONE, &s, err)))
		goto out;
	store_bind_int(s, 1, id);
	if ((rc = store_step(s, err)) == STORE_ROW)
		q->out = row_json(s, today_s);
	store_reset(s);
	rc = rc < 0 ? rc : 0;
out:
	programme_release(&p);
	return rc;
}

int supplement_request(struct app *app, const struct app_actor *actor, int64_t application_id,
		       const char *request, json_t **out, struct px_err *err)
{
	struct request_arg q = { app, actor, application_id, request, NULL };
	return app_tx_json(app, STORE_TX_WRITE, request_tx, &q, &q.out, out, err);
}

/* ---- answer ---- */

static int answer_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct request_arg *q = arg;
	struct application a;
	struct store_stmt *s;
	char today_s[11], object[40];
	int64_t application_id = 0;
	json_t *before = NULL;
	int rc;

	if ((rc = input_text(q->text, INPUT_TEXT_MAX, "answer", err)))
		return rc;
	date_format(app_today(q->app), today_s);
	if ((rc = store_prepare(c, &Q_ONE, &s, err)))
		return rc;
	store_bind_int(s, 1, q->id);
	if ((rc = store_step(s, err)) == STORE_ROW) {
		application_id = store_col_int(s, 1);
		before = row_json(s, today_s);
	}
	store_reset(s);
	if (rc < 0)
		return rc;
	if (rc == STORE_DONE)
		return px_err_set(err, PX_ENOTFOUND, NULL, "supplement", "no supplement request %" PRId64, q->id);
	if ((rc = application_load(c, application_id, &a, err)))
		goto out;
	if (!application_owned_by(q->actor, &a)) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "supplement", "no supplement request %" PRId64, q->id);
		goto out;
	}
	if ((rc = store_prepare(c, &Q_ANSWER, &s, err)))
		goto out;
	store_bind_text(s, 1, q->text);
	store_bind_int(s, 2, store_now_us());
	store_bind_text(s, 3, today_s);
	store_bind_int(s, 4, q->id);
	rc = store_step(s, err);
	store_reset(s);
	if (rc == STORE_DONE) {
		rc = px_err_set(err, PX_ECONFLICT, "already_answered", "answer", "request %" PRId64 " is answered already",
				q->id);
		goto out;
	}
	if (rc < 0)
		goto out;
	bool late = json_is_true(json_object_get(before, "overdue"));
	snprintf(object, sizeof(object), "supplement:%" PRId64, q->id);
	json_t *payload = json_pack("{s:I, s:s, s:s, s:b}", "application", (json_int_t)a.id, "answered_on", today_s,
				    "due_on", json_string_value(json_object_get(before, "due_on")), "late", late);
	rc = audit_append(c, q->actor, "supplement.answer", object, payload, err);
	json_decref(payload);
	if (rc)
		goto out;
	if ((rc = store_prepare(c, &Q_ONE, &s, err)))
		goto out;
	store_bind_int(s, 1, q->id);
	if ((rc = store_step(s, err)) == STORE_ROW)
		q->out = row_json(s, today_s);
	store_reset(s);
	rc = rc < 0 ? rc : 0;
out:
	json_decref(before);
	return rc;
}

int supplement_answer(struct app *app, const struct app_actor *actor, int64_t supplement_id, const char *answer,
		      json_t **out, struct px_err *err)
{
	struct request_arg q = { app, actor, supplement_id, answer, NULL };
	return app_tx_json(app, STORE_TX_WRITE, answer_tx, &q, &q.out, out, err);
}

/* ---- lists ---- */

static int of_application_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct request_arg *q = arg;
	struct application a;
	struct store_stmt *s;
	char today_s[11];
	json_t *list;
	int rc;

	if ((rc = application_load(c, q->id, &a, err)))
		return rc;
	if (!application_readable(c, q->actor, &a))
		return px_err_set(err, PX_ENOTFOUND, NULL, "application", "no application %" PRId64, q->id);
	date_format(app_today(q->app), today_s);
	if ((rc = store_prepare(c, &Q_OF_APPLICATION, &s, err)))
		return rc;
	store_bind_int(s, 1, a.id);
	if ((rc = read_rows(s, today_s, &list, err)))
		return rc;
	q->out = json_pack("{s:I, s:o}", "application", (json_int_t)a.id, "supplements", list);
	return 0;
}

int supplement_list_application(struct app *app, const struct app_actor *actor, int64_t application_id,
				json_t **out, struct px_err *err)
{
	struct request_arg q = { app, actor, application_id, NULL, NULL };
	return app_tx_json(app, STORE_TX_READ, of_application_tx, &q, &q.out, out, err);
}

struct programme_arg {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	bool overdue_only;
	json_t *out;
};

static int of_programme_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct programme_arg *q = arg;
	struct programme p;
	struct store_stmt *s;
	char today_s[11];
	json_t *list;
	int rc = programme_load_office(c, q->actor, q->id, &p, err);

	if (rc)
		return rc;
	programme_release(&p);
	date_format(app_today(q->app), today_s);
	if ((rc = store_prepare(c, &Q_OF_PROGRAMME, &s, err)))
		return rc;
	store_bind_int(s, 1, q->id);
	store_bind_int(s, 2, q->overdue_only ? 1 : 0);
	store_bind_text(s, 3, today_s);
	if ((rc = read_rows(s, today_s, &list, err)))
		return rc;
	q->out = json_pack("{s:I, s:s, s:o}", "programme", (json_int_t)q->id, "today", today_s, "supplements", list);
	return 0;
}

int supplement_list_programme(struct app *app, const struct app_actor *actor, int64_t programme_id,
			      bool overdue_only, json_t **out, struct px_err *err)
{
	struct programme_arg q = { app, actor, programme_id, overdue_only, NULL };
	return app_tx_json(app, STORE_TX_READ, of_programme_tx, &q, &q.out, out, err);
}
