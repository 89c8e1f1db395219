/*
 * activity.c - the activities units plan for the month, their approval by
 * the office, and the public activity calendar that shows the approved ones
 * beside the city-wide activities, each with the campaign's logo and theme
 * (附件3: every activity carries the 标识 and the slogan).
 */
#include "app/campaign/internal.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/input.h"
#include "app/scope.h"
#include "app/tx.h"

#define ACTIVITY_COLS \
	"x.id, x.account_id, n.name, x.title, x.focus, x.starts_on, x.ends_on, x.place, x.organiser, " \
	"x.co_organisers, x.description, x.audience, x.state"
#define ACTIVITY_FROM \
	" FROM campaign_activity x JOIN account a ON a.id = x.account_id JOIN unit n ON n.id = a.unit_id "

static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO campaign_activity (programme_id, account_id, title, focus, starts_on, ends_on, place, organiser, "
	"co_organisers, description, audience, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
	"RETURNING id");
static struct store_sql Q_LIST = STORE_SQL(
	"SELECT " ACTIVITY_COLS ACTIVITY_FROM "WHERE x.programme_id = $1 AND ($2 = 0 OR x.account_id = $2) "
	"ORDER BY x.starts_on, x.id");
static struct store_sql Q_APPROVED = STORE_SQL(
	"SELECT " ACTIVITY_COLS ACTIVITY_FROM "WHERE x.programme_id = $1 AND x.state = 'approved' ORDER BY x.starts_on, x.id");
static struct store_sql Q_ONE = STORE_SQL("SELECT " ACTIVITY_COLS ", x.programme_id" ACTIVITY_FROM "WHERE x.id = $1");
static struct store_sql Q_APPROVE = STORE_SQL(
	"UPDATE campaign_activity SET state = 'approved', approved_at = $1 WHERE id = $2");

struct act_args {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	const struct campaign_plan *plan;
	json_t *res;
};

static json_t *activity_row(struct store_stmt *s)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s}", "id",
			 (json_int_t)store_col_int(s, 0), "unit", (json_int_t)store_col_int(s, 1), "unit_name",
			 store_col_text(s, 2), "title", store_col_text(s, 3), "focus", store_col_text(s, 4), "starts_on",
			 store_col_text(s, 5), "ends_on", store_col_text(s, 6), "place", store_col_text(s, 7),
			 "organiser", store_col_text(s, 8), "co_organisers", store_col_text(s, 9), "description",
			 store_col_text(s, 10), "audience", (json_int_t)store_col_int(s, 11), "state",
			 store_col_text(s, 12));
}

static int list_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	json_array_append_new(arg, activity_row(s));
	return 0;
}

static int check_plan(const struct camp *k, const struct campaign_plan *p, struct px_err *err)
{
	px_date a, b;
	json_t *f;
	size_t i;
	bool known = false;
	int rc;

	if ((rc = input_line(p->title, 200, "title", err)) || (rc = input_line(p->focus, 64, "focus", err)) ||
	    (rc = input_date(p->starts_on, "starts_on", &a, err)) || (rc = input_date(p->ends_on, "ends_on", &b, err)) ||
	    (rc = input_line(p->place, 200, "place", err)) || (rc = input_line(p->organiser, 200, "organiser", err)) ||
	    (p->co_organisers && *p->co_organisers && (rc = input_line(p->co_organisers, 500, "co_organisers", err))) ||
	    (rc = input_textarea(p->description, 4000, "description", err)))
		return rc;
	json_array_foreach(json_object_get(k->section, "focuses"), i, f)
		known = known || !strcmp(json_string_value(f), p->focus);
	if (!known)
		return px_err_set(err, PX_EINVAL, "unknown_focus", "focus", "'%s' is not one of the campaign's focuses",
				  p->focus);
	if (b < a)
		return px_err_set(err, PX_EINVAL, "bad_dates", "ends_on", "the activity ends on %s, before it starts",
				  p->ends_on);
	if (p->audience < 0)
		return px_err_set(err, PX_EINVAL, "invalid_number", "audience", "the expected audience is not negative");
	return 0;
}

static int plan_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct act_args *a = arg;
	const struct campaign_plan *p = a->plan;
	char unit[128];
	struct camp k;
	int64_t id = 0;
	int rc = camp_load(c, a->id, &k, err);

	if (rc)
		return rc;
	if ((rc = camp_require_unit(c, &k, a->actor, unit, sizeof(unit), err)) || (rc = check_plan(&k, p, err)))
		goto out;
	if ((rc = store_get(c, &Q_INSERT, err, "iittttttttii:i", k.id, a->actor->id, p->title, p->focus, p->starts_on,
			    p->ends_on, p->place, p->organiser, p->co_organisers ? p->co_organisers : "", p->description,
			    p->audience, app_now_us(a->app), &id)) < 0)
		goto out;
	json_t *payload = json_pack("{s:I, s:s, s:s}", "programme", (json_int_t)k.id, "focus", p->focus, "starts_on",
				    p->starts_on);
	if ((rc = audit_record(c, a->actor, "campaign.plan", "campaign_activity", id, payload, err)))
		goto out;
	rc = store_each(c, &Q_ONE, list_row, (a->res = json_array()), err, "i", id);
