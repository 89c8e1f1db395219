/*
 * problem.c - recording help-desk problems and reading them (helpdesk.h):
 * by the enterprise or for it, or from the suggestions of a review report;
 * each routed at once with its due dates on the official calendar.
 */
#include "app/helpdesk/internal.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/input.h"
#include "app/review/results.h"
#include "app/scope.h"
#include "app/tx.h"
#include "core/helpdesk.h"

static struct store_sql Q_PROVIDERS = STORE_SQL(
	"SELECT p.id, p.region, p.fields, (SELECT count(*) FROM hd_problem x WHERE x.provider_id = p.id "
	"AND x.state IN ('assigned', 'responded')) FROM hd_provider p WHERE p.active = 1 ORDER BY p.id");
static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO hd_problem (owner_region, organisation_id, field, title, detail, source, source_ref, state, "
	"provider_id, opened_on, respond_by, resolve_by, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
	"$8, NULLIF(CAST($9 AS BIGINT), 0), $10, $11, $12, NULLIF(CAST($13 AS BIGINT), 0), $14) "
	"ON CONFLICT DO NOTHING RETURNING id");
static struct store_sql Q_ORG = STORE_SQL("SELECT id, region, coalesce(account_id, 0) FROM organisation WHERE id = $1");
static struct store_sql Q_OWN_ORG = STORE_SQL("SELECT id, region, account_id FROM organisation WHERE account_id = $1");
static struct store_sql Q_APP_ORG = STORE_SQL(
	"SELECT o.id, o.region FROM application a JOIN organisation o ON o.id = a.organisation_id WHERE a.id = $1");

/* The router's choice so far; each row is weighed against it (the order is total, so pairwise is exact). */
struct route_walk {
	const char *field, *region;
	struct helpdesk_provider pair[2];
	char regions[2][8], fields[2][256];
	bool have;
};

static int route_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct route_walk *w = arg;
	(void)err;
	struct helpdesk_provider *cand = &w->pair[1];
	store_cols(s, "ibbd", &cand->id, w->regions[1], sizeof(w->regions[1]), w->fields[1], sizeof(w->fields[1]),
		   &cand->open);
	cand->region = w->regions[1];
	cand->fields = w->fields[1];
	int i = w->have ? helpdesk_route(w->pair, 2, w->field, w->region) : helpdesk_route(cand, 1, w->field, w->region) + 1;
	if (i == 1) {
		w->pair[0] = *cand;
		memcpy(w->regions[0], w->regions[1], sizeof(w->regions[0]));
		memcpy(w->fields[0], w->fields[1], sizeof(w->fields[0]));
		w->pair[0].region = w->regions[0];
		w->pair[0].fields = w->fields[0];
		w->have = true;
	}
	return 0;
}

int helpdesk_route_tx(struct store_conn *c, const char *field, const char *region, int64_t *provider,
		      struct px_err *err)
{
	struct route_walk w = { .field = field, .region = region };
	int rc = store_each(c, &Q_PROVIDERS, route_row, &w, err, "");
	if (rc < 0)
		return rc;
	*provider = w.have ? w.pair[0].id : 0;
	return 0;
}

int helpdesk_insert_tx(struct app *app, struct store_conn *c, const struct app_actor *actor,
		       const struct helpdesk_row *row, int64_t *id, struct px_err *err)
{
	px_date today = app_today(app), respond_by, resolve_by;
	int64_t provider = 0;
	int rc;

	*id = 0;
	if ((rc = helpdesk_due(app->cal, today, HELPDESK_RESPOND_WORKDAYS, &respond_by, err)) ||
	    (rc = helpdesk_due(app->cal, today, HELPDESK_RESOLVE_WORKDAYS, &resolve_by, err)) ||
	    (rc = helpdesk_route_tx(c, row->field, row->region, &provider, err)))
		return rc;
	rc = store_get(c, &Q_INSERT, err, "tittttttiiiiii:i", row->region, row->organisation, row->field, row->title,
		       row->detail, row->source, row->source_ref, provider ? "assigned" : "unassigned", provider,
		       (int64_t)today, (int64_t)respond_by, (int64_t)resolve_by,
		       actor->kind == ACTOR_ACCOUNT ? actor->id : 0, app_now_us(app), id);
	if (rc < 0)
		return rc;
	if (rc != STORE_ROW)
		return 0; /* this review suggestion is a problem already */
	return audit_record(c, actor, "helpdesk.record", "hd_problem", *id,
			    json_pack("{s:s, s:s, s:I, s:s, s:s?}", "field", row->field, "region", row->region,
				      "provider", (json_int_t)provider, "source", row->source, "ref", row->source_ref),
			    err);
}

struct add_tx {
	struct app *app;
	const struct app_actor *actor;
	const struct helpdesk_problem_new *req;
	json_t *out;
};

