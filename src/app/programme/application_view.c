/*
 * application_view.c - what callers see of applications: one application
 * in full, and the list of a programme filtered by what the caller may see
 * (see apply.h). Personal numbers appear only masked. The opinions of the
 * consulted departments and the objections are internal to the
 * administration (the seed tells the outcome of an objection to the objector
 * and the recommending unit, not to the applicant): applicants do not see
 * them.
 */
#include "app/programme/apply.h"

#include <stdio.h>
#include <string.h>

#include "app/json.h"
#include "app/people/applicant.h"
#include "app/programme/certificate.h"
#include "app/tx.h"

static struct store_sql Q_DETAIL = STORE_SQL(
	"SELECT a.form, coalesce(a.internal_notice, ''), a.attest_no_record, coalesce(a.county_note, ''), "
	"coalesce(a.submitted_at, 0), coalesce(o.id, 0), coalesce(o.uscc, ''), coalesce(o.industry, ''), "
	"coalesce(o.founded_on, ''), coalesce(p.id, 0), coalesce(p.id_masked, ''), coalesce(p.employer, ''), "
	"coalesce(p.quality_since, ''), coalesce(p.mobile_masked, '') FROM application a "
	"LEFT JOIN organisation o ON o.id = a.organisation_id LEFT JOIN person p ON p.id = a.person_id "
	"WHERE a.id = $1");
static struct store_sql Q_DOCS = STORE_SQL(
	"SELECT id, purpose, sha256, name, size, uploaded_at FROM document WHERE application_id = $1 ORDER BY id");
static struct store_sql Q_ELIG = STORE_SQL(
	"SELECT rule, result, reason FROM eligibility WHERE application_id = $1 ORDER BY rule");
static struct store_sql Q_OPINIONS = STORE_SQL(
	"SELECT id, stage_code, department, verdict, text, created_at FROM opinion WHERE application_id = $1 "
	"ORDER BY id");
static struct store_sql Q_RECO = STORE_SQL(
	"SELECT rank, coalesce(note, '') FROM recommendation WHERE application_id = $1");
static struct store_sql Q_CERTIFICATE = STORE_SQL(
	"SELECT id, no, code, issued_on FROM certificate WHERE application_id = $1 ORDER BY id");
static struct store_sql Q_OBJECTIONS = STORE_SQL(
	"SELECT outcome, count(*) FROM objection WHERE application_id = $1 GROUP BY outcome");
static struct store_sql Q_LIST = STORE_SQL(
	"SELECT a.id, a.programme_id, a.track_code, a.form_code, coalesce(a.organisation_id, 0), "
	"coalesce(a.person_id, 0), a.region, a.state, coalesce(o.name, p.name, ''), "
	"coalesce(o.account_id, p.account_id, 0), coalesce(a.created_by, 0), coalesce(a.submitted_at, 0), "
	"g.region, coalesce(o.uscc, ''), coalesce(p.id_masked, '') FROM application a "
	"JOIN programme g ON g.id = a.programme_id LEFT JOIN organisation o ON o.id = a.organisation_id "
	"LEFT JOIN person p ON p.id = a.person_id WHERE a.programme_id = $1 AND ($2 = '' OR a.state = $2) "
	"AND ($3 = '' OR a.region = $3) ORDER BY a.region, a.id");

static bool is_staff(const struct app_actor *actor)
{
	return actor->kind == ACTOR_CLI ||
	       (actor->kind == ACTOR_ACCOUNT && (actor->role == ROLE_OFFICE || actor->role == ROLE_LEADER ||
						 actor->role == ROLE_COUNTY || actor->role == ROLE_MEMBER));
}

/* Run q for the application and append one JSON value per row, made by `row`. */
static int rows(struct store_conn *c, struct store_sql *q, int64_t id, json_t *arr,
		json_t *(*row)(struct store_stmt *s), struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, q, &s, err);
	if (rc)
		return rc;
	store_bind_int(s, 1, id);
	while ((rc = store_step(s, err)) == STORE_ROW)
		json_array_append_new(arr, row(s));
	store_reset(s);
	return rc < 0 ? rc : 0;
}

static json_t *doc_row(struct store_stmt *s)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:I, s:o}", "id", (json_int_t)store_col_int(s, 0), "purpose",
			 store_col_text(s, 1), "sha256", store_col_text(s, 2), "name", store_col_text(s, 3), "size",
			 (json_int_t)store_col_int(s, 4), "uploaded_at", json_instant(store_col_int(s, 5)));
}

