/*
 * objection.c - filing, forwarding, answering and deciding objections, with
 * their working-day deadlines (see objection.h).
 */
#include "app/programme/objection.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app/programme/application.h"
#include "app/audit.h"
#include "app/input.h"
#include "app/programme/programme.h"
#include "app/secret.h"
#include "core/calendar.h"
#include "core/ident.h"

static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO objection (programme_id, application_id, filer_name, filer_contact_hash, filer_contact_masked, "
	"text, filed_on, filed_at, forward_due, evidence) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
	"RETURNING id");
static struct store_sql Q_ROW = STORE_SQL(
	"SELECT b.id, b.application_id, b.programme_id, b.filer_name, coalesce(b.filer_contact_masked, ''), b.text, "
	"coalesce(b.evidence, ''), b.filed_on, b.forward_due, coalesce(b.forwarded_on, ''), coalesce(b.reply_due, ''), "
	"coalesce(b.replied_on, ''), coalesce(b.county_reply, ''), b.outcome, b.breaks_eligibility, "
	"coalesce(b.decision_text, ''), coalesce(b.decided_on, ''), a.region, coalesce(o.name, p.name, '') "
	"FROM objection b JOIN application a ON a.id = b.application_id "
	"LEFT JOIN organisation o ON o.id = a.organisation_id LEFT JOIN person p ON p.id = a.person_id "
	"WHERE b.id = $1");
static struct store_sql Q_LIST = STORE_SQL(
	"SELECT b.id FROM objection b JOIN application a ON a.id = b.application_id "
	"WHERE b.programme_id = $1 AND ($2 = '' OR (a.region = $2 AND b.forwarded_on IS NOT NULL)) ORDER BY b.id");
static struct store_sql Q_FORWARD = STORE_SQL(
	"UPDATE objection SET forwarded_on = $1, reply_due = $2 WHERE id = $3 AND forwarded_on IS NULL "
	"AND outcome = 'pending' RETURNING id");
static struct store_sql Q_REPLY = STORE_SQL(
	"UPDATE objection SET county_reply = $1, replied_on = $2 WHERE id = $3 AND replied_on IS NULL "
	"AND forwarded_on IS NOT NULL AND outcome = 'pending' RETURNING id");
static struct store_sql Q_DECIDE = STORE_SQL(
	"UPDATE objection SET outcome = $1, breaks_eligibility = $2, decision_text = $3, decided_on = $4 "
	"WHERE id = $5 AND outcome = 'pending' AND forwarded_on IS NOT NULL RETURNING id");

/* The facts of one objection that the use cases check. */
struct objection_row {
	int64_t id, application_id, programme_id;
	char forwarded_on[11], replied_on[11], outcome[16], region[8];
};

static void today_str(struct app *app, char out[11])
{
	date_format(app_today(app), out);
}

/*
 * One objection as JSON (*out, may be NULL), with its overdue flags against
 * `today` ("YYYY-MM-DD"); *row (may be NULL) gets its facts.
 */
static int objection_json(const char *today, struct store_conn *c, int64_t id, json_t **out,
			  struct objection_row *row, struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_ROW, &s, err);

	if (rc)
		return rc;
	store_bind_int(s, 1, id);
	if ((rc = store_step(s, err)) == STORE_ROW) {
		const char *fwd = store_col_text(s, 9), *reply_due = store_col_text(s, 10), *replied = store_col_text(s, 11);
		const char *outcome = store_col_text(s, 13);
		bool pending = !strcmp(outcome, "pending");
		bool fwd_overdue = pending && !fwd[0] && strcmp(today, store_col_text(s, 8)) > 0;
		bool reply_overdue = pending && fwd[0] && !replied[0] && strcmp(today, reply_due) > 0;
#define OPT(i) (store_col_text(s, (i))[0] ? store_col_text(s, (i)) : NULL)
		if (out)
			*out = json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s?, s:s, s:s, s:s?, s:s?, s:s?, "
					 "s:s?, s:s, s:b, s:s?, s:s?, s:{s:b, s:b}}",
					 "id", (json_int_t)store_col_int(s, 0), "application", (json_int_t)store_col_int(s, 1),
					 "programme", (json_int_t)store_col_int(s, 2), "applicant", store_col_text(s, 18),
					 "region", store_col_text(s, 17), "filer_name", store_col_text(s, 3),
					 "filer_contact_masked", store_col_text(s, 4), "text", store_col_text(s, 5), "evidence",
					 OPT(6), "filed_on", store_col_text(s, 7), "forward_due", store_col_text(s, 8),
					 "forwarded_on", OPT(9), "reply_due", OPT(10), "replied_on", OPT(11), "county_reply",
					 OPT(12), "outcome", outcome, "breaks_eligibility", (int)store_col_int(s, 14),
					 "decision", OPT(15), "decided_on", OPT(16), "overdue", "forward", fwd_overdue,
					 "reply", reply_overdue);
