/*
 * h_survey.c - the quality status survey over HTTP (app/survey/survey.h):
 * surveys defined as data, the enterprises' answers, the benchmarks, the
 * comparison as JSON and as a workbook, and a gap turned into a help-desk
 * problem in one step (app/helpdesk/helpdesk.h helpdesk_from_origin).
 * Handlers parse, call one use case, reply.
 */
#include "http/handlers.h"

#include <stdlib.h>
#include <string.h>

#include "app/helpdesk/helpdesk.h"
#include "app/survey/survey.h"
#include "http/json_extra.h"
#include "http/json_in.h"
#include "report/xlsx.h"

void h_survey_create(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *in = http_json_object(r);
	int64_t id = 0;
	if (!in)
		return;
	int rc = survey_create(http_app(r), http_actor(r), in, &id, &err);
	http_answer(r, rc, 201, rc ? NULL : json_pack("{s:I}", "id", (json_int_t)id), &err);
	json_decref(in);
}

void h_survey_list(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int rc = survey_list(http_app(r), http_actor(r), &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_survey_get(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = survey_get(http_app(r), http_actor(r), id, &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_survey_answer(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *in, *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	int rc = survey_answer(http_app(r), http_actor(r), id, in, &out, &err);
	http_answer(r, rc, 200, out, &err);
	json_decref(in);
}

void h_survey_benchmark_add(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *in, *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	int rc = survey_benchmark_add(http_app(r), http_actor(r), id, in, &out, &err);
	http_answer(r, rc, 201, out, &err);
	json_decref(in);
}

/* ?benchmark=ID, 0 (the best of all) when absent. */
static int benchmark_or_reply(struct http_req *r, int64_t *benchmark)
{
	const char *b;
	char *end = NULL;
	*benchmark = 0;
	if (http_query_or_reply(r, "benchmark", 12, &b))
		return -1;
	if (!b)
		return 0;
	long long v = strtoll(b, &end, 10);
	if (!*b || *end || v < 1)
		return http_reply_errorf(r, PX_EINVAL, "out_of_range", "benchmark", "a benchmark is named by its id, from 1"), -1;
	*benchmark = v;
	return 0;
}

void h_survey_comparison(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id, benchmark;
	if (http_param_id_or_reply(r, 0, &id) || benchmark_or_reply(r, &benchmark))
		return;
	int rc = survey_comparison(http_app(r), http_actor(r), id, benchmark, &out, &err);
	http_answer(r, rc, 200, out, &err);
}

static int render_comparison(const char *path, void *p, struct px_err *err)
{
	const struct survey_doc *doc = p;
	return report_xlsx_table(path, &doc->table, err);
}

void h_survey_comparison_xlsx(struct http_req *r)
{
	struct px_err err = { 0 };
	struct survey_doc doc;
	int64_t id, benchmark;
	if (http_param_id_or_reply(r, 0, &id) || benchmark_or_reply(r, &benchmark))
		return;
	if (survey_comparison_doc(http_app(r), http_actor(r), id, benchmark, &doc, &err))
		return (void)http_fail(r, &err);
	http_reply_rendered(r, render_comparison, &doc, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			    "comparison.xlsx");
	survey_doc_release(&doc);
}

void h_survey_gap_problem(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id, answer;
	const char *key = http_param(r, 2);
	if (http_param_id_or_reply(r, 0, &id) || http_param_id_or_reply(r, 1, &answer))
		return;
	if (!key || !*key || strlen(key) > 32)
		return (void)http_reply_errorf(r, PX_EINVAL, "invalid_indicator", "indicator", "an indicator's key has 1..32 bytes");
	struct survey_gap_ref ref = { http_app(r), id, answer, key };
	int rc = helpdesk_from_origin(http_app(r), http_actor(r), survey_gap_origin, &ref, &out, &err);
	http_answer(r, rc, 201, out, &err);
}
