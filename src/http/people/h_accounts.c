/*
 * h_accounts.c - accounts:
 *   GET  /api/v1/accounts              the accounts the caller may see
 *   POST /api/v1/accounts              create (office, inside its region)
 *   GET  /api/v1/accounts/{id}         one account (404 outside the caller's scope)
 *   POST /api/v1/accounts/{id}/password  {old_password?, password}
 */
#include "http/handlers.h"

#include "app/people/account.h"
#include "http/json_in.h"

void h_accounts_list(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *list;
	if (account_list(http_app(r), http_actor(r), &list, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, json_pack("{s:o}", "accounts", list));
}

void h_accounts_get(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *a;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (account_get(http_app(r), http_actor(r), id, &a, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, a);
}

void h_accounts_create(struct http_req *r)
{
	struct px_err err = { 0 };
	struct account_new req = { 0 };
	int64_t id;
	json_t *in = http_json_object(r), *a;

	if (!in)
		return;
	if (json_str_or_reply(r, in, "login", true, 64, &req.login) ||
	    json_str_or_reply(r, in, "display_name", true, 64, &req.display_name) ||
	    json_str_or_reply(r, in, "password", true, ACCOUNT_PASSWORD_MAX, &req.password) ||
	    json_str_or_reply(r, in, "role", true, 16, &req.role) ||
	    json_str_or_reply(r, in, "unit", true, 128, &req.unit) ||
	    json_str_or_reply(r, in, "region", true, 6, &req.region))
		goto out;
	if (account_create(http_app(r), http_actor(r), &req, &id, &err) ||
	    account_get(http_app(r), http_actor(r), id, &a, &err)) {
		http_fail(r, &err);
		goto out;
	}
	http_reply_json(r, 201, a);
out:
	json_decref(in);
}

void h_accounts_password(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *old, *password;
	int64_t id;
	json_t *in, *a = NULL;

	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (!(in = http_json_object(r)))
		return;
	if (json_str_or_reply(r, in, "old_password", false, ACCOUNT_PASSWORD_MAX, &old) ||
	    json_str_or_reply(r, in, "password", true, ACCOUNT_PASSWORD_MAX, &password))
		goto out;
	if (account_get(http_app(r), http_actor(r), id, &a, &err) ||
	    account_passwd(http_app(r), http_actor(r), json_string_value(json_object_get(a, "login")),
			   old, password, &err)) {
		http_fail(r, &err);
		goto out;
	}
	http_reply_json(r, 200, json_pack("{s:b}", "changed", 1));
out:
	json_decref(a);
	json_decref(in);
}
