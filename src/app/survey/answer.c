/*
 * answer.c - an enterprise's answer to a survey and the benchmarks the
 * office records (survey.h), each checked against the survey's form.
 */
#include "app/survey/internal.h"

#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/input.h"
#include "app/json.h"
#include "app/scope.h"
#include "app/tx.h"
#include "core/ident.h"

static struct store_sql Q_UPSERT = STORE_SQL(
	"INSERT INTO sv_answer (survey_id, organisation_id, region, content, answered_on, updated_at) "
	"VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (survey_id, organisation_id) DO UPDATE SET "
	"content = excluded.content, answered_on = excluded.answered_on, updated_at = excluded.updated_at RETURNING id");
static struct store_sql Q_WINNER = STORE_SQL(
	"SELECT o.id, o.name FROM organisation o WHERE o.uscc = $1 AND substr(o.region, 1, $2) = $3 AND ("
	"EXISTS (SELECT 1 FROM certificate c JOIN application a ON a.id = c.application_id WHERE a.organisation_id = o.id) "
	"OR EXISTS (SELECT 1 FROM honour h WHERE h.uscc = o.uscc AND h.kind IN ('china_quality_award', "
	"'china_quality_award_nomination', 'governor_quality_award', 'mayor_quality_award')))");
static struct store_sql Q_ANSWER_OF = STORE_SQL(
	"SELECT content FROM sv_answer WHERE survey_id = $1 AND organisation_id = $2");
static struct store_sql Q_BENCH_COUNT = STORE_SQL("SELECT count(*) FROM sv_benchmark WHERE survey_id = $1");
static struct store_sql Q_BENCH_INSERT = STORE_SQL(
	"INSERT INTO sv_benchmark (survey_id, kind, name, source, standard, organisation_id, levels, created_at) "
	"VALUES ($1, $2, $3, $4, $5, NULLIF(CAST($6 AS BIGINT), 0), $7, $8) RETURNING id");

struct answer_tx {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	json_t *content, *out;
};

static int answer_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct answer_tx *x = arg;
	struct survey_row row;
	int64_t org, answer = 0;
	char region[8];
	int rc = survey_own_organisation(c, x->actor, &org, region, err);
	if (!rc && !org)
		rc = px_err_set(err, PX_EINVAL, "no_organisation", "organisation",
				"register the organisation before answering a survey");
	if (rc || (rc = survey_load(c, x->actor, x->id, &row, err)))
		return rc;
	rc = survey_content_check(row.form, x->content, err);
	json_decref(row.form);
	if (rc)
		return rc;
	char *text = json_dumps(x->content, JSON_COMPACT | JSON_SORT_KEYS);
	if (!text)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	rc = store_get(c, &Q_UPSERT, err, "iittii:i", x->id, org, (const char *)region, text, (int64_t)app_today(x->app),
		       app_now_us(x->app), &answer);
	free(text);
	if (rc < 0)
		return rc;
	x->out = json_pack("{s:I, s:I, s:o}", "answer", (json_int_t)answer, "survey", (json_int_t)x->id, "answered_on",
			   json_date((px_date)app_today(x->app)));
	return audit_record(c, x->actor, "survey.answer", "sv_answer", answer,
			    json_pack("{s:I, s:I}", "survey", (json_int_t)x->id, "organisation", (json_int_t)org), err);
}

int survey_answer(struct app *app, const struct app_actor *actor, int64_t id, json_t *content, json_t **out,
		  struct px_err *err)
{
	*out = NULL;
	if (!app_actor_is(actor, ROLE_APPLICANT))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "an enterprise answers the survey");
	struct answer_tx x = { app, actor, id, content, NULL };
	return app_tx_json(app, STORE_TX_WRITE, answer_tx, &x, &x.out, out, err);
}

struct bench_tx {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	json_t *req, *out;
};

