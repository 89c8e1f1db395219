/*
 * json_in.h - validate-or-reply helpers that keep handlers straight-line:
 *
 *	json_t *in = http_json_object(r);
 *	if (!in) return;
 *	if (json_str_or_reply(r, in, "login", true, 64, &login)) goto out;
 *
 * Each helper either fills its output and returns 0, or replies with a 4xx
 * error naming the field and returns -1; the handler then just returns.
 */
#ifndef PX_HTTP_JSON_IN_H
#define PX_HTTP_JSON_IN_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "http/http.h"

/* The body as a JSON object (415 unless Content-Type is application/json; 400 if malformed). Caller owns it. */
json_t *http_json_object(struct http_req *r);

/* A string member of at most max bytes; absent and optional gives NULL. Borrowed from obj. */
int json_str_or_reply(struct http_req *r, json_t *obj, const char *key, bool required, size_t max,
		      const char **out);

/* An integer member within [min, max]; absent and optional leaves *out unchanged. */
int json_int_or_reply(struct http_req *r, json_t *obj, const char *key, bool required, int64_t min,
		      int64_t max, int64_t *out);

/* Path parameter i as a positive integer id (404 otherwise: nothing can have that id). */
int http_param_id_or_reply(struct http_req *r, int i, int64_t *out);

/*
 * The end of most handlers: reply with out (taken; NULL answers {}) and
 * status when the use case returned rc 0, else with its error. The _ref form
 * reads *out after the call that set it has run, for handlers that pass the
 * use case's call as rc.
 */
void http_answer(struct http_req *r, int rc, int status, json_t *out, const struct px_err *err);
void http_answer_ref(struct http_req *r, int rc, int status, json_t *const *out, const struct px_err *err);
/* http_answer for an import: a failure with rows (each faulty line, taken) carries them in the error. */
void http_answer_rows(struct http_req *r, int rc, int status, json_t *out, json_t *rows, const struct px_err *err);

/* Reply with the error of a failed use case; returns -1 so handlers can `return` it. */
int http_fail(struct http_req *r, const struct px_err *err);

#endif
