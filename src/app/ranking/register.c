/*
 * register.c - the brand ranking's registration (one application listing its
 * 1 or 2 tracks) and the district bureaus' lists of their applicants (see
 * register.h).
 */
#include "app/ranking/register.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/input.h"
#include "app/json.h"
#include "app/people/applicant.h"
#include "app/programme/application.h"
#include "app/programme/apply.h"
#include "app/programme/programme.h"
#include "app/programme/stage_window.h"
#include "app/ranking/section.h"
#include "app/tx.h"
#include "core/access.h"

static struct store_sql Q_ORG = STORE_SQL(
	"SELECT region, coalesce(account_id, 0), industry FROM organisation WHERE id = $1");
static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO application (programme_id, track_code, form_code, organisation_id, region, form, state, "
	"attest_no_record, created_by, created_at, submitted_at, updated_at) "
	"VALUES ($1, $2, 'brand', $3, $4, $5, 'submitted', 1, $6, $7, $7, $7) RETURNING id");
static struct store_sql Q_TRACK = STORE_SQL(
	"INSERT INTO ranking_track (application_id, programme_id, track_code, position, industry) "
	"VALUES ($1, $2, $3, $4, $5)");
static struct store_sql Q_LIST = STORE_SQL(
	"SELECT a.id, a.region, r.name, o.name, o.uscc, t.industry, a.form, a.state, a.submitted_at, t.track_code "
	"FROM ranking_track t JOIN application a ON a.id = t.application_id "
	"JOIN organisation o ON o.id = a.organisation_id JOIN region r ON r.code = a.region "
	"WHERE t.programme_id = $1 AND ($2 = '' OR a.region = $2) ORDER BY a.id, t.position");
static struct store_sql Q_ONE = STORE_SQL(
	"SELECT a.id, a.region, r.name, o.name, o.uscc, t.industry, a.form, a.state, a.submitted_at, t.track_code "
	"FROM ranking_track t JOIN application a ON a.id = t.application_id "
	"JOIN organisation o ON o.id = a.organisation_id JOIN region r ON r.code = a.region "
	"WHERE t.application_id = $1 ORDER BY t.position");

struct reg_arg {
	struct app *app;
	const struct app_actor *actor;
	int64_t programme_id;
	const struct ranking_registration *req;
	int64_t id;
	json_t *out;
};

/* Inside the registration window: opened by its date, not yet closed (stage_window.h). */
static int require_window(struct app *app, struct store_conn *c, const struct programme *p, struct px_err *err)
{
	const struct tpl_stage *st = programme_stage(p);
	char d[11];

	if (st->opens && app_today(app) < st->opens) {
		date_format(st->opens, d);
		return px_err_set(err, PX_ECONFLICT, "registration_not_open", "stage", "registration opens on %s", d);
	}
	return stage_window_require_open(app, c, p, st->code, err);
}

static int check_tracks(const struct template *t, const struct ranking_section *s,
			const struct ranking_registration *req, struct px_err *err)
{
	char field[40];

	if (!req->ntracks)
		return px_err_set(err, PX_EINVAL, "no_track", "tracks", "choose at least one track");
	if ((int)req->ntracks > s->max_tracks)
		return px_err_set(err, PX_EINVAL, "too_many_tracks", "tracks", "at most %d tracks, got %zu",
				  s->max_tracks, req->ntracks);
	for (size_t i = 0; i < req->ntracks; i++) {
		snprintf(field, sizeof(field), "tracks[%zu]", i);
		if (!req->tracks[i] || template_track_index(t, req->tracks[i]) < 0)
			return px_err_set(err, PX_EINVAL, "unknown_track", field, "no track '%s' in this programme",
					  req->tracks[i] ? req->tracks[i] : "");
		for (size_t j = 0; j < i; j++)
			if (!strcmp(req->tracks[i], req->tracks[j]))
				return px_err_set(err, PX_EINVAL, "duplicate_track", field, "track '%s' is chosen twice",
						  req->tracks[i]);
	}
	return 0;
}

static int check_fields(const struct ranking_registration *req, struct px_err *err)
{
	int rc;
	if ((rc = input_line(req->brand, 120, "brand", err)) ||
	    (rc = input_textarea(req->description, 3000, "description", err)) ||
	    (rc = input_line(req->contact, 32, "contact", err)))
		return rc;
	if (!req->attest)
		return px_err_set(err, PX_EINVAL, "truth_attestation_missing", "attest",
				  "attest that the materials are true, accurate, lawful and valid");
	return 0;
}