/* The organisation the problem is about: the applicant's own, or one in the staff actor's scope. */
static int organisation_of(struct store_conn *c, const struct app_actor *actor, int64_t org, int64_t *id,
			   char region[8], struct px_err *err)
{
	int64_t owner = 0;
	int rc;
	if (app_actor_is(actor, ROLE_APPLICANT) && actor->kind == ACTOR_ACCOUNT) {
		rc = store_get(c, &Q_OWN_ORG, err, "i:ibi", actor->id, id, region, (size_t)8, &owner);
		if (rc >= 0 && rc != STORE_ROW)
			return px_err_set(err, PX_EINVAL, "no_organisation", "organisation",
					  "register the organisation before recording a problem");
		return rc < 0 ? rc : 0;
	}
	rc = store_get(c, &Q_ORG, err, "i:ibi", org, id, region, (size_t)8, &owner);
	if (rc < 0)
		return rc;
	if (rc != STORE_ROW || !app_actor_in_region(actor, region, region))
		return px_err_set(err, PX_ENOTFOUND, NULL, "organisation", "no organisation %lld", (long long)org);
	return 0;
}

static int add_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct add_tx *x = arg;
	char region[8] = "";
	int64_t org = 0, id;
	int rc = organisation_of(c, x->actor, x->req->organisation, &org, region, err);
	if (rc)
		return rc;
	struct helpdesk_row row = { region, x->req->field, x->req->title, x->req->detail, "enterprise", NULL, org };
	if ((rc = helpdesk_insert_tx(x->app, c, x->actor, &row, &id, err)))
		return rc;
	return helpdesk_problem_json(x->app, c, x->actor, id, &x->out, err);
}

static int check_field(const char *field, struct px_err *err)
{
	if (!helpdesk_field_find(field))
		return px_err_set(err, PX_EINVAL, "invalid_field", "field", "no help-desk field '%s'", field ? field : "");
	return 0;
}

int helpdesk_problem_add(struct app *app, const struct app_actor *actor, const struct helpdesk_problem_new *req,
			 json_t **out, struct px_err *err)
{
	int rc;
	*out = NULL;
	if (!(app_actor_is(actor, ROLE_APPLICANT) || app_actor_is(actor, ROLE_OFFICE) || app_actor_is(actor, ROLE_COUNTY)))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "an enterprise, its county or the office records problems");
	if ((rc = check_field(req->field, err)) || (rc = input_line(req->title, 200, "title", err)) ||
	    (rc = input_textarea(req->detail, 8000, "detail", err)))
		return rc;
	struct add_tx x = { app, actor, req, NULL };
	return app_tx_json(app, STORE_TX_WRITE, add_tx, &x, &x.out, out, err);
}

struct review_tx {
	struct app *app;
	const struct app_actor *actor;
	int64_t application;
	const char *field;
	json_t *suggestions, *out;
};

static int review_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct review_tx *x = arg;
	char region[8] = "", ref[64], title[200];
	int64_t org = 0, id;
	size_t i;
	json_t *v, *ids = json_array();
	int rc = store_get(c, &Q_APP_ORG, err, "i:ib", x->application, &org, region, sizeof(region)), skipped = 0;
	if (rc >= 0 && rc != STORE_ROW)
		rc = px_err_set(err, PX_EINVAL, "not_organisation", "application",
				"application %lld is not an organisation's", (long long)x->application);
	json_array_foreach(x->suggestions, i, v) {
		const char *text = json_string_value(v);
		if (rc < 0 || !text || !*text)
			continue;
		snprintf(ref, sizeof(ref), "review:%lld:%zu", (long long)x->application, i);
		snprintf(title, sizeof(title), "评审反馈的改进建议（申报 %lld 第 %zu 条）", (long long)x->application, i + 1);
		struct helpdesk_row row = { region, x->field, title, text, "review", ref, org };
		if (!(rc = helpdesk_insert_tx(x->app, c, x->actor, &row, &id, err))) {
			if (id)
				json_array_append_new(ids, json_integer(id));
			else
				skipped++;
		}
	}
	x->out = json_pack("{s:o, s:i}", "problems", ids, "skipped", skipped);
	return rc < 0 ? rc : 0;
}

int helpdesk_from_review(struct app *app, const struct app_actor *actor, int64_t application, const char *field,
			 json_t **out, struct px_err *err)
{
	json_t *report = NULL;
	int rc;
	*out = NULL;
	if (!app_actor_is(actor, ROLE_OFFICE))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the office turns review feedback into problems");
	if ((rc = check_field(field, err)) || (rc = results_report(app, actor, application, NULL, &report, err)))
		return rc;
	struct review_tx x = { app, actor, application, field, json_object_get(report, "suggestions"), NULL };
	rc = app_tx_json(app, STORE_TX_WRITE, review_tx, &x, &x.out, out, err);
	json_decref(report);
	return rc;
}