static json_t *elig_row(struct store_stmt *s)
{
	return json_pack("{s:s, s:s, s:s}", "rule", store_col_text(s, 0), "result", store_col_text(s, 1), "reason",
			 store_col_text(s, 2));
}

static json_t *opinion_row(struct store_stmt *s)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)store_col_int(s, 0), "stage",
			 store_col_text(s, 1), "department", store_col_text(s, 2), "verdict", store_col_text(s, 3),
			 "text", store_col_text(s, 4), "created_at", json_instant(store_col_int(s, 5)));
}

static json_t *objection_row(struct store_stmt *s)
{
	return json_pack("{s:s, s:I}", "outcome", store_col_text(s, 0), "count", (json_int_t)store_col_int(s, 1));
}

static json_t *reco_row(struct store_stmt *s)
{
	return json_pack("{s:I, s:s}", "rank", (json_int_t)store_col_int(s, 0), "note", store_col_text(s, 1));
}

/* The winner's certificate, with the public verification URL its QR code carries; null before one is issued. */
static int certificate(const struct app *app, struct store_conn *c, int64_t id, json_t *out, struct px_err *err)
{
	json_t *cert = json_null();
	char url[600], no[64] = "", code[32] = "", issued[16] = "";
	int64_t cid = 0;
	int rc = store_get(c, &Q_CERTIFICATE, err, "i:ibbb", id, &cid, no, sizeof(no), code, sizeof(code), issued,
			   sizeof(issued));

	if (rc < 0)
		return rc;
	if (rc == STORE_ROW) {
		certificate_verify_url(app, code, url, sizeof(url));
		cert = json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)cid, "no", no, "code", code, "issued_on",
				 issued, "verify_url", url);
	}
	json_object_set_new(out, "certificate", cert);
	return 0;
}

/* The applicant and the applicant-side record of the application. */
static int detail(struct store_conn *c, const struct application *a, json_t *out, struct px_err *err)
{
	struct store_stmt *s;
	json_error_t je;
	int rc = store_prepare(c, &Q_DETAIL, &s, err);
	if (rc)
		return rc;
	store_bind_int(s, 1, a->id);
	if ((rc = store_step(s, err)) == STORE_ROW) {
		json_t *form = json_loads(store_col_text(s, 0), 0, &je);
		json_t *notice = store_col_text(s, 1)[0] ? json_loads(store_col_text(s, 1), 0, &je) : NULL;
		const char *note = store_col_text(s, 3);
		json_object_set_new(out, "fields", application_form_view(form));
		json_object_set_new(out, "internal_notice", notice ? notice : json_null());
		json_object_set_new(out, "attested_no_record", json_boolean(store_col_int(s, 2)));
		json_object_set_new(out, "county_note", note[0] ? json_string(note) : json_null());
		json_object_set_new(out, "submitted_at", json_instant(store_col_int(s, 4)));
		if (store_col_int(s, 5))
			json_object_set_new(out, "organisation",
					    json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id",
						      (json_int_t)store_col_int(s, 5), "uscc", store_col_text(s, 6),
						      "name", a->name, "industry", store_col_text(s, 7), "industry_name",
						      applicant_industry_name(store_col_text(s, 7)), "founded_on",
						      store_col_text(s, 8)));
		else
			json_object_set_new(out, "person",
					    json_pack("{s:I, s:s, s:s, s:s, s:s, s:s?}", "id",
						      (json_int_t)store_col_int(s, 9), "id_masked", store_col_text(s, 10),
						      "name", a->name, "employer", store_col_text(s, 11), "quality_since",
						      store_col_text(s, 12), "mobile_masked",
						      store_col_text(s, 13)[0] ? store_col_text(s, 13) : NULL));
		json_decref(form);
		rc = 0;
	}
	store_reset(s);
	return rc < 0 ? rc : 0;
}

struct view_args {
	const struct app *app;
	const struct app_actor *actor;
	int64_t id;
	const char *state, *region;
	json_t *out;
};

/* The objections' counts by outcome, and their total. */
static json_t *objection_sums(json_t *objs)
{
	json_t *sum = json_pack("{s:i, s:i, s:i, s:i}", "total", 0, "pending", 0, "verified", 0, "unfounded", 0), *row;
	size_t i;
	json_array_foreach(objs, i, row) {
		json_int_t n = json_integer_value(json_object_get(row, "count"));
		const char *k = json_string_value(json_object_get(row, "outcome"));
		json_object_set_new(sum, k, json_integer(json_integer_value(json_object_get(sum, k)) + n));
		json_object_set_new(sum, "total", json_integer(json_integer_value(json_object_get(sum, "total")) + n));
	}
	return sum;
}

