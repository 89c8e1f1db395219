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

/* Begin, load the application (404 outside the actor's scope) and require the county stage. */
static int open_app(struct store_conn *c, const struct app_actor *actor, int64_t id, struct application *a,
		    struct programme *p, const struct tpl_stage **st, struct px_err *err)
{
	int rc;
	if ((rc = store_begin(c, STORE_TX_WRITE, err)) || (rc = apply_load(c, actor, id, a, p, err)))
		return rc;
	return require_county_stage(p, st, err);
}

int county_check(struct app *app, const struct app_actor *actor, int64_t id, const char *result, const char *note,
		 struct px_err *err)
{
	static const char *const from_pass[] = { "submitted", NULL };
	static const char *const from_return[] = { "submitted", "county_checked", NULL };
	struct store_conn *c = store_acquire(app->st);
	const struct tpl_stage *st;
	struct application a;
	struct programme p = { 0 };
	bool pass = result && !strcmp(result, "pass");
	int rc;

	if (!result || (!pass && strcmp(result, "return"))) {
		rc = px_err_set(err, PX_EINVAL, "invalid_result", "result", "result is 'pass' or 'return', not '%s'",
				result ? result : "");
		goto out;
	}
	if (!pass && !note) {
		rc = px_err_set(err, PX_EINVAL, "missing_field", "note", "say what the applicant must complete or correct");
		goto out;
	}
	if ((note && (rc = input_textarea(note, NOTE_MAX, "note", err))) ||
	    (rc = open_app(c, actor, id, &a, &p, &st, err)))
		goto out_rollback;
	if (!is_county(actor)) {
		rc = px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "only the county bureau checks applications");
		goto out_rollback;
	}
	if ((rc = application_move(c, actor, &a, pass ? from_pass : from_return, pass ? "county_checked" : "returned",
				   note, err)) ||
	    (rc = store_run(c, &Q_SET_NOTE, err, "tii", note, app_now_us(app), id)) || (rc = store_commit(c, err)))
		goto out_rollback;
	goto out;
out_rollback:
	store_rollback(c);
out:
	programme_release(&p);
	store_release(c);
	return rc;
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

int county_opinion(struct app *app, const struct app_actor *actor, int64_t id, const char *department,
		   const char *verdict, const char *text, json_t **out, struct px_err *err)
{
	static const char *const verdicts[] = { "no_objection", "objection", "note", NULL };
	struct store_conn *c = store_acquire(app->st);
	const struct tpl_stage *st;
	struct application a;
	struct programme p = { 0 };
	struct store_stmt *s;
	int64_t oid = 0;
	int rc, i;

	for (i = 0; verdicts[i] && (!verdict || strcmp(verdicts[i], verdict)); i++)
		;
	if (!verdicts[i]) {
		rc = px_err_set(err, PX_EINVAL, "invalid_verdict", "verdict",
				"verdict is no_objection, objection or note, not '%s'", verdict ? verdict : "");
		goto out;
	}
	if ((rc = input_textarea(text, OPINION_MAX, "text", err)) || (rc = open_app(c, actor, id, &a, &p, &st, err)))
		goto out_rollback;
	for (i = 0; i < st->nconsult && strcmp(st->consult[i], department ? department : ""); i++)
		;
	if (i == st->nconsult) {
		rc = px_err_set(err, PX_EINVAL, "unknown_department", "department",
				"'%s' is not a department this stage consults", department ? department : "");
		goto out_rollback;
	}
	if (actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_MEMBER)
		rc = member_speaks_for(c, actor, department, err);
	else if (!is_county(actor) && actor->kind != ACTOR_CLI)
		rc = px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "opinions come from the county or the department");
	if (rc)
		goto out_rollback;
	if (strcmp(a.state, "submitted") && strcmp(a.state, "county_checked")) {
		rc = px_err_set(err, PX_ECONFLICT, "wrong_state", "state",
				"application %lld is '%s'; opinions are asked while the county checks it", (long long)id,
				a.state);
		goto out_rollback;
	}
	if ((rc = store_prepare(c, &Q_OPINION_INSERT, &s, err)))
		goto out_rollback;
	store_bind_int(s, 1, id);
	store_bind_text(s, 2, st->code);
	store_bind_text(s, 3, department);
	store_bind_text(s, 4, verdict);
	store_bind_text(s, 5, text);
	if (actor->kind == ACTOR_ACCOUNT)
		store_bind_int(s, 6, actor->id);
	else
		store_bind_null(s, 6);
	store_bind_int(s, 7, app_now_us(app));
	if ((rc = store_step(s, err)) == STORE_ROW)
		oid = store_col_int(s, 0);
	store_reset(s);
	if (rc < 0)
		goto out_rollback;
	json_t *payload = json_pack("{s:I, s:s, s:s}", "opinion", (json_int_t)oid, "department", department, "verdict",
				    verdict);
	rc = audit_record(c, actor, "opinion.add", "application", id, payload, err);
	if (rc || (rc = store_commit(c, err)))
		goto out_rollback;
	*out = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)oid, "application", (json_int_t)id,
			 "stage", st->code, "department", department, "verdict", verdict, "text", text);
	goto out;
