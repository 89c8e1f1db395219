/*
 * compare.c - the benchmark comparison of a survey (survey.h): the best
 * benchmark value of each indicator (or one chosen benchmark's), each
 * answer's gaps against it with the indicator's direction (core/benchmark.h),
 * the industry's common weaknesses, the standards applied and the systems
 * held; and one gap as the help desk takes it.
 */
#include "app/survey/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/json.h"
#include "app/scope.h"
#include "app/tx.h"
#include "core/benchmark.h"

static struct store_sql Q_BENCHMARKS = STORE_SQL(
	"SELECT id, kind, name, levels FROM sv_benchmark WHERE survey_id = $1 ORDER BY id");
static struct store_sql Q_PROBLEMS = STORE_SQL(
	"SELECT source_ref, id FROM hd_problem WHERE source_ref LIKE $1");
static struct store_sql Q_ANSWERS = STORE_SQL(
	"SELECT a.id, a.organisation_id, o.name, o.uscc, a.region, a.content FROM sv_answer a "
	"JOIN organisation o ON o.id = a.organisation_id WHERE a.survey_id = $1 AND (CAST($2 AS BIGINT) = 0 OR "
	"a.organisation_id = $2) AND (CAST($3 AS BIGINT) = 0 OR a.id = $3) ORDER BY a.id");

struct ind {
	const char *key, *label, *unit, *field;
	enum benchmark_dir dir;
	bool has;
	double target;
	json_t *from; /* the benchmark giving the target {id, kind, name} (borrowed from bench) */
	size_t answered, short_n;
};

struct cmp {
	const struct app_actor *actor;
	int64_t benchmark, only_org, only_answer;
	struct survey_row row;
	struct ind ind[SURVEY_MAX_INDICATORS];
	size_t n;
	json_t *bench;      /* [{id, kind, name, levels}] */
	json_t *problems;   /* ref -> problem id */
	json_t *standards;  /* standard -> count */
	json_t *held;       /* system key -> count */
	json_t *enterprises;
};

static void cmp_release(struct cmp *x)
{
	json_decref(x->row.form);
	json_decref(x->bench);
	json_decref(x->problems);
	json_decref(x->standards);
	json_decref(x->held);
	json_decref(x->enterprises);
}

static int bench_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct cmp *x = arg;
	(void)err;
	if (x->benchmark && store_col_int(s, 0) != x->benchmark)
		return 0;
	json_array_append_new(x->bench, json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)store_col_int(s, 0), "kind",
						  store_col_text(s, 1), "name", store_col_text(s, 2), "levels",
						  json_parse_stored(store_col_text(s, 3))));
	return 0;
}

/* The target of each indicator: the best level among the benchmarks that give it. */
static void targets(struct cmp *x)
{
	double values[SURVEY_MAX_BENCHMARKS];
	bool has[SURVEY_MAX_BENCHMARKS];
	size_t nb = json_array_size(x->bench) < SURVEY_MAX_BENCHMARKS ? json_array_size(x->bench) : SURVEY_MAX_BENCHMARKS;
	for (size_t i = 0; i < x->n; i++) {
		for (size_t b = 0; b < nb; b++) {
			json_t *v = json_object_get(json_object_get(json_array_get(x->bench, b), "levels"), x->ind[i].key);
			has[b] = json_is_number(v);
			values[b] = json_number_value(v);
		}
		int best = benchmark_best(x->ind[i].dir, values, has, nb);
		x->ind[i].has = best >= 0;
		x->ind[i].target = best >= 0 ? values[best] : 0;
		x->ind[i].from = best >= 0 ? json_array_get(x->bench, (size_t)best) : NULL;
	}
}

static int problem_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	json_object_set_new(arg, store_col_text(s, 0), json_integer(store_col_int(s, 1)));
	return 0;
}

