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

/* Begin a write transaction on an application the actor may edit now. */
static int open_for_edit(struct app *app, struct store_conn *c, const struct app_actor *actor, int64_t id,
			 struct application *a, struct programme *p, struct px_err *err)
{
	int rc;
	(void)app;
	if ((rc = store_begin(c, STORE_TX_WRITE, err)) || (rc = apply_load(c, actor, id, a, p, err)))
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
	return rc ? rc : store_commit(c, err);
}

int application_internal_notice(struct app *app, const struct app_actor *actor, int64_t id, const char *from,
				const char *to, const char *note, struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	struct application a;
	struct programme p = { 0 };
	px_date d1, d2;
	char *text = NULL;
	int rc, days = 0;

	if ((rc = input_date(from, "from", &d1, err)) || (rc = input_date(to, "to", &d2, err)) ||
	    (note && (rc = input_textarea(note, 500, "note", err))))
		goto out;
	if (d2 < d1) {
		rc = px_err_set(err, PX_EINVAL, "invalid_range", "to", "the notice ends (%s) before it starts (%s)", to, from);
		goto out;
	}
	if (d2 >= app_today(app)) {
		rc = px_err_set(err, PX_EINVAL, "notice_not_ended", "to",
				"record the internal notice after it has ended: it runs until %s", to);
		goto out;
	}
	if ((rc = calendar_count(app->cal, d1, d2, &days, err)) ||
	    (rc = open_for_edit(app, c, actor, id, &a, &p, err)))
		goto out_rollback;
	const struct tpl_stage *st = apply_stage(p.tpl);
	int need = st ? st->internal_notice_workdays : 0;
	if (days < need) {
		rc = px_err_set(err, PX_EINVAL, "notice_too_short", "to",
				"the internal notice from %s to %s ran %d working days; at least %d are required", from,
				to, days, need);
		goto out_rollback;
	}
	json_t *record = json_pack("{s:s, s:s, s:i, s:s?}", "from", from, "to", to, "workdays", days, "note", note);
	text = json_dumps(record, JSON_COMPACT | JSON_SORT_KEYS);
	if (!text) {
		json_decref(record);
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		goto out_rollback;
	}
	if ((rc = store_run(c, &Q_SET_NOTICE, err, "tii", (const char *)text, app_now_us(app), id))) {
		json_decref(record);
		goto out_rollback;
	}
	if ((rc = finish(c, actor, id, "application.internal_notice", record, err)))
		goto out_rollback;
	goto out;
out_rollback:
	store_rollback(c);
out:
	free(text);
	programme_release(&p);
	store_release(c);
	return rc;
}

int application_attest(struct app *app, const struct app_actor *actor, int64_t id, bool no_record,
		       struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	struct application a;
	struct programme p = { 0 };
	int rc;

	if ((rc = open_for_edit(app, c, actor, id, &a, &p, err)) ||
	    (rc = store_run(c, &Q_SET_ATTEST, err, "iii", (int64_t)no_record, app_now_us(app), id)) ||
	    (rc = finish(c, actor, id, "application.attest", json_pack("{s:b}", "no_record", no_record), err)))
		store_rollback(c);
	programme_release(&p);
	store_release(c);
	return rc;
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
};

/*
 * The years of the rows of s (column 0). With `scope`, a row counts only when
 * its owning region (column 1) is inside it: a past winner recorded by the
 * office of another region does not bar this programme's applicants.
 */
static int collect_years(struct store_conn *c, struct store_stmt *s, const struct app_actor *scope,
			 struct facts *f, struct px_err *err)
{
	int rc;
	while ((rc = store_step(s, err)) == STORE_ROW)
		if (scope && !app_actor_in_region(scope, store_col_text(s, 1), NULL))
			continue;
		else if (f->nwins < WIN_YEARS_MAX)
			f->wins[f->nwins++] = (int)store_col_int(s, 0);
	store_reset(s);
	(void)c;
	return rc < 0 ? rc : 0;
}

