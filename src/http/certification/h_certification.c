/*
 * h_certification.c - the 湖南名品 certification's own routes:
 *   POST /api/v1/certification/applications/{id}/recommendation  the city bureau's decision
 *   GET  /api/v1/certification/programmes/{id}/applications      the city bureau's applications
 *   POST /api/v1/programmes/{id}/certification                   apply the bar (office)
 *   GET  /api/v1/programmes/{id}/certification                   the count against the target
 */
#include "http/handlers.h"

#include "app/certification/certify.h"
#include "http/json_in.h"

void h_certification_recommend(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *opinion = NULL;
	json_t *in, *out = NULL, *rec;
	int64_t id;

	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	rec = json_object_get(in, "recommend");
	if (!json_is_boolean(rec))
		http_reply_errorf(r, PX_EINVAL, "missing_field", "recommend", "recommend must be true or false");
	else if (!json_str_or_reply(r, in, "opinion", true, CERTIFICATION_OPINION_MAX, &opinion)) {
		if (certification_recommend(http_app(r), http_actor(r), id, json_is_true(rec), opinion, &out, &err))
			http_fail(r, &err);
		else
			http_reply_json(r, 200, out);
	}
	json_decref(in);
}

void h_certification_city_list(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (certification_city_list(http_app(r), http_actor(r), id, &out, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, out);
}

void h_certification_certify(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (certification_certify(http_app(r), http_actor(r), id, &out, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, out);
}

void h_certification_summary(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (certification_summary(http_app(r), http_actor(r), id, &out, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, out);
}
