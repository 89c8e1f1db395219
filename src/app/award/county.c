/*
 * county.c - the county stage: check, consult, notify, recommend within the
 * quota (see county.h).
 */
#include "app/award/county.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/people/applicant.h"
#include "app/programme/apply.h"
#include "app/audit.h"
#include "app/input.h"
#include "app/programme/family.h"
#include "app/programme/notice.h"
#include "app/tx.h"

#define NOTE_MAX 1000
#define OPINION_MAX 2000
#define PICKS_MAX 64

static struct store_sql Q_SET_NOTE = STORE_SQL(
	"UPDATE application SET county_note = $1, updated_at = $2 WHERE id = $3");
static struct store_sql Q_UNIT_NAME = STORE_SQL("SELECT name FROM unit WHERE id = $1");
static struct store_sql Q_OPINION_INSERT = STORE_SQL(
	"INSERT INTO opinion (application_id, stage_code, department, verdict, text, account_id, created_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id");
static struct store_sql Q_CHECKED = STORE_SQL(
	"SELECT a.id, a.track_code, coalesce(o.name, p.name, ''), coalesce(o.uscc, ''), coalesce(p.id_masked, '') "
	"FROM application a LEFT JOIN organisation o ON o.id = a.organisation_id "
	"LEFT JOIN person p ON p.id = a.person_id "
	"WHERE a.programme_id = $1 AND a.region = $2 AND a.state = 'county_checked' ORDER BY a.track_code, a.id");
static struct store_sql Q_NOTICE_LISTS = STORE_SQL(
	"SELECT list FROM notice WHERE programme_id = $1 AND stage_code = $2 AND region = $3");
static struct store_sql Q_OPINIONS = STORE_SQL(
	"SELECT department, verdict FROM opinion WHERE application_id = $1 AND stage_code = $2 ORDER BY id");
static struct store_sql Q_RECOMMENDED = STORE_SQL(
	"SELECT count(*), coalesce(max(rank), 0) FROM recommendation r JOIN application a ON a.id = r.application_id "
	"WHERE a.programme_id = $1 AND r.region = $2 AND r.track_code = $3");
static struct store_sql Q_RECO_INSERT = STORE_SQL(
	"INSERT INTO recommendation (application_id, region, track_code, rank, account_id, created_at, note) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7)");
static struct store_sql Q_RECO_ROWS = STORE_SQL(
	"SELECT r.application_id, r.region, r.track_code, r.rank, coalesce(r.note, ''), a.form_code, a.form, "
	"coalesce(o.name, p.name, ''), coalesce(o.uscc, ''), coalesce(p.id_masked, ''), coalesce(o.industry, ''), "
	"coalesce(p.mobile_masked, ''), coalesce(p.employer, ''), coalesce(g.name, r.region) "
	"FROM recommendation r JOIN application a ON a.id = r.application_id "
	"LEFT JOIN organisation o ON o.id = a.organisation_id LEFT JOIN person p ON p.id = a.person_id "
	"LEFT JOIN region g ON g.code = r.region "
	"WHERE a.programme_id = $1 AND ($2 = '' OR r.region = $2) ORDER BY r.region, r.track_code, r.rank");

/* The stage of kind `recommendation` (the county stage), or NULL. */
static const struct tpl_stage *county_stage(const struct template *t)
{
	for (int i = 0; i < t->nstages; i++)
		if (t->stages[i].kind == TPL_STAGE_RECOMMENDATION)
			return &t->stages[i];
	return NULL;
}

static int require_county_stage(const struct programme *p, const struct tpl_stage **st, struct px_err *err)
{
	*st = county_stage(p->tpl);
	return programme_require_stage(p, *st ? (*st)->code : "county", err);
}

static bool is_county(const struct app_actor *actor)
{
	return actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_COUNTY;
}

/* One county use case on an application: its arguments and what it loaded. */
struct county_app {
	const struct app_actor *actor;
	int64_t id;
	struct application a;
	struct programme p;
	const struct tpl_stage *st;
};

/*
 * Load the application (404 outside the actor's scope), require the county
 * stage, and run fn inside the use case's write transaction.
 */
