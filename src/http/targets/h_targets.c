/*
 * h_targets.c - the 十百千万 target dashboard over HTTP (app/targets/targets.h):
 * GET /api/v1/targets?region=CODE, the reader's region by default, and
 * POST /api/v1/targets/summaries, the province requesting its cities' local summaries.
 */
#include "http/handlers.h"

#include "app/targets/targets.h"
#include "http/json_extra.h"
#include "http/json_in.h"

void h_targets_get(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *region;
	json_t *out = NULL;
	if (http_query_or_reply(r, "region", 6, &region))
		return;
	if (targets_json(http_app(r), http_actor(r), region, &out, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, out);
}

void h_targets_summaries(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int rc = targets_request_summaries(http_app(r), http_actor(r), &out, &err);
	http_answer(r, rc, 201, out, &err);
}
