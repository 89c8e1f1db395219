/*
 * certify.c - the 湖南名品 certification's own steps (see certify.h): the city
 * bureau's recommendation, scoped by the application's 市州; the threshold,
 * which certifies every application at or above the bar (no ranking, no
 * cap) and issues its certificate into the register (app/programme/
 * register.h); the count against the target; the exit checks.
 */
#include "app/certification/certify.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/programme/family.h"
#include "app/input.h"
#include "app/json.h"
#include "app/programme/application.h"
#include "app/programme/office.h"
#include "app/programme/register.h"
#include "app/scope.h"
#include "app/tx.h"
#include "core/access.h"

static struct store_sql Q_CONFIG = STORE_SQL("SELECT config FROM programme WHERE id = $1");
/* The 市州 of a division: its parent when that has a parent (a county), else the division itself. */
static struct store_sql Q_PREFECTURE = STORE_SQL(
	"SELECT CASE WHEN coalesce(p.parent, '') <> '' THEN r.parent ELSE r.code END FROM region r "
	"LEFT JOIN region p ON p.code = r.parent WHERE r.code = $1");
static struct store_sql Q_IDS_IN = STORE_SQL(
	"SELECT id FROM application WHERE programme_id = $1 AND state = $2 ORDER BY id");
static struct store_sql Q_COUNT_IN = STORE_SQL(
	"SELECT count(*) FROM application WHERE programme_id = $1 AND state = $2");
static struct store_sql Q_CITY_LIST = STORE_SQL(
	"SELECT a.id, coalesce(o.name, ''), a.region, a.state, a.form FROM application a "
	"LEFT JOIN organisation o ON o.id = a.organisation_id LEFT JOIN region r ON r.code = a.region "
	"WHERE a.programme_id = $1 AND a.state <> 'draft' AND (a.region = $2 OR r.parent = $2) ORDER BY a.id");
static struct store_sql Q_CANDIDATES = STORE_SQL(
	"SELECT a.id, a.track_code, coalesce(o.name, ''), a.region, a.form, coalesce(sr.score, -1) FROM application a "
	"LEFT JOIN organisation o ON o.id = a.organisation_id "
	"LEFT JOIN stage_result sr ON sr.application_id = a.id AND sr.stage_code = $2 "
	"WHERE a.programme_id = $1 AND a.state = 'accepted' ORDER BY a.id");
static struct store_sql Q_SUMMARY = STORE_SQL(
	"SELECT a.id, coalesce(o.name, ''), a.region, a.state, coalesce(sr.score, -1), coalesce(c.no, ''), "
	"coalesce(c.id, 0) FROM application a LEFT JOIN organisation o ON o.id = a.organisation_id "
	"LEFT JOIN stage_result sr ON sr.application_id = a.id AND sr.stage_code = $2 "
	"LEFT JOIN certificate c ON c.application_id = a.id "
	"WHERE a.programme_id = $1 AND a.state IN ('accepted', 'winner', 'not_proposed') ORDER BY a.id");
static struct store_sql Q_VALID = STORE_SQL(
	"SELECT count(*) FROM certificate WHERE programme_id = $1 AND status = 'valid' AND valid_to >= $2");

/* ---- the template section ---- */

/* A number member within [min, max] with at most two decimals, in hundredths. */
static int hundredths(const json_t *section, const char *key, double min, double max, int64_t *out,
		      struct px_err *err)
{
	const json_t *v = json_object_get(section, key);
	double x = json_number_value(v), h = x * 100.0;
	if (!json_is_number(v) || x < min || x > max || fabs(h - round(h)) > 1e-6)
		return px_err_set(err, PX_EINVAL, "bad_template", key[0] == 'b' ? "section.bar" : "section.target",
				  "section.%s must be a number from %g to %g with at most two decimals", key, min, max);
	*out = (int64_t)llround(h);
	return 0;
}