static int with_app(struct store_conn *c, struct county_app *x,
		    int (*fn)(struct store_conn *, struct county_app *, struct px_err *), struct px_err *err)
{
	int rc = apply_load(c, x->actor, x->id, &x->a, &x->p, err);
	if (!rc)
		rc = require_county_stage(&x->p, &x->st, err);
	if (!rc)
		rc = fn(c, x, err);
	programme_release(&x->p);
	return rc;
}

struct check_args {
	struct county_app x;
	bool pass;
	const char *note;
};

static int check_app(struct store_conn *c, struct county_app *x, struct px_err *err)
{
	static const char *const from_pass[] = { "submitted", NULL };
	static const char *const from_return[] = { "submitted", "county_checked", NULL };
	struct check_args *k = (struct check_args *)x;
	int rc;
	if (!is_county(x->actor))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "only the county bureau checks applications");
	if ((rc = application_move(c, x->actor, &x->a, k->pass ? from_pass : from_return,
				   k->pass ? "county_checked" : "returned", k->note, err)))
		return rc;
	return store_run(c, &Q_SET_NOTE, err, "tii", k->note, store_now_us(), x->id);
}

static int check_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	return with_app(c, arg, check_app, err);
}

int county_check(struct app *app, const struct app_actor *actor, int64_t id, const char *result, const char *note,
		 struct px_err *err)
{
	struct check_args k = { { actor, id, { 0 }, { 0 }, NULL }, result && !strcmp(result, "pass"), note };
	int rc;

	if (!result || (!k.pass && strcmp(result, "return")))
		return px_err_set(err, PX_EINVAL, "invalid_result", "result", "result is 'pass' or 'return', not '%s'",
				  result ? result : "");
	if (!k.pass && !note)
		return px_err_set(err, PX_EINVAL, "missing_field", "note",
				  "say what the applicant must complete or correct");
	if (note && (rc = input_textarea(note, NOTE_MAX, "note", err)))
		return rc;
	return app_tx(app, STORE_TX_WRITE, check_tx, &k, err);
}

/* May a member unit speak for `department`? Its unit's name must contain the department's. */
static int member_speaks_for(struct store_conn *c, const struct app_actor *actor, const char *department,
			     struct px_err *err)
{
	struct store_stmt *s;
	bool ok = false;
	int rc = store_prepare(c, &Q_UNIT_NAME, &s, err);
	if (rc)
		return rc;
	store_bind_int(s, 1, actor->unit_id);
	if ((rc = store_step(s, err)) == STORE_ROW)
		ok = strstr(store_col_text(s, 0), department) != NULL;
	store_reset(s);
	if (rc < 0)
		return rc;
	return ok ? 0 : px_err_set(err, PX_EFORBIDDEN, "not_your_department", "department",
				   "a member unit gives opinions for its own department only, not '%s'", department);
}

struct opinion_args {
	struct county_app x;
	const char *department, *verdict, *text;
	int64_t oid;
	char stage[32]; /* the stage's code, for the answer after the programme is released */
};

/* Who may give the opinion: the department's member unit, the county, or the command line. */
static int may_give_opinion(struct store_conn *c, const struct opinion_args *o, struct px_err *err)
{
	const struct app_actor *actor = o->x.actor;
	int i;
	for (i = 0; i < o->x.st->nconsult && strcmp(o->x.st->consult[i], o->department ? o->department : ""); i++)
		;
	if (i == o->x.st->nconsult)
		return px_err_set(err, PX_EINVAL, "unknown_department", "department",
				  "'%s' is not a department this stage consults", o->department ? o->department : "");
	if (actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_MEMBER)
		return member_speaks_for(c, actor, o->department, err);
	if (!is_county(actor) && actor->kind != ACTOR_CLI)
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "opinions come from the county or the department");
	return 0;
}

