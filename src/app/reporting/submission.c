/*
 * submission.c - a unit's submissions to a request: drafts, submissions and
 * nil reports (无可报告), late marking (迟报) by the due date, the office's
 * return with a reason, and every version kept (see reporting.h).
 */
#include "app/reporting/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/input.h"
#include "app/json.h"
#include "app/tx.h"

#define REASON_MAX 2000

static struct store_sql Q_LATEST = STORE_SQL(
	"SELECT id, version, state FROM report_submission WHERE request_id = $1 AND account_id = $2 "
	"ORDER BY version DESC LIMIT 1");
static struct store_sql Q_WAS_RETURNED = STORE_SQL(
	"SELECT 1 FROM report_submission WHERE request_id = $1 AND account_id = $2 AND state = 'returned' LIMIT 1");
static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO report_submission (request_id, account_id, version, state, nil, content, late, submitted_on, "
	"submitted_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)");
static struct store_sql Q_UPDATE_DRAFT = STORE_SQL(
	"UPDATE report_submission SET content = $1, created_at = $2 WHERE id = $3");
static struct store_sql Q_SUBMIT_DRAFT = STORE_SQL(
	"UPDATE report_submission SET state = $1, nil = $2, content = $3, late = $4, submitted_on = $5, "
	"submitted_at = $6 WHERE id = $7");
static struct store_sql Q_RETURN = STORE_SQL(
	"UPDATE report_submission SET state = 'returned', return_reason = $1, returned_at = $2, returned_by = $3 "
	"WHERE id = $4");
static struct store_sql Q_FILE_OWNED = STORE_SQL(
	"SELECT 1 FROM report_file WHERE id = $1 AND request_id = $2 AND account_id = $3");
static struct store_sql Q_STANDING = STORE_SQL(
	"SELECT s.account_id, n.name, s.nil, s.late, coalesce(s.submitted_on, ''), s.content "
	"FROM report_submission s JOIN account a ON a.id = s.account_id JOIN unit n ON n.id = a.unit_id "
	"WHERE s.request_id = $1 AND s.state IN ('submitted', 'resubmitted') AND s.version = "
	"(SELECT max(x.version) FROM report_submission x WHERE x.request_id = s.request_id AND x.account_id = s.account_id) "
	"ORDER BY s.account_id");
static struct store_sql Q_VERSIONS = STORE_SQL(
	"SELECT version, state, nil, content, late, coalesce(submitted_on, ''), coalesce(return_reason, ''), "
	"coalesce(returned_by, '') FROM report_submission WHERE request_id = $1 AND account_id = $2 ORDER BY version");

struct latest {
	int64_t id, version;
	char state[16];
};

static int load_latest(struct store_conn *c, int64_t request, int64_t unit, struct latest *l, struct px_err *err)
{
	memset(l, 0, sizeof(*l));
	int rc = store_get(c, &Q_LATEST, err, "ii:iib", request, unit, &l->id, &l->version, l->state, sizeof(l->state));
	return rc < 0 ? rc : 0;
}

static bool awaiting_office(const struct latest *l)
{
	return !strcmp(l->state, "submitted") || !strcmp(l->state, "resubmitted");
}

struct put_args {
	struct app *app;
	const struct app_actor *actor;
	int64_t request;
	const json_t *content;
	bool nil, submit;
	json_t *res;
};

/* The files the content names must be the unit's uploads to this request. */
static int check_files(struct store_conn *c, const struct put_args *p, const json_t *files, struct px_err *err)
{
	size_t i;
	json_t *v;
	json_array_foreach(files, i, v) {
		int64_t one;
		int rc = store_get(c, &Q_FILE_OWNED, err, "iii:i", json_integer_value(v), p->request, p->actor->id, &one);
		if (rc < 0)
			return rc;
		if (rc == STORE_DONE)
			return px_err_set(err, PX_EINVAL, "unknown_file", "content", "file %lld is not one of your uploads",
					  (long long)json_integer_value(v));
	}
	return 0;
}

/* Write the version: the draft row updated, or a new row. */
static int write_version(struct store_conn *c, struct put_args *p, const struct latest *l, const char *state,
			 const char *text, bool late, struct px_err *err)
{
	char today[11];
	int64_t now = app_now_us(p->app);
	date_format(app_today(p->app), today);
	if (!strcmp(l->state, "draft") && p->submit)
		return store_run(c, &Q_SUBMIT_DRAFT, err, "tititii", state, (int64_t)p->nil, text, (int64_t)late, today,
				 now, l->id);
	if (!strcmp(l->state, "draft"))
		return store_run(c, &Q_UPDATE_DRAFT, err, "tii", text, now, l->id);
	if (p->submit)
		return store_run(c, &Q_INSERT, err, "iiitititii", p->request, p->actor->id, l->version + 1, state,
				 (int64_t)p->nil, text, (int64_t)late, today, now, now);
	return store_run(c, &Q_INSERT, err, "iiititinni", p->request, p->actor->id, l->version + 1, "draft",
			 (int64_t)0, text, (int64_t)0, now);
}

