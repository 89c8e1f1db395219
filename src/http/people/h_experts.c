/*
 * h_experts.c - the expert pool (评审员库):
 *   POST /api/v1/experts/import          {csv} import from CSV text, all or nothing (office)
 *   GET  /api/v1/experts                 the pool (office)
 *   POST /api/v1/experts/{id}/remove     {reason} remove for breaking discipline (office)
 * A rejected import answers 400 "invalid_rows" with error.rows: [{line, column, code, message}].
 */
#include "http/handlers.h"

#include <string.h>

#include "app/people/expert.h"
#include "http/json_in.h"

void h_experts_import(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *csv;
	json_t *in, *out = NULL, *rows = NULL;
	if (!(in = http_json_object(r)))
		return;
	if (json_str_or_reply(r, in, "csv", true, EXPERT_CSV_MAX, &csv))
		goto out;
	int rc = expert_import(http_app(r), http_actor(r), csv, strlen(csv), &out, &rows, &err);
	http_answer_rows(r, rc, 201, out, rows, &err);
out:
	json_decref(in);
}

void h_experts_list(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	if (expert_list(http_app(r), http_actor(r), &out, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, out);
}

void h_experts_remove(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *reason;
	json_t *in, *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "reason", true, 2000, &reason)) {
		if (expert_remove(http_app(r), http_actor(r), id, reason, &out, &err))
			http_fail(r, &err);
		else
			http_reply_json(r, 200, out);
	}
	json_decref(in);
}