static int opinion_app(struct store_conn *c, struct county_app *x, struct px_err *err)
{
	struct opinion_args *o = (struct opinion_args *)x;
	const struct app_actor *actor = x->actor;
	int rc = may_give_opinion(c, o, err);
	if (rc)
		return rc;
	snprintf(o->stage, sizeof(o->stage), "%s", x->st->code);
	if (strcmp(x->a.state, "submitted") && strcmp(x->a.state, "county_checked"))
		return px_err_set(err, PX_ECONFLICT, "wrong_state", "state",
				  "application %lld is '%s'; opinions are asked while the county checks it",
				  (long long)x->id, x->a.state);
	rc = actor->kind == ACTOR_ACCOUNT
		     ? store_get(c, &Q_OPINION_INSERT, err, "ittttii:i", x->id, x->st->code, o->department, o->verdict,
				 o->text, actor->id, store_now_us(), &o->oid)
		     : store_get(c, &Q_OPINION_INSERT, err, "ittttni:i", x->id, x->st->code, o->department, o->verdict,
				 o->text, store_now_us(), &o->oid);
	if (rc < 0)
		return rc;
	json_t *payload = json_pack("{s:I, s:s, s:s}", "opinion", (json_int_t)o->oid, "department", o->department,
				    "verdict", o->verdict);
	return audit_record(c, actor, "opinion.add", "application", x->id, payload, err);
}

static int opinion_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	return with_app(c, arg, opinion_app, err);
}

int county_opinion(struct app *app, const struct app_actor *actor, int64_t id, const char *department,
		   const char *verdict, const char *text, json_t **out, struct px_err *err)
{
	static const char *const verdicts[] = { "no_objection", "objection", "note", NULL };
	struct opinion_args o = { { actor, id, { 0 }, { 0 }, NULL }, department, verdict, text, 0, "" };
	int rc, i;

	for (i = 0; verdicts[i] && (!verdict || strcmp(verdicts[i], verdict)); i++)
		;
	if (!verdicts[i])
		return px_err_set(err, PX_EINVAL, "invalid_verdict", "verdict",
				  "verdict is no_objection, objection or note, not '%s'", verdict ? verdict : "");
	if ((rc = input_textarea(text, OPINION_MAX, "text", err)) ||
	    (rc = app_tx(app, STORE_TX_WRITE, opinion_tx, &o, err)))
		return rc;
	*out = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)o.oid, "application", (json_int_t)id,
			 "stage", o.stage, "department", department, "verdict", verdict, "text", text);
	return 0;
}

/* The applications on the county notices of the stage: an object keyed by id. Caller owns *out. */
static int notified_ids(struct store_conn *c, int64_t pid, const char *stage, const char *region, json_t **out,
			struct px_err *err)
{
	struct store_stmt *s;
	json_t *ids = json_object();
	char key[24];
	int rc = store_prepare(c, &Q_NOTICE_LISTS, &s, err);
	if (rc)
		goto out;
	store_bind_int(s, 1, pid);
	store_bind_text(s, 2, stage);
	store_bind_text(s, 3, region);
	while ((rc = store_step(s, err)) == STORE_ROW) {
		json_error_t je;
		json_t *list = json_loads(store_col_text(s, 0), 0, &je), *row;
		size_t i;
		json_array_foreach(list, i, row) {
			snprintf(key, sizeof(key), "%lld", (long long)json_integer_value(json_object_get(row, "application")));
			json_object_set_new(ids, key, json_true());
		}
		json_decref(list);
	}
	store_reset(s);
out:
	if (rc < 0) {
		json_decref(ids);
		return rc;
	}
	*out = ids;
	return 0;
}

static bool in_set(json_t *set, int64_t id)
{
	char key[24];
	snprintf(key, sizeof(key), "%lld", (long long)id);
	return json_object_get(set, key) != NULL;
}

/* One county use case on a programme in its county stage: arguments and what it loaded. */
struct county_prog {
	struct app *app;
	const struct app_actor *actor;
	int64_t pid;
	struct programme p;
	const struct tpl_stage *st;
};

/* Load the programme, require its county stage, and run fn inside the use case's write transaction. */
static int with_programme(struct store_conn *c, struct county_prog *x,
			  int (*fn)(struct store_conn *, struct county_prog *, struct px_err *), struct px_err *err)
{
	int rc;
	if (!is_county(x->actor))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "only a county bureau does this, for its county");
	if (!(rc = programme_load(c, x->pid, &x->p, err)) && !(rc = require_county_stage(&x->p, &x->st, err)))
		rc = fn(c, x, err);
	programme_release(&x->p);
	return rc;
}