out_rollback:
	store_rollback(c);
out:
	programme_release(&p);
	store_release(c);
	return rc;
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

/* Begin a county use case on a programme in its county stage. */
static int open_programme(struct store_conn *c, const struct app_actor *actor, int64_t pid, struct programme *p,
			  const struct tpl_stage **st, struct px_err *err)
{
	int rc;
	if (!is_county(actor))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "only a county bureau does this, for its county");
	if ((rc = store_begin(c, STORE_TX_WRITE, err)) || (rc = programme_load(c, pid, p, err)))
		return rc;
	return require_county_stage(p, st, err);
}

int county_notice(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *starts_on,
		  json_t **out, struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	const struct tpl_stage *st;
	struct programme p = { 0 };
	struct store_stmt *s;
	json_t *done = NULL, *list = json_array();
	char title[512], region_name[128];
	px_date start = 0;
	int64_t nid = 0;
	int rc;

	if (starts_on && (rc = input_date(starts_on, "starts_on", &start, err)))
		goto out;
	if (start && start < app_today(app)) {
		rc = px_err_set(err, PX_EINVAL, "starts_in_past", "starts_on", "a notice cannot start before today ('%s')",
				starts_on);
		goto out;
	}
	if ((rc = open_programme(c, actor, programme_id, &p, &st, err)) ||
	    (rc = notified_ids(c, programme_id, st->code, actor->region, &done, err)) ||
	    (rc = store_prepare(c, &Q_CHECKED, &s, err)))
		goto out_rollback;
	store_bind_int(s, 1, programme_id);
	store_bind_text(s, 2, actor->region);
	while ((rc = store_step(s, err)) == STORE_ROW) {
		int64_t id = store_col_int(s, 0);
		const char *track = store_col_text(s, 1);
		int ti = template_track_index(p.tpl, track);
		char masked[32];
		if (in_set(done, id))
			continue;
		if (store_col_text(s, 3)[0])
			applicant_mask_uscc(store_col_text(s, 3), masked, sizeof(masked));
		else
			snprintf(masked, sizeof(masked), "%s", store_col_text(s, 4));
		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s, s:s}", "application", (json_int_t)id, "name",
						      store_col_text(s, 2), "track", track, "track_name",
						      ti >= 0 ? p.tpl->tracks[ti].name : track, "identifier_masked",
						      masked));
	}
	store_reset(s);
	if (rc < 0)
		goto out_rollback;
	if (!json_array_size(list)) {
		rc = px_err_set(err, PX_ECONFLICT, "nothing_to_notify", "applications",
				"no checked application of %s awaits a public notice", actor->region);
		goto out_rollback;
	}
	if ((rc = input_region_name(c, actor->region, region_name, sizeof(region_name), err)))
		goto out_rollback;
	snprintf(title, sizeof(title), "%s%s（%s）", p.tpl->title, family_text(p.tpl, "notice.recommendation"),
		 region_name);
	struct notice_new n = { .programme_id = programme_id, .stage_code = st->code, .region = actor->region,
				.title = title, .list = list, .starts_on = start, .workdays = st->notice_workdays };
	if (!n.workdays) {
		rc = px_err_set(err, PX_ECONFLICT, "no_notice_period", "stage", "stage '%s' declares no notice period",
				st->code);
		goto out_rollback;
	}
	if ((rc = notice_publish(app, c, actor, &n, &nid, NULL, err)) || (rc = store_commit(c, err)))
		goto out_rollback;
	store_release(c);
	c = NULL;
	rc = notice_json(app, nid, out, err);
	goto out;