/* The organisation's region and industry; 404 unless the actor may register it. */
static int organisation_for(struct store_conn *c, const struct app_actor *actor, int64_t id, char region[8],
			    char industry[4], struct px_err *err)
{
	int64_t account = 0;
	int rc = store_get(c, &Q_ORG, err, "i:bib", id, region, (size_t)8, &account, industry, (size_t)4);
	if (rc < 0)
		return rc;
	bool mine = actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_APPLICANT && account == actor->id;
	if (rc != STORE_ROW ||
	    !(mine || actor->kind == ACTOR_CLI || (!account && applicant_staff_may_act(actor, region))))
		return px_err_set(err, PX_ENOTFOUND, NULL, "organisation", "no organisation %lld", (long long)id);
	return 0;
}

static int insert(struct store_conn *c, struct reg_arg *a, const char *region, const char *industry,
		  struct px_err *err)
{
	const struct ranking_registration *req = a->req;
	json_t *form = json_pack("{s:s, s:s, s:s}", "brand", req->brand, "description", req->description, "contact",
				 req->contact);
	char *text = json_dumps(form, JSON_COMPACT | JSON_SORT_KEYS);
	int64_t now = app_now_us(a->app), actor = a->actor->kind == ACTOR_ACCOUNT ? a->actor->id : 0;
	int rc;

	json_decref(form);
	if (!text)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	if (actor)
		rc = store_get(c, &Q_INSERT, err, "itittii:i", a->programme_id, req->tracks[0], req->organisation_id,
			       region, (const char *)text, actor, now, &a->id);
	else
		rc = store_get(c, &Q_INSERT, err, "itittni:i", a->programme_id, req->tracks[0], req->organisation_id,
			       region, (const char *)text, now, &a->id);
	free(text);
	if (rc == PX_ECONFLICT)
		return px_err_set(err, PX_ECONFLICT, "application_exists", "organisation",
				  "this organisation has registered for the programme already");
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < req->ntracks; i++)
		if ((rc = store_run(c, &Q_TRACK, err, "iitit", a->id, a->programme_id, req->tracks[i], (int64_t)(i + 1),
				    industry)))
			return rc;
	return 0;
}

static json_t *registration_row(struct store_stmt *s)
{
	char masked[24];
	json_t *form = json_parse_stored(store_col_text(s, 6));
	applicant_mask_uscc(store_col_text(s, 4), masked, sizeof(masked));
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:O, s:s, s:I, s:[]}", "id",
			      (json_int_t)store_col_int(s, 0), "region", store_col_text(s, 1), "district",
			      store_col_text(s, 2), "name", store_col_text(s, 3), "uscc_masked", masked, "industry",
			      store_col_text(s, 5), "industry_name", applicant_industry_name(store_col_text(s, 5)),
			      "brand", json_object_get(form, "brand") ? json_object_get(form, "brand") : json_null(),
			      "state", store_col_text(s, 7), "submitted_at", (json_int_t)store_col_int(s, 8), "tracks");
	json_decref(form);
	return o;
}

/* Rows of Q_LIST / Q_ONE: one per chosen track, grouped into one registration each. */
static int list_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	json_t *arr = arg, *last = json_array_get(arr, json_array_size(arr) - 1);
	(void)err;
	if (!last || json_integer_value(json_object_get(last, "id")) != store_col_int(s, 0)) {
		last = registration_row(s);
		json_array_append_new(arr, last);
	}
	json_array_append_new(json_object_get(last, "tracks"), json_string(store_col_text(s, 9)));
	return 0;
}

static int register_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct reg_arg *a = arg;
	const struct ranking_registration *req = a->req;
	struct ranking_section sec;
	struct programme p;
	char region[8] = "", industry[4] = "";
	int rc = programme_load(c, a->programme_id, &p, err);
	const struct tpl_stage *st = rc ? NULL : apply_stage(p.tpl);

	if (rc || (rc = programme_require_stage(&p, st ? st->code : "registration", err)) ||
	    (rc = require_window(a->app, c, &p, err)) || (rc = ranking_section_load(c, p.id, &sec, err)) ||
	    (rc = check_tracks(p.tpl, &sec, req, err)) || (rc = check_fields(req, err)) ||
	    (rc = organisation_for(c, a->actor, req->organisation_id, region, industry, err)))
		goto out;
	if (!access_region_contains(p.region, region)) {
		rc = px_err_set(err, PX_EINVAL, "region_outside_programme", "organisation",
				"the organisation's region %s is outside the programme's region %s", region, p.region);
		goto out;
	}
	if (req->industry && !*applicant_industry_name(req->industry)) {
		rc = px_err_set(err, PX_EINVAL, "invalid_industry", "industry",
				"'%s' is not a GB/T 4754-2017 section letter A to T", req->industry);
		goto out;
	}
	if ((rc = insert(c, a, region, req->industry ? req->industry : industry, err)))
		goto out;
	json_t *tracks = json_array();
	for (size_t i = 0; i < req->ntracks; i++)
		json_array_append_new(tracks, json_string(req->tracks[i]));
	if ((rc = audit_record(c, a->actor, "ranking.register", "application", a->id,
			       json_pack("{s:I, s:I, s:o}", "programme", (json_int_t)p.id, "organisation",
					 (json_int_t)req->organisation_id, "tracks", tracks),
			       err)))
		goto out;
	json_t *rows = json_array();
	rc = store_each(c, &Q_ONE, list_row, rows, err, "i", a->id);
	a->out = json_incref(json_array_get(rows, 0));
	json_decref(rows);
