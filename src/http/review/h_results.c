/*
 * h_results.c - what the reviews yield:
 *   GET /api/v1/programmes/{id}/results?stage=       stage scores (office, leader)
 *   GET /api/v1/applications/{id}/review-report?stage=  review report with suggestions (office, the owner)
 *   GET /api/v1/programmes/{id}/ranking              final scores and ranking (office, leader)
 */
#include "http/handlers.h"

#include "app/review/ranking.h"
#include "app/review/results.h"
#include "http/json_in.h"

void h_results_list(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (results_json(http_app(r), http_actor(r), id, http_query(r, "stage"), &out, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, out);
}

void h_results_report(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (results_report(http_app(r), http_actor(r), id, http_query(r, "stage"), &out, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, out);
}

void h_ranking_get(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (ranking_json(http_app(r), http_actor(r), id, &out, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, out);
}
