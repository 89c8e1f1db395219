/*
 * json_in.c - parsing and validating request input (see json_in.h).
 */
#include "http/json_in.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

json_t *http_json_object(struct http_req *r)
{
	const char *ct = http_header(r, "Content-Type");
	json_error_t je;
	size_t len;
	const void *body = http_body(r, &len);
	json_t *v;

	if (!ct || strncasecmp(ct, "application/json", 16) || (ct[16] && ct[16] != ';' && ct[16] != ' ')) {
		struct px_err err;
		px_err_set(&err, PX_EINVAL, "unsupported_media_type", "Content-Type",
			   "send the body as application/json");
		http_reply_error_status(r, 415, &err);
		return NULL;
	}
	v = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
	if (!v && json_error_code(&je) == json_error_invalid_utf8) {
		/* the parser's message quotes the bad bytes: never echo them */
		http_reply_errorf(r, PX_EINVAL, "invalid_utf8", NULL, "the body is not valid UTF-8");
		return NULL;
	}
	if (!v) {
		http_reply_errorf(r, PX_EINVAL, "bad_json", NULL, "malformed JSON at line %d column %d: %s",
				  je.line, je.column, je.text);
		return NULL;
	}
	if (!json_is_object(v)) {
		json_decref(v);
		http_reply_errorf(r, PX_EINVAL, "bad_json", NULL, "the body must be a JSON object");
		return NULL;
	}
	return v;
}

int json_str_or_reply(struct http_req *r, json_t *obj, const char *key, bool required, size_t max,
		      const char **out)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v)) {
		if (!required) {
			*out = NULL;
			return 0;
		}
		http_reply_errorf(r, PX_EINVAL, "missing_field", key, "'%s' is required", key);
		return -1;
	}
	if (!json_is_string(v)) {
		http_reply_errorf(r, PX_EINVAL, "wrong_type", key, "'%s' must be a string", key);
		return -1;
	}
	if (json_string_length(v) > max || strlen(json_string_value(v)) != json_string_length(v)) {
		http_reply_errorf(r, PX_EINVAL, "too_long", key, "'%s' must be at most %zu bytes, no NUL",
				  key, max);
		return -1;
	}
	*out = json_string_value(v);
	return 0;
}

int json_int_or_reply(struct http_req *r, json_t *obj, const char *key, bool required, int64_t min,
		      int64_t max, int64_t *out)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v)) {
		if (!required)
			return 0;
		http_reply_errorf(r, PX_EINVAL, "missing_field", key, "'%s' is required", key);
		return -1;
	}
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max) {
		http_reply_errorf(r, PX_EINVAL, "out_of_range", key, "'%s' must be an integer in %lld..%lld",
				  key, (long long)min, (long long)max);
		return -1;
	}
	*out = json_integer_value(v);
	return 0;
}

int http_param_id_or_reply(struct http_req *r, int i, int64_t *out)
{
	const char *s = http_param(r, i);
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (!*s || *end || errno || v <= 0 || s[0] == '+' || s[0] == '0') {
		http_reply_errorf(r, PX_ENOTFOUND, NULL, "id", "no such resource");
		return -1;
	}
	*out = v;
	return 0;
}

int http_fail(struct http_req *r, const struct px_err *err)
{
	http_reply_error(r, err);
	return -1;
}

void http_answer(struct http_req *r, int rc, int status, json_t *out, const struct px_err *err)
{
	if (rc) {
		json_decref(out);
		http_fail(r, err);
	} else {
		http_reply_json(r, status, out ? out : json_object());
	}
}

void http_answer_ref(struct http_req *r, int rc, int status, json_t *const *out, const struct px_err *err)
{
	http_answer(r, rc, status, *out, err);
}

void http_answer_rows(struct http_req *r, int rc, int status, json_t *out, json_t *rows, const struct px_err *err)
{
	if (!rc || !rows) {
		json_decref(rows);
		return http_answer(r, rc, status, out, err);
	}
	json_decref(out);
	http_reply_json(r, http_status_of(err->code),
			json_pack("{s:{s:s, s:s, s:s, s:o}}", "error", "code", err->key, "message", err->msg, "field",
				  err->field, "rows", rows));
}