static int get_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct view_args *v = arg;
	const struct app_actor *actor = v->actor;
	int64_t id = v->id;
	struct application a;
	struct programme p = { 0 };
	json_t *o = NULL, *docs = json_array(), *elig = json_array(), *ops = json_array(), *objs = json_array(),
	       *reco = json_array();
	int rc;

	if ((rc = apply_load(c, actor, id, &a, &p, err)))
		goto out;
	o = application_json(&a);
	if ((rc = detail(c, &a, o, err)) || (rc = rows(c, &Q_DOCS, id, docs, doc_row, err)) ||
	    (rc = rows(c, &Q_ELIG, id, elig, elig_row, err)) || (rc = rows(c, &Q_RECO, id, reco, reco_row, err)) ||
	    (rc = certificate(v->app, c, id, o, err)))
		goto out;
	json_object_set(o, "documents", docs);
	json_object_set(o, "eligibility", elig);
	json_object_set(o, "recommendation", json_array_size(reco) ? json_array_get(reco, 0) : json_null());
	if (is_staff(actor)) {
		if ((rc = rows(c, &Q_OPINIONS, id, ops, opinion_row, err)) ||
		    (rc = rows(c, &Q_OBJECTIONS, id, objs, objection_row, err)))
			goto out;
		json_object_set(o, "opinions", ops);
		json_object_set_new(o, "objections", objection_sums(objs));
	}
	v->out = o;
	o = NULL;
out:
	json_decref(o);
	json_decref(docs);
	json_decref(elig);
	json_decref(ops);
	json_decref(objs);
	json_decref(reco);
	programme_release(&p);
	return rc;
}

int application_get_json(struct app *app, const struct app_actor *actor, int64_t id, json_t **out,
			 struct px_err *err)
{
	struct view_args v = { app, actor, id, NULL, NULL, NULL };
	return app_tx_json(app, STORE_TX_READ, get_tx, &v, &v.out, out, err);
}

struct list_rows {
	struct store_conn *c;
	const struct app_actor *actor;
	json_t *arr;
};

/* One row of the list, when the actor may see the application. */
static int list_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct list_rows *l = arg;
	struct application a = { 0 };
	char masked[32];
	(void)err;
	store_cols(s, "iibbiibbbiiib", &a.id, &a.programme_id, a.track, sizeof(a.track), a.form, sizeof(a.form),
		   &a.organisation_id, &a.person_id, a.region, sizeof(a.region), a.state, sizeof(a.state), a.name,
		   sizeof(a.name), &a.owner_account, &a.created_by, &a.submitted_at, a.programme_region,
		   sizeof(a.programme_region));
	if (!application_readable(l->c, l->actor, &a))
		return 0;
	if (a.organisation_id)
		applicant_mask_uscc(store_col_text(s, 13), masked, sizeof(masked));
	else
		snprintf(masked, sizeof(masked), "%s", store_col_text(s, 14));
	json_t *row = application_json(&a);
	json_object_set_new(row, "identifier_masked", json_string(masked));
	json_object_set_new(row, "submitted_at", json_instant(a.submitted_at));
	json_array_append_new(l->arr, row);
	return 0;
}

static int list_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct view_args *v = arg;
	struct programme p = { 0 };
	struct list_rows l = { c, v->actor, json_array() };
	int rc = programme_load(c, v->id, &p, err);
	programme_release(&p);
	if (!rc)
		rc = store_each(c, &Q_LIST, list_row, &l, err, "itt", v->id, v->state ? v->state : "",
				v->region ? v->region : "");
	if (rc)
		json_decref(l.arr);
	else
		v->out = l.arr;
	return rc;
}

int application_list_json(struct app *app, const struct app_actor *actor, int64_t programme_id,
			  const char *state, const char *region, json_t **out, struct px_err *err)
{
	struct view_args v = { app, actor, programme_id, state, region, NULL };
	if (state && *state && !application_state_known(state))
		return px_err_set(err, PX_EINVAL, "unknown_state", "state", "no application state '%s'", state);
	return app_tx_json(app, STORE_TX_READ, list_tx, &v, &v.out, out, err);
}