struct notice_args {
	struct county_prog x;
	px_date start;
	json_t *out;
};

struct checked_rows {
	const struct template *t;
	json_t *done, *list;
};

/* One checked application not yet on a notice: a row of the notice's list. */
static int checked_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct checked_rows *r = arg;
	int64_t id = store_col_int(s, 0);
	const char *track = store_col_text(s, 1);
	int ti = template_track_index(r->t, track);
	char masked[32];
	(void)err;
	if (in_set(r->done, id))
		return 0;
	if (store_col_text(s, 3)[0])
		applicant_mask_uscc(store_col_text(s, 3), masked, sizeof(masked));
	else
		snprintf(masked, sizeof(masked), "%s", store_col_text(s, 4));
	json_array_append_new(r->list, json_pack("{s:I, s:s, s:s, s:s, s:s}", "application", (json_int_t)id, "name",
						 store_col_text(s, 2), "track", track, "track_name",
						 ti >= 0 ? r->t->tracks[ti].name : track, "identifier_masked", masked));
	return 0;
}

static int publish_list(struct store_conn *c, struct notice_args *n, json_t *list, struct px_err *err)
{
	const struct county_prog *x = &n->x;
	char region_name[128];
	int rc;
	if (!json_array_size(list))
		return px_err_set(err, PX_ECONFLICT, "nothing_to_notify", "applications",
				  "no checked application of %s awaits a public notice", x->actor->region);
	if ((rc = input_region_name(c, x->actor->region, region_name, sizeof(region_name), err)))
		return rc;
	struct notice_spec ns = { .p = &x->p, .st = x->st, .region = x->actor->region,
				  .title_key = "notice.recommendation", .title_suffix = region_name, .list = list,
				  .starts_on = n->start };
	return notice_issue(x->app, c, x->actor, &ns, &n->out, err);
}

static int notice_prog(struct store_conn *c, struct county_prog *x, struct px_err *err)
{
	struct checked_rows r = { x->p.tpl, NULL, json_array() };
	int rc = notified_ids(c, x->pid, x->st->code, x->actor->region, &r.done, err);
	if (!rc && !(rc = store_each(c, &Q_CHECKED, checked_row, &r, err, "it", x->pid, x->actor->region)))
		rc = publish_list(c, (struct notice_args *)x, r.list, err);
	json_decref(r.done);
	json_decref(r.list);
	return rc;
}

static int notice_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	return with_programme(c, arg, notice_prog, err);
}

int county_notice(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *starts_on,
		  json_t **out, struct px_err *err)
{
	struct notice_args n = { { app, actor, programme_id, { 0 }, NULL }, 0, NULL };
	int rc;

	if (starts_on && (rc = input_date(starts_on, "starts_on", &n.start, err)))
		return rc;
	if (n.start && n.start < app_today(app))
		return px_err_set(err, PX_EINVAL, "starts_in_past", "starts_on",
				  "a notice cannot start before today ('%s')", starts_on);
	return app_tx_json(app, STORE_TX_WRITE, notice_tx, &n, &n.out, out, err);
}

/* Every consulted department's latest opinion is there and is not an objection. */
static int opinions_settled(struct store_conn *c, const struct tpl_stage *st, int64_t id, struct px_err *err)
{
	struct store_stmt *s;
	json_t *latest = json_object();
	int rc = store_prepare(c, &Q_OPINIONS, &s, err);
	if (rc)
		goto out;
	store_bind_int(s, 1, id);
	store_bind_text(s, 2, st->code);
	while ((rc = store_step(s, err)) == STORE_ROW)
		json_object_set_new(latest, store_col_text(s, 0), json_string(store_col_text(s, 1)));
	store_reset(s);
	if (rc < 0)
		goto out;
	rc = 0;
	for (int i = 0; i < st->nconsult && !rc; i++) {
		const char *v = json_string_value(json_object_get(latest, st->consult[i]));
		if (!v)
			rc = px_err_set(err, PX_ECONFLICT, "opinions_missing", st->consult[i],
					"application %lld has no opinion of '%s' yet", (long long)id, st->consult[i]);
		else if (!strcmp(v, "objection"))
			rc = px_err_set(err, PX_ECONFLICT, "objection_unresolved", st->consult[i],
					"'%s' objects to application %lld", st->consult[i], (long long)id);
	}
out:
	json_decref(latest);
	return rc;
}

