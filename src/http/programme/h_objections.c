/*
 * h_objections.c - objections (异议):
 *   POST /api/v1/applications/{id}/objections  {name, contact, text, evidence?}  anyone, no session needed
 *                                              (throttled per client address: http/throttle_public.h)
 *   POST /api/v1/objections/{id}/forward       {}  the office forwards it to the county
 *   POST /api/v1/objections/{id}/reply         {text}  the county answers
 *   POST /api/v1/objections/{id}/decide        {outcome, breaks_eligibility, decision}  the office
 *   GET  /api/v1/programmes/{id}/objections    with overdue flags (office: all; county: forwarded to it)
 */
#include "http/handlers.h"

#include <stdio.h>

#include "app/programme/objection.h"
#include "http/json_extra.h"
#include "http/throttle_public.h"

void h_objections_file(struct http_req *r)
{
	struct px_err err = { 0 };
	struct objection_new req = { 0 };
	int64_t id;
	json_t *in, *o;

	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "name", true, 64, &req.name) &&
	    !json_str_or_reply(r, in, "contact", true, 20, &req.contact) &&
	    !json_str_or_reply(r, in, "text", true, OBJECTION_TEXT_MAX, &req.text) &&
	    !json_str_or_reply(r, in, "evidence", false, OBJECTION_EVIDENCE_MAX, &req.evidence)) {
		int64_t wait;
		char retry[24];
		/* anyone may write here: a burst per address, then a slow trickle */
		if (throttle_public_take(http_client_address(r), &wait, &err)) {
			snprintf(retry, sizeof(retry), "%lld", (long long)wait);
			if (wait)
				http_add_header(r, "Retry-After", retry);
			http_fail(r, &err);
		} else if (objection_file(http_app(r), http_actor(r), id, &req, &o, &err))
			http_fail(r, &err);
		else
			http_reply_json(r, 201, o);
	}
	json_decref(in);
}

void h_objections_forward(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *o;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (objection_forward(http_app(r), http_actor(r), id, &o, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, o);
}

void h_objections_reply(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *text;
	int64_t id;
	json_t *in, *o;

	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "text", true, OBJECTION_TEXT_MAX, &text)) {
		if (objection_reply(http_app(r), http_actor(r), id, text, &o, &err))
			http_fail(r, &err);
		else
			http_reply_json(r, 200, o);
	}
	json_decref(in);
}

void h_objections_decide(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *outcome, *decision;
	bool breaks = false;
	int64_t id;
	json_t *in, *o;

	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "outcome", true, 16, &outcome) &&
	    !json_bool_or_reply(r, in, "breaks_eligibility", true, &breaks) &&
	    !json_str_or_reply(r, in, "decision", true, OBJECTION_TEXT_MAX, &decision)) {
		if (objection_decide(http_app(r), http_actor(r), id, outcome, breaks, decision, &o, &err))
			http_fail(r, &err);
		else
			http_reply_json(r, 200, o);
	}
	json_decref(in);
}

void h_objections_list(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *list;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (objection_list_json(http_app(r), http_actor(r), id, &list, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, json_pack("{s:o}", "objections", list));
}