/* Load the survey, its indicators, the benchmarks and targets, and the problems gaps became. */
static int cmp_prepare(struct store_conn *c, struct cmp *x, int64_t id, struct px_err *err)
{
	char like[48];
	size_t i;
	json_t *v;
	int rc = survey_load(c, x->actor, id, &x->row, err);
	if (rc)
		return rc;
	json_array_foreach(json_object_get(x->row.form, "indicators"), i, v) {
		struct ind *d = &x->ind[x->n++];
		const char *field = json_string_value(json_object_get(v, "field"));
		d->key = json_string_value(json_object_get(v, "key"));
		d->label = json_string_value(json_object_get(v, "label"));
		d->unit = json_string_value(json_object_get(v, "unit"));
		d->field = field ? field : "quality_management";
		benchmark_dir_parse(json_string_value(json_object_get(v, "direction")), &d->dir);
		if (x->n == SURVEY_MAX_INDICATORS)
			break;
	}
	x->bench = json_array();
	x->problems = json_object();
	x->standards = json_object();
	x->held = json_object();
	x->enterprises = json_array();
	snprintf(like, sizeof(like), "survey:%lld:%%", (long long)id);
	if ((rc = store_each(c, &Q_BENCHMARKS, bench_row, x, err, "i", id)) < 0 ||
	    (rc = store_each(c, &Q_PROBLEMS, problem_row, x->problems, err, "t", (const char *)like)) < 0)
		return rc;
	if (x->benchmark && !json_array_size(x->bench))
		return px_err_set(err, PX_ENOTFOUND, NULL, "benchmark", "no benchmark %lld in the survey",
				  (long long)x->benchmark);
	targets(x);
	return 0;
}

static void gap_ref(const struct cmp *x, int64_t answer, const char *key, char *ref, size_t cap)
{
	snprintf(ref, cap, "survey:%lld:%lld:%s", (long long)x->row.id, (long long)answer, key);
}

static json_t *num(double v)
{
	return json_real(benchmark_round(v));
}

/* The gaps of one answer, counted into the indicators; *nshort: how many it falls short on. */
static json_t *gaps_of(struct cmp *x, int64_t answer, const json_t *levels, int *nshort)
{
	json_t *gaps = json_array();
	char ref[96];
	*nshort = 0;
	for (size_t i = 0; i < x->n; i++) {
		struct ind *d = &x->ind[i];
		json_t *v = json_object_get(levels, d->key);
		if (!json_is_number(v))
			continue;
		d->answered++;
		json_t *g = json_pack("{s:s, s:o}", "key", d->key, "value", num(json_number_value(v)));
		if (d->has) {
			struct benchmark_gap bg = benchmark_gap(d->dir, json_number_value(v), d->target);
			gap_ref(x, answer, d->key, ref, sizeof(ref));
			json_object_set_new(g, "target", num(d->target));
			json_object_set_new(g, "gap", num(bg.gap));
			json_object_set_new(g, "gap_pct", json_real(bg.gap_pct));
			json_object_set_new(g, "short", json_boolean(bg.short_of));
			json_object_set(g, "problem", json_object_get(x->problems, ref) ? json_object_get(x->problems, ref)
											 : json_null());
			d->short_n += bg.short_of;
			*nshort += bg.short_of;
		}
		json_array_append_new(gaps, g);
	}
	return gaps;
}

static void tally(json_t *counts, const char *key)
{
	json_object_set_new(counts, key, json_integer(json_integer_value(json_object_get(counts, key)) + 1));
}