/* The checks before writing: nothing awaiting the office, content fits the form, files are the unit's. */
static int check_put(struct store_conn *c, struct put_args *p, const struct rq *q, const struct latest *l,
		     struct px_err *err)
{
	json_t *files = json_array();
	int rc = 0;

	if (awaiting_office(l))
		rc = px_err_set(err, PX_ECONFLICT, "already_submitted", NULL,
				"version %lld is submitted; it changes only after the office returns it",
				(long long)l->version);
	else if (p->nil && p->content && json_object_size(p->content))
		rc = px_err_set(err, PX_EINVAL, "nil_with_content", "content", "a nil report has no content");
	else if (!p->nil && !p->content)
		rc = px_err_set(err, PX_EINVAL, "missing_field", "content", "a report has content, or is a nil report");
	else if (!p->nil && !(rc = reporting_form_validate(q->form, p->content, files, !p->submit, err)))
		rc = check_files(c, p, files, err);
	json_decref(files);
	return rc;
}

static int put_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct put_args *p = arg;
	struct latest l;
	struct rq q;
	char *text = NULL, state[16] = "draft";
	int64_t one;
	bool late = false;
	px_date due = 0;
	int rc = rq_load(c, p->actor, p->request, RQ_UNIT, &q, err);

	if (rc)
		return rc;
	if ((rc = load_latest(c, p->request, p->actor->id, &l, err)) || (rc = check_put(c, p, &q, &l, err)))
		goto out;
	if (p->submit) {
		if ((rc = store_get(c, &Q_WAS_RETURNED, err, "ii:i", p->request, p->actor->id, &one)) < 0)
			goto out;
		snprintf(state, sizeof(state), "%s", rc == STORE_ROW ? "resubmitted" : "submitted");
		late = !date_parse(q.due_on, strlen(q.due_on), &due) && app_today(p->app) > due;
	}
	if (!(text = p->nil ? strdup("{}") : json_dump_sorted(p->content))) {
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		goto out;
	}
	if ((rc = write_version(c, p, &l, state, text, late, err)))
		goto out;
	json_t *payload = json_pack("{s:I, s:s, s:I, s:b, s:b}", "unit", (json_int_t)p->actor->id, "state", state,
				    "version", (json_int_t)(!strcmp(l.state, "draft") ? l.version : l.version + 1),
				    "nil", p->nil, "late", late);
	if ((rc = audit_record(c, p->actor, p->submit ? "report.submit" : "report.draft", "report_request",
			       p->request, payload, err)))
		goto out;
	p->res = json_pack("{s:s, s:I, s:b, s:b}", "state", state, "version",
			   (json_int_t)(!strcmp(l.state, "draft") ? l.version : l.version + 1), "nil", p->nil, "late",
			   late);
out:
	free(text);
	rq_release(&q);
	return rc;
}

int reporting_save_draft(struct app *app, const struct app_actor *actor, int64_t request_id, const json_t *content,
			 json_t **out, struct px_err *err)
{
	struct put_args p = { app, actor, request_id, content, false, false, NULL };
	return app_tx_json(app, STORE_TX_WRITE, put_tx, &p, &p.res, out, err);
}

int reporting_submit(struct app *app, const struct app_actor *actor, int64_t request_id, const json_t *content,
		     bool nil, json_t **out, struct px_err *err)
{
	struct put_args p = { app, actor, request_id, content, nil, true, NULL };
	return app_tx_json(app, STORE_TX_WRITE, put_tx, &p, &p.res, out, err);
}

struct return_args {
	struct app *app;
	const struct app_actor *actor;
	int64_t request, unit;
	const char *reason;
	json_t *res;
};