/* Recommended so far in the county for a track: count and highest rank. */
static int recommended_so_far(struct store_conn *c, int64_t pid, const char *region, const char *track,
			      int64_t *count, int64_t *max_rank, struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_RECOMMENDED, &s, err);
	*count = *max_rank = 0;
	if (rc)
		return rc;
	store_bind_int(s, 1, pid);
	store_bind_text(s, 2, region);
	store_bind_text(s, 3, track);
	if ((rc = store_step(s, err)) == STORE_ROW) {
		*count = store_col_int(s, 0);
		*max_rank = store_col_int(s, 1);
	}
	store_reset(s);
	return rc < 0 ? rc : 0;
}

/* Check one pick: the county's, checked, notified, opinions settled. */
static int check_pick(struct store_conn *c, const struct app_actor *actor, int64_t pid, const struct tpl_stage *st,
		      json_t *notified, int64_t id, struct application *a, struct px_err *err)
{
	int rc = application_load(c, id, a, err);
	if (rc == PX_ENOTFOUND || (!rc && (a->programme_id != pid || !application_readable(c, actor, a))))
		return px_err_set(err, PX_ENOTFOUND, NULL, "applications", "no application %lld in your county",
				  (long long)id);
	if (rc)
		return rc;
	if (strcmp(a->state, "county_checked"))
		return px_err_set(err, PX_ECONFLICT, "wrong_state", "applications",
				  "application %lld is '%s'; only checked applications are recommended", (long long)id,
				  a->state);
	if (!in_set(notified, id))
		return px_err_set(err, PX_ECONFLICT, "not_notified", "applications",
				  "application %lld was not on a public notice of the county", (long long)id);
	return opinions_settled(c, st, id, err);
}

struct recommend_args {
	struct county_prog x;
	const struct county_pick *picks;
	size_t n;
	struct application *apps;
	json_t *notified, *rest, *audit_list;
};

static const char *const from_checked[] = { "county_checked", NULL };

/* The recommendations are due by the stage's close, after the county's notices have ended. */
static int recommend_open(struct store_conn *c, struct recommend_args *r, struct px_err *err)
{
	const struct county_prog *x = &r->x;
	if (x->st->closes && app_today(x->app) > x->st->closes) {
		char d[11];
		date_format(x->st->closes, d);
		return px_err_set(err, PX_ECONFLICT, "deadline_passed", "stage",
				  "recommendations were due by %s (stage '%s')", d, x->st->code);
	}
	int rc = notice_require_ended_in(x->app, c, x->pid, x->st->code, x->actor->region, err);
	return rc ? rc : notified_ids(c, x->pid, x->st->code, x->actor->region, &r->notified, err);
}

/* Each pick once, with a short note, and eligible for recommendation (check_pick). */
static int check_picks(struct store_conn *c, struct recommend_args *r, struct px_err *err)
{
	int rc;
	for (size_t i = 0; i < r->n; i++) {
		for (size_t j = 0; j < i; j++)
			if (r->picks[j].application == r->picks[i].application)
				return px_err_set(err, PX_EINVAL, "duplicate_application", "applications",
						  "application %lld is listed twice", (long long)r->picks[i].application);
		if ((r->picks[i].note && (rc = input_textarea(r->picks[i].note, 200, "note", err))) ||
		    (rc = check_pick(c, r->x.actor, r->x.pid, r->x.st, r->notified, r->picks[i].application,
				     &r->apps[i], err)))
			return rc;
	}
	return 0;
}

