/*
 * h_county.c - the county stage (清强市办〔2025〕20号 step 2):
 *   POST /api/v1/applications/{id}/county-check   {result: pass|return, note}  (county)
 *   POST /api/v1/applications/{id}/opinions       {department, verdict, text}  (county; member unit for its department)
 *   POST /api/v1/programmes/{id}/county-notice    {starts_on?}  publish the county's checked applicants (county)
 *   POST /api/v1/programmes/{id}/recommendations  {applications: [id | {application, note}] in rank order} (county)
 *   GET  /api/v1/programmes/{id}/recommendations  the summary table's rows (office: all; county: its own)
 */
#include "http/handlers.h"

#include "app/programme/apply.h"
#include "app/award/county.h"
#include "http/json_extra.h"

#define PICKS_MAX 64

void h_county_check(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *result, *note;
	int64_t id;
	json_t *in;
	char *text;
	size_t len;

	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "result", true, 16, &result) && !json_str_or_reply(r, in, "note", false, 1000, &note)) {
		if (county_check(http_app(r), http_actor(r), id, result, note, &err) ||
		    application_get_text(http_app(r), http_actor(r), id, &text, &len, &err))
			http_fail(r, &err);
		else
			http_reply_json_text(r, 200, text, len);
	}
	json_decref(in);
}

void h_county_opinion(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *department, *verdict, *text;
	int64_t id;
	json_t *in, *o;

	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "department", true, 64, &department) &&
	    !json_str_or_reply(r, in, "verdict", true, 16, &verdict) &&
	    !json_str_or_reply(r, in, "text", true, 2000, &text)) {
		if (county_opinion(http_app(r), http_actor(r), id, department, verdict, text, &o, &err))
			http_fail(r, &err);
		else
			http_reply_json(r, 201, o);
	}
	json_decref(in);
}

void h_county_notice(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *starts_on;
	int64_t id;
	json_t *in, *o;

	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "starts_on", false, 10, &starts_on)) {
		if (county_notice(http_app(r), http_actor(r), id, starts_on, &o, &err))
			http_fail(r, &err);
		else
			http_reply_json(r, 201, o);
	}
	json_decref(in);
}

/* {applications: [id, ...]} or [{application, note}, ...] into picks. */
static int picks_or_reply(struct http_req *r, json_t *in, struct county_pick *picks, size_t *n)
{
	json_t *arr = json_object_get(in, "applications"), *v;
	size_t i;

	if (!json_is_array(arr) || json_array_size(arr) > PICKS_MAX) {
		http_reply_errorf(r, PX_EINVAL, "wrong_type", "applications",
				  "'applications' is an array of at most %d ids in rank order", PICKS_MAX);
		return -1;
	}
	json_array_foreach(arr, i, v) {
		json_t *id = json_is_object(v) ? json_object_get(v, "application") : v;
		json_t *note = json_is_object(v) ? json_object_get(v, "note") : NULL;
		if (!json_is_integer(id) || json_integer_value(id) < 1 || (note && !json_is_string(note))) {
			http_reply_errorf(r, PX_EINVAL, "wrong_type", "applications",
					  "item %zu must be an application id or {application, note}", i + 1);
			return -1;
		}
		picks[i].application = json_integer_value(id);
		picks[i].note = note ? json_string_value(note) : NULL;
	}
	*n = json_array_size(arr);
	return 0;
}

void h_county_recommend(struct http_req *r)
{
	struct px_err err = { 0 };
	struct county_pick picks[PICKS_MAX];
	size_t n = 0;
	int64_t id;
	json_t *in, *o;

	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!picks_or_reply(r, in, picks, &n)) {
		if (county_recommend(http_app(r), http_actor(r), id, picks, n, &o, &err))
			http_fail(r, &err);
		else
			http_reply_json(r, 200, o);
	}
	json_decref(in);
}

void h_county_recommendations(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *o;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (county_recommendations_json(http_app(r), http_actor(r), id, &o, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, o);
}
