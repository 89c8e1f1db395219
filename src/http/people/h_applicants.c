/*
 * h_applicants.c - who applies:
 *   POST /api/v1/organisations        {uscc, name, industry, region, founded_on}  (applicant for itself; county, office)
 *   GET  /api/v1/organisations/{id}   the organisation (its account, staff of its region)
 *   POST /api/v1/persons              {id_number, name, employer, region, quality_since, mobile?}
 *   GET  /api/v1/persons/{id}         the person, ID and mobile numbers masked
 *   POST /api/v1/past-winners         {family, year, uscc|id_number, track, source}  (office)
 *   GET  /api/v1/past-winners         those the office's region keeps, numbers masked
 *   POST /api/v1/past-winners/{id}/remove {reason}  (the office of the record's region)
 *   PUT  /api/v1/past-winners/{id}    {family, year, uscc|id_number, track, source, reason}  correct it (same)
 *   GET  /api/v1/applicants/mine      the organisation or person bound to the applicant account
 *   GET  /api/v1/registration-attempts  attempts to register an identity registered already (its owner,
 *                                     county, office)
 * Registrations by applicant accounts are throttled per account (http/throttle_public.h) and answered
 * 202 {registration: "received"} whether or not the identifier was registered already
 * (app/people/registration.h): the applicant reads what it got from /applicants/mine.
 */
#include "http/handlers.h"

#include <stdio.h>

#include "app/people/applicant.h"
#include "app/people/registration.h"
#include "http/json_extra.h"
#include "http/throttle_public.h"

/*
 * An applicant account's registration attempts are throttled (a refusal tells
 * whether a number is registered); staff register paper applications of their
 * own region and are audited. true when the 429 is sent.
 */
static bool register_throttled(struct http_req *r)
{
	const struct app_actor *actor = http_actor(r);
	struct px_err err = { 0 };
	char retry[24];
	int64_t wait;

	if (actor->kind != ACTOR_ACCOUNT || actor->role != ROLE_APPLICANT ||
	    !throttle_register_take(actor->id, &wait, &err))
		return false;
	snprintf(retry, sizeof(retry), "%lld", (long long)wait);
	if (wait)
		http_add_header(r, "Retry-After", retry);
	http_fail(r, &err);
	return true;
}

/*
 * An applicant account's own registration is answered alike whether it bound
 * a new identity or met one registered already (the owner is told instead);
 * true when that answer is sent.
 */
static bool reply_received(struct http_req *r, const char *kind)
{
	const struct app_actor *actor = http_actor(r);
	if (actor->kind != ACTOR_ACCOUNT || actor->role != ROLE_APPLICANT)
		return false;
	http_reply_json(r, 202, json_pack("{s:s, s:s}", "registration", "received", "kind", kind));
	return true;
}

void h_organisations_create(struct http_req *r)
{
	struct px_err err = { 0 };
	struct organisation_new req = { 0 };
	int64_t id;
	json_t *in = http_json_object(r), *o;

	if (!in)
		return;
	if (json_str_or_reply(r, in, "uscc", true, 32, &req.uscc) ||
	    json_str_or_reply(r, in, "name", true, 160, &req.name) ||
	    json_str_or_reply(r, in, "industry", true, 2, &req.industry) ||
	    json_str_or_reply(r, in, "region", true, 6, &req.region) ||
	    json_str_or_reply(r, in, "founded_on", true, 10, &req.founded_on))
		goto out;
	if (register_throttled(r))
		goto out;
	if (organisation_create(http_app(r), http_actor(r), &req, &id, &err)) {
		http_fail(r, &err);
		goto out;
	}
	if (reply_received(r, "organisation"))
		goto out;
	if (organisation_get(http_app(r), http_actor(r), id, &o, &err))
		http_fail(r, &err);
	else
		http_reply_json(r, 201, o);
out:
	json_decref(in);
}