int certification_rules_of(const json_t *section, struct certification_rules *out, struct px_err *err)
{
	static const char *const keys[] = { "bar", "target", "validity_years", NULL };
	const char *key;
	const json_t *v;
	int64_t target, years;
	int rc;

	if (!json_is_object(section))
		return px_err_set(err, PX_EINVAL, "bad_template", "section",
				  "a certification needs a section with its bar, target and validity_years");
	json_object_foreach((json_t *)section, key, v) {
		size_t i = 0;
		while (keys[i] && strcmp(keys[i], key))
			i++;
		if (!keys[i])
			return px_err_set(err, PX_EINVAL, "bad_template", "section", "unknown key section.%s", key);
	}
	if ((rc = hundredths(section, "bar", 0, 100, &out->bar, err)) ||
	    (rc = hundredths(section, "target", 1, 100000, &target, err)))
		return rc;
	v = json_object_get(section, "validity_years");
	years = json_integer_value(v);
	if (!json_is_integer(v) || years < 1 || years > 10)
		return px_err_set(err, PX_EINVAL, "bad_template", "section.validity_years",
				  "section.validity_years must be an integer from 1 to 10");
	if (target % 100)
		return px_err_set(err, PX_EINVAL, "bad_template", "section.target", "section.target must be an integer");
	out->target = target / 100;
	out->validity_years = (int)years;
	return 0;
}

/* ---- shared steps ---- */

/* The programme (*p, released by the caller) when it is a certification; PX_ENOTFOUND otherwise. */
static int load_certification(struct store_conn *c, int64_t id, struct programme *p, struct px_err *err)
{
	int rc = programme_load(c, id, p, err);
	if (rc)
		return rc;
	if (strcmp(p->tpl->kind, CERTIFICATION_KIND)) {
		programme_release(p);
		memset(p, 0, sizeof(*p));
		return px_err_set(err, PX_ENOTFOUND, "not_certification", "id", "programme %" PRId64
				  " is not a certification", id);
	}
	return 0;
}

/* The rules of the programme's template section. */
static int rules_of(struct store_conn *c, int64_t programme_id, struct certification_rules *r, struct px_err *err)
{
	char *config = NULL;
	int rc = store_get(c, &Q_CONFIG, err, "i:s", programme_id, &config);
	if (rc == STORE_ROW) {
		json_t *section = family_section(config, strlen(config));
		rc = certification_rules_of(section, r, err);
		json_decref(section);
	} else if (rc >= 0) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "id", "no programme %" PRId64, programme_id);
	}
	free(config);
	return rc;
}

/* The code of the review stage whose scores the bar is applied to (the last one). */
static const char *review_stage(const struct template *t)
{
	const char *code = "";
	for (int i = 0; i < t->nstages; i++)
		if (t->stages[i].kind == TPL_STAGE_REVIEW)
			code = t->stages[i].code;
	return code;
}

/* The product named in an application's form, "" when none. */
static void product_of(const char *form, char *out, size_t cap)
{
	json_t *f = json_loads(form ? form : "{}", 0, NULL);
	const char *v = json_string_value(json_object_get(f, "product"));
	snprintf(out, cap, "%s", v ? v : "");
	json_decref(f);
}

/* ---- recommendation ---- */

struct recommend_arg {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	bool recommend;
	const char *opinion;
	json_t *out;
};

static int recommend_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct recommend_arg *r = arg;
	static const char *const from[] = { "submitted", NULL };
	struct application a;
	struct programme p = { 0 };
	char city[8] = "";
	int rc;

	if ((rc = application_load(c, r->id, &a, err)) || (rc = load_certification(c, a.programme_id, &p, err)))
		return rc == PX_ENOTFOUND ? px_err_set(err, PX_ENOTFOUND, NULL, "id", "no application %" PRId64, r->id) : rc;
	if ((rc = store_get(c, &Q_PREFECTURE, err, "t:b", a.region, city, sizeof(city))) < 0)
		goto out;
	if (!app_actor_in_region(r->actor, p.region, city)) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "id", "no application %" PRId64, r->id);
		goto out;
	}
	if ((rc = programme_require_kind(&p, TPL_STAGE_RECOMMENDATION, NULL, err)) ||
	    (rc = application_move(c, r->actor, &a, from, r->recommend ? "recommended" : "not_recommended",
				   r->opinion, err)))
		goto out;
	r->out = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)a.id, "state", a.state, "city", city, "opinion",
			   r->opinion);