out:
	programme_release(&p);
	return rc < 0 ? rc : 0;
}

int ranking_register(struct app *app, const struct app_actor *actor, int64_t programme_id,
		     const struct ranking_registration *req, json_t **out, struct px_err *err)
{
	struct reg_arg a = { app, actor, programme_id, req, 0, NULL };
	return app_tx_json(app, STORE_TX_WRITE, register_tx, &a, &a.out, out, err);
}

struct list_arg {
	const struct app_actor *actor;
	int64_t programme_id;
	const char *track;
	json_t *out;
};

/* Keep the registrations that chose `track`. */
static json_t *filter_track(json_t *rows, const char *track)
{
	json_t *kept = json_array(), *row, *t;
	size_t i, j;
	json_array_foreach(rows, i, row) {
		json_array_foreach(json_object_get(row, "tracks"), j, t)
			if (!strcmp(json_string_value(t), track)) {
				json_array_append(kept, row);
				break;
			}
	}
	json_decref(rows);
	return kept;
}

/* The district bureaus of the section that the scope shows, each with its registrations. */
static json_t *districts_json(const struct ranking_section *sec, const char *scope, json_t *rows)
{
	json_t *arr = json_array(), *row;
	size_t i;
	for (int d = 0; d < sec->ndistricts; d++) {
		const struct ranking_district *x = &sec->districts[d];
		if (scope[0] && strcmp(scope, x->region))
			continue;
		json_int_t n = 0;
		json_array_foreach(rows, i, row)
			n += !strcmp(json_string_value(json_object_get(row, "region")), x->region);
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:I}", "region", x->region, "name", x->name,
						     "bureau", x->bureau, "phone", x->phone, "registrations", n));
	}
	return arr;
}

static int list_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct list_arg *a = arg;
	struct ranking_section sec;
	struct programme p;
	int rc = programme_load(c, a->programme_id, &p, err);
	const char *scope = rc ? NULL : programme_county_scope(&p, a->actor);

	if (rc)
		goto out;
	if (!scope) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "programme", "no programme %lld", (long long)p.id);
		goto out;
	}
	if ((rc = ranking_section_load(c, p.id, &sec, err)))
		goto out;
	json_t *rows = json_array();
	if ((rc = store_each(c, &Q_LIST, list_row, rows, err, "it", p.id, scope)) < 0) {
		json_decref(rows);
		goto out;
	}
	if (a->track)
		rows = filter_track(rows, a->track);
	a->out = json_pack("{s:I, s:o, s:o}", "programme", (json_int_t)p.id, "districts",
			   districts_json(&sec, scope, rows), "registrations", rows);
out:
	programme_release(&p);
	return rc < 0 ? rc : 0;
}

int ranking_registrations_json(struct app *app, const struct app_actor *actor, int64_t programme_id,
			       const char *track, json_t **out, struct px_err *err)
{
	struct list_arg a = { actor, programme_id, track, NULL };
	return app_tx_json(app, STORE_TX_READ, list_tx, &a, &a.out, out, err);
}

struct one_arg {
	const struct app_actor *actor;
	int64_t id;
	json_t *out;
};

static int one_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct one_arg *a = arg;
	struct application ap;
	int rc = application_load(c, a->id, &ap, err);
	if (!rc && !application_visible(a->actor, &ap))
		rc = PX_ENOTFOUND;
	json_t *rows = json_array();
	if (!rc)
		rc = store_each(c, &Q_ONE, list_row, rows, err, "i", a->id);
	if (!rc && !json_array_size(rows))
		rc = PX_ENOTFOUND;
	if (rc == PX_ENOTFOUND)
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "application", "no registration %lld", (long long)a->id);
	else if (!rc)
		a->out = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	return rc < 0 ? rc : 0;
}

int ranking_registration_json(struct app *app, const struct app_actor *actor, int64_t application_id,
			      json_t **out, struct px_err *err)
{
	struct one_arg a = { actor, application_id, NULL };
	return app_tx_json(app, STORE_TX_READ, one_tx, &a, &a.out, out, err);
}