out_rollback:
	store_rollback(c);
out:
	json_decref(done);
	json_decref(list);
	programme_release(&p);
	if (c)
		store_release(c);
	return rc;
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
	if (rc == PX_ENOTFOUND || (!rc && (a->programme_id != pid || !application_visible(actor, a))))
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

int county_recommend(struct app *app, const struct app_actor *actor, int64_t programme_id,
		     const struct county_pick *picks, size_t n, json_t **out, struct px_err *err)
{
	static const char *const from[] = { "county_checked", NULL };
	struct store_conn *c = store_acquire(app->st);
	const struct tpl_stage *st;
	struct programme p = { 0 };
	struct application *apps = NULL;
	struct store_stmt *s;
	json_t *notified = NULL, *rest = json_array(), *audit_list = json_array();
	int rc;

	if (n > PICKS_MAX) {
		rc = px_err_set(err, PX_EINVAL, "too_many", "applications", "at most %d applications at once", PICKS_MAX);
		goto out;
	}
	if (!(apps = calloc(n ? n : 1, sizeof(*apps)))) {
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		goto out;
	}
	if ((rc = open_programme(c, actor, programme_id, &p, &st, err)))
		goto out_rollback;
	if (st->closes && app_today(app) > st->closes) {
		char d[11];
		date_format(st->closes, d);
		rc = px_err_set(err, PX_ECONFLICT, "deadline_passed", "stage",
				"recommendations were due by %s (stage '%s')", d, st->code);
		goto out_rollback;
	}
	if ((rc = notice_require_ended_in(app, c, programme_id, st->code, actor->region, err)) ||
	    (rc = notified_ids(c, programme_id, st->code, actor->region, &notified, err)))
		goto out_rollback;
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < i; j++)
			if (picks[j].application == picks[i].application) {
				rc = px_err_set(err, PX_EINVAL, "duplicate_application", "applications",
						"application %lld is listed twice", (long long)picks[i].application);
				goto out_rollback;
			}
		if ((picks[i].note && (rc = input_textarea(picks[i].note, 200, "note", err))) ||
		    (rc = check_pick(c, actor, programme_id, st, notified, picks[i].application, &apps[i], err)))
			goto out_rollback;
	}
	/* the quota per track: what was recommended before plus this list */
	for (int t = 0; t < p.tpl->ntracks; t++) {
		const struct tpl_quota *q = template_quota(p.tpl, actor->region);
		int64_t count, max_rank, adding = 0, slots = q ? q->slots[t] : 0;
		for (size_t i = 0; i < n; i++)
			adding += !strcmp(apps[i].track, p.tpl->tracks[t].code);
		if (!adding)
			continue;
		if ((rc = recommended_so_far(c, programme_id, actor->region, p.tpl->tracks[t].code, &count, &max_rank,
					     err)))
			goto out_rollback;
		if (count + adding > slots) {
			rc = px_err_set(err, PX_ECONFLICT, "quota_exceeded", "applications",
					"track '%s' of %s has a quota of %lld; %lld recommended before, %lld more listed",
					p.tpl->tracks[t].code, actor->region, (long long)slots, (long long)count,
					(long long)adding);
			goto out_rollback;
		}
		/* ranks continue after earlier recommendations, in the order given */
		for (size_t i = 0; i < n; i++) {
			if (strcmp(apps[i].track, p.tpl->tracks[t].code))
				continue;
			if ((rc = store_run(c, &Q_RECO_INSERT, err, "ittiiit", apps[i].id, (const char *)actor->region,
					    p.tpl->tracks[t].code, ++max_rank, actor->id, app_now_us(app), picks[i].note)) ||
			    (rc = application_move(c, actor, &apps[i], from, "recommended", NULL, err)))
				goto out_rollback;
			json_array_append_new(audit_list, json_pack("{s:I, s:s, s:I}", "application",
								    (json_int_t)apps[i].id, "track",
								    p.tpl->tracks[t].code, "rank", (json_int_t)max_rank));
		}
	}
	/* the county's other notified, checked applications are not recommended */
	if ((rc = store_prepare(c, &Q_CHECKED, &s, err)))
		goto out_rollback;
	store_bind_int(s, 1, programme_id);
	store_bind_text(s, 2, actor->region);
	while ((rc = store_step(s, err)) == STORE_ROW)
		if (in_set(notified, store_col_int(s, 0)))
			json_array_append_new(rest, json_integer(store_col_int(s, 0)));
	store_reset(s);
	if (rc < 0)
		goto out_rollback;
	for (size_t i = 0; i < json_array_size(rest); i++) {
		struct application a;
		if ((rc = application_load(c, json_integer_value(json_array_get(rest, i)), &a, err)) ||
		    (rc = application_move(c, actor, &a, from, "not_recommended", "not recommended by the county", err)))
			goto out_rollback;
	}
	json_t *payload = json_pack("{s:s, s:O, s:O}", "region", actor->region, "recommended", audit_list,
				    "not_recommended", rest);
	rc = audit_record(c, actor, "county.recommend", "programme", programme_id, payload, err);
	if (rc || (rc = store_commit(c, err)))
		goto out_rollback;
	store_release(c);
	c = NULL;
	rc = county_recommendations_json(app, actor, programme_id, out, err);
	goto out;
