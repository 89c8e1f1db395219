/*
 * objection.c - filing, forwarding, answering and deciding objections, with
 * their working-day deadlines (see objection.h).
 */
#include "app/programme/objection.h"

#include <stdio.h>
#include <string.h>

#include "app/programme/application.h"
#include "app/audit.h"
#include "app/tx.h"
#include "app/review/review.h"
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

struct file_args {
	struct app *app;
	const struct app_actor *actor;
	int64_t application_id;
	const struct objection_new *req;
	const char *mobile, *masked;
	char filed[11], due[11];
	int64_t id;
};

static int insert_objection(struct store_conn *c, struct file_args *f, int64_t programme_id, const char *hash,
			    struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_INSERT, &s, err);
	if (rc)
		return rc;
	store_bind_int(s, 1, programme_id);
	store_bind_int(s, 2, f->application_id);
	store_bind_text(s, 3, f->req->name);
	store_bind_text(s, 4, hash);
	store_bind_text(s, 5, f->masked);
	store_bind_text(s, 6, f->req->text);
	store_bind_text(s, 7, f->filed);
	store_bind_int(s, 8, app_now_us(f->app));
	store_bind_text(s, 9, f->due);
	store_bind_text(s, 10, f->req->evidence);
	if ((rc = store_step(s, err)) == STORE_ROW)
		store_cols(s, "i", &f->id);
	store_reset(s);
	return rc < 0 ? rc : 0;
}

static int file_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct file_args *f = arg;
	struct programme p = { 0 };
	struct application a;
	char hash[SECRET_HASH_HEX + 1];
	px_date today = app_today(f->app), due_day;
	int rc;

	if ((rc = application_load(c, f->application_id, &a, err)))
		return rc;
	if (!strcmp(a.state, "draft") && !a.submitted_at) /* drafts are nobody's business yet */
		return px_err_set(err, PX_ENOTFOUND, NULL, "application", "no application %lld",
				  (long long)f->application_id);
	if (!(rc = programme_load(c, a.programme_id, &p, err)) &&
	    !(rc = calendar_end_of_period(f->app->cal, today, p.tpl->objection_forward_workdays, &due_day, err)) &&
	    !(rc = secret_ident_hash(c, "mobile", f->mobile, hash, err))) {
		date_format(today, f->filed);
		date_format(due_day, f->due);
		rc = insert_objection(c, f, a.programme_id, hash, err);
	}
	programme_release(&p);
	if (rc)
		return rc;
	json_t *payload = json_pack("{s:I, s:s, s:s}", "application", (json_int_t)f->application_id, "filed_on",
				    f->filed, "forward_due", f->due);
	return audit_record(c, f->actor, "objection.file", "objection", f->id, payload, err);
}

int objection_file(struct app *app, const struct app_actor *actor, int64_t application_id,
		   const struct objection_new *req, json_t **out, struct px_err *err)
{
	char mobile[IDENT_MOBILE_LEN + 1], masked[IDENT_MOBILE_LEN + 1];
	struct file_args f = { app, actor, application_id, req, mobile, masked, "", "", 0 };
	int rc;

	if ((rc = input_line(req->name, 64, "name", err)) ||
	    (rc = input_textarea(req->text, OBJECTION_TEXT_MAX, "text", err)) ||
	    (req->evidence && (rc = input_textarea(req->evidence, OBJECTION_EVIDENCE_MAX, "evidence", err))))
		return rc;
	if (!req->contact || !ident_mobile_check(req->contact, strlen(req->contact), mobile, err))
		return px_err_set(err, PX_EINVAL, "invalid_mobile", "contact",
				  "give a mainland mobile number to be told the outcome");
	ident_mask_span(mobile, strlen(mobile), 3, 4, masked, sizeof(masked));
	if ((rc = app_tx(app, STORE_TX_WRITE, file_tx, &f, err)))
		return rc;
	*out = json_pack("{s:I, s:I, s:s, s:s, s:s}", "id", (json_int_t)f.id, "application", (json_int_t)application_id,
			 "filed_on", f.filed, "forward_due", f.due, "outcome", "pending");
	return 0;
}

/* One step on an objection: the arguments, what was loaded, the audit and the answer. */
struct step {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	bool county; /* the county acts (else the office) */
	const char *action;
	struct objection_row row;
	struct programme p;
	char today[11];
	json_t *out;
};

