/*
 * h_decisions.c - the decisions after the material review:
 *   POST /api/v1/programmes/{id}/shortlist        {applications: [ids], minutes?} on-site review list (office)
 *   GET  /api/v1/applications/{id}/feedback       feedback to an applicant not shortlisted (the owner, office)
 *   POST /api/v1/programmes/{id}/deliberation     {applications: [ids], minutes} proposed list (leader)
 *   POST /api/v1/programmes/{id}/proposed-notice  publish the proposed winners (office)
 *   POST /api/v1/programmes/{id}/approval         {document_no, approved_on, minutes?} city approval (office)
 */
#include "http/handlers.h"

#include <stdlib.h>

#include "app/programme/office.h"
#include "app/input.h"
#include "app/json.h"
#include "app/tx.h"
#include "app/programme/decision.h"
#include "app/award/shortlist.h"
#include "http/json_in.h"

/* A decision over a list of applications: {applications: [ids], minutes}. */
typedef int (*list_decision_fn)(struct app *app, const struct app_actor *actor, int64_t programme_id,
				const int64_t *ids, size_t n, const char *minutes, json_t **out, struct px_err *err);

static void list_decision(struct http_req *r, bool minutes_required, list_decision_fn decide)
{
	struct px_err err = { 0 };
	const char *minutes;
	int64_t id, *ids = NULL;
	size_t n;
	json_t *in, *out = NULL;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (json_str_or_reply(r, in, "minutes", minutes_required, INPUT_TEXT_MAX, &minutes))
		goto out;
	if (input_ids(in, "applications", &ids, &n, &err)) {
		http_fail(r, &err);
		goto out;
	}
	int rc = decide(http_app(r), http_actor(r), id, ids, n, minutes, &out, &err);
	http_answer(r, rc, 201, out, &err);
out:
	free(ids);
	json_decref(in);
}

void h_shortlist_decide(struct http_req *r)
{
	list_decision(r, false, shortlist_decide);
}

void h_feedback_get(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = shortlist_feedback(http_app(r), http_actor(r), id, &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_deliberation_record(struct http_req *r)
{
	list_decision(r, true, decision_deliberate);
}

void h_proposed_notice(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = decision_proposed_notice(http_app(r), http_actor(r), id, &out, &err);
	http_answer(r, rc, 201, out, &err);
}

void h_approval_record(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *document_no, *approved_on, *minutes;
	json_t *in, *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "document_no", true, 64, &document_no) &&
	    !json_str_or_reply(r, in, "approved_on", true, 10, &approved_on) &&
	    !json_str_or_reply(r, in, "minutes", false, INPUT_TEXT_MAX, &minutes)) {
		int rc = decision_approve(http_app(r), http_actor(r), id, document_no, approved_on, minutes, &out, &err);
		http_answer(r, rc, 201, out, &err);
	}
	json_decref(in);
}
