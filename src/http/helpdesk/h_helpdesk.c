/*
 * h_helpdesk.c - the quality-problem help desk over HTTP (app/helpdesk/
 * helpdesk.h): providers, problems, the provider's steps, re-routing, the
 * rating link that needs no sign-in, review feedback turned into problems,
 * and the figures. Handlers parse, call one use case, reply.
 */
#include "http/handlers.h"

#include <stdlib.h>
#include <string.h>

#include "app/helpdesk/helpdesk.h"
#include "http/json_extra.h"
#include "http/json_in.h"

/* Reply with a use case's JSON, or its error. */
void h_helpdesk_providers_add(struct http_req *r)
{
	struct px_err err = { 0 };
	struct helpdesk_provider_new req = { 0 };
	json_t *in = http_json_object(r);
	int64_t id;
	if (!in)
		return;
	if (!json_str_or_reply(r, in, "name", true, 160, &req.name) &&
	    !json_str_or_reply(r, in, "kind", true, 16, &req.kind) &&
	    !json_str_or_reply(r, in, "region", true, 6, &req.region) &&
	    !json_str_or_reply(r, in, "login", false, 64, &req.login)) {
		req.fields = json_object_get(in, "fields");
		int rc = helpdesk_provider_add(http_app(r), http_actor(r), &req, &id, &err);
		http_answer(r, rc, 201, rc ? NULL : json_pack("{s:I}", "id", (json_int_t)id), &err);
	}
	json_decref(in);
}

void h_helpdesk_providers_list(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int rc = helpdesk_provider_list(http_app(r), http_actor(r), &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_helpdesk_problems_add(struct http_req *r)
{
	struct px_err err = { 0 };
	struct helpdesk_problem_new req = { 0 };
	json_t *in = http_json_object(r), *out = NULL;
	if (!in)
		return;
	if (!json_int_or_reply(r, in, "organisation", false, 1, INT64_MAX, &req.organisation) &&
	    !json_str_or_reply(r, in, "field", true, 32, &req.field) &&
	    !json_str_or_reply(r, in, "title", true, 200, &req.title) &&
	    !json_str_or_reply(r, in, "detail", true, 8000, &req.detail)) {
		int rc = helpdesk_problem_add(http_app(r), http_actor(r), &req, &out, &err);
		http_answer(r, rc, 201, out, &err);
	}
	json_decref(in);
}

void h_helpdesk_problems_list(struct http_req *r)
{
	struct px_err err = { 0 };
	struct helpdesk_filter f = { .limit = 20 };
	const char *overdue, *page, *size;
	json_t *out = NULL;
	if (http_query_or_reply(r, "state", 16, &f.state) || http_query_or_reply(r, "field", 32, &f.field) ||
	    http_query_or_reply(r, "overdue", 1, &overdue) || http_query_or_reply(r, "page", 6, &page) ||
	    http_query_or_reply(r, "size", 3, &size))
		return;
	f.overdue = overdue && !strcmp(overdue, "1");
	long p = page ? strtol(page, NULL, 10) : 1, n = size ? strtol(size, NULL, 10) : 20;
	if (p < 1 || n < 1 || n > 100)
		return (void)http_reply_errorf(r, 400, "out_of_range", page && p < 1 ? "page" : "size",
					       "page from 1, size 1..100");
	f.limit = n;
	f.offset = (p - 1) * n;
	int rc = helpdesk_problem_list(http_app(r), http_actor(r), &f, &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_helpdesk_problems_get(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = helpdesk_problem_get(http_app(r), http_actor(r), id, &out, &err);
	http_answer(r, rc, 200, out, &err);
}

/* POST /problems/{id}/{respond|visit|resolve}: the step is the last part of the path. */
void h_helpdesk_problems_step(struct http_req *r)
{
	struct px_err err = { 0 };
	struct helpdesk_step st = { 0 };
	json_t *in, *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	st.what = strrchr(http_path(r), '/') + 1;
	bool visit = !strcmp(st.what, "visit");
	if (!json_str_or_reply(r, in, visit ? "findings" : "text", true, 8000, &st.text) &&
	    (!visit || (!json_str_or_reply(r, in, "advice", true, 8000, &st.advice) &&
			!json_str_or_reply(r, in, "date", true, 10, &st.date)))) {
		int rc = helpdesk_problem_step(http_app(r), http_actor(r), id, &st, &out, &err);
		http_answer(r, rc, 200, out, &err);
	}
	json_decref(in);
}

void h_helpdesk_problems_assign(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *in, *out = NULL;
	int64_t id, provider = 0;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_int_or_reply(r, in, "provider", true, 1, INT64_MAX, &provider)) {
		int rc = helpdesk_problem_assign(http_app(r), http_actor(r), id, provider, &out, &err);
		http_answer(r, rc, 200, out, &err);
	}
	json_decref(in);
}

void h_helpdesk_rate(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *comment = NULL;
	int64_t score = 0;
	json_t *in = http_json_object(r);
	if (!in)
		return;
	if (!json_int_or_reply(r, in, "score", true, 1, 5, &score) &&
	    !json_str_or_reply(r, in, "comment", false, 2000, &comment)) {
		int rc = helpdesk_rate(http_app(r), http_actor(r), http_param(r, 0), (int)score, comment, &err);
		http_answer(r, rc, 200, rc ? NULL : json_pack("{s:b}", "rated", 1), &err);
	}
	json_decref(in);
}

void h_helpdesk_reopen(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *reason;
	json_t *in = http_json_object(r);
	if (!in)
		return;
	if (!json_str_or_reply(r, in, "reason", true, 2000, &reason)) {
		int rc = helpdesk_reopen(http_app(r), http_actor(r), http_param(r, 0), reason, &err);
		http_answer(r, rc, 200, rc ? NULL : json_pack("{s:b}", "reopened", 1), &err);
	}
	json_decref(in);
}

void h_helpdesk_from_review(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *field;
	json_t *in, *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "field", true, 32, &field)) {
		int rc = helpdesk_from_review(http_app(r), http_actor(r), id, field, &out, &err);
		http_answer(r, rc, 201, out, &err);
	}
	json_decref(in);
}

void h_helpdesk_stats(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int rc = helpdesk_stats(http_app(r), http_actor(r), &out, &err);
	http_answer(r, rc, 200, out, &err);
}