out_rollback:
	store_rollback(c);
out:
	free(apps);
	json_decref(notified);
	json_decref(rest);
	json_decref(audit_list);
	programme_release(&p);
	if (c)
		store_release(c);
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

int county_recommendations_json(struct app *app, const struct app_actor *actor, int64_t programme_id,
				json_t **out, struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	struct programme p = { 0 };
	struct store_stmt *s;
	json_t *rows = json_array();
	const char *region;
	int rc, seq = 0;

	if ((rc = store_begin(c, STORE_TX_READ, err)) || (rc = programme_load(c, programme_id, &p, err)))
		goto out;
	if (!(region = programme_county_scope(&p, actor))) {
		rc = px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the office and the counties see recommendations");
		goto out;
	}
	if ((rc = store_prepare(c, &Q_RECO_ROWS, &s, err)))
		goto out;
	store_bind_int(s, 1, programme_id);
	store_bind_text(s, 2, region);
	while ((rc = store_step(s, err)) == STORE_ROW)
		json_array_append_new(rows, reco_row(p.tpl, s, ++seq));
	store_reset(s);
	if (rc < 0)
		goto out;
	rc = 0;
	*out = json_pack("{s:I, s:s, s:s, s:o, s:O}", "programme", (json_int_t)programme_id, "title", p.tpl->title,
			 "recommender", family_text(p.tpl, "recommend.recommender"), "columns", columns_json(), "rows",
			 rows);
out:
	store_rollback(c);
	json_decref(rows);
	programme_release(&p);
	store_release(c);
	return rc;
}