static int answer_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct cmp *x = arg;
	json_t *content = json_parse_stored(store_col_text(s, 5)), *v;
	size_t i;
	int nshort;
	(void)err;
	json_array_foreach(json_object_get(content, "standards"), i, v)
		tally(x->standards, json_string_value(v));
	json_array_foreach(json_object_get(content, "systems"), i, v)
		tally(x->held, json_string_value(v));
	json_t *gaps = gaps_of(x, store_col_int(s, 0), json_object_get(content, "indicators"), &nshort);
	/* every answer counts for the industry; the rows shown are the actor's: its own, or those of its area */
	bool shown = x->only_org ? store_col_int(s, 1) == x->only_org
				 : app_actor_in_region(x->actor, x->row.owner, store_col_text(s, 4));
	if (!shown) {
		json_decref(gaps);
		json_decref(content);
		return 0;
	}
	json_array_append_new(x->enterprises,
			      json_pack("{s:I, s:I, s:s, s:s, s:s, s:O, s:i, s:o}", "answer", (json_int_t)store_col_int(s, 0),
					"organisation", (json_int_t)store_col_int(s, 1), "name", store_col_text(s, 2), "uscc",
					store_col_text(s, 3), "region", store_col_text(s, 4), "standards",
					json_object_get(content, "standards") ? json_object_get(content, "standards")
									      : json_array(),
					"short", nshort, "gaps", gaps));
	json_decref(content);
	return 0;
}

static json_t *indicators_json(const struct cmp *x, json_t *weaknesses)
{
	json_t *list = json_array();
	for (size_t i = 0; i < x->n; i++) {
		const struct ind *d = &x->ind[i];
		bool weak = d->has && benchmark_common_weakness(d->short_n, d->answered, (int)x->row.weakness_pct);
		double pct = d->answered ? (double)(d->short_n * 1000 / d->answered) / 10.0 : 0;
		if (weak)
			json_array_append_new(weaknesses, json_string(d->key));
		json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:O, s:I, s:I, s:f, s:b}", "key", d->key,
						      "label", d->label, "unit", d->unit, "direction",
						      benchmark_dir_name(d->dir), "field", d->field, "target",
						      d->has ? num(d->target) : json_null(), "target_from",
						      d->from ? d->from : json_null(), "answered", (json_int_t)d->answered,
						      "short", (json_int_t)d->short_n, "short_pct", pct, "common_weakness",
						      weak));
		json_object_del(json_object_get(json_array_get(list, i), "target_from"), "levels");
	}
	return list;
}

static json_t *counts_json(const json_t *counts, const char *name)
{
	json_t *list = json_array(), *v;
	const char *key;
	json_object_foreach((json_t *)counts, key, v)
		json_array_append_new(list, json_pack("{s:s, s:O}", name, key, "enterprises", v));
	return list;
}

static json_t *systems_json(const struct cmp *x)
{
	json_t *list = json_array(), *s;
	size_t i;
	json_array_foreach(json_object_get(x->row.form, "systems"), i, s) {
		const char *key = json_string_value(json_object_get(s, "key"));
		json_array_append_new(list, json_pack("{s:s, s:O, s:I}", "key", key, "label", json_object_get(s, "label"),
						      "held", (json_int_t)json_integer_value(json_object_get(x->held, key))));
	}
	return list;
}

struct report_tx {
	struct cmp x;
	int64_t id;
	json_t *out;
};

static int report_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct report_tx *r = arg;
	struct cmp *x = &r->x;
	char region[8];
	int rc = cmp_prepare(c, x, r->id, err);
	if (!rc && !app_actor_in_region(x->actor, x->row.owner, NULL))
		rc = survey_own_organisation(c, x->actor, &x->only_org, region, err);
	if (rc || (rc = store_each(c, &Q_ANSWERS, answer_row, x, err, "iii", r->id, (int64_t)0, (int64_t)0)) < 0)
		return rc;
	json_t *weak = json_array();
	json_t *inds = indicators_json(x, weak);
	json_t *chosen = x->benchmark ? json_deep_copy(json_array_get(x->bench, 0)) : json_null();
	json_object_del(chosen, "levels");
	r->out = json_pack("{s:{s:I, s:s, s:s, s:I}, s:o, s:o, s:o, s:o, s:o, s:O}", "survey", "id", (json_int_t)r->id,
			   "title", x->row.title, "industry", x->row.industry, "weakness_pct", (json_int_t)x->row.weakness_pct,
			   "benchmark", chosen, "indicators", inds, "weaknesses", weak, "systems", systems_json(x),
			   "standards", counts_json(x->standards, "standard"), "enterprises", x->enterprises);
	return 0;
}