#undef OPT
		if (row) {
			row->id = store_col_int(s, 0);
			row->application_id = store_col_int(s, 1);
			row->programme_id = store_col_int(s, 2);
			snprintf(row->forwarded_on, sizeof(row->forwarded_on), "%s", fwd);
			snprintf(row->replied_on, sizeof(row->replied_on), "%s", replied);
			snprintf(row->outcome, sizeof(row->outcome), "%s", outcome);
			snprintf(row->region, sizeof(row->region), "%s", store_col_text(s, 17));
		}
		rc = 0;
	} else if (rc == STORE_DONE) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "objection", "no objection %lld", (long long)id);
	}
	store_reset(s);
	return rc;
}

int objection_file(struct app *app, const struct app_actor *actor, int64_t application_id,
		   const struct objection_new *req, json_t **out, struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	struct programme p = { 0 };
	struct application a;
	struct store_stmt *s;
	char mobile[IDENT_MOBILE_LEN + 1], masked[IDENT_MOBILE_LEN + 1], hash[SECRET_HASH_HEX + 1];
	char filed[11], due[11];
	px_date today = app_today(app), due_day;
	int64_t id = 0;
	int rc;

	if ((rc = input_line(req->name, 64, "name", err)) || (rc = input_textarea(req->text, OBJECTION_TEXT_MAX, "text", err)) ||
	    (req->evidence && (rc = input_textarea(req->evidence, OBJECTION_EVIDENCE_MAX, "evidence", err))))
		goto out;
	if (!req->contact || !ident_mobile_check(req->contact, strlen(req->contact), mobile, err)) {
		rc = px_err_set(err, PX_EINVAL, "invalid_mobile", "contact",
				"give a mainland mobile number to be told the outcome");
		goto out;
	}
	ident_mask_span(mobile, strlen(mobile), 3, 4, masked, sizeof(masked));
	if ((rc = store_begin(c, STORE_TX_WRITE, err)) || (rc = application_load(c, application_id, &a, err)))
		goto out_rollback;
	if (!strcmp(a.state, "draft") && !a.submitted_at) { /* drafts are nobody's business yet */
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "application", "no application %lld", (long long)application_id);
		goto out_rollback;
	}
	if ((rc = programme_load(c, a.programme_id, &p, err)) ||
	    (rc = calendar_end_of_period(app->cal, today, p.tpl->objection_forward_workdays, &due_day, err)) ||
	    (rc = secret_ident_hash(c, "mobile", mobile, hash, err)) || (rc = store_prepare(c, &Q_INSERT, &s, err)))
		goto out_rollback;
	date_format(today, filed);
	date_format(due_day, due);
	store_bind_int(s, 1, a.programme_id);
	store_bind_int(s, 2, application_id);
	store_bind_text(s, 3, req->name);
	store_bind_text(s, 4, hash);
	store_bind_text(s, 5, masked);
	store_bind_text(s, 6, req->text);
	store_bind_text(s, 7, filed);
	store_bind_int(s, 8, app_now_us(app));
	store_bind_text(s, 9, due);
	store_bind_text(s, 10, req->evidence);
	if ((rc = store_step(s, err)) == STORE_ROW)
		id = store_col_int(s, 0);
	store_reset(s);
	if (rc < 0)
		goto out_rollback;
	json_t *payload = json_pack("{s:I, s:s, s:s}", "application", (json_int_t)application_id, "filed_on", filed,
				    "forward_due", due);
	rc = audit_record(c, actor, "objection.file", "objection", id, payload, err);
	if (rc || (rc = store_commit(c, err)))
		goto out_rollback;
	*out = json_pack("{s:I, s:I, s:s, s:s, s:s}", "id", (json_int_t)id, "application", (json_int_t)application_id,
			 "filed_on", filed, "forward_due", due, "outcome", "pending");
	goto out;
