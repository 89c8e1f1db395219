/*
 * submit.c - the last steps of applying: the applicant's internal public
 * notice, the no-record attestation, and submission with the eligibility
 * rules of the template evaluated on the facts in the database (see apply.h
 * and core/eligibility.h).
 */
#include "app/programme/apply.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/scope.h"
#include "app/input.h"
#include "app/programme/stage_window.h"
#include "app/tx.h"
#include "core/calendar.h"
#include "core/eligibility.h"

#define WIN_YEARS_MAX 64

static struct store_sql Q_SET_NOTICE = STORE_SQL(
	"UPDATE application SET internal_notice = $1, updated_at = $2 WHERE id = $3");
static struct store_sql Q_SET_ATTEST = STORE_SQL(
	"UPDATE application SET attest_no_record = $1, updated_at = $2 WHERE id = $3");
static struct store_sql Q_FACTS = STORE_SQL(
	"SELECT a.form, a.internal_notice, a.attest_no_record, coalesce(o.founded_on, ''), "
	"coalesce(p.quality_since, ''), coalesce(o.uscc, ''), coalesce(p.id_hash, ''), g.family, g.year "
	"FROM application a JOIN programme g ON g.id = a.programme_id "
	"LEFT JOIN organisation o ON o.id = a.organisation_id LEFT JOIN person p ON p.id = a.person_id "
	"WHERE a.id = $1");
static struct store_sql Q_EVIDENCE = STORE_SQL(
	"SELECT count(*) FROM document WHERE application_id = $1 AND purpose = 'evidence'");
/* wins recorded from before the system, by registered id, USCC or ID hash */
static struct store_sql Q_PAST_WINS = STORE_SQL(
	"SELECT year, owner_region FROM past_winner WHERE family = $1 AND removed_at IS NULL "
	"AND (organisation_id = $2 OR person_id = $3 OR uscc = $4 OR id_hash = $5)");
/* wins of earlier programmes of the family run in the system */
static struct store_sql Q_SYSTEM_WINS = STORE_SQL(
	"SELECT g.year FROM application a JOIN programme g ON g.id = a.programme_id WHERE g.family = $1 "
	"AND g.year < $2 AND a.state = 'winner' AND (a.organisation_id = $3 OR a.person_id = $4)");
static struct store_sql Q_ELIG_UPSERT = STORE_SQL(
	"INSERT INTO eligibility (application_id, rule, result, reason, evaluated_at) VALUES ($1, $2, $3, $4, $5) "
	"ON CONFLICT (application_id, rule) DO UPDATE SET result = excluded.result, reason = excluded.reason, "
	"evaluated_at = excluded.evaluated_at");
static struct store_sql Q_SUBMITTED_AT = STORE_SQL(
	"UPDATE application SET submitted_at = coalesce(submitted_at, $1) WHERE id = $2");

/* Load an application the actor may edit now (inside the use case's write transaction). */
static int open_for_edit(struct store_conn *c, const struct app_actor *actor, int64_t id, struct application *a,
			 struct programme *p, struct px_err *err)
{
	int rc;
	if ((rc = apply_load(c, actor, id, a, p, err)))
		return rc;
	if (!apply_may_edit(actor, a))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "only the applicant edits its application");
	return apply_require_open(p, a, err);
}

static int finish(struct store_conn *c, const struct app_actor *actor, int64_t id, const char *action,
		  json_t *payload, struct px_err *err)
{
	char object[40];
	snprintf(object, sizeof(object), "application:%lld", (long long)id);
	int rc = audit_append(c, actor, action, object, payload, err);
	json_decref(payload);
	return rc;
}

/* One edit of an application: the use case's arguments and what it loaded. */
struct edit {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	struct application a;
	struct programme p;
};

/* Run fn on the application loaded for editing, in one write transaction. */
static int edit_tx(struct store_conn *c, struct edit *e, int (*fn)(struct store_conn *, struct edit *, struct px_err *),
		   struct px_err *err)
{
	int rc = open_for_edit(c, e->actor, e->id, &e->a, &e->p, err);
	if (!rc)
		rc = fn(c, e, err);
	programme_release(&e->p);
	return rc;
}

struct notice_args {
	struct edit e;
	const char *from, *to, *note;
	int days;
};

static int notice_edit(struct store_conn *c, struct edit *e, struct px_err *err)
{
	struct notice_args *n = (struct notice_args *)e;
	const struct tpl_stage *st = apply_stage(e->p.tpl);
	int rc, need = st ? st->internal_notice_workdays : 0;
	if (n->days < need)
		return px_err_set(err, PX_EINVAL, "notice_too_short", "to",
				  "the internal notice from %s to %s ran %d working days; at least %d are required",
				  n->from, n->to, n->days, need);
	json_t *record = json_pack("{s:s, s:s, s:i, s:s?}", "from", n->from, "to", n->to, "workdays", n->days, "note",
				   n->note);
	char *text = json_dumps(record, JSON_COMPACT | JSON_SORT_KEYS);
	if (!text) {
		json_decref(record);
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	}
	rc = store_run(c, &Q_SET_NOTICE, err, "tii", (const char *)text, app_now_us(e->app), e->id);
	free(text);
	if (rc) {
		json_decref(record);
		return rc;
	}
	return finish(c, e->actor, e->id, "application.internal_notice", record, err);
}

