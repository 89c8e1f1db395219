/*
 * h_vote.c - the public vote's routes (docs/vote.md):
 *   POST /api/v1/vote/codes                      {phone} -> 202, a code by SMS
 *   POST /api/v1/vote/sessions                   {phone, code} -> 201, the voter cookie
 *   GET  /api/v1/programmes/{id}/vote/candidates ?track= -> candidates shuffled for this voter
 *   POST /api/v1/programmes/{id}/votes           {track, candidates} -> 201 with receipts, after commit
 *   GET  /api/v1/vote/receipts/{code}            -> counted / quarantined / invalid
 *   GET  /api/v1/programmes/{id}/vote/counts     -> valid votes per candidate
 *   GET  /api/v1/programmes/{id}/vote/exclusions -> received, excluded per rule, valid
 *   GET  /api/v1/programmes/{id}/vote/log        -> the pseudonymised vote log, after the vote
 * The voter's session is its own cookie (px_voter), apart from staff
 * sessions; a device cookie (px_device) lets the device rule count voters
 * per device. A ballot is parked until its batch commits (group commit).
 */
#include "http/handlers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/vote/vote.h"
#include "http/json_in.h"
#include "http/request.h"

#define VOTER_COOKIE "px_voter"
#define DEVICE_COOKIE "px_device"

static const char *cookie(struct http_req *r, const char *name)
{
	const char *v = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
	return v ? v : "";
}

static void set_cookie(struct http_req *r, const char *name, const char *value, long max_age)
{
	char v[256];
	snprintf(v, sizeof(v), "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%ld%s", name, value, max_age,
		 r->srv->cfg.cookie_secure ? "; Secure" : "");
	http_add_header(r, "Set-Cookie", v);
}

static void retry_after(struct http_req *r, int64_t s)
{
	char v[24];
	if (s <= 0)
		return;
	snprintf(v, sizeof(v), "%lld", (long long)s);
	http_add_header(r, "Retry-After", v);
}

void h_vote_codes(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *phone;
	int64_t wait = 0;
	json_t *in = http_json_object(r);

	if (!in)
		return;
	if (json_str_or_reply(r, in, "phone", true, 32, &phone))
		goto out;
	if (vote_code_request(http_app(r), phone, http_client_address(r), &wait, &err)) {
		retry_after(r, wait);
		http_fail(r, &err);
		goto out;
	}
	http_reply_json(r, 202, json_pack("{s:b, s:i}", "sent", 1, "expires_in", VOTE_CODE_TTL_S));
out:
	json_decref(in);
}

void h_vote_sessions(struct http_req *r)
{
	struct px_err err = { 0 };
	char token[VOTE_TOKEN_HEX + 1], device[VOTE_TOKEN_HEX + 1];
	const char *phone, *code;
	json_t *in = http_json_object(r);

	if (!in)
		return;
	if (json_str_or_reply(r, in, "phone", true, 32, &phone) || json_str_or_reply(r, in, "code", true, 16, &code))
		goto out;
	snprintf(device, sizeof(device), "%s", cookie(r, DEVICE_COOKIE));
	if (strlen(device) != VOTE_TOKEN_HEX) {
		char fresh[VOTE_TOKEN_HEX + 1];
		vote_random_token(fresh);
		memcpy(device, fresh, sizeof(device));
		set_cookie(r, DEVICE_COOKIE, device, 365L * 86400);
	}
	if (vote_session_open(http_app(r), phone, code, device, token, &err)) {
		http_fail(r, &err);
		goto out;
	}
	set_cookie(r, VOTER_COOKIE, token, VOTE_SESSION_TTL_S);
	http_reply_json(r, 201, json_pack("{s:b, s:i}", "verified", 1, "expires_in", VOTE_SESSION_TTL_S));
out:
	json_decref(in);
}

void h_vote_receipt(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out;
	if (vote_receipt_json(http_app(r), http_param(r, 0), &out, &err))
		http_fail(r, &err);
	else
		http_reply_json(r, 200, out);
}

void h_vote_candidates(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *track = http_query(r, "track");
	int64_t id;
	json_t *out;

	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (!track || !*track || strlen(track) > 31) {
		http_reply_errorf(r, PX_EINVAL, "track_required", "track", "name the track (?track=)");
		return;
	}
	if (vote_candidates_json(http_app(r), id, track, cookie(r, VOTER_COOKIE), &out, &err))
		http_fail(r, &err);
	else
		http_reply_json(r, 200, out);
}

