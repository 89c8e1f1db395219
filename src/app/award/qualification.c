/*
 * qualification.c - the qualification review of the office (see
 * qualification.h): decisions on recommended applications, member units'
 * opinions and the public acceptance list.
 */
#include "app/award/qualification.h"

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

static struct store_sql Q_LIST = STORE_SQL(
	"SELECT a.id, a.track_code, a.region, a.state, coalesce(o.name, p.name, ''), "
	"(SELECT count(*) FROM opinion x WHERE x.application_id = a.id AND x.stage_code = $2), "
	"(SELECT count(*) FROM supplement s WHERE s.application_id = a.id AND s.answer IS NULL) "
	"FROM application a LEFT JOIN organisation o ON o.id = a.organisation_id "
	"LEFT JOIN person p ON p.id = a.person_id "
	"WHERE a.programme_id = $1 AND a.state IN ('recommended', 'accepted', 'rejected') "
	"ORDER BY a.track_code, a.region, a.id");
static struct store_sql Q_UNDECIDED = STORE_SQL(
	"SELECT count(*), coalesce(min(id), 0) FROM application WHERE programme_id = $1 AND state = 'recommended'");
static struct store_sql Q_ACCEPTED = STORE_SQL(
	"SELECT a.id, a.track_code, a.region, coalesce(o.name, p.name, '') "
	"FROM application a LEFT JOIN organisation o ON o.id = a.organisation_id "
	"LEFT JOIN person p ON p.id = a.person_id "
	"WHERE a.programme_id = $1 AND a.state = 'accepted' ORDER BY a.track_code, a.region, a.id");
static struct store_sql Q_UNIT_NAME = STORE_SQL("SELECT name FROM unit WHERE id = $1");
static struct store_sql Q_OPINION_INSERT = STORE_SQL(
	"INSERT INTO opinion (application_id, stage_code, department, verdict, text, account_id, created_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id");
static struct store_sql Q_OPINIONS = STORE_SQL(
	"SELECT id, department, verdict, text, created_at FROM opinion "
	"WHERE application_id = $1 AND stage_code = $2 ORDER BY id");

/* The office, the leadership group and member units of the programme's region read the review. */
static bool may_read(const struct programme *p, const struct app_actor *actor)
{
	return programme_is_office(p, actor) || programme_is_leader(p, actor) ||
	       (actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_MEMBER &&
		access_region_contains(actor->region, p->region));
}

/* The qualification stage's code in the template (opinions and notices are filed under it). */
static const char *qualification_code(const struct programme *p)
{
	for (int i = 0; i < p->tpl->nstages; i++)
		if (p->tpl->stages[i].kind == TPL_STAGE_QUALIFICATION)
			return p->tpl->stages[i].code;
	return "qualification";
}

/* ---- the list ---- */

struct list_arg {
	const struct app_actor *actor;
	int64_t programme_id;
	json_t *out;
};

static int list_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct list_arg *a = arg;
	struct programme p;
	struct store_stmt *s;
	int rc = programme_load(c, a->programme_id, &p, err);
	if (rc)
		return rc;
	if (!may_read(&p, a->actor)) {
		rc = px_err_set(err, PX_EFORBIDDEN, NULL, "programme", "not a reviewer of this programme");
		goto out;
	}
	if ((rc = store_prepare(c, &Q_LIST, &s, err)))
		goto out;
	store_bind_int(s, 1, a->programme_id);
	store_bind_text(s, 2, qualification_code(&p));
	json_t *list = json_array();
	while ((rc = store_step(s, err)) == STORE_ROW)
		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:I}", "id",
						      (json_int_t)store_col_int(s, 0), "track", store_col_text(s, 1),
						      "region", store_col_text(s, 2), "state", store_col_text(s, 3),
						      "name", store_col_text(s, 4), "opinions",
						      (json_int_t)store_col_int(s, 5), "open_supplements",
						      (json_int_t)store_col_int(s, 6)));
	store_reset(s);
	if (rc < 0) {
		json_decref(list);
		goto out;
	}
	rc = 0;
	a->out = json_pack("{s:I, s:s?, s:o}", "programme", (json_int_t)p.id, "stage",
			   programme_stage(&p) ? programme_stage(&p)->code : NULL, "applications", list);
out:
	programme_release(&p);
	return rc;
}

int qualification_list(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
		       struct px_err *err)
{
	struct list_arg a = { actor, programme_id, NULL };
	return app_tx_json(app, STORE_TX_READ, list_tx, &a, &a.out, out, err);
}

