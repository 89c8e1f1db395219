/*
 * h_keyworks.c - the key works register over HTTP (app/keyworks/keyworks.h):
 *   POST /api/v1/keyworks                                   record a work (office)
 *   GET  /api/v1/keyworks                                   the region's works (staff)
 *   GET  /api/v1/keyworks/mine                              the works the unit leads
 *   GET  /api/v1/keyworks/{id}                              one work with its milestones
 *   POST /api/v1/keyworks/{id}/milestones                   add a milestone (office)
 *   POST /api/v1/keyworks/{id}/milestones/{seq}/done        mark it done (office, lead unit)
 *   GET  /api/v1/keywork-owners                             the roll-up per lead unit
 *   GET  /api/v1/keywork-board[.xlsx]                       the overview board
 * Handlers parse, call one use case, reply.
 */
#include "http/handlers.h"

#include <stdlib.h>
#include <string.h>

#include "app/keyworks/keyworks.h"
#include "http/json_in.h"

void h_keyworks_create(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *in = http_json_object(r), *out = NULL;
	if (!in)
		return;
	int rc = keyworks_create(http_app(r), http_actor(r), in, &out, &err);
	http_answer(r, rc, 201, out, &err);
	json_decref(in);
}

void h_keyworks_list(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int rc = keyworks_list(http_app(r), http_actor(r), &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_keyworks_mine(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int rc = keyworks_mine(http_app(r), http_actor(r), &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_keyworks_get(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = keyworks_get(http_app(r), http_actor(r), id, &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_keyworks_milestone_add(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *in, *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	int rc = keyworks_milestone_add(http_app(r), http_actor(r), id, in, &out, &err);
	http_answer(r, rc, 201, out, &err);
	json_decref(in);
}

void h_keyworks_milestone_done(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *on;
	json_t *in, *out = NULL;
	int64_t id, seq;
	if (http_param_id_or_reply(r, 0, &id) || http_param_id_or_reply(r, 1, &seq) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "done_on", true, 10, &on)) {
		int rc = keyworks_milestone_done(http_app(r), http_actor(r), id, seq, on, &out, &err);
		http_answer(r, rc, 200, out, &err);
	}
	json_decref(in);
}

void h_keyworks_owners(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int rc = keyworks_owners(http_app(r), http_actor(r), &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_keyworks_board(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int rc = keyworks_board(http_app(r), http_actor(r), &out, &err);
	http_answer(r, rc, 200, out, &err);
}

static int render_board(const char *path, void *r, struct px_err *err)
{
	return keyworks_board_xlsx(http_app(r), http_actor(r), path, err);
}

void h_keyworks_board_xlsx(struct http_req *r)
{
	http_reply_rendered(r, render_board, r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			    "keyworks.xlsx");
}