static int notice_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	return edit_tx(c, arg, notice_edit, err);
}

int application_internal_notice(struct app *app, const struct app_actor *actor, int64_t id, const char *from,
				const char *to, const char *note, struct px_err *err)
{
	struct notice_args n = { { app, actor, id, { 0 }, { 0 } }, from, to, note, 0 };
	px_date d1, d2;
	int rc;

	if ((rc = input_date(from, "from", &d1, err)) || (rc = input_date(to, "to", &d2, err)) ||
	    (note && (rc = input_textarea(note, 500, "note", err))))
		return rc;
	if (d2 < d1)
		return px_err_set(err, PX_EINVAL, "invalid_range", "to", "the notice ends (%s) before it starts (%s)", to,
				  from);
	if (d2 >= app_today(app))
		return px_err_set(err, PX_EINVAL, "notice_not_ended", "to",
				  "record the internal notice after it has ended: it runs until %s", to);
	if ((rc = calendar_count(app->cal, d1, d2, &n.days, err)))
		return rc;
	return app_tx(app, STORE_TX_WRITE, notice_tx, &n, err);
}

struct attest_args {
	struct edit e;
	bool no_record;
};

static int attest_edit(struct store_conn *c, struct edit *e, struct px_err *err)
{
	struct attest_args *t = (struct attest_args *)e;
	int rc = store_run(c, &Q_SET_ATTEST, err, "iii", (int64_t)t->no_record, app_now_us(e->app), e->id);
	return rc ? rc : finish(c, e->actor, e->id, "application.attest", json_pack("{s:b}", "no_record", t->no_record),
				err);
}

static int attest_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	return edit_tx(c, arg, attest_edit, err);
}

int application_attest(struct app *app, const struct app_actor *actor, int64_t id, bool no_record,
		       struct px_err *err)
{
	struct attest_args t = { { app, actor, id, { 0 }, { 0 } }, no_record };
	return app_tx(app, STORE_TX_WRITE, attest_tx, &t, err);
}

/* What the rules need to know about the applicant. */
struct facts {
	json_t *form;
	bool notice, attested;
	char founded[11], since[11], uscc[24], id_hash[72], family[64];
	int year;
	int wins[WIN_YEARS_MAX];
	size_t nwins;
	int64_t evidence;
	const struct app_actor *scope; /* while collecting: the region a past win must be owned in, or NULL */
};

/*
 * One year of a win (column 0). With f->scope, a row counts only when its
 * owning region (column 1) is inside it: a past winner recorded by the
 * office of another region does not bar this programme's applicants.
 */
static int collect_year(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct facts *f = arg;
	(void)err;
	if (f->scope && !app_actor_in_region(f->scope, store_col_text(s, 1), NULL))
		return 0;
	if (f->nwins < WIN_YEARS_MAX)
		f->wins[f->nwins++] = (int)store_col_int(s, 0);
	return 0;
}

static int load_facts(struct store_conn *c, const struct application *a, struct facts *f, struct px_err *err)
{
	char *form = NULL, *notice = NULL;
	int64_t attested = 0;
	int rc;

	memset(f, 0, sizeof(*f));
	rc = store_get(c, &Q_FACTS, err, "i:ssibbbbbd", a->id, &form, &notice, &attested, f->founded,
		       sizeof(f->founded), f->since, sizeof(f->since), f->uscc, sizeof(f->uscc), f->id_hash,
		       sizeof(f->id_hash), f->family, sizeof(f->family), &f->year);
	f->form = form ? json_loads(form, 0, NULL) : NULL;
	f->notice = notice != NULL;
	f->attested = attested != 0;
	free(form);
	free(notice);
	if (rc < 0)
		return rc;
	if (!f->form)
		f->form = json_object();
	struct app_actor office = app_actor_office_of(a->programme_region);
	f->scope = &office;
	if ((rc = store_get(c, &Q_EVIDENCE, err, "i:i", a->id, &f->evidence)) < 0 ||
	    (rc = store_each(c, &Q_PAST_WINS, collect_year, f, err, "tiitt", f->family, a->organisation_id,
			     a->person_id, f->uscc, f->id_hash)))
		return rc;
	f->scope = NULL;
	return store_each(c, &Q_SYSTEM_WINS, collect_year, f, err, "tiii", f->family, (int64_t)f->year,
			  a->organisation_id, a->person_id);
}

/* Evaluate one rule of the template on the facts. */
static void evaluate(const struct tpl_rule *r, const struct template *t, const struct facts *f, px_date ref,
		     struct eligibility_outcome *o)
{
	px_date d = 0;
	switch (r->kind) {
	case TPL_RULE_OPERATING_YEARS:
		date_parse(f->founded, strlen(f->founded), &d);
		eligibility_operating_years(d, r->value, ref, o);
		break;
	case TPL_RULE_QUALITY_WORK_YEARS:
		date_parse(f->since, strlen(f->since), &d);
		eligibility_quality_work_years(d, r->value, ref, o);
		break;
	case TPL_RULE_NO_RECORD:
		eligibility_no_record(f->attested, r->value, o);
		break;
	case TPL_RULE_WIN_BAN:
		eligibility_win_ban(f->year, r->value, t->cycle_years, f->wins, f->nwins, o);
		break;
	}
}