out:
	programme_release(&p);
	return rc;
}

int certification_recommend(struct app *app, const struct app_actor *actor, int64_t application_id, bool recommend,
			    const char *opinion, json_t **out, struct px_err *err)
{
	struct recommend_arg r = { app, actor, application_id, recommend, opinion, NULL };
	int rc;
	*out = NULL;
	if (!app_actor_is(actor, ROLE_COUNTY))
		return px_err_set(err, PX_ENOTFOUND, NULL, "id", "no application %" PRId64, application_id);
	if (!opinion || !opinion[0])
		return px_err_set(err, PX_EINVAL, "missing_field", "opinion", "the bureau's opinion is required");
	if ((rc = input_textarea(opinion, CERTIFICATION_OPINION_MAX, "opinion", err)))
		return rc;
	return app_tx_json(app, STORE_TX_WRITE, recommend_tx, &r, &r.out, out, err);
}

struct list_arg {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	json_t *out;
};

static int city_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct list_arg *l = arg;
	char product[200];
	(void)err;
	product_of(store_col_text(s, 4), product, sizeof(product));
	json_array_append_new(json_object_get(l->out, "applications"),
			      json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)store_col_int(s, 0), "name",
					store_col_text(s, 1), "region", store_col_text(s, 2), "state",
					store_col_text(s, 3), "product", product));
	return 0;
}

static int city_list_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct list_arg *l = arg;
	struct programme p = { 0 };
	int rc = load_certification(c, l->id, &p, err);
	if (rc)
		return rc;
	if (!app_actor_in_region(l->actor, p.region, l->actor->region))
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "id", "no programme %" PRId64, l->id);
	else {
		l->out = json_pack("{s:I, s:s, s:[]}", "programme", (json_int_t)p.id, "city", l->actor->region,
				   "applications");
		rc = store_each(c, &Q_CITY_LIST, city_row, l, err, "it", p.id, l->actor->region);
	}
	programme_release(&p);
	return rc;
}

int certification_city_list(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
			    struct px_err *err)
{
	struct list_arg l = { app, actor, programme_id, NULL };
	*out = NULL;
	if (!app_actor_is(actor, ROLE_COUNTY))
		return px_err_set(err, PX_ENOTFOUND, NULL, "id", "no programme %" PRId64, programme_id);
	return app_tx_json(app, STORE_TX_READ, city_list_tx, &l, &l.out, out, err);
}

/* ---- the threshold ---- */

px_date certification_valid_until(px_date from, int years)
{
	int y, m, d;
	date_to_ymd(from, &y, &m, &d);
	if (m == 2 && d == 29 && !date_valid_ymd(y + years, 2, 29))
		return date_from_ymd(y + years, 3, 1) - 1;
	return date_from_ymd(y + years, m, d) - 1;
}

struct certify_arg {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	struct programme p;
	struct certification_rules rules;
	px_date today;
	int64_t issued;
	json_t *out;
};

/* Collect one candidate (the current row of Q_CANDIDATES) with its score. */
static int candidate_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct certify_arg *a = arg;
	int64_t id = store_col_int(s, 0), score = store_col_int(s, 5);
	json_t *row = json_pack("{s:I, s:s, s:s, s:s, s:I}", "id", (json_int_t)id, "track", store_col_text(s, 1),
				"name", store_col_text(s, 2), "region", store_col_text(s, 3), "score", (json_int_t)score);
	char product[200];
	product_of(store_col_text(s, 4), product, sizeof(product));
	json_object_set_new(row, "product", json_string(product));
	json_array_append_new(a->out, row);
	if (score < 0)
		return px_err_set(err, PX_ECONFLICT, "score_missing", "id",
				  "application %" PRId64 " has no score from its review", id);
	return 0;
}

