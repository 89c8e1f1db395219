/*
 * h_draws.c - the verifiable double-random draw (双随机) and recusal (回避):
 *   POST /api/v1/programmes/{id}/draws     {stage} commit to the inputs and a seed: publishes the inputs
 *                                          hash and SHA-256(seed), hands the seed to the office once (office)
 *   GET  /api/v1/programmes/{id}/draws     the programme's draws (public)
 *   POST /api/v1/draws/{id}/run            {seed} run a committed draw with its sealed seed (office)
 *   POST /api/v1/draws/{id}/abandon        {reason, seed?} give up a commitment that cannot run (office)
 *   GET  /api/v1/draws/{id}                commitment, inputs hash, input; after the run seed, result (public)
 *   POST /api/v1/assignments/{id}/recuse   {reason} withdraw for a conflict; replacement drawn (the expert, office)
 *   POST /api/v1/assignments/{id}/replace  retry a replacement that found nobody (office)
 */
#include "http/handlers.h"

#include "app/review/draw_stage.h"
#include "app/review/recusal.h"
#include "http/json_in.h"

void h_draws_commit(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *stage;
	json_t *in, *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "stage", true, 32, &stage)) {
		int rc = draw_stage_commit(http_app(r), http_actor(r), id, stage, &out, &err);
		http_answer(r, rc, 201, out, &err);
	}
	json_decref(in);
}

void h_draws_list(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = draw_stage_list(http_app(r), id, &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_draws_run(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *seed;
	json_t *in, *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "seed", true, 128, &seed)) {
		int rc = draw_stage_run(http_app(r), http_actor(r), id, seed, &out, &err);
		http_answer(r, rc, 200, out, &err);
	}
	json_decref(in);
}

void h_draws_abandon(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *reason, *seed;
	json_t *in, *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "reason", true, 2000, &reason) &&
	    !json_str_or_reply(r, in, "seed", false, 128, &seed)) {
		int rc = draw_stage_abandon(http_app(r), http_actor(r), id, reason, seed, &out, &err);
		http_answer(r, rc, 200, out, &err);
	}
	json_decref(in);
}

void h_draws_get(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = draw_stage_json(http_app(r), id, &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_assignments_recuse(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *reason;
	json_t *in, *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "reason", true, 2000, &reason)) {
		int rc = recusal_recuse(http_app(r), http_actor(r), id, reason, &out, &err);
		http_answer(r, rc, 200, out, &err);
	}
	json_decref(in);
}

void h_assignments_replace(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = recusal_replace(http_app(r), http_actor(r), id, &out, &err);
	http_answer(r, rc, 200, out, &err);
}