out_rollback:
	store_rollback(c);
out:
	programme_release(&p);
	store_release(c);
	return rc;
}

/* Begin, load the objection and its programme; 404 unless `allowed` says the actor may act on it. */
static int open_objection(struct store_conn *c, const struct app_actor *actor, int64_t id, struct objection_row *row,
			  struct programme *p, bool county, struct px_err *err)
{
	int rc;
	if ((rc = store_begin(c, STORE_TX_WRITE, err)) ||
	    (rc = objection_json("", c, id, NULL, row, err)) ||
	    (rc = programme_load(c, row->programme_id, p, err)))
		return rc;
	bool ok = county ? actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_COUNTY &&
				   access_region_allows(ROLE_COUNTY, actor->region, row->region) && row->forwarded_on[0]
			 : programme_is_office(p, actor);
	return ok ? 0 : px_err_set(err, PX_ENOTFOUND, NULL, "objection", "no objection %lld", (long long)id);
}

/* Run an UPDATE ... RETURNING id that matches only in the expected state. */
static int update_one(struct store_conn *c, struct store_sql *q, const char *types, struct px_err *err, ...)
{
	struct store_stmt *s;
	va_list ap;
	int rc = store_prepare(c, q, &s, err);
	if (rc)
		return rc;
	va_start(ap, err);
	for (int i = 0; types[i]; i++) {
		if (types[i] == 'i')
			store_bind_int(s, i + 1, va_arg(ap, int64_t));
		else
			store_bind_text(s, i + 1, va_arg(ap, const char *));
	}
	va_end(ap);
	rc = store_step(s, err);
	store_reset(s);
	return rc;
}

