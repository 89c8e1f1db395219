/*
 * json_extra.h - more validate-or-reply helpers in the manner of json_in.h,
 * for the award's handlers: booleans, ids, and a query-string region.
 */
#ifndef PX_HTTP_JSON_EXTRA_H
#define PX_HTTP_JSON_EXTRA_H

#include "http/json_in.h"

/* A boolean member; absent and optional leaves *out unchanged. */
int json_bool_or_reply(struct http_req *r, json_t *obj, const char *key, bool required, bool *out);

/* A positive integer id member; absent and optional gives 0. */
int json_id_or_reply(struct http_req *r, json_t *obj, const char *key, bool required, int64_t *out);

/* A query parameter of at most max bytes, or NULL when absent (400 "too_long" beyond max). */
int http_query_or_reply(struct http_req *r, const char *key, size_t max, const char **out);

#endif