/* The batch committed (or failed): answer the parked request. Runs on the vote's writer thread. */
static void cast_done(struct vote_ballot *b)
{
	struct http_req *r = b->ctx;
	json_t *body;
	int status = 201;

	if (b->rc) {
		status = http_status_of(b->rc);
		body = json_pack("{s:{s:s, s:s?, s:s}}", "error", "code", b->err.key[0] ? b->err.key : px_code_key(b->rc),
				 "field", b->err.field[0] ? b->err.field : NULL, "message", b->err.msg);
	} else {
		json_t *votes = json_array();
		for (int i = 0; i < b->ncandidates; i++)
			json_array_append_new(votes, json_pack("{s:I, s:s}", "candidate", (json_int_t)b->candidates[i],
							       "receipt", b->receipts[i]));
		body = json_pack("{s:s, s:s, s:o}", "track", b->track, "state", b->state, "votes", votes);
	}
	free(b);
	http_resume_json(r, status, body);
}

static int ballot_of(struct http_req *r, json_t *in, struct vote_ballot *b)
{
	const char *track;
	json_t *list, *v;
	size_t i;

	if (http_param_id_or_reply(r, 0, &b->programme_id) || json_str_or_reply(r, in, "track", true, 31, &track))
		return -1;
	snprintf(b->track, sizeof(b->track), "%s", track);
	list = json_object_get(in, "candidates");
	if (!json_is_array(list) || json_array_size(list) < 1 || json_array_size(list) > VOTE_MAX_CANDIDATES) {
		http_reply_errorf(r, PX_EINVAL, "bad_ballot", "candidates", "candidates: 1 to %d application ids",
				  VOTE_MAX_CANDIDATES);
		return -1;
	}
	json_array_foreach(list, i, v) {
		if (!json_is_integer(v) || json_integer_value(v) < 1) {
			http_reply_errorf(r, PX_EINVAL, "bad_ballot", "candidates", "candidates are application ids");
			return -1;
		}
		b->candidates[b->ncandidates++] = json_integer_value(v);
	}
	snprintf(b->token, sizeof(b->token), "%s", cookie(r, VOTER_COOKIE));
	snprintf(b->address, sizeof(b->address), "%s", http_client_address(r));
	return 0;
}

void h_vote_cast(struct http_req *r)
{
	struct px_err err = { 0 };
	struct vote_ballot *b = calloc(1, sizeof(*b));
	json_t *in = http_json_object(r);

	if (!b) {
		http_reply_errorf(r, PX_ENOMEM, NULL, NULL, "out of memory");
		goto out;
	}
	if (!in || ballot_of(r, in, b))
		goto out;
	b->done = cast_done;
	b->ctx = r;
	http_park(r);
	if (vote_cast_submit(http_app(r), b, &err)) {
		http_resume_json(r, http_status_of(err.code),
				 json_pack("{s:{s:s, s:s?, s:s}}", "error", "code", err.key[0] ? err.key : px_code_key(err.code),
					   "field", err.field[0] ? err.field : NULL, "message", err.msg));
		goto out;
	}
	b = NULL; /* the writer's until cast_done */
out:
	free(b);
	json_decref(in);
}

/* The counts answer kept ready by the vote (a lookup and a copy while ballots commit), not the path cache. */
void h_vote_counts(struct http_req *r)
{
	struct px_err err = { 0 };
	char *body, etag[24];
	size_t len;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (vote_counts_text(http_app(r), id, &body, &len, etag, &err))
		http_fail(r, &err);
	else
		http_reply_public(r, body, len, etag);
}

void h_vote_exclusions(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *out;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (vote_exclusions_json(http_app(r), id, &out, &err))
		http_fail(r, &err);
	else
		http_reply_json(r, 200, out);
}

void h_vote_log(struct http_req *r)
{
	struct px_err err = { 0 };
	char name[64], *text;
	size_t len;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (vote_log(http_app(r), id, &text, &len, &err)) {
		http_fail(r, &err);
		return;
	}
	snprintf(name, sizeof(name), "vote-log-%lld.jsonl", (long long)id);
	http_reply_bytes(r, 200, "application/x-ndjson", name, text, len);
}
