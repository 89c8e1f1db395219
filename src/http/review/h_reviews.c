/*
 * h_reviews.c - experts' reviews (材料评审, 现场评审):
 *   GET  /api/v1/reviews/mine                   the expert's active assignments (expert)
 *   POST /api/v1/assignments/{id}/review        {scores: {item: points}, opinion, suggestions, integrity: true} (expert)
 *   GET  /api/v1/applications/{id}/reviews?stage=  the panel's reviews (office; an assigned expert after their own)
 *   GET  /api/v1/programmes/{id}/review-progress?stage=  every assignment of a review stage (office)
 */
#include "http/handlers.h"

#include "app/programme/office.h"
#include "app/input.h"
#include "app/json.h"
#include "app/tx.h"
#include "app/review/progress.h"
#include "app/review/review.h"
#include "http/json_in.h"

void h_reviews_mine(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	if (review_mine(http_app(r), http_actor(r), &out, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, out);
}

void h_reviews_submit(struct http_req *r)
{
	struct px_err err = { 0 };
	struct review_new rv = { 0 };
	json_t *in, *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "opinion", true, INPUT_TEXT_MAX, &rv.opinion) &&
	    !json_str_or_reply(r, in, "suggestions", true, INPUT_TEXT_MAX, &rv.suggestions)) {
		rv.scores = json_object_get(in, "scores");
		rv.integrity = json_is_true(json_object_get(in, "integrity"));
		if (review_submit(http_app(r), http_actor(r), id, &rv, &out, &err))
			http_fail(r, &err);
		else
			http_reply_json(r, 201, out);
	}
	json_decref(in);
}

void h_reviews_panel(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (review_panel(http_app(r), http_actor(r), id, http_query(r, "stage"), &out, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, out);
}

void h_reviews_progress(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (review_progress(http_app(r), http_actor(r), id, http_query(r, "stage"), &out, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, out);
}