/* Audit, commit, and answer with the objection as it now is. */
static int finish(struct app *app, struct store_conn *c, const struct app_actor *actor, int64_t id, const char *action,
		  json_t *payload, json_t **out, struct px_err *err)
{
	char today[11];
	today_str(app, today);
	int rc = audit_record(c, actor, action, "objection", id, payload, err);
	if (rc || (rc = objection_json(today, c, id, out, NULL, err)))
		return rc;
	if ((rc = store_commit(c, err))) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

/* Roll back unless rc is 0 (finish() committed); release the programme and the connection. */
static int close_objection(struct store_conn *c, struct programme *p, int rc)
{
	if (rc)
		store_rollback(c);
	programme_release(p);
	store_release(c);
	return rc;
}

int objection_forward(struct app *app, const struct app_actor *actor, int64_t id, json_t **out,
		      struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	struct objection_row row;
	struct programme p = { 0 };
	char today[11], due[11];
	px_date due_day;
	int rc;

	today_str(app, today);
	if ((rc = open_objection(c, actor, id, &row, &p, false, err)) ||
	    (rc = calendar_end_of_period(app->cal, app_today(app), p.tpl->objection_reply_workdays, &due_day, err)))
		goto out;
	date_format(due_day, due);
	if ((rc = update_one(c, &Q_FORWARD, "tti", err, (const char *)today, (const char *)due, id)) < 0)
		goto out;
	if (rc == STORE_DONE) {
		rc = px_err_set(err, PX_ECONFLICT, row.forwarded_on[0] ? "already_forwarded" : "already_decided",
				"objection", "objection %lld was forwarded or decided already", (long long)id);
		goto out;
	}
	rc = finish(app, c, actor, id, "objection.forward",
		    json_pack("{s:s, s:s, s:s}", "forwarded_on", today, "reply_due", due, "region", row.region), out,
		    err);
out:
	return close_objection(c, &p, rc);
}

int objection_reply(struct app *app, const struct app_actor *actor, int64_t id, const char *text, json_t **out,
		    struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	struct objection_row row;
	struct programme p = { 0 };
	char today[11];
	int rc;

	today_str(app, today);
	if ((rc = input_textarea(text, OBJECTION_TEXT_MAX, "text", err)) ||
	    (rc = open_objection(c, actor, id, &row, &p, true, err)))
		goto out;
	if ((rc = update_one(c, &Q_REPLY, "tti", err, text, (const char *)today, id)) < 0)
		goto out;
	if (rc == STORE_DONE) {
		rc = px_err_set(err, PX_ECONFLICT, row.replied_on[0] ? "already_replied" : "already_decided", "objection",
				"objection %lld was answered or decided already", (long long)id);
		goto out;
	}
	rc = finish(app, c, actor, id, "objection.reply", json_pack("{s:s}", "replied_on", today), out, err);
out:
	return close_objection(c, &p, rc);
}

int objection_decide(struct app *app, const struct app_actor *actor, int64_t id, const char *outcome,
		     bool breaks, const char *decision, json_t **out, struct px_err *err)
{
	/* a verified objection that breaks a condition disqualifies at any step before approval */
	static const char *const disqualifiable[] = {
		"submitted", "returned", "county_checked", "recommended", "not_recommended", "accepted", "rejected",
		"shortlisted", "not_shortlisted", "proposed", "not_proposed", NULL,
	};
	struct store_conn *c = store_acquire(app->st);
	struct objection_row row;
	struct programme p = { 0 };
	struct application a;
	char today[11];
	bool verified = outcome && !strcmp(outcome, "verified");
	int rc;

	today_str(app, today);
	if (!outcome || (!verified && strcmp(outcome, "unfounded"))) {
		rc = px_err_set(err, PX_EINVAL, "invalid_outcome", "outcome", "outcome is 'verified' or 'unfounded', not '%s'",
				outcome ? outcome : "");
		goto out;
	}
	if (breaks && !verified) {
		rc = px_err_set(err, PX_EINVAL, "breaks_needs_verified", "breaks_eligibility",
				"only a verified objection can break an eligibility condition");
		goto out;
	}
	if ((rc = input_textarea(decision, OBJECTION_TEXT_MAX, "decision", err)) ||
	    (rc = open_objection(c, actor, id, &row, &p, false, err)))
		goto out;
	if (!row.forwarded_on[0]) {
		rc = px_err_set(err, PX_ECONFLICT, "not_forwarded", "objection",
				"forward objection %lld to the county for review before deciding", (long long)id);
		goto out;
	}
	if ((rc = update_one(c, &Q_DECIDE, "tiiti", err, outcome, (int64_t)breaks, decision, (const char *)today,
			     id)) < 0)
		goto out;
	if (rc == STORE_DONE) {
		rc = px_err_set(err, PX_ECONFLICT, "already_decided", "objection", "objection %lld was decided already",
				(long long)id);
		goto out;
	}
	if (verified && breaks) {
		if ((rc = application_load(c, row.application_id, &a, err)))
			goto out;
		if (!strcmp(a.state, "winner")) {
			rc = px_err_set(err, PX_ECONFLICT, "application_approved", "objection",
					"the award of application %lld was approved; revoking it is for the city government",
					(long long)a.id);
			goto out;
		}
		if (strcmp(a.state, "disqualified") &&
		    (rc = application_move(c, actor, &a, disqualifiable, "disqualified", "verified objection", err)))
			goto out;
	}
	rc = finish(app, c, actor, id, "objection.decide",
		    json_pack("{s:s, s:b, s:s}", "outcome", outcome, "breaks_eligibility", breaks, "decided_on",
			      today),
		    out, err);
out:
	return close_objection(c, &p, rc);
}

int objection_list_json(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
			struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	struct programme p = { 0 };
	struct store_stmt *s;
	json_t *ids = json_array(), *list = json_array();
	const char *region;
	char today[11];
	size_t i;
	json_t *v;
	int rc;

	today_str(app, today);
	if ((rc = store_begin(c, STORE_TX_READ, err)) || (rc = programme_load(c, programme_id, &p, err)))
		goto out;
	if (!(region = programme_county_scope(&p, actor))) {
		rc = px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "objections are seen by the office and the counties");
		goto out;
	}
	if ((rc = store_prepare(c, &Q_LIST, &s, err)))
		goto out;
	store_bind_int(s, 1, programme_id);
	store_bind_text(s, 2, region);
	while ((rc = store_step(s, err)) == STORE_ROW)
		json_array_append_new(ids, json_integer(store_col_int(s, 0)));
	store_reset(s);
	if (rc < 0)
		goto out;
	rc = 0;
	json_array_foreach(ids, i, v) {
		json_t *o;
		if ((rc = objection_json(today, c, json_integer_value(v), &o, NULL, err)))
			goto out;
		json_array_append_new(list, o);
	}
	*out = list;
	list = NULL;
out:
	store_rollback(c);
	json_decref(ids);
	json_decref(list);
	programme_release(&p);
	store_release(c);
	return rc;
}