/* Load the objection and its programme; 404 unless the actor may act on it. */
static int open_objection(struct store_conn *c, struct step *x, struct px_err *err)
{
	const struct app_actor *actor = x->actor;
	int rc;
	if ((rc = objection_json("", c, x->id, NULL, &x->row, err)) ||
	    (rc = programme_load(c, x->row.programme_id, &x->p, err)))
		return rc;
	bool ok = x->county ? actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_COUNTY &&
				      access_region_allows(ROLE_COUNTY, actor->region, x->row.region) &&
				      x->row.forwarded_on[0]
			    : programme_is_office(&x->p, actor);
	return ok ? 0 : px_err_set(err, PX_ENOTFOUND, NULL, "objection", "no objection %lld", (long long)x->id);
}

/*
 * Load, run fn (which leaves the audit payload in *payload), audit, and
 * answer with the objection as it now is; all in one write transaction.
 */
static int run_step(struct store_conn *c, struct step *x,
		    int (*fn)(struct store_conn *, struct step *, json_t **, struct px_err *), struct px_err *err)
{
	json_t *payload = NULL;
	int rc;
	json_decref(x->out); /* an earlier attempt's */
	x->out = NULL;
	today_str(x->app, x->today);
	if (!(rc = open_objection(c, x, err)) && !(rc = fn(c, x, &payload, err)) &&
	    !(rc = audit_record(c, x->actor, x->action, "objection", x->id, payload, err)))
		rc = objection_json(x->today, c, x->id, &x->out, NULL, err);
	else
		json_decref(payload);
	programme_release(&x->p);
	return rc;
}

static int forward_step(struct store_conn *c, struct step *x, json_t **payload, struct px_err *err)
{
	char due[11];
	px_date due_day;
	int rc = calendar_end_of_period(x->app->cal, app_today(x->app), x->p.tpl->objection_reply_workdays, &due_day,
					err);
	if (rc)
		return rc;
	date_format(due_day, due);
	if ((rc = store_get(c, &Q_FORWARD, err, "tti", (const char *)x->today, (const char *)due, x->id)) < 0)
		return rc;
	if (rc == STORE_DONE)
		return px_err_set(err, PX_ECONFLICT, x->row.forwarded_on[0] ? "already_forwarded" : "already_decided",
				  "objection", "objection %lld was forwarded or decided already", (long long)x->id);
	*payload = json_pack("{s:s, s:s, s:s}", "forwarded_on", x->today, "reply_due", due, "region", x->row.region);
	return 0;
}

static int forward_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	return run_step(c, arg, forward_step, err);
}

int objection_forward(struct app *app, const struct app_actor *actor, int64_t id, json_t **out,
		      struct px_err *err)
{
	struct step x = { .app = app, .actor = actor, .id = id, .action = "objection.forward" };
	return app_tx_json(app, STORE_TX_WRITE, forward_tx, &x, &x.out, out, err);
}

struct reply_step {
	struct step x;
	const char *text;
};

static int reply_step(struct store_conn *c, struct step *x, json_t **payload, struct px_err *err)
{
	const char *text = ((struct reply_step *)x)->text;
	int rc = store_get(c, &Q_REPLY, err, "tti", text, (const char *)x->today, x->id);
	if (rc < 0)
		return rc;
	if (rc == STORE_DONE)
		return px_err_set(err, PX_ECONFLICT, x->row.replied_on[0] ? "already_replied" : "already_decided",
				  "objection", "objection %lld was answered or decided already", (long long)x->id);
	*payload = json_pack("{s:s}", "replied_on", x->today);
	return 0;
}

static int reply_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	return run_step(c, arg, reply_step, err);
}

int objection_reply(struct app *app, const struct app_actor *actor, int64_t id, const char *text, json_t **out,
		    struct px_err *err)
{
	struct reply_step r = { { .app = app, .actor = actor, .id = id, .county = true, .action = "objection.reply" },
				text };
	int rc = input_textarea(text, OBJECTION_TEXT_MAX, "text", err);
	return rc ? rc : app_tx_json(app, STORE_TX_WRITE, reply_tx, &r, &r.x.out, out, err);
}

struct decide_step {
	struct step x;
	const char *outcome, *decision;
	bool verified, breaks;
};

