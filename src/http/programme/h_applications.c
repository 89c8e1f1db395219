/*
 * h_applications.c - applications, the applicant's side:
 *   POST /api/v1/programmes/{id}/applications      {track, form, organisation|person}  create a draft
 *   GET  /api/v1/programmes/{id}/applications      ?state=&region=  what the caller may see
 *   GET  /api/v1/applications/{id}                 one application (masked personal numbers)
 *   PUT  /api/v1/applications/{id}/form            {field: value, ...}  the whole form
 *   POST /api/v1/applications/{id}/internal-notice {from, to, note?}
 *   POST /api/v1/applications/{id}/attest          {no_record}
 *   POST /api/v1/applications/{id}/submit          {}
 * Every change answers with the application as GET shows it.
 */
#include "http/handlers.h"

#include "app/programme/apply.h"
#include "http/json_extra.h"

/* Answer with the application after a change, or with the change's error. */
static void reply_application(struct http_req *r, int status, int64_t id, int rc, struct px_err *err)
{
	char *text;
	size_t len;
	if (rc || application_get_text(http_app(r), http_actor(r), id, &text, &len, err))
		return (void)http_fail(r, err);
	http_reply_json_text(r, status, text, len);
}

void h_applications_create(struct http_req *r)
{
	struct px_err err = { 0 };
	struct application_new req = { 0 };
	int64_t programme, id = 0;
	json_t *in;

	if (http_param_id_or_reply(r, 0, &programme) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "track", true, 32, &req.track) &&
	    !json_str_or_reply(r, in, "form", true, 32, &req.form) &&
	    !json_id_or_reply(r, in, "organisation", false, &req.organisation_id) &&
	    !json_id_or_reply(r, in, "person", false, &req.person_id)) {
		int rc = application_create(http_app(r), http_actor(r), programme, &req, &id, &err);
		reply_application(r, 201, id, rc, &err);
	}
	json_decref(in);
}

void h_applications_list(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *state, *region;
	int64_t programme;
	char *text;
	size_t len;

	if (http_param_id_or_reply(r, 0, &programme) || http_query_or_reply(r, "state", 20, &state) ||
	    http_query_or_reply(r, "region", 6, &region))
		return;
	if (application_list_text(http_app(r), http_actor(r), programme, state, region, &text, &len, &err))
		return (void)http_fail(r, &err);
	http_reply_json_text(r, 200, text, len);
}

void h_applications_get(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	reply_application(r, 200, id, 0, &err);
}

void h_applications_form(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *in;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	int rc = application_form_put(http_app(r), http_actor(r), id, in, &err);
	reply_application(r, 200, id, rc, &err);
	json_decref(in);
}

void h_applications_internal_notice(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *from, *to, *note;
	int64_t id;
	json_t *in;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "from", true, 10, &from) && !json_str_or_reply(r, in, "to", true, 10, &to) &&
	    !json_str_or_reply(r, in, "note", false, 500, &note)) {
		int rc = application_internal_notice(http_app(r), http_actor(r), id, from, to, note, &err);
		reply_application(r, 200, id, rc, &err);
	}
	json_decref(in);
}

void h_applications_attest(struct http_req *r)
{
	struct px_err err = { 0 };
	bool no_record = false;
	int64_t id;
	json_t *in;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_bool_or_reply(r, in, "no_record", true, &no_record)) {
		int rc = application_attest(http_app(r), http_actor(r), id, no_record, &err);
		reply_application(r, 200, id, rc, &err);
	}
	json_decref(in);
}

void h_applications_submit(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = application_submit(http_app(r), http_actor(r), id, &err);
	reply_application(r, 200, id, rc, &err);
}
