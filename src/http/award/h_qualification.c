/*
 * h_qualification.c - the office's qualification review (资格审查):
 *   GET  /api/v1/programmes/{id}/qualification          applications under review (office, leader, member)
 *   POST /api/v1/applications/{id}/qualification        {result: accept|reject, reason} (office)
 *   POST /api/v1/applications/{id}/qualification/opinions  {verdict, text} (member units)
 *   GET  /api/v1/applications/{id}/qualification/opinions  (office, leader, member)
 *   POST /api/v1/applications/{id}/supplements          {request} ask for more material (office)
 *   GET  /api/v1/applications/{id}/supplements          (office, the owner)
 *   POST /api/v1/supplements/{id}/answer                {answer} (the applicant who owns it)
 *   GET  /api/v1/programmes/{id}/supplements?overdue=1  (office)
 *   POST /api/v1/programmes/{id}/acceptance-notice      publish the acceptance list (office)
 */
#include "http/handlers.h"

#include <string.h>

#include "app/programme/office.h"
#include "app/input.h"
#include "app/json.h"
#include "app/tx.h"
#include "app/award/qualification.h"
#include "app/programme/supplement.h"
#include "http/json_in.h"

/* Reply with the use case's answer or its error. */
void h_qualification_list(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = qualification_list(http_app(r), http_actor(r), id, &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_qualification_decide(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *result, *reason;
	json_t *in, *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "result", true, 16, &result) &&
	    !json_str_or_reply(r, in, "reason", false, 2000, &reason)) {
		int rc = qualification_decide(http_app(r), http_actor(r), id, result, reason, &out, &err);
		http_answer(r, rc, 200, out, &err);
	}
	json_decref(in);
}

void h_qualification_opinion_add(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *verdict, *text;
	json_t *in, *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "verdict", true, 16, &verdict) &&
	    !json_str_or_reply(r, in, "text", false, 5000, &text)) {
		int rc = qualification_opinion_add(http_app(r), http_actor(r), id, verdict, text, &out, &err);
		http_answer(r, rc, 201, out, &err);
	}
	json_decref(in);
}

void h_qualification_opinions(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = qualification_opinions(http_app(r), http_actor(r), id, &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_supplements_request(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *request;
	json_t *in, *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "request", true, 5000, &request)) {
		int rc = supplement_request(http_app(r), http_actor(r), id, request, &out, &err);
		http_answer(r, rc, 201, out, &err);
	}
	json_decref(in);
}

void h_supplements_of_application(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = supplement_list_application(http_app(r), http_actor(r), id, &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_supplements_answer(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *text;
	json_t *in, *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "answer", true, INPUT_TEXT_MAX, &text)) {
		int rc = supplement_answer(http_app(r), http_actor(r), id, text, &out, &err);
		http_answer(r, rc, 200, out, &err);
	}
	json_decref(in);
}

void h_supplements_of_programme(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *overdue = http_query(r, "overdue");
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	bool only = overdue && (!strcmp(overdue, "1") || !strcmp(overdue, "true"));
	int rc = supplement_list_programme(http_app(r), http_actor(r), id, only, &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_acceptance_notice(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = qualification_acceptance_notice(http_app(r), http_actor(r), id, &out, &err);
	http_answer(r, rc, 201, out, &err);
}
