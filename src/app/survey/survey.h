/*
 * survey.h - the quality status survey and the benchmark comparison
 * (质量状况大调查、标准比对、产品指标比对, 湘市监办发〔2022〕71号 三(四)), a
 * register beside the programmes.
 *
 * An office defines a survey of a key industry or product as data: its key
 * indicators (key, label, unit, direction higher or lower is better, the
 * help-desk field a shortfall belongs to, optional bounds), the management
 * systems it asks about, and further questions in the reporting engine's
 * form format (app/reporting/reporting.h). Enterprises (applicant accounts
 * with a registered organisation, USCC) in the office's region answer: the
 * standards they apply, their level of each indicator, the systems they
 * hold. The office records benchmarks: domestic or international benchmark
 * products or standards with their indicator values and source, and award
 * winners already in pingxuan (a certificate holder or a quality-award
 * honour), whose values are their own answers to the same survey when they
 * gave them. The comparison (core/benchmark.h) sets each answer against the
 * best benchmark value of each indicator (or against one chosen benchmark):
 * each enterprise its gaps, the industry its common weaknesses (行业通病),
 * the indicators where at least weakness_pct per cent of the enterprises
 * fall short. A gap becomes a help-desk problem in one step
 * (helpdesk_from_origin with survey_gap_origin). docs/survey.md.
 *
 * Scope (app/scope.h, kind "surveys"): a survey is owned by its office's
 * region; its staff read it, an enterprise inside that region answers it
 * and reads its own gaps. Every change is audited. Returned JSON is the
 * caller's (json_decref).
 */
#ifndef PX_APP_SURVEY_H
#define PX_APP_SURVEY_H

#include <jansson.h>

#include "app/app.h"
#include "report/table.h"
#include "store/store.h"

#define SURVEY_MAX_INDICATORS 30
#define SURVEY_MAX_SYSTEMS 20
#define SURVEY_MAX_STANDARDS 20
#define SURVEY_MAX_BENCHMARKS 50
#define SURVEY_WEAKNESS_PCT 50 /* the share of enterprises short of a benchmark that makes a common weakness, by default */

/*
 * {title, industry, weakness_pct?, form: {indicators: [{key, label, unit,
 * direction, field?, min?, max?}], systems?: [{key, label}], fields?: [...]}}.
 * Office only. Errors: bad_form (field: the path), out_of_range
 * (weakness_pct), the input_line keys for title and industry.
 */
int survey_create(struct app *app, const struct app_actor *actor, json_t *req, int64_t *id, struct px_err *err);

/* The surveys the actor reads (staff: in scope; an enterprise: those of its region, with "answered"). */
int survey_list(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err);

/* One survey with its form, counts, benchmarks and, for an enterprise, its own answer ("mine"). */
int survey_get(struct app *app, const struct app_actor *actor, int64_t id, json_t **out, struct px_err *err);

/*
 * The enterprise answers (or answers again): {standards: [..], indicators:
 * {key: number}, systems: [key..], fields?: {..}}. Errors: invalid_content,
 * invalid_standard, unknown_indicator, missing_indicator, invalid_indicator,
 * unknown_system, and the reporting form's invalid_content / missing_field
 * for "fields"; no_organisation; 404 outside the survey's region.
 */
int survey_answer(struct app *app, const struct app_actor *actor, int64_t id, json_t *content, json_t **out,
		  struct px_err *err);

/*
 * Record a benchmark (office): {kind: domestic|international|winner, name,
 * source, standard?, levels?: {key: number}, uscc? (winner)}. A winner is a
 * certificate holder or a quality-award honour of the office's region
 * ("not_winner"); its levels default to its own answer ("missing_field"
 * levels when it has none). Errors as survey_answer for the levels, and
 * invalid_kind.
 */
int survey_benchmark_add(struct app *app, const struct app_actor *actor, int64_t id, json_t *req, json_t **out,
			 struct px_err *err);

/*
 * The comparison against the best benchmark value of each indicator, or
 * against benchmark `benchmark` alone (0: the best): {survey, benchmark,
 * indicators: [{key, label, unit, direction, field, target, target_from,
 * answered, short, short_pct, common_weakness}], weaknesses: [key..],
 * systems: [{key, label, held}], standards: [{standard, enterprises}],
 * enterprises: [{answer, organisation, name, uscc, region, short,
 * gaps: [{key, value, target, gap, gap_pct, short, problem}]}]}. Every
 * answer counts for the figures; the enterprises listed are those of the
 * staff's area (app_actor_in_region), or an enterprise's own.
 */
int survey_comparison(struct app *app, const struct app_actor *actor, int64_t id, int64_t benchmark, json_t **out,
		      struct px_err *err);

/* The comparison as a workbook table (one row per enterprise and indicator); release with survey_doc_release. */
struct survey_doc {
	struct report_table table;
	struct report_column cols[9];
	char title[256], subtitle[512]; /* room for the texts with a title, an industry and a name of 200 bytes each */
	const char **cells;
	json_t *data; /* owns the strings of cells */
};
int survey_comparison_doc(struct app *app, const struct app_actor *actor, int64_t id, int64_t benchmark,
			  struct survey_doc *doc, struct px_err *err);
void survey_doc_release(struct survey_doc *doc);

/*
 * A gap of an answer as the help desk takes it (helpdesk_from_origin's
 * callback): inside the caller's transaction, checks that the actor is the
 * survey's office (in scope) or the answering enterprise, and that the
 * enterprise falls short on the indicator ("no_gap" otherwise), then gives
 * {organisation, region, field, title, detail, ref} with ref
 * "survey:<survey>:<answer>:<key>", the link back from the problem.
 */
struct survey_gap_ref {
	struct app *app;
	int64_t survey, answer;
	const char *key;
};
int survey_gap_origin(struct store_conn *c, const struct app_actor *actor, void *ref, json_t **origin,
		      struct px_err *err);

#endif