/* Move one candidate and, when at or above the bar, issue its certificate. */
static int certify_one(struct store_conn *c, struct certify_arg *a, json_t *row, struct px_err *err)
{
	static const char *const from[] = { "accepted", NULL };
	struct application app_row;
	int64_t score = json_integer_value(json_object_get(row, "score")), cert = 0;
	bool pass = score >= a->rules.bar;
	char no[64];
	int rc;

	if ((rc = application_load(c, json_integer_value(json_object_get(row, "id")), &app_row, err)) ||
	    (rc = application_move(c, a->actor, &app_row, from, pass ? "winner" : "not_proposed",
				   pass ? "at or above the bar" : "below the bar", err)))
		return rc;
	if (!pass)
		return 0;
	snprintf(no, sizeof(no), "%s-%d-%03" PRId64, a->p.tpl->certificate_prefix[0] ? a->p.tpl->certificate_prefix : "CERT",
		 a->p.year, ++a->issued);
	struct register_entry e = {
		.application_id = app_row.id, .programme_id = a->p.id, .no = no,
		.holder = json_string_value(json_object_get(row, "name")),
		.product = json_string_value(json_object_get(row, "product")),
		.track = json_string_value(json_object_get(row, "track")),
		.region = json_string_value(json_object_get(row, "region")), .score = score,
		.valid_from = a->today, .valid_to = certification_valid_until(a->today, a->rules.validity_years),
	};
	return register_issue(c, a->actor, &e, a->today, &cert, err);
}

static int summary_in(struct certify_arg *a, struct store_conn *c, struct px_err *err);

static int certify_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct certify_arg *a = arg;
	static struct store_sql Q_ISSUED = STORE_SQL(
		"SELECT count(*) FROM certificate WHERE programme_id = $1");
	json_t *rows = NULL, *row;
	size_t i;
	int rc;

	if ((rc = load_certification(c, a->id, &a->p, err)))
		return rc;
	if (!programme_is_office(&a->p, a->actor)) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "id", "no programme %" PRId64, a->id);
		goto out;
	}
	if ((rc = programme_require_kind(&a->p, TPL_STAGE_APPROVAL, NULL, err)) ||
	    (rc = rules_of(c, a->id, &a->rules, err)) ||
	    (rc = store_get(c, &Q_ISSUED, err, "i:i", a->id, &a->issued)) < 0)
		goto out;
	a->out = rows = json_array();
	if ((rc = store_each(c, &Q_CANDIDATES, candidate_row, a, err, "it", a->id, review_stage(a->p.tpl))))
		goto out;
	a->out = NULL;
	json_array_foreach(rows, i, row)
		if ((rc = certify_one(c, a, row, err)))
			goto out;
	rc = audit_record(c, a->actor, "certification.certify", "programme", a->id,
			  json_pack("{s:o, s:I, s:I}", "bar", json_hundredths(a->rules.bar), "candidates",
				    (json_int_t)json_array_size(rows), "target", (json_int_t)a->rules.target),
			  err);
	if (!rc)
		rc = summary_in(a, c, err);
out:
	json_decref(rows);
	programme_release(&a->p);
	return rc;
}

int certification_certify(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
			  struct px_err *err)
{
	struct certify_arg a = { .app = app, .actor = actor, .id = programme_id, .today = app_today(app) };
	return app_tx_json(app, STORE_TX_WRITE, certify_tx, &a, &a.out, out, err);
}

/* ---- the count against the target ---- */

static int summary_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct certify_arg *a = arg;
	int64_t score = store_col_int(s, 4), cert = store_col_int(s, 6);
	(void)err;
	json_t *row = json_pack("{s:I, s:s, s:s, s:s, s:o, s:b}", "id", (json_int_t)store_col_int(s, 0), "name",
				store_col_text(s, 1), "region", store_col_text(s, 2), "state", store_col_text(s, 3),
				"score", score < 0 ? json_null() : json_hundredths(score), "certified",
				!strcmp(store_col_text(s, 3), "winner"));
	json_object_set_new(row, "certificate",
			    cert ? json_pack("{s:I, s:s}", "id", (json_int_t)cert, "no", store_col_text(s, 5)) : json_null());
	json_array_append_new(json_object_get(a->out, "applications"), row);
	if (cert)
		json_object_set_new(a->out, "certified",
				    json_integer(json_integer_value(json_object_get(a->out, "certified")) + 1));
	return 0;
}