out:
	camp_release(&k);
	return rc;
}

int campaign_activity_plan(struct app *app, const struct app_actor *actor, int64_t programme_id,
			   const struct campaign_plan *plan, json_t **out, struct px_err *err)
{
	struct act_args a = { app, actor, programme_id, plan, NULL };
	json_t *arr = NULL;
	int rc = app_tx_json(app, STORE_TX_WRITE, plan_tx, &a, &a.res, &arr, err);
	if (!rc) {
		*out = json_incref(json_array_get(arr, 0));
		json_decref(arr);
	}
	return rc;
}

static int list_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct act_args *a = arg;
	char unit[128];
	struct camp k;
	int64_t only = 0;
	int rc = camp_load(c, a->id, &k, err);

	if (rc)
		return rc;
	if (!camp_is_office(&k, a->actor) &&
	    !(a->actor->kind == ACTOR_ACCOUNT && a->actor->role == ROLE_LEADER &&
	      app_actor_in_region(a->actor, k.region, NULL))) {
		if ((rc = camp_require_unit(c, &k, a->actor, unit, sizeof(unit), err)))
			goto out;
		only = a->actor->id;
	}
	a->res = json_pack("{s:[]}", "activities");
	rc = store_each(c, &Q_LIST, list_row, json_object_get(a->res, "activities"), err, "ii", k.id, only);
out:
	camp_release(&k);
	return rc;
}

int campaign_activities_json(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
			     struct px_err *err)
{
	struct act_args a = { app, actor, programme_id, NULL, NULL };
	return app_tx_json(app, STORE_TX_READ, list_tx, &a, &a.res, out, err);
}

static int approve_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct act_args *a = arg;
	int64_t programme = 0;
	struct camp k;
	json_t *rows = json_array();
	int rc = store_each(c, &Q_ONE, list_row, rows, err, "i", a->id);

	if (!rc && !json_array_size(rows))
		rc = px_err_set(err, PX_ENOTFOUND, "not_found", "id", "no activity %lld", (long long)a->id);
	if (rc)
		goto out_rows;
	if ((rc = store_get(c, &Q_ONE, err, "i:-------------i", a->id, &programme)) < 0 ||
	    (rc = camp_load(c, programme, &k, err)))
		goto out_rows;
	if (!camp_is_office(&k, a->actor))
		rc = px_err_set(err, PX_EFORBIDDEN, "office_only", NULL, "the office approves activities");
	else if (!(rc = store_run(c, &Q_APPROVE, err, "ii", app_now_us(a->app), a->id)))
		rc = audit_record(c, a->actor, "campaign.approve", "campaign_activity", a->id, json_object(), err);
	camp_release(&k);
	if (!rc) {
		a->res = json_incref(json_array_get(rows, 0));
		json_object_set_new(a->res, "state", json_string("approved"));
	}
out_rows:
	json_decref(rows);
	return rc;
}

int campaign_activity_approve(struct app *app, const struct app_actor *actor, int64_t id, json_t **out,
			      struct px_err *err)
{
	struct act_args a = { app, actor, id, NULL, NULL };
	return app_tx_json(app, STORE_TX_WRITE, approve_tx, &a, &a.res, out, err);
}

struct cal_args {
	struct act_args a;
	const char *slogan, *logo;
};

static int calendar_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct cal_args *c = arg;
	json_t *row = activity_row(s);
	(void)err;
	json_object_del(row, "unit");
	json_object_del(row, "state");
	json_object_set_new(row, "kind", json_string("unit"));
	json_object_set_new(row, "slogan", json_string(c->slogan));
	json_object_set_new(row, "logo", json_string(c->logo));
	json_array_append_new(json_object_get(c->a.res, "activities"), row);
	return 0;
}

static int calendar_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct cal_args *x = arg;
	char logo[96];
	struct camp k;
	json_t *v;
	size_t i;
	int rc = camp_load(c, x->a.id, &k, err);

	if (rc)
		return rc;
	snprintf(logo, sizeof(logo), "/api/v1/programmes/%lld/campaign/logo", (long long)k.id);
	x->slogan = json_string_value(json_object_get(k.section, "theme"));
	x->logo = logo;
	x->a.res = json_pack("{s:I, s:s, s:s, s:s, s:[]}", "programme", (json_int_t)k.id, "title", k.title, "theme",
			     x->slogan, "logo", logo, "activities");
	json_array_foreach(json_object_get(k.section, "city_activities"), i, v) {
		json_t *row = json_deep_copy(v);
		json_object_set_new(row, "kind", json_string("city"));
		json_object_set_new(row, "slogan", json_string(x->slogan));
		json_object_set_new(row, "logo", json_string(logo));
		json_array_append_new(json_object_get(x->a.res, "activities"), row);
	}
	rc = store_each(c, &Q_APPROVED, calendar_row, x, err, "i", k.id);
	camp_release(&k);
	return rc;
}

int campaign_calendar_json(struct app *app, int64_t programme_id, json_t **out, struct px_err *err)
{
	struct cal_args x = { { app, &app_actor_public, programme_id, NULL, NULL }, NULL, NULL };
	return app_tx_json(app, STORE_TX_READ, calendar_tx, &x, &x.a.res, out, err);
}