void h_organisations_get(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *o;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (organisation_get(http_app(r), http_actor(r), id, &o, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, o);
}

void h_persons_create(struct http_req *r)
{
	struct px_err err = { 0 };
	struct person_new req = { 0 };
	int64_t id;
	json_t *in = http_json_object(r), *o;

	if (!in)
		return;
	if (json_str_or_reply(r, in, "id_number", true, 32, &req.id_number) ||
	    json_str_or_reply(r, in, "name", true, 64, &req.name) ||
	    json_str_or_reply(r, in, "employer", true, 160, &req.employer) ||
	    json_str_or_reply(r, in, "region", true, 6, &req.region) ||
	    json_str_or_reply(r, in, "quality_since", true, 10, &req.quality_since) ||
	    json_str_or_reply(r, in, "mobile", false, 20, &req.mobile))
		goto out;
	if (register_throttled(r))
		goto out;
	if (person_create(http_app(r), http_actor(r), &req, &id, &err)) {
		http_fail(r, &err);
		goto out;
	}
	if (reply_received(r, "person"))
		goto out;
	if (person_get(http_app(r), http_actor(r), id, &o, &err))
		http_fail(r, &err);
	else
		http_reply_json(r, 201, o);
out:
	json_decref(in);
}

void h_persons_get(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *o;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (person_get(http_app(r), http_actor(r), id, &o, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, o);
}

/* The fields of a past-winner record from the body; true when a 400 was sent. */
static bool winner_fields_or_reply(struct http_req *r, json_t *in, struct past_winner_new *req)
{
	int64_t year = 0;

	if (json_str_or_reply(r, in, "family", true, 64, &req->family) ||
	    json_int_or_reply(r, in, "year", true, 1980, 2100, &year) ||
	    json_str_or_reply(r, in, "uscc", false, 32, &req->uscc) ||
	    json_str_or_reply(r, in, "id_number", false, 32, &req->id_number) ||
	    json_str_or_reply(r, in, "track", true, 32, &req->track) ||
	    json_str_or_reply(r, in, "source", true, 200, &req->source))
		return true;
	req->year = (int)year;
	return false;
}

void h_past_winners_create(struct http_req *r)
{
	struct px_err err = { 0 };
	struct past_winner_new req = { 0 };
	int64_t id;
	json_t *in = http_json_object(r);

	if (!in)
		return;
	if (winner_fields_or_reply(r, in, &req))
		goto out;
	if (past_winner_add(http_app(r), http_actor(r), &req, &id, &err)) {
		http_fail(r, &err);
		goto out;
	}
	http_reply_json(r, 201, json_pack("{s:I, s:s, s:i}", "id", (json_int_t)id, "family", req.family, "year",
					  req.year));
out:
	json_decref(in);
}

void h_past_winners_correct(struct http_req *r)
{
	struct px_err err = { 0 };
	struct past_winner_new req = { 0 };
	const char *reason;
	int64_t id;
	json_t *in;

	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (winner_fields_or_reply(r, in, &req) || json_str_or_reply(r, in, "reason", true, 2000, &reason))
		goto out;
	if (past_winner_correct(http_app(r), http_actor(r), id, &req, reason, &err)) {
		http_fail(r, &err);
		goto out;
	}
	http_reply_json(r, 200, json_pack("{s:I, s:s, s:i, s:b}", "id", (json_int_t)id, "family", req.family, "year",
					  req.year, "corrected", 1));
out:
	json_decref(in);
}

void h_past_winners_list(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	if (past_winner_list(http_app(r), http_actor(r), &out, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, out);
}

void h_past_winners_remove(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *reason;
	json_t *in;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "reason", true, 2000, &reason)) {
		if (past_winner_remove(http_app(r), http_actor(r), id, reason, &err))
			http_fail(r, &err);
		else
			http_reply_json(r, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "removed", 1));
	}
	json_decref(in);
}

void h_applicants_mine(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	if (applicant_mine(http_app(r), http_actor(r), &out, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, out);
}

void h_registration_attempts(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	if (registration_attempt_list(http_app(r), http_actor(r), &out, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, out);
}