/* The reason's English part (in parentheses at the end), for error messages. */
static const char *english_part(const char *reason)
{
	const char *p = strstr(reason, " (");
	return p ? p + 2 : reason;
}

struct submit_args {
	struct edit e;
	struct facts f;
	char failed[64], failed_reason[ELIGIBILITY_REASON_MAX];
};

/* Evaluate the template's rules for the applicant and keep each result; names the first that fails. */
static int evaluate_all(struct store_conn *c, struct submit_args *s, json_t *results, struct px_err *err)
{
	const struct template *t = s->e.p.tpl;
	/* the conditions must hold by the close of applications (today when the template gives no date) */
	const struct tpl_stage *st = apply_stage(t);
	px_date ref = st && st->closes ? st->closes : app_today(s->e.app);
	int rc, g = s->e.a.organisation_id ? TPL_ORGANISATION : TPL_PERSON;
	for (int i = 0; i < t->nrules[g]; i++) {
		const struct tpl_rule *r = &t->rules[g][i];
		struct eligibility_outcome o;
		evaluate(r, t, &s->f, ref, &o);
		if ((rc = store_run(c, &Q_ELIG_UPSERT, err, "ittti", s->e.id, r->name, eligibility_result_name(o.result),
				    o.reason, app_now_us(s->e.app))))
			return rc;
		json_object_set_new(results, r->name, json_string(eligibility_result_name(o.result)));
		if (o.result == ELIG_FAIL && !s->failed[0]) {
			snprintf(s->failed, sizeof(s->failed), "%s", r->name);
			snprintf(s->failed_reason, sizeof(s->failed_reason), "%s", o.reason);
		}
	}
	return 0;
}

/* What submission requires besides the rules, in the order the applicant meets it. */
static int require_complete(const struct submit_args *s, struct px_err *err)
{
	const struct tpl_form *form = template_form(s->e.p.tpl, s->e.a.form);
	const char *missing;
	if (form && (missing = application_form_missing(form, s->f.form)))
		return px_err_set(err, PX_ECONFLICT, "form_incomplete", missing, "required field '%s' is empty", missing);
	if (s->f.evidence < 1)
		return px_err_set(err, PX_ECONFLICT, "evidence_missing", "documents", "upload at least one evidence PDF");
	if (!s->f.notice)
		return px_err_set(err, PX_ECONFLICT, "internal_notice_missing", "internal_notice",
				  "record the internal public notice first");
	if (!s->f.attested)
		return px_err_set(err, PX_ECONFLICT, "attestation_missing", "no_record",
				  "attest that there is no accident, violation or dishonesty record");
	return 0;
}

static int submit_edit(struct store_conn *c, struct edit *e, struct px_err *err)
{
	static const char *const from[] = { "draft", "returned", NULL };
	struct submit_args *s = (struct submit_args *)e;
	json_t *results = NULL;
	int rc;

	s->failed[0] = '\0';
	json_decref(s->f.form); /* an earlier attempt's */
	s->f.form = NULL;
	/* the stage the application is submitted in must still be open (its closing date closes it) */
	if ((rc = stage_window_require_open(e->app, c, &e->p, programme_stage(&e->p)->code, err)) ||
	    (rc = load_facts(c, &e->a, &s->f, err)) || (rc = require_complete(s, err)))
		return rc;
	results = json_object();
	if ((rc = evaluate_all(c, s, results, err))) {
		json_decref(results);
		return rc;
	}
	/* a failed rule keeps the evaluation (the applicant sees every reason) but not the submission */
	if (!s->failed[0] && ((rc = application_move(c, e->actor, &e->a, from, "submitted", NULL, err)) ||
			      (rc = store_run(c, &Q_SUBMITTED_AT, err, "ii", app_now_us(e->app), e->id)))) {
		json_decref(results);
		return rc;
	}
	return finish(c, e->actor, e->id, "application.eligibility", json_pack("{s:o}", "rules", results), err);
}

static int submit_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	return edit_tx(c, arg, submit_edit, err);
}

int application_submit(struct app *app, const struct app_actor *actor, int64_t id, struct px_err *err)
{
	struct submit_args s = { .e = { app, actor, id, { 0 }, { 0 } } };
	int rc = app_tx(app, STORE_TX_WRITE, submit_tx, &s, err);
	json_decref(s.f.form);
	if (rc || !s.failed[0])
		return rc;
	const char *en = english_part(s.failed_reason);
	size_t n = strlen(en);
	return px_err_set(err, PX_ECONFLICT, "ineligible", s.failed, "rule '%s' is not met: %.*s", s.failed,
			  (int)(n && en[n - 1] == ')' ? n - 1 : n), en);
}