static int summary_in(struct certify_arg *a, struct store_conn *c, struct px_err *err)
{
	char today[11];
	int64_t valid = 0;
	int rc;
	date_format(a->app ? app_today(a->app) : a->today, today);
	if ((rc = rules_of(c, a->id, &a->rules, err)) ||
	    (rc = store_get(c, &Q_VALID, err, "it:i", a->id, today, &valid)) < 0)
		return rc;
	a->out = json_pack("{s:I, s:o, s:I, s:i, s:I, s:[]}", "programme", (json_int_t)a->id, "bar",
			   json_hundredths(a->rules.bar), "target", (json_int_t)a->rules.target, "certified", 0, "valid",
			   (json_int_t)valid, "applications");
	return store_each(c, &Q_SUMMARY, summary_row, a, err, "it", a->id, review_stage(a->p.tpl));
}

static int summary_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct certify_arg *a = arg;
	int rc = load_certification(c, a->id, &a->p, err);
	if (rc)
		return rc;
	if (!app_actor_in_region(a->actor, a->p.region, NULL))
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "id", "no programme %" PRId64, a->id);
	else
		rc = summary_in(a, c, err);
	programme_release(&a->p);
	return rc;
}

int certification_summary(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
			  struct px_err *err)
{
	struct certify_arg a = { .app = app, .actor = actor, .id = programme_id };
	return app_tx_json(app, STORE_TX_READ, summary_tx, &a, &a.out, out, err);
}

/* ---- exit checks ---- */

static int count_in(struct store_conn *c, int64_t programme_id, const char *state, int64_t *n, struct px_err *err)
{
	int rc = store_get(c, &Q_COUNT_IN, err, "it:i", programme_id, state, n);
	return rc < 0 ? rc : 0;
}

static int id_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	json_t *ids = arg;
	(void)err;
	json_array_append_new(ids, json_integer(store_col_int(s, 0)));
	return 0;
}

int certification_close_recommendation(struct app *app, struct store_conn *c, const struct programme *p,
				       const struct tpl_stage *s, struct px_err *err)
{
	json_t *ids = json_array(), *moved = json_array(), *v;
	int64_t open = 0, *list = NULL;
	size_t i, n;
	int rc;
	(void)app;
	(void)s;
	if ((rc = count_in(c, p->id, "submitted", &open, err)))
		goto out;
	if (open) {
		rc = px_err_set(err, PX_ECONFLICT, "recommendations_open", "stage",
				"%" PRId64 " submitted applications still wait for their city bureau", open);
		goto out;
	}
	if ((rc = store_each(c, &Q_IDS_IN, id_row, ids, err, "it", p->id, "recommended")))
		goto out;
	n = json_array_size(ids);
	if (!(list = calloc(n ? n : 1, sizeof(*list)))) {
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		goto out;
	}
	json_array_foreach(ids, i, v)
		list[i] = json_integer_value(v);
	rc = application_move_ids(c, &app_actor_cli, list, n, "recommended", "accepted",
				  "recommended by the city bureau", moved, err);
out:
	free(list);
	json_decref(ids);
	json_decref(moved);
	return rc;
}

int certification_close_certification(struct app *app, struct store_conn *c, const struct programme *p,
				      const struct tpl_stage *s, struct px_err *err)
{
	int64_t open = 0;
	int rc;
	(void)app;
	(void)s;
	if ((rc = count_in(c, p->id, "accepted", &open, err)))
		return rc;
	if (open)
		return px_err_set(err, PX_ECONFLICT, "certification_missing", "stage",
				  "the bar was not applied to %" PRId64 " reviewed applications", open);
	return 0;
}
