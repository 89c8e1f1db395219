/*
 * h_vote_office.c - the office's review of the vote's quarantine:
 *   GET  /api/v1/programmes/{id}/vote/quarantine  -> the quarantined votes with rule and reason
 *   GET  /api/v1/programmes/{id}/vote/monitor     -> votes a minute per track and state, last hour
 *   POST /api/v1/programmes/{id}/vote/quarantine  {votes: [ids], action: release|confirm, reason}
 *   POST /api/v1/programmes/{id}/vote/snapshots   -> a snapshot of the valid counts, hashed into the chain
 */
#include "http/handlers.h"

#include "app/vote/vote.h"
#include "http/json_in.h"

#define DECIDE_MAX 500

void h_vote_quarantine_list(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *out;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (vote_quarantine_json(http_app(r), http_actor(r), id, &out, &err))
		http_fail(r, &err);
	else
		http_reply_json(r, 200, out);
}

void h_vote_quarantine_decide(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id, votes[DECIDE_MAX];
	const char *action, *reason;
	json_t *in, *list, *v, *out;
	size_t i;

	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (json_str_or_reply(r, in, "action", true, 16, &action) ||
	    json_str_or_reply(r, in, "reason", true, 500, &reason))
		goto out;
	list = json_object_get(in, "votes");
	if (!json_is_array(list) || json_array_size(list) < 1 || json_array_size(list) > DECIDE_MAX) {
		http_reply_errorf(r, PX_EINVAL, "bad_votes", "votes", "name 1 to %d votes", DECIDE_MAX);
		goto out;
	}
	json_array_foreach(list, i, v) {
		if (!json_is_integer(v)) {
			http_reply_errorf(r, PX_EINVAL, "bad_votes", "votes", "votes are vote ids");
			goto out;
		}
		votes[i] = json_integer_value(v);
	}
	if (vote_quarantine_decide(http_app(r), http_actor(r), id, votes, (int)json_array_size(list), action, reason,
				   &out, &err))
		http_fail(r, &err);
	else
		http_reply_json(r, 200, out);
out:
	json_decref(in);
}

void h_vote_snapshot_take(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *out;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (vote_snapshot_take(http_app(r), http_actor(r), id, &out, &err))
		http_fail(r, &err);
	else
		http_reply_json(r, 201, out);
}

void h_vote_monitor(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *out;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (vote_monitor_json(http_app(r), http_actor(r), id, &out, &err))
		http_fail(r, &err);
	else
		http_reply_json(r, 200, out);
}
