/*
 * h_brandvalue.c - the brand value evaluation over HTTP
 * (app/brandvalue/brandvalue.h):
 *   POST /api/v1/brand-value-rounds                       open a round (office)
 *   GET  /api/v1/brand-value-rounds                       the rounds the account sees
 *   GET  /api/v1/brand-value-rounds/{id}                  a round and its published parameters
 *   POST /api/v1/brand-value-rounds/{id}/submissions      the enterprise's data
 *   POST /api/v1/brand-value-rounds/{id}/compute          compute and rank (office)
 *   GET  /api/v1/brand-value-rounds/{id}/results          the ranked results
 *   GET  /api/v1/brand-value-submissions/{id}             one submission and its result
 *   GET  /api/v1/brand-value-submissions/{id}/report.pdf  its report
 * Handlers parse, call one use case, reply.
 */
#include "http/handlers.h"

#include "app/brandvalue/brandvalue.h"
#include "http/json_in.h"

void h_brandvalue_open(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *in = http_json_object(r), *out = NULL;
	if (!in)
		return;
	int rc = brandvalue_round_open(http_app(r), http_actor(r), in, &out, &err);
	http_answer(r, rc, 201, out, &err);
	json_decref(in);
}

void h_brandvalue_rounds(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int rc = brandvalue_round_list(http_app(r), http_actor(r), &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_brandvalue_round(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = brandvalue_round_get(http_app(r), http_actor(r), id, &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_brandvalue_submit(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *in, *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	int rc = brandvalue_submit(http_app(r), http_actor(r), id, in, &out, &err);
	http_answer(r, rc, 201, out, &err);
	json_decref(in);
}

void h_brandvalue_compute(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = brandvalue_compute(http_app(r), http_actor(r), id, &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_brandvalue_results(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = brandvalue_results(http_app(r), http_actor(r), id, &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_brandvalue_submission(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = brandvalue_submission_get(http_app(r), http_actor(r), id, &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_brandvalue_report(struct http_req *r)
{
	struct px_err err = { 0 };
	char *pdf = NULL, name[64];
	size_t len = 0;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (brandvalue_report_pdf(http_app(r), http_actor(r), id, &pdf, &len, name, &err))
		return (void)http_fail(r, &err);
	http_reply_bytes(r, 200, "application/pdf", name, pdf, len);
}
