/*
 * json_extra.c - booleans, ids and query parameters, validated or answered
 * with a 4xx naming the field (see json_extra.h).
 */
#include "http/json_extra.h"

#include <string.h>

int json_bool_or_reply(struct http_req *r, json_t *obj, const char *key, bool required, bool *out)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v)) {
		if (!required)
			return 0;
		http_reply_errorf(r, PX_EINVAL, "missing_field", key, "'%s' is required", key);
		return -1;
	}
	if (!json_is_boolean(v)) {
		http_reply_errorf(r, PX_EINVAL, "wrong_type", key, "'%s' must be true or false", key);
		return -1;
	}
	*out = json_is_true(v);
	return 0;
}

int json_id_or_reply(struct http_req *r, json_t *obj, const char *key, bool required, int64_t *out)
{
	*out = 0;
	return json_int_or_reply(r, obj, key, required, 1, INT64_MAX, out);
}

int http_query_or_reply(struct http_req *r, const char *key, size_t max, const char **out)
{
	const char *v = http_query(r, key);
	if (v && strlen(v) > max) {
		http_reply_errorf(r, PX_EINVAL, "too_long", key, "'%s' must be at most %zu bytes", key, max);
		return -1;
	}
	*out = v && *v ? v : NULL;
	return 0;
}
