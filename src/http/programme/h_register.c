/*
 * h_register.c - the certificate register (app/programme/register.h):
 *   GET  /api/v1/programmes/{id}/register      the programme's certificates, any status (office, leadership)
 *   GET  /api/v1/certificates/{id}             one certificate with its events (office)
 *   POST /api/v1/certificates/{id}/status      suspend, reinstate, revoke or cancel, with a reason (office)
 *   GET  /api/v1/register                      the public register: ?no=&name=&region=&sort=&page=&per_page=
 *   GET  /api/v1/register/{code}               public verification of a code
 *   GET  /api/v1/register/{code}/qr.svg        the QR code of its verification link
 */
#include "http/handlers.h"

#include <stdlib.h>

#include "app/programme/register.h"
#include "http/json_in.h"

/* A positive integer query parameter, dflt when absent; -1 when malformed. */
static int64_t query_int(struct http_req *r, const char *key, int64_t dflt)
{
	const char *v = http_query(r, key);
	char *end;
	if (!v || !v[0])
		return dflt;
	long long n = strtoll(v, &end, 10);
	return *end || n < 1 || n > 1000000 ? -1 : n;
}

static void search(struct http_req *r, int64_t programme_id)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	struct register_query q = {
		.actor = http_actor(r), .no = http_query(r, "no"), .name = http_query(r, "name"), .region = http_query(r, "region"),
		.sort = http_query(r, "sort"), .programme_id = programme_id,
		.page = query_int(r, "page", 1), .per_page = query_int(r, "per_page", REGISTER_PER_PAGE),
	};
	if (register_search(http_app(r), &q, &out, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, out);
}

void h_register_of_programme(struct http_req *r)
{
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	search(r, id);
}

void h_register_search(struct http_req *r)
{
	search(r, 0);
}

void h_register_get(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (register_get(http_app(r), http_actor(r), id, &out, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, out);
}

void h_register_change(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *action = NULL, *reason = NULL;
	json_t *in, *out = NULL;
	int64_t id;

	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "action", true, 16, &action) &&
	    !json_str_or_reply(r, in, "reason", true, REGISTER_REASON_MAX, &reason)) {
		if (register_change(http_app(r), http_actor(r), id, action, reason, &out, &err))
			http_fail(r, &err);
		else
			http_reply_json(r, 200, out);
	}
	json_decref(in);
}

void h_register_verify(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	if (register_verify(http_app(r), http_param(r, 0), &out, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, out);
}

void h_register_qr(struct http_req *r)
{
	struct px_err err = { 0 };
	char *svg = NULL;
	size_t len = 0;
	if (register_qr(http_app(r), http_param(r, 0), &svg, &len, &err))
		return (void)http_fail(r, &err);
	http_reply_bytes(r, 200, "image/svg+xml", NULL, svg, len);
}
