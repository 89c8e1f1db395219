/*
 * h_models.c - the ten quality-management models over HTTP (app/models/models.h):
 * candidates and choices for the office, promotions, the public showcase.
 */
#include "http/handlers.h"

#include "app/models/models.h"
#include "http/json_extra.h"
#include "http/json_in.h"

void h_models_candidates(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int rc = models_candidates(http_app(r), http_actor(r), &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_models_choose(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *in = http_json_object(r);
	int64_t id = 0;
	if (!in)
		return;
	int rc = models_choose(http_app(r), http_actor(r), in, &id, &err);
	http_answer(r, rc, 201, rc ? NULL : json_pack("{s:I}", "id", (json_int_t)id), &err);
	json_decref(in);
}

void h_models_promote(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *in;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	int rc = models_promote(http_app(r), http_actor(r), id, in, &err);
	http_answer(r, rc, 201, NULL, &err);
	json_decref(in);
}

void h_models_showcase(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *region;
	json_t *out = NULL;
	if (http_query_or_reply(r, "region", 6, &region))
		return;
	int rc = models_showcase(http_app(r), region, &out, &err);
	http_answer(r, rc, 200, out, &err);
}