/* Recommend the picks of track t within its quota: what was recommended before plus this list. */
static int recommend_track(struct store_conn *c, struct recommend_args *r, int t, struct px_err *err)
{
	const struct county_prog *x = &r->x;
	const char *track = x->p.tpl->tracks[t].code, *region = x->actor->region;
	const struct tpl_quota *q = template_quota(x->p.tpl, region);
	int64_t count, max_rank, adding = 0, slots = q ? q->slots[t] : 0;
	int rc;
	for (size_t i = 0; i < r->n; i++)
		adding += !strcmp(r->apps[i].track, track);
	if (!adding)
		return 0;
	if ((rc = recommended_so_far(c, x->pid, region, track, &count, &max_rank, err)))
		return rc;
	if (count + adding > slots)
		return px_err_set(err, PX_ECONFLICT, "quota_exceeded", "applications",
				  "track '%s' of %s has a quota of %lld; %lld recommended before, %lld more listed", track,
				  region, (long long)slots, (long long)count, (long long)adding);
	/* ranks continue after earlier recommendations, in the order given */
	for (size_t i = 0; i < r->n; i++) {
		if (strcmp(r->apps[i].track, track))
			continue;
		if ((rc = store_run(c, &Q_RECO_INSERT, err, "ittiiit", r->apps[i].id, region, track, ++max_rank,
				    x->actor->id, store_now_us(), r->picks[i].note)) ||
		    (rc = application_move(c, x->actor, &r->apps[i], from_checked, "recommended", NULL, err)))
			return rc;
		json_array_append_new(r->audit_list, json_pack("{s:I, s:s, s:I}", "application",
								 (json_int_t)r->apps[i].id, "track", track, "rank",
								 (json_int_t)max_rank));
	}
	return 0;
}

static int collect_rest(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct recommend_args *r = arg;
	(void)err;
	if (in_set(r->notified, store_col_int(s, 0)))
		json_array_append_new(r->rest, json_integer(store_col_int(s, 0)));
	return 0;
}

/* The county's other notified, checked applications are not recommended. */
static int reject_rest(struct store_conn *c, struct recommend_args *r, struct px_err *err)
{
	int rc = store_each(c, &Q_CHECKED, collect_rest, r, err, "it", r->x.pid, r->x.actor->region);
	for (size_t i = 0; !rc && i < json_array_size(r->rest); i++) {
		struct application a;
		if (!(rc = application_load(c, json_integer_value(json_array_get(r->rest, i)), &a, err)))
			rc = application_move(c, r->x.actor, &a, from_checked, "not_recommended",
					      "not recommended by the county", err);
	}
	return rc;
}

static int recommend_prog(struct store_conn *c, struct county_prog *x, struct px_err *err)
{
	struct recommend_args *r = (struct recommend_args *)x;
	int rc;
	/* an earlier attempt's lists */
	json_decref(r->notified);
	json_array_clear(r->rest);
	json_array_clear(r->audit_list);
	r->notified = NULL;
	if ((rc = recommend_open(c, r, err)) || (rc = check_picks(c, r, err)))
		return rc;
	for (int t = 0; t < x->p.tpl->ntracks; t++)
		if ((rc = recommend_track(c, r, t, err)))
			return rc;
	if ((rc = reject_rest(c, r, err)))
		return rc;
	json_t *payload = json_pack("{s:s, s:O, s:O}", "region", x->actor->region, "recommended", r->audit_list,
				    "not_recommended", r->rest);
	return audit_record(c, x->actor, "county.recommend", "programme", x->pid, payload, err);
}

static int recommend_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	return with_programme(c, arg, recommend_prog, err);
}

int county_recommend(struct app *app, const struct app_actor *actor, int64_t programme_id,
		     const struct county_pick *picks, size_t n, json_t **out, struct px_err *err)
{
	struct recommend_args r = { { app, actor, programme_id, { 0 }, NULL }, picks, n, NULL, NULL, json_array(),
				    json_array() };
	int rc;

	if (n > PICKS_MAX)
		rc = px_err_set(err, PX_EINVAL, "too_many", "applications", "at most %d applications at once", PICKS_MAX);
	else if (!(r.apps = calloc(n ? n : 1, sizeof(*r.apps))))
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	else if (!(rc = app_tx(app, STORE_TX_WRITE, recommend_tx, &r, err)))
		rc = county_recommendations_json(app, actor, programme_id, out, err);
	free(r.apps);
	json_decref(r.notified);
	json_decref(r.rest);
	json_decref(r.audit_list);
	return rc;
}

