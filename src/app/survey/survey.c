/*
 * survey.c - defining a survey and reading it (survey.h): the office of a
 * region defines it as data, its staff and the enterprises of the region
 * read it, an enterprise with its own answer.
 */
#include "app/survey/internal.h"

#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/input.h"
#include "app/json.h"
#include "app/scope.h"
#include "app/tx.h"
#include "core/access.h"

static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO sv_survey (owner_region, title, industry, weakness_pct, form, created_at) "
	"VALUES ($1, $2, $3, $4, $5, $6) RETURNING id");
static struct store_sql Q_ONE = STORE_SQL(
	"SELECT owner_region, title, industry, weakness_pct, form FROM sv_survey WHERE id = $1");
static struct store_sql Q_LIST = STORE_SQL(
	"SELECT s.id, s.owner_region, s.title, s.industry, s.weakness_pct, "
	"(SELECT count(*) FROM sv_answer a WHERE a.survey_id = s.id), "
	"(SELECT count(*) FROM sv_benchmark b WHERE b.survey_id = s.id), "
	"(SELECT count(*) FROM sv_answer a WHERE a.survey_id = s.id AND a.organisation_id = $1) "
	"FROM sv_survey s ORDER BY s.id DESC");
static struct store_sql Q_OWN_ORG = STORE_SQL("SELECT id, region FROM organisation WHERE account_id = $1");
static struct store_sql Q_MINE = STORE_SQL(
	"SELECT id, content, answered_on FROM sv_answer WHERE survey_id = $1 AND organisation_id = $2");
static struct store_sql Q_BENCHMARKS = STORE_SQL(
	"SELECT b.id, b.kind, b.name, b.source, coalesce(b.standard, ''), b.levels, coalesce(o.uscc, '') "
	"FROM sv_benchmark b LEFT JOIN organisation o ON o.id = b.organisation_id WHERE b.survey_id = $1 ORDER BY b.id");

int survey_own_organisation(struct store_conn *c, const struct app_actor *actor, int64_t *org, char region[8],
			    struct px_err *err)
{
	*org = 0;
	region[0] = '\0';
	if (actor->kind != ACTOR_ACCOUNT || actor->role != ROLE_APPLICANT)
		return 0;
	int rc = store_get(c, &Q_OWN_ORG, err, "i:ib", actor->id, org, region, (size_t)8);
	return rc < 0 ? rc : 0;
}

/* May the actor read a survey owned by `owner`: its staff, or an enterprise registered inside that region. */
static int may_read(struct store_conn *c, const struct app_actor *actor, const char *owner, bool *ok,
		    struct px_err *err)
{
	int64_t org;
	char region[8];
	*ok = app_actor_in_region(actor, owner, NULL);
	if (*ok || actor->role != ROLE_APPLICANT)
		return 0;
	int rc = survey_own_organisation(c, actor, &org, region, err);
	*ok = !rc && org && access_region_contains(owner, region);
	return rc;
}

int survey_load(struct store_conn *c, const struct app_actor *actor, int64_t id, struct survey_row *row,
		struct px_err *err)
{
	char *form = NULL;
	bool ok = false;
	memset(row, 0, sizeof(*row));
	int rc = store_get(c, &Q_ONE, err, "i:bbbis", id, row->owner, sizeof(row->owner), row->title, sizeof(row->title),
			   row->industry, sizeof(row->industry), &row->weakness_pct, &form);
	if (rc == STORE_ROW)
		rc = may_read(c, actor, row->owner, &ok, err);
	if (rc >= 0 && ok)
		row->form = json_parse_stored(form);
	free(form);
	if (rc < 0)
		return rc;
	if (!row->form)
		return px_err_set(err, PX_ENOTFOUND, NULL, "id", "no survey %lld", (long long)id);
	row->id = id;
	return 0;
}

struct create_tx {
	struct app *app;
	const struct app_actor *actor;
	json_t *req;
	int64_t id;
};

static int create_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct create_tx *x = arg;
	const char *title = json_string_value(json_object_get(x->req, "title"));
	const char *industry = json_string_value(json_object_get(x->req, "industry"));
	json_t *pct = json_object_get(x->req, "weakness_pct"), *form = json_object_get(x->req, "form");
	json_int_t share = pct ? json_integer_value(pct) : SURVEY_WEAKNESS_PCT;
	const char *owner = x->actor->kind == ACTOR_CLI ? "430000" : x->actor->region;
	int rc;
	if ((rc = input_line(title, 200, "title", err)) || (rc = input_line(industry, 200, "industry", err)))
		return rc;
	if ((pct && !json_is_integer(pct)) || share < 1 || share > 100)
		return px_err_set(err, PX_EINVAL, "out_of_range", "weakness_pct", "a share is 1..100 per cent");
	if ((rc = survey_form_check(form, err)))
		return rc;
	char *text = json_dumps(form, JSON_COMPACT);
	if (!text)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	rc = store_get(c, &Q_INSERT, err, "tttiti:i", owner, title, industry, (int64_t)share, text, app_now_us(x->app),
		       &x->id);
	free(text);
	if (rc < 0)
		return rc;
	return audit_record(c, x->actor, "survey.create", "sv_survey", x->id,
			    json_pack("{s:s, s:I, s:I}", "industry", industry, "indicators",
				      (json_int_t)json_array_size(json_object_get(form, "indicators")), "weakness_pct", share),
			    err);
}