static int load_facts(struct store_conn *c, const struct application *a, struct facts *f, struct px_err *err)
{
	struct store_stmt *s;
	json_error_t je;
	int rc;

	memset(f, 0, sizeof(*f));
	if ((rc = store_prepare(c, &Q_FACTS, &s, err)))
		return rc;
	store_bind_int(s, 1, a->id);
	if ((rc = store_step(s, err)) == STORE_ROW) {
		f->form = json_loads(store_col_text(s, 0), 0, &je);
		f->notice = !store_col_null(s, 1);
		f->attested = store_col_int(s, 2) != 0;
		snprintf(f->founded, sizeof(f->founded), "%s", store_col_text(s, 3));
		snprintf(f->since, sizeof(f->since), "%s", store_col_text(s, 4));
		snprintf(f->uscc, sizeof(f->uscc), "%s", store_col_text(s, 5));
		snprintf(f->id_hash, sizeof(f->id_hash), "%s", store_col_text(s, 6));
		snprintf(f->family, sizeof(f->family), "%s", store_col_text(s, 7));
		f->year = (int)store_col_int(s, 8);
	}
	store_reset(s);
	if (rc < 0)
		return rc;
	if (!f->form)
		f->form = json_object();
	if ((rc = store_prepare(c, &Q_EVIDENCE, &s, err)))
		return rc;
	store_bind_int(s, 1, a->id);
	if ((rc = store_step(s, err)) == STORE_ROW)
		f->evidence = store_col_int(s, 0);
	store_reset(s);
	if (rc < 0)
		return rc;
	if ((rc = store_prepare(c, &Q_PAST_WINS, &s, err)))
		return rc;
	store_bind_text(s, 1, f->family);
	store_bind_int(s, 2, a->organisation_id);
	store_bind_int(s, 3, a->person_id);
	store_bind_text(s, 4, f->uscc);
	store_bind_text(s, 5, f->id_hash);
	struct app_actor office = app_actor_office_of(a->programme_region);
	if ((rc = collect_years(c, s, &office, f, err)) || (rc = store_prepare(c, &Q_SYSTEM_WINS, &s, err)))
		return rc;
	store_bind_text(s, 1, f->family);
	store_bind_int(s, 2, f->year);
	store_bind_int(s, 3, a->organisation_id);
	store_bind_int(s, 4, a->person_id);
	return collect_years(c, s, NULL, f, err);
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

int application_submit(struct app *app, const struct app_actor *actor, int64_t id, struct px_err *err)
{
	static const char *const from[] = { "draft", "returned", NULL };
	struct store_conn *c = store_acquire(app->st);
	struct application a;
	struct programme p = { 0 };
	struct facts f = { 0 };
	const char *missing, *failed = NULL;
	char failed_reason[ELIGIBILITY_REASON_MAX] = "";
	int rc;

	if ((rc = open_for_edit(app, c, actor, id, &a, &p, err)) || (rc = load_facts(c, &a, &f, err)))
		goto out_rollback;
	const struct tpl_form *form = template_form(p.tpl, a.form);
	if (form && (missing = application_form_missing(form, f.form))) {
		rc = px_err_set(err, PX_ECONFLICT, "form_incomplete", missing, "required field '%s' is empty", missing);
		goto out_rollback;
	}
	if (f.evidence < 1) {
		rc = px_err_set(err, PX_ECONFLICT, "evidence_missing", "documents", "upload at least one evidence PDF");
		goto out_rollback;
	}
	if (!f.notice) {
		rc = px_err_set(err, PX_ECONFLICT, "internal_notice_missing", "internal_notice",
				"record the internal public notice first");
		goto out_rollback;
	}
	if (!f.attested) {
		rc = px_err_set(err, PX_ECONFLICT, "attestation_missing", "no_record",
				"attest that there is no accident, violation or dishonesty record");
		goto out_rollback;
	}
	/* the conditions must hold by the close of applications (today when the template gives no date) */
	const struct tpl_stage *st = apply_stage(p.tpl);
	px_date ref = st && st->closes ? st->closes : app_today(app);
	int g = a.organisation_id ? TPL_ORGANISATION : TPL_PERSON;
	json_t *results = json_object();
	for (int i = 0; i < p.tpl->nrules[g]; i++) {
		const struct tpl_rule *r = &p.tpl->rules[g][i];
		struct eligibility_outcome o;
		evaluate(r, p.tpl, &f, ref, &o);
		if ((rc = store_run(c, &Q_ELIG_UPSERT, err, "ittti", id, r->name, eligibility_result_name(o.result),
				    o.reason, app_now_us(app)))) {
			json_decref(results);
			goto out_rollback;
		}
		json_object_set_new(results, r->name, json_string(eligibility_result_name(o.result)));
		if (o.result == ELIG_FAIL && !failed) {
			failed = r->name;
			snprintf(failed_reason, sizeof(failed_reason), "%s", o.reason);
		}
	}
	if (failed) {
		/* keep the evaluation (the applicant sees every reason) but not the submission */
		if ((rc = finish(c, actor, id, "application.eligibility", json_pack("{s:o}", "rules", results), err)))
			goto out_rollback;
		size_t n = strlen(english_part(failed_reason));
		rc = px_err_set(err, PX_ECONFLICT, "ineligible", failed, "rule '%s' is not met: %.*s", failed,
				(int)(n && english_part(failed_reason)[n - 1] == ')' ? n - 1 : n),
				english_part(failed_reason));
		goto out;
	}
	if ((rc = application_move(c, actor, &a, from, "submitted", NULL, err)) ||
	    (rc = store_run(c, &Q_SUBMITTED_AT, err, "ii", app_now_us(app), id)) ||
	    (rc = finish(c, actor, id, "application.eligibility", json_pack("{s:o}", "rules", results), err)))
		goto out_rollback;
	goto out;
out_rollback:
	store_rollback(c);
out:
	json_decref(f.form);
	programme_release(&p);
	store_release(c);
	return rc;
}