/* The key of the form's first mobile field (the contact's phone). */
static const char *contact_mobile_key(const struct tpl_form *f)
{
	for (int i = 0; f && i < f->nfields; i++)
		if (f->fields[i].type == TPL_MOBILE)
			return f->fields[i].key;
	return NULL;
}

static json_t *columns_json(void)
{
	static const char *const cols[][2] = {
		{ "seq", "序号" },
		{ "county", "县（市、区）" },
		{ "category", "申报类别" },
		{ "name", "名称" },
		{ "identifier_masked", "统一社会信用代码/身份证号（脱敏）" },
		{ "industry", "所属行业" },
		{ "contact", "联系人" },
		{ "contact_mobile_masked", "联系电话（脱敏）" },
		{ "rank", "推荐排序" },
		{ "note", "备注" },
	};
	json_t *a = json_array();
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "key", cols[i][0], "title", cols[i][1]));
	return a;
}

/*
 * 申报类别: the track's name, and for a track with several forms the form's
 * short name, the part of its title in full-width parentheses: 组织奖（制造业）.
 */
static void category_of(const struct template *t, int ti, const struct tpl_form *form, const char *form_code,
			char *out, size_t cap)
{
	const char *track = ti >= 0 ? t->tracks[ti].name : "";
	const char *open = form ? strstr(form->title, "（") : NULL;
	const char *close = open ? strstr(open, "）") : NULL;

	if (ti >= 0 && t->tracks[ti].nforms <= 1)
		snprintf(out, cap, "%s", track);
	else if (close)
		snprintf(out, cap, "%s%.*s", track, (int)(close + strlen("）") - open), open);
	else
		snprintf(out, cap, "%s（%s）", track, form ? form->title : form_code);
}

/* One row of the summary table. */
static json_t *reco_row(const struct template *t, struct store_stmt *s, int seq)
{
	json_error_t je;
	const char *track = store_col_text(s, 2), *form_code = store_col_text(s, 5);
	const struct tpl_form *form = template_form(t, form_code);
	int ti = template_track_index(t, track);
	json_t *fields = json_loads(store_col_text(s, 6), 0, &je);
	const char *mkey = contact_mobile_key(form), *contact = json_string_value(json_object_get(fields, "contact"));
	json_t *mobile = mkey ? json_object_get(json_object_get(fields, mkey), "masked") : NULL;
	const char *uscc = store_col_text(s, 8), *industry = store_col_text(s, 10);
	char masked[32], category[256];

	if (uscc[0])
		applicant_mask_uscc(uscc, masked, sizeof(masked));
	else
		snprintf(masked, sizeof(masked), "%s", store_col_text(s, 9));
	category_of(t, ti, form, form_code, category, sizeof(category));
	json_t *row = json_pack(
		"{s:i, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:I, s:s}", "seq", seq, "application",
		(json_int_t)store_col_int(s, 0), "region", store_col_text(s, 1), "county", store_col_text(s, 13),
		"track", track, "category", category, "name", store_col_text(s, 7), "identifier_masked", masked,
		"industry", industry[0] ? applicant_industry_name(industry) : "", "contact",
		contact ? contact : store_col_text(s, 7), "contact_mobile_masked",
		mobile ? json_string_value(mobile) : (store_col_text(s, 11)[0] ? store_col_text(s, 11) : NULL), "rank",
		(json_int_t)store_col_int(s, 3), "note", store_col_text(s, 4));
	if (!uscc[0])
		json_object_set_new(row, "employer", json_string(store_col_text(s, 12)));
	json_decref(fields);
	return row;
}

struct reco_view {
	const struct app_actor *actor;
	int64_t pid;
	json_t *out;
	json_t *persons; /* when not NULL: per row, whether its track is for persons (the typed table) */
};

struct reco_rows {
	const struct template *t;
	json_t *rows, *persons;
};

static int reco_row_add(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct reco_rows *r = arg;
	int ti = template_track_index(r->t, store_col_text(s, 2));
	(void)err;
	json_array_append_new(r->rows, reco_row(r->t, s, (int)json_array_size(r->rows) + 1));
	if (r->persons)
		json_array_append_new(r->persons, json_boolean(ti >= 0 && r->t->tracks[ti].applicant == TPL_PERSON));
	return 0;
}