/* A verified objection that breaks a condition disqualifies at any step before approval. */
static int disqualify(struct store_conn *c, const struct step *x, struct px_err *err)
{
	static const char *const disqualifiable[] = {
		"submitted", "returned", "county_checked", "recommended", "not_recommended", "accepted", "rejected",
		"shortlisted", "not_shortlisted", "proposed", "not_proposed", NULL,
	};
	struct application a;
	int rc = application_load(c, x->row.application_id, &a, err);
	if (rc)
		return rc;
	if (!strcmp(a.state, "winner"))
		return px_err_set(err, PX_ECONFLICT, "application_approved", "objection",
				  "the award of application %lld was approved; revoking it is for the city government",
				  (long long)a.id);
	if (!strcmp(a.state, "disqualified"))
		return 0;
	if ((rc = application_move(c, x->actor, &a, disqualifiable, "disqualified", "verified objection", err)))
		return rc;
	return review_withdraw_open(c, x->actor, a.id, "application disqualified by a verified objection", NULL, err);
}

static int decide_step(struct store_conn *c, struct step *x, json_t **payload, struct px_err *err)
{
	struct decide_step *d = (struct decide_step *)x;
	int rc;
	if (!x->row.forwarded_on[0])
		return px_err_set(err, PX_ECONFLICT, "not_forwarded", "objection",
				  "forward objection %lld to the county for review before deciding", (long long)x->id);
	if ((rc = store_get(c, &Q_DECIDE, err, "tiiti", d->outcome, (int64_t)d->breaks, d->decision,
			     (const char *)x->today, x->id)) < 0)
		return rc;
	if (rc == STORE_DONE)
		return px_err_set(err, PX_ECONFLICT, "already_decided", "objection", "objection %lld was decided already",
				  (long long)x->id);
	if (d->verified && d->breaks && (rc = disqualify(c, x, err)))
		return rc;
	*payload = json_pack("{s:s, s:b, s:s}", "outcome", d->outcome, "breaks_eligibility", d->breaks, "decided_on",
			     x->today);
	return 0;
}

static int decide_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	return run_step(c, arg, decide_step, err);
}

int objection_decide(struct app *app, const struct app_actor *actor, int64_t id, const char *outcome,
		     bool breaks, const char *decision, json_t **out, struct px_err *err)
{
	struct decide_step d = { { .app = app, .actor = actor, .id = id, .action = "objection.decide" },
				 outcome, decision, outcome && !strcmp(outcome, "verified"), breaks };
	int rc;

	if (!outcome || (!d.verified && strcmp(outcome, "unfounded")))
		return px_err_set(err, PX_EINVAL, "invalid_outcome", "outcome",
				  "outcome is 'verified' or 'unfounded', not '%s'", outcome ? outcome : "");
	if (breaks && !d.verified)
		return px_err_set(err, PX_EINVAL, "breaks_needs_verified", "breaks_eligibility",
				  "only a verified objection can break an eligibility condition");
	if ((rc = input_textarea(decision, OBJECTION_TEXT_MAX, "decision", err)))
		return rc;
	return app_tx_json(app, STORE_TX_WRITE, decide_tx, &d, &d.x.out, out, err);
}

struct list_args {
	struct app *app;
	const struct app_actor *actor;
	int64_t programme_id;
	json_t *out;
};

static int collect_id(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	json_array_append_new(arg, json_integer(store_col_int(s, 0)));
	return 0;
}

static int list_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct list_args *l = arg;
	struct programme p = { 0 };
	json_t *ids = json_array(), *list = json_array(), *v;
	const char *region = NULL;
	char today[11];
	size_t i;
	int rc;

	today_str(l->app, today);
	if (!(rc = programme_load(c, l->programme_id, &p, err)) && !(region = programme_county_scope(&p, l->actor)))
		rc = px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "objections are seen by the office and the counties");
	if (!rc)
		rc = store_each(c, &Q_LIST, collect_id, ids, err, "it", l->programme_id, region);
	json_array_foreach(ids, i, v) {
		json_t *o;
		if (rc || (rc = objection_json(today, c, json_integer_value(v), &o, NULL, err)))
			break;
		json_array_append_new(list, o);
	}
	if (!rc)
		l->out = json_incref(list);
	json_decref(ids);
	json_decref(list);
	programme_release(&p);
	return rc;
}

int objection_list_json(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
			struct px_err *err)
{
	struct list_args l = { app, actor, programme_id, NULL };
	return app_tx_json(app, STORE_TX_READ, list_tx, &l, &l.out, out, err);
}