static int return_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct return_args *a = arg;
	struct latest l;
	struct rq q;
	char who[32];
	int rc = rq_load(c, a->actor, a->request, RQ_OFFICE, &q, err);

	if (rc)
		return rc;
	rq_release(&q);
	if ((rc = load_latest(c, a->request, a->unit, &l, err)))
		return rc;
	if (!awaiting_office(&l))
		return px_err_set(err, PX_ECONFLICT, "nothing_to_return", "unit",
				  "unit %lld has no submission awaiting the office (it is '%s')", (long long)a->unit,
				  l.state[0] ? l.state : "missing");
	app_actor_label(a->actor, who);
	if ((rc = store_run(c, &Q_RETURN, err, "titi", a->reason, app_now_us(a->app), who, l.id)))
		return rc;
	json_t *payload = json_pack("{s:I, s:I}", "unit", (json_int_t)a->unit, "version", (json_int_t)l.version);
	if ((rc = audit_record(c, a->actor, "report.return", "report_request", a->request, payload, err)))
		return rc;
	a->res = json_pack("{s:I, s:s, s:I, s:s}", "unit", (json_int_t)a->unit, "state", "returned", "version",
			   (json_int_t)l.version, "return_reason", a->reason);
	return 0;
}

int reporting_return(struct app *app, const struct app_actor *actor, int64_t request_id, int64_t unit,
		     const char *reason, json_t **out, struct px_err *err)
{
	struct return_args a = { app, actor, request_id, unit, reason, NULL };
	int rc = input_textarea(reason, REASON_MAX, "reason", err);
	if (rc)
		return rc;
	return app_tx_json(app, STORE_TX_WRITE, return_tx, &a, &a.res, out, err);
}

static int version_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	const char *on = store_col_text(s, 5), *reason = store_col_text(s, 6), *by = store_col_text(s, 7);
	json_array_append_new(arg, json_pack("{s:I, s:s, s:b, s:o, s:b, s:s?, s:s?, s:s?}", "version",
					     (json_int_t)store_col_int(s, 0), "state", store_col_text(s, 1), "nil",
					     (int)store_col_int(s, 2), "content", json_parse_stored(store_col_text(s, 3)),
					     "late", (int)store_col_int(s, 4), "submitted_on", *on ? on : NULL,
					     "return_reason", *reason ? reason : NULL, "returned_by", *by ? by : NULL));
	return 0;
}

static int versions_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct return_args *a = arg;
	struct rq q;
	int rc = rq_load(c, a->actor, a->request, RQ_SEE, &q, err);
	if (rc)
		return rc;
	rq_release(&q);
	if (!q.office && !(q.unit && a->unit == a->actor->id) &&
	    !(a->actor->kind == ACTOR_ACCOUNT && a->actor->role == ROLE_LEADER))
		return px_err_set(err, PX_ENOTFOUND, "not_found", "unit", "no submissions of unit %lld",
				  (long long)a->unit);
	a->res = json_pack("{s:I, s:[]}", "unit", (json_int_t)a->unit, "versions");
	return store_each(c, &Q_VERSIONS, version_row, json_object_get(a->res, "versions"), err, "ii", a->request,
			  a->unit);
}

int reporting_versions_json(struct app *app, const struct app_actor *actor, int64_t request_id, int64_t unit,
			    json_t **out, struct px_err *err)
{
	struct return_args a = { app, actor, request_id, unit, NULL, NULL };
	return app_tx_json(app, STORE_TX_READ, versions_tx, &a, &a.res, out, err);
}

static int standing_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	json_array_append_new(arg, json_pack("{s:I, s:s, s:b, s:b, s:s, s:o}", "unit", (json_int_t)store_col_int(s, 0),
					     "name", store_col_text(s, 1), "nil", (int)store_col_int(s, 2), "late",
					     (int)store_col_int(s, 3), "submitted_on", store_col_text(s, 4), "content",
					     json_parse_stored(store_col_text(s, 5))));
	return 0;
}

static int contents_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct return_args *a = arg;
	struct rq q;
	int rc = rq_load(c, a->actor, a->request, RQ_SEE, &q, err);
	if (rc)
		return rc;
	rq_release(&q);
	if (!q.office && !(a->actor->kind == ACTOR_ACCOUNT && a->actor->role == ROLE_LEADER))
		return px_err_set(err, PX_EFORBIDDEN, "office_only", NULL, "what all units reported is the office's");
	a->res = json_pack("{s:I, s:s, s:[]}", "request", (json_int_t)a->request, "code", q.code, "units");
	return store_each(c, &Q_STANDING, standing_row, json_object_get(a->res, "units"), err, "i", a->request);
}

int reporting_contents_json(struct app *app, const struct app_actor *actor, int64_t request_id, json_t **out,
			    struct px_err *err)
{
	struct return_args a = { app, actor, request_id, 0, NULL, NULL };
	return app_tx_json(app, STORE_TX_READ, contents_tx, &a, &a.res, out, err);
}
