/*
 * route_index.h - the routes a path may match, found without trying every
 * pattern. A route can only match a path with as many segments, the same
 * first segment under /api/v1/ and, when its last segment is literal, the
 * same last one; the index groups the table by that key, so a lookup tries
 * a handful of patterns instead of a few hundred. Candidates come back in
 * table order, so the first match is the same route the table names first.
 */
#ifndef PX_HTTP_ROUTE_INDEX_H
#define PX_HTTP_ROUTE_INDEX_H

#include <stddef.h>

#include "http/http.h"

struct http_route_index;

/* NULL when out of memory. */
struct http_route_index *http_route_index_build(const struct http_route *routes, size_t n);
void http_route_index_free(struct http_route_index *ix);

/* The indexes into the table of the routes that may match `path`, in table order. */
const size_t *http_route_index_find(const struct http_route_index *ix, const char *path, size_t *n);

#endif