int survey_create(struct app *app, const struct app_actor *actor, json_t *req, int64_t *id, struct px_err *err)
{
	*id = 0;
	if (!app_actor_is(actor, ROLE_OFFICE))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "an office defines surveys");
	struct create_tx x = { app, actor, req, 0 };
	int rc = app_tx(app, STORE_TX_WRITE, create_tx, &x, err);
	if (!rc)
		*id = x.id;
	return rc;
}

struct list_tx {
	const struct app_actor *actor;
	int64_t org;
	char region[8];
	json_t *out;
};

static int list_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct list_tx *l = arg;
	const char *owner = store_col_text(s, 1);
	(void)err;
	if (!app_actor_in_region(l->actor, owner, NULL) && !(l->org && access_region_contains(owner, l->region)))
		return 0;
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:I, s:I, s:I}", "id", (json_int_t)store_col_int(s, 0), "region", owner,
			      "title", store_col_text(s, 2), "industry", store_col_text(s, 3), "weakness_pct",
			      (json_int_t)store_col_int(s, 4), "answers", (json_int_t)store_col_int(s, 5), "benchmarks",
			      (json_int_t)store_col_int(s, 6));
	if (l->org)
		json_object_set_new(o, "answered", json_boolean(store_col_int(s, 7) > 0));
	json_array_append_new(json_object_get(l->out, "surveys"), o);
	return 0;
}

static int list_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct list_tx *l = arg;
	int rc = survey_own_organisation(c, l->actor, &l->org, l->region, err);
	l->out = json_pack("{s:[]}", "surveys");
	if (!rc)
		rc = store_each(c, &Q_LIST, list_row, l, err, "i", l->org);
	return rc < 0 ? rc : 0;
}

int survey_list(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err)
{
	struct list_tx l = { actor, 0, "", NULL };
	return app_tx_json(app, STORE_TX_READ, list_tx, &l, &l.out, out, err);
}

static int benchmark_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	json_array_append_new(arg, json_pack("{s:I, s:s, s:s, s:s, s:s?, s:o, s:s?}", "id", (json_int_t)store_col_int(s, 0),
					     "kind", store_col_text(s, 1), "name", store_col_text(s, 2), "source",
					     store_col_text(s, 3), "standard",
					     *store_col_text(s, 4) ? store_col_text(s, 4) : NULL, "levels",
					     json_parse_stored(store_col_text(s, 5)), "uscc",
					     *store_col_text(s, 6) ? store_col_text(s, 6) : NULL));
	return 0;
}

struct get_tx {
	const struct app_actor *actor;
	int64_t id;
	json_t *out;
};

static int mine(struct store_conn *c, struct get_tx *g, struct px_err *err)
{
	int64_t org, answer = 0, on = 0;
	char region[8], *content = NULL;
	int rc = survey_own_organisation(c, g->actor, &org, region, err);
	if (rc || !org)
		return rc;
	rc = store_get(c, &Q_MINE, err, "ii:isi", g->id, org, &answer, &content, &on);
	json_object_set_new(g->out, "mine", rc == STORE_ROW ? json_pack("{s:I, s:o, s:o}", "answer", (json_int_t)answer,
									"content", json_parse_stored(content),
									"answered_on", json_date((px_date)on))
							    : json_null());
	free(content);
	return rc < 0 ? rc : 0;
}

static int get_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct get_tx *g = arg;
	struct survey_row row;
	int rc = survey_load(c, g->actor, g->id, &row, err);
	if (rc)
		return rc;
	g->out = json_pack("{s:I, s:s, s:s, s:s, s:I, s:o, s:[]}", "id", (json_int_t)g->id, "region", row.owner, "title",
			   row.title, "industry", row.industry, "weakness_pct", (json_int_t)row.weakness_pct, "form", row.form,
			   "benchmarks");
	if (app_actor_in_region(g->actor, row.owner, NULL))
		rc = store_each(c, &Q_BENCHMARKS, benchmark_row, json_object_get(g->out, "benchmarks"), err, "i", g->id);
	else
		rc = mine(c, g, err);
	return rc < 0 ? rc : 0;
}

int survey_get(struct app *app, const struct app_actor *actor, int64_t id, json_t **out, struct px_err *err)
{
	struct get_tx g = { actor, id, NULL };
	return app_tx_json(app, STORE_TX_READ, get_tx, &g, &g.out, out, err);
}