/* ---- decisions ---- */

static const struct {
	const char *result;
	const char *to;
	const char *other; /* the opposite decision, which may be revised before the notice */
	bool reason_required;
} results[] = {
	{ "accept", "accepted", "rejected", false },
	{ "reject", "rejected", "accepted", true },
};

struct decide_arg {
	const struct app_actor *actor;
	int64_t id;
	const char *result, *reason;
	json_t *out;
};

static int decide_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct decide_arg *d = arg;
	struct application a;
	struct programme p = { 0 };
	size_t i = 0;
	bool published;
	int rc;

	while (i < sizeof(results) / sizeof(results[0]) && strcmp(results[i].result, d->result ? d->result : ""))
		i++;
	if (i == sizeof(results) / sizeof(results[0]))
		return px_err_set(err, PX_EINVAL, "bad_result", "result", "result must be 'accept' or 'reject', not '%s'",
				  d->result ? d->result : "");
	if (d->reason && (rc = input_text(d->reason, 2000, "reason", err)))
		return rc;
	if (results[i].reason_required && !d->reason)
		return px_err_set(err, PX_EINVAL, "missing_field", "reason", "a rejection needs its reason");
	if ((rc = application_load(c, d->id, &a, err)) || (rc = programme_load_office(c, d->actor, a.programme_id, &p, err)))
		return rc;
	if ((rc = programme_require_kind(&p, TPL_STAGE_QUALIFICATION, NULL, err)) ||
	    (rc = notice_exists(c, p.id, qualification_code(&p), &published, err)))
		goto out;
	if (published) {
		rc = px_err_set(err, PX_ECONFLICT, "notice_published", "result",
				"the acceptance list is published: decisions are final");
		goto out;
	}
	const char *from[] = { "recommended", results[i].other, NULL };
	if ((rc = application_move(c, d->actor, &a, from, results[i].to, d->reason, err)))
		goto out;
	d->out = application_json(&a);
	json_object_set_new(d->out, "reason", d->reason ? json_string(d->reason) : json_null());
out:
	programme_release(&p);
	return rc;
}

int qualification_decide(struct app *app, const struct app_actor *actor, int64_t application_id,
			 const char *result, const char *reason, json_t **out, struct px_err *err)
{
	struct decide_arg d = { actor, application_id, result, reason, NULL };
	return app_tx_json(app, STORE_TX_WRITE, decide_tx, &d, &d.out, out, err);
}

/* ---- opinions of member units ---- */

static const char *const verdicts[] = { "no_objection", "objection", "note", NULL };

struct opinion_arg {
	const struct app_actor *actor;
	int64_t id;
	const char *verdict, *text;
	json_t *out;
};

static int opinion_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct opinion_arg *o = arg;
	struct application a;
	struct programme p = { 0 };
	struct store_stmt *s;
	char department[160] = "", object[40];
	int64_t id = 0, now = store_now_us();
	const char *const *v = verdicts;
	int rc;

	while (*v && strcmp(*v, o->verdict ? o->verdict : ""))
		v++;
	if (!*v)
		return px_err_set(err, PX_EINVAL, "bad_verdict", "verdict",
				  "verdict must be no_objection, objection or note, not '%s'", o->verdict ? o->verdict : "");
	if ((o->text || strcmp(*v, "no_objection")) && (rc = input_text(o->text, 5000, "text", err)))
		return rc;
	if (!(o->actor->kind == ACTOR_ACCOUNT && o->actor->role == ROLE_MEMBER))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "opinions are given by member units");
	if ((rc = application_load(c, o->id, &a, err)))
		return rc;
	if (!application_readable(c, o->actor, &a))
		return px_err_set(err, PX_ENOTFOUND, NULL, "application", "no application %" PRId64, o->id);
	if ((rc = programme_load(c, a.programme_id, &p, err)))
		return rc;
	if ((rc = programme_require_kind(&p, TPL_STAGE_QUALIFICATION, NULL, err)))
		goto out;
	if ((rc = store_prepare(c, &Q_UNIT_NAME, &s, err)))
		goto out;
	store_bind_int(s, 1, o->actor->unit_id);
	if ((rc = store_step(s, err)) == STORE_ROW)
		snprintf(department, sizeof(department), "%s", store_col_text(s, 0));
	store_reset(s);
	if (rc < 0)
		goto out;
	if ((rc = store_prepare(c, &Q_OPINION_INSERT, &s, err)))
		goto out;
	store_bind_int(s, 1, a.id);
	store_bind_text(s, 2, qualification_code(&p));
	store_bind_text(s, 3, department);
	store_bind_text(s, 4, *v);
	store_bind_text(s, 5, o->text ? o->text : "");
	store_bind_int(s, 6, o->actor->id);
	store_bind_int(s, 7, now);
	if ((rc = store_step(s, err)) == STORE_ROW)
		id = store_col_int(s, 0);
	store_reset(s);
	if (rc < 0)
		goto out;
	snprintf(object, sizeof(object), "application:%" PRId64, a.id);
	json_t *payload = json_pack("{s:I, s:s, s:s, s:s}", "opinion", (json_int_t)id, "stage",
				    qualification_code(&p), "department", department, "verdict", *v);
	rc = audit_append(c, o->actor, "opinion.add", object, payload, err);
	json_decref(payload);
	if (rc)
		goto out;
	o->out = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)id, "application",
			   (json_int_t)a.id, "stage", qualification_code(&p), "department", department, "verdict", *v,
			   "text", o->text ? o->text : "", "created_at", (json_int_t)now);
