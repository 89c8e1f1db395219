/*
 * h_session.c - signing in and out, and who am I:
 *   POST   /api/v1/session   {login, password} -> cookie + {account, csrf_token}
 *   GET    /api/v1/session   -> {account, csrf_token}
 *   DELETE /api/v1/session   -> signs out
 * Each sign-in attempt is reserved against the limits of http/throttle.h
 * (per login and address, per address, per login, server-wide) before its
 * password is hashed, and the hash runs inside the bounded section there. A
 * refusal carries Retry-After.
 */
#include "http/handlers.h"

#include "app/people/account.h"
#include "app/people/session.h"
#include "http/json_in.h"
#include "http/request.h"
#include "http/throttle.h"

static json_t *me_json(const struct app_actor *a, const char *csrf)
{
	return json_pack("{s:{s:I, s:s, s:s, s:s, s:s}, s:s}", "account", "id", (json_int_t)a->id,
			 "login", a->login, "role", access_role_name(a->role), "role_label",
			 access_role_label(a->role), "region", a->region, "csrf_token", csrf);
}

void h_session_create(struct http_req *r)
{
	struct px_err err = { 0 };
	struct app_actor who;
	char token[SESSION_TOKEN_HEX + 1], csrf[SESSION_TOKEN_HEX + 1];
	const char *login, *password;
	char retry[24];
	int64_t wait_s = 0;
	int rc;
	json_t *in = http_json_object(r);

	if (!in)
		return;
	if (json_str_or_reply(r, in, "login", true, 64, &login) ||
	    json_str_or_reply(r, in, "password", true, ACCOUNT_PASSWORD_MAX, &password))
		goto out;
	if (throttle_login_reserve(login, http_client_address(r), &wait_s, &err) ||
	    throttle_hash_enter(&err)) {
		snprintf(retry, sizeof(retry), "%lld", (long long)(wait_s > 0 ? wait_s : 1));
		http_add_header(r, "Retry-After", retry);
		http_fail(r, &err);
		goto out;
	}
	rc = account_authenticate(http_app(r), login, password, &who, &err);
	throttle_hash_leave();
	if (!rc)
		throttle_login_succeeded(login, http_client_address(r));
	if (rc) {
		http_fail(r, &err);
		goto out;
	}
	if (session_open(http_app(r), &who, token, csrf, &err)) {
		http_fail(r, &err);
		goto out;
	}
	http_set_session_cookie(r, token);
	http_reply_json(r, 201, me_json(&who, csrf));
out:
	json_decref(in);
}

void h_session_get(struct http_req *r)
{
	http_reply_json(r, 200, me_json(http_actor(r), r->csrf));
}

void h_session_delete(struct http_req *r)
{
	struct px_err err = { 0 };
	if (session_close(http_app(r), http_actor(r), http_session_token(r), &err)) {
		http_fail(r, &err);
		return;
	}
	http_set_session_cookie(r, NULL);
	http_reply_json(r, 200, json_pack("{s:b}", "signed_out", 1));
}