/*
 * Who recommends on the summary table (推荐单位): a county bureau signs its
 * own county's list; the office's list of every county carries the family
 * text "recommend.recommender".
 */
static int reco_recommender(struct store_conn *c, const struct reco_view *v, const struct programme *p, char *out,
			    size_t cap, struct px_err *err)
{
	if (is_county(v->actor))
		return input_region_name(c, v->actor->region, out, cap, err);
	snprintf(out, cap, "%s", family_text(p->tpl, "recommend.recommender"));
	return 0;
}

static int reco_view_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct reco_view *v = arg;
	struct programme p = { 0 };
	struct reco_rows r = { NULL, json_array(), v->persons };
	const char *region;
	char recommender[160] = "";
	int rc = programme_load(c, v->pid, &p, err);

	if (v->persons)
		json_array_clear(v->persons); /* from an attempt that was retried */
	if (!rc && !(region = programme_county_scope(&p, v->actor)))
		rc = px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the office and the counties see recommendations");
	r.t = p.tpl;
	if (!rc && !(rc = reco_recommender(c, v, &p, recommender, sizeof(recommender), err)) &&
	    !(rc = store_each(c, &Q_RECO_ROWS, reco_row_add, &r, err, "it", v->pid, region)))
		v->out = json_pack("{s:I, s:s, s:s, s:o, s:O}", "programme", (json_int_t)v->pid, "title", p.tpl->title,
				   "recommender", recommender, "columns", columns_json(), "rows", r.rows);
	json_decref(r.rows);
	programme_release(&p);
	return rc;
}

int county_recommendations_json(struct app *app, const struct app_actor *actor, int64_t programme_id,
				json_t **out, struct px_err *err)
{
	struct reco_view v = { actor, programme_id, NULL, NULL };
	return app_tx_json(app, STORE_TX_READ, reco_view_tx, &v, &v.out, out, err);
}

static const char *str_or(json_t *o, const char *k, const char *dflt)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s && s[0] ? s : dflt;
}

int county_recommendations_doc(struct app *app, const struct app_actor *actor, int64_t programme_id,
			       struct county_reco_doc *doc, struct px_err *err)
{
	json_t *rows, *row;
	size_t i, n;
	int rc;

	struct reco_view v = { actor, programme_id, NULL, json_array() };

	memset(doc, 0, sizeof(*doc));
	rc = app_tx_json(app, STORE_TX_READ, reco_view_tx, &v, &v.out, &doc->view, err);
	if (rc) {
		json_decref(v.persons);
		return rc;
	}
	rows = json_object_get(doc->view, "rows");
	n = json_array_size(rows);
	if (!(doc->items = calloc(n ? n : 1, sizeof(*doc->items)))) {
		json_decref(v.persons);
		county_reco_doc_release(doc);
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	}
	json_array_foreach(rows, i, row)
		doc->items[i] = (struct report_recommendation){
			.county = str_or(row, "county", ""),
			.track = json_is_true(json_array_get(v.persons, i)) ? REPORT_TRACK_PERSON : REPORT_TRACK_ORG,
			.name = str_or(row, "name", ""),
			.id_masked = str_or(row, "identifier_masked", ""),
			.industry = str_or(row, "industry", ""),
			.contact = str_or(row, "contact", "—"),
			.phone_masked = str_or(row, "contact_mobile_masked", "—"),
			.rank = (int)json_integer_value(json_object_get(row, "rank")),
			.note = str_or(row, "note", ""),
		};
	doc->list = (struct report_recommend_list){
		.programme = str_or(doc->view, "title", ""),
		.recommender = str_or(doc->view, "recommender", ""),
		.date = app_today(app),
		.items = doc->items,
		.n = n,
	};
	json_decref(v.persons);
	return 0;
}

void county_reco_doc_release(struct county_reco_doc *doc)
{
	free(doc->items);
	doc->items = NULL;
	json_decref(doc->view);
	doc->view = NULL;
}