/* A winner benchmark: the organisation (a winner of the survey's region) and, unless given, its own answer's levels. */
static int winner_of(struct store_conn *c, const struct survey_row *row, const char *uscc, int64_t *org,
		     json_t **levels, struct px_err *err)
{
	char prefix[8], name[256], *content = NULL;
	struct app_actor owner = app_actor_office_of(row->owner);
	app_scope_prefix(&owner, prefix);
	int rc = store_get(c, &Q_WINNER, err, "tit:ib", uscc, (int64_t)strlen(prefix), (const char *)prefix, org, name,
			   sizeof(name));
	if (rc >= 0 && rc != STORE_ROW)
		return px_err_set(err, PX_EINVAL, "not_winner", "uscc",
				  "'%s' is no award winner or quality-award holder of the survey's region", uscc);
	if (rc < 0 || *levels)
		return rc < 0 ? rc : 0;
	rc = store_get(c, &Q_ANSWER_OF, err, "ii:s", row->id, *org, &content);
	if (rc == STORE_ROW) {
		json_t *answer = json_parse_stored(content);
		*levels = json_incref(json_object_get(answer, "indicators"));
		json_decref(answer);
	}
	free(content);
	if (rc >= 0 && !*levels)
		return px_err_set(err, PX_EINVAL, "missing_field", "levels", "give the winner's levels: it has not answered");
	return rc < 0 ? rc : 0;
}

static int bench_check(struct bench_tx *x, const char **kind, const char **name, const char **source,
		       const char **standard, struct px_err *err)
{
	int rc;
	*kind = json_string_value(json_object_get(x->req, "kind"));
	*name = json_string_value(json_object_get(x->req, "name"));
	*source = json_string_value(json_object_get(x->req, "source"));
	*standard = json_string_value(json_object_get(x->req, "standard"));
	if (!*kind || (strcmp(*kind, "domestic") && strcmp(*kind, "international") && strcmp(*kind, "winner")))
		return px_err_set(err, PX_EINVAL, "invalid_kind", "kind", "a benchmark is domestic, international or winner");
	if ((rc = input_line(*name, 200, "name", err)) || (rc = input_line(*source, 300, "source", err)) ||
	    (*standard && (rc = input_line(*standard, 80, "standard", err))))
		return rc;
	return 0;
}

static int bench_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct bench_tx *x = arg;
	const char *kind, *name, *source, *standard, *uscc = json_string_value(json_object_get(x->req, "uscc"));
	json_t *levels = json_incref(json_object_get(x->req, "levels"));
	struct survey_row row = { 0 };
	int64_t org = 0, n = 0, id = 0;
	char *text = NULL;
	int rc = bench_check(x, &kind, &name, &source, &standard, err);
	if (!rc && !strcmp(kind, "winner") && !ident_uscc_check(uscc ? uscc : "", uscc ? strlen(uscc) : 0, NULL, err))
		rc = PX_EINVAL;
	if (!rc && !(rc = survey_load(c, x->actor, x->id, &row, err)) && !strcmp(kind, "winner"))
		rc = winner_of(c, &row, uscc, &org, &levels, err);
	if (!rc && !(rc = survey_levels_check(row.form, levels, err)) &&
	    (rc = store_get(c, &Q_BENCH_COUNT, err, "i:i", x->id, &n)) >= 0)
		rc = n >= SURVEY_MAX_BENCHMARKS ? px_err_set(err, PX_ECONFLICT, "too_many_benchmarks", NULL,
							    "a survey has at most %d benchmarks", SURVEY_MAX_BENCHMARKS)
						: 0;
	if (!rc && !(text = json_dumps(levels, JSON_COMPACT | JSON_SORT_KEYS)))
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	if (!rc && (rc = store_get(c, &Q_BENCH_INSERT, err, "ittttiti:i", x->id, kind, name, source, standard, org, text,
				   app_now_us(x->app), &id)) >= 0)
		rc = audit_record(c, x->actor, "survey.benchmark", "sv_benchmark", id,
				  json_pack("{s:I, s:s, s:s}", "survey", (json_int_t)x->id, "kind", kind, "name", name), err);
	if (!rc)
		x->out = json_pack("{s:I, s:s, s:s, s:O}", "id", (json_int_t)id, "kind", kind, "name", name, "levels", levels);
	free(text);
	json_decref(levels);
	json_decref(row.form);
	return rc < 0 ? rc : 0;
}

int survey_benchmark_add(struct app *app, const struct app_actor *actor, int64_t id, json_t *req, json_t **out,
			 struct px_err *err)
{
	*out = NULL;
	if (!app_actor_is(actor, ROLE_OFFICE))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the office records benchmarks");
	struct bench_tx x = { app, actor, id, req, NULL };
	return app_tx_json(app, STORE_TX_WRITE, bench_tx, &x, &x.out, out, err);
}