int survey_comparison(struct app *app, const struct app_actor *actor, int64_t id, int64_t benchmark, json_t **out,
		      struct px_err *err)
{
	struct report_tx r = { .id = id };
	r.x.actor = actor;
	r.x.benchmark = benchmark;
	int rc = app_tx_json(app, STORE_TX_READ, report_tx, &r, &r.out, out, err);
	cmp_release(&r.x);
	return rc;
}

/* The help-desk problem's title and detail from the survey's texts. */
static void gap_texts(const struct cmp *x, const struct ind *d, double value, json_t *o)
{
	struct benchmark_gap g = benchmark_gap(d->dir, value, d->target);
	char sv[32], st[32], sg[32], sp[32], text[2000];
	survey_number(value, sv, sizeof(sv));
	survey_number(d->target, st, sizeof(st));
	survey_number(g.gap, sg, sizeof(sg));
	survey_number(g.gap_pct, sp, sizeof(sp));
	const char *vars[] = { "indicator", d->label, "survey", x->row.title, "value", sv, "target", st, "unit", d->unit,
			       "gap", sg, "pct", sp, "benchmark",
			       json_string_value(json_object_get(d->from, "name")), NULL };
	survey_text("gap.title", vars, text, sizeof(text)); /* a label of at most 100 bytes: within the 200 of a title */
	json_object_set_new(o, "title", json_string(text));
	survey_text("gap.detail", vars, text, sizeof(text));
	json_object_set_new(o, "detail", json_string(text));
}

struct gap_find {
	struct cmp *x;
	const char *key;
	json_t *origin;
};

static int gap_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct gap_find *f = arg;
	struct cmp *x = f->x;
	char ref[96];
	json_t *content = json_parse_stored(store_col_text(s, 5));
	json_t *v = json_object_get(json_object_get(content, "indicators"), f->key);
	int rc = 0;
	for (size_t i = 0; i < x->n && !f->origin; i++) {
		const struct ind *d = &x->ind[i];
		if (strcmp(d->key, f->key))
			continue;
		if (!d->has || !json_is_number(v) || !benchmark_gap(d->dir, json_number_value(v), d->target).short_of) {
			rc = px_err_set(err, PX_ECONFLICT, "no_gap", "indicator", "the enterprise does not fall short on '%s'",
					f->key);
			break;
		}
		gap_ref(x, store_col_int(s, 0), d->key, ref, sizeof(ref));
		f->origin = json_pack("{s:I, s:s, s:s, s:s}", "organisation", (json_int_t)store_col_int(s, 1), "region",
				      store_col_text(s, 4), "field", d->field, "ref", ref);
		gap_texts(x, d, json_number_value(v), f->origin);
	}
	json_decref(content);
	return rc;
}

int survey_gap_origin(struct store_conn *c, const struct app_actor *actor, void *arg, json_t **origin,
		      struct px_err *err)
{
	struct survey_gap_ref *g = arg;
	struct cmp x = { .actor = actor };
	struct gap_find f = { &x, g->key, NULL };
	char region[8];
	int rc = cmp_prepare(c, &x, g->survey, err);
	*origin = NULL;
	if (!rc && !app_actor_in_region(actor, x.row.owner, NULL) &&
	    !(rc = survey_own_organisation(c, actor, &x.only_org, region, err)) && !x.only_org)
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "id", "no survey %lld", (long long)g->survey);
	if (!rc && !survey_indicator(x.row.form, g->key))
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "indicator", "no indicator '%s' in the survey", g->key);
	if (!rc && (rc = store_each(c, &Q_ANSWERS, gap_row, &f, err, "iii", g->survey, x.only_org, g->answer)) >= 0 &&
	    !f.origin && !rc)
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "answer", "no answer %lld to the survey", (long long)g->answer);
	cmp_release(&x);
	if (rc) {
		json_decref(f.origin);
		return rc < 0 ? rc : 0;
	}
	*origin = f.origin;
	return 0;
}
