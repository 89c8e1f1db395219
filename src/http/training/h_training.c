/*
 * h_training.c - chief quality officer training over HTTP (app/training/
 * training.h): courses, enrolment, attendance, the session's code, self
 * check-in without an account, scores, completion, public verification and
 * the figures. Handlers parse, call one use case, reply.
 */
#include "http/handlers.h"

#include <stdlib.h>
#include <string.h>

#include "app/training/training.h"
#include "http/json_in.h"

/* The session number of /courses/{id}/sessions/{seq}/...: 1..999, 404 otherwise. */
static int seq_or_reply(struct http_req *r, int *seq)
{
	char *end;
	long v = strtol(http_param(r, 1), &end, 10);
	if (*end || v < 1 || v > 999) {
		http_reply_errorf(r, PX_ENOTFOUND, NULL, "session", "no such session");
		return -1;
	}
	*seq = (int)v;
	return 0;
}

void h_training_courses_create(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *in = http_json_object(r);
	int64_t id = 0;
	if (!in)
		return;
	int rc = training_course_create(http_app(r), http_actor(r), in, &id, &err);
	http_answer(r, rc, 201, rc ? NULL : json_pack("{s:I}", "id", (json_int_t)id), &err);
	json_decref(in);
}

void h_training_courses_list(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int rc = training_course_list(http_app(r), http_actor(r), &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_training_courses_get(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = training_course_get(http_app(r), http_actor(r), id, &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_training_enrol(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *in, *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	int rc = training_enrol(http_app(r), http_actor(r), id, in, &out, &err);
	http_answer(r, rc, 201, out, &err);
	json_decref(in);
}

void h_training_mark(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *mark;
	json_t *in;
	int64_t id, trainee = 0;
	int seq;
	if (http_param_id_or_reply(r, 0, &id) || seq_or_reply(r, &seq) || !(in = http_json_object(r)))
		return;
	if (!json_int_or_reply(r, in, "trainee", true, 1, INT64_MAX, &trainee) &&
	    !json_str_or_reply(r, in, "mark", true, 16, &mark)) {
		int rc = training_mark(http_app(r), http_actor(r), id, seq, trainee, mark, &err);
		http_answer(r, rc, 200, NULL, &err);
	}
	json_decref(in);
}

void h_training_code(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	int seq;
	if (http_param_id_or_reply(r, 0, &id) || seq_or_reply(r, &seq))
		return;
	int rc = training_code(http_app(r), http_actor(r), id, seq, &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_training_checkin(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *ticket, *code;
	json_t *in = http_json_object(r), *out = NULL;
	if (!in)
		return;
	if (!json_str_or_reply(r, in, "ticket", true, 16, &ticket) && !json_str_or_reply(r, in, "code", true, 8, &code)) {
		int rc = training_checkin(http_app(r), ticket, code, &out, &err);
		http_answer(r, rc, 200, out, &err);
	}
	json_decref(in);
}

void h_training_score(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *in;
	int64_t id, trainee = 0, score = 0;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_int_or_reply(r, in, "trainee", true, 1, INT64_MAX, &trainee) &&
	    !json_int_or_reply(r, in, "score", true, 0, 100, &score)) {
		int rc = training_score(http_app(r), http_actor(r), id, trainee, (int)score, &err);
		http_answer(r, rc, 200, NULL, &err);
	}
	json_decref(in);
}

void h_training_complete(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = training_complete(http_app(r), http_actor(r), id, &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_training_verify(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int rc = training_verify(http_app(r), http_param(r, 0), &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_training_stats(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int rc = training_stats(http_app(r), http_actor(r), &out, &err);
	http_answer(r, rc, 200, out, &err);
}