out:
	programme_release(&p);
	return rc;
}

int qualification_opinion_add(struct app *app, const struct app_actor *actor, int64_t application_id,
			      const char *verdict, const char *text, json_t **out, struct px_err *err)
{
	struct opinion_arg o = { actor, application_id, verdict, text, NULL };
	return app_tx_json(app, STORE_TX_WRITE, opinion_tx, &o, &o.out, out, err);
}

static int opinions_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct opinion_arg *o = arg;
	struct application a;
	struct programme p;
	struct store_stmt *s;
	int rc;

	if ((rc = application_load(c, o->id, &a, err)))
		return rc;
	if ((rc = programme_load(c, a.programme_id, &p, err)))
		return rc;
	if (!may_read(&p, o->actor) || !application_readable(c, o->actor, &a)) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "application", "no application %" PRId64, o->id);
		goto out;
	}
	if ((rc = store_prepare(c, &Q_OPINIONS, &s, err)))
		goto out;
	store_bind_int(s, 1, a.id);
	store_bind_text(s, 2, qualification_code(&p));
	json_t *list = json_array();
	while ((rc = store_step(s, err)) == STORE_ROW)
		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s, s:I}", "id", (json_int_t)store_col_int(s, 0),
						      "department", store_col_text(s, 1), "verdict",
						      store_col_text(s, 2), "text", store_col_text(s, 3), "created_at",
						      (json_int_t)store_col_int(s, 4)));
	store_reset(s);
	if (rc < 0) {
		json_decref(list);
		goto out;
	}
	rc = 0;
	o->out = json_pack("{s:I, s:o}", "application", (json_int_t)a.id, "opinions", list);
out:
	programme_release(&p);
	return rc;
}

int qualification_opinions(struct app *app, const struct app_actor *actor, int64_t application_id,
			   json_t **out, struct px_err *err)
{
	struct opinion_arg o = { actor, application_id, NULL, NULL, NULL };
	return app_tx_json(app, STORE_TX_READ, opinions_tx, &o, &o.out, out, err);
}

/* ---- the acceptance list ---- */

/* Every recommended application is accepted or rejected before the list is published. */
static int all_decided(struct store_conn *c, const struct programme *p, struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_UNDECIDED, &s, err);

	if (rc)
		return rc;
	store_bind_int(s, 1, p->id);
	rc = store_step(s, err);
	int64_t undecided = store_col_int(s, 0), first = store_col_int(s, 1);
	store_reset(s);
	if (rc < 0)
		return rc;
	if (undecided)
		return px_err_set(err, PX_ECONFLICT, "undecided_applications", "applications",
				  "%" PRId64 " recommended applications are not decided yet (first: %" PRId64 ")",
				  undecided, first);
	return 0;
}

static const struct list_notice acceptance_notice = {
	.kind = TPL_STAGE_QUALIFICATION,
	.what = "acceptance list",
	.title_key = "notice.qualification",
	.list = &Q_ACCEPTED,
	.check = all_decided,
};

int qualification_acceptance_notice(struct app *app, const struct app_actor *actor, int64_t programme_id,
				    json_t **out, struct px_err *err)
{
	return notice_publish_list(app, actor, programme_id, &acceptance_notice, out, err);
}
