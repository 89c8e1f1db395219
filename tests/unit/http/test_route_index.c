/*
 * test_route_index.c - the route index (http/route_index.h) finds, for
 * every path, the same first route as trying the whole table in order:
 * for each route's pattern with its placeholders filled by a number, by
 * every literal segment the table uses (so that "/{id}" meets "/import"),
 * and for paths no route has. The matcher is the table's rule: literal
 * characters equal, a placeholder one segment of at least one character.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "http/route_index.h"

static bool match(const char *pattern, const char *path)
{
	while (*pattern && *path) {
		if (*pattern == '{') {
			size_t n = strcspn(path, "/");
			if (!n)
				return false;
			pattern = strchr(pattern, '}') + 1;
			path += n;
		} else if (*pattern++ != *path++) {
			return false;
		}
	}
	return !*pattern && !*path;
}

/* The first route of `method` matching `path`: the whole table, then the index. */
static long first_by_table(const char *method, const char *path)
{
	for (size_t i = 0; i < http_routes_count; i++)
		if (!strcmp(http_routes[i].method, method) && match(http_routes[i].pattern, path))
			return (long)i;
	return -1;
}

static long first_by_index(const struct http_route_index *ix, const char *method, const char *path)
{
	size_t n;
	const size_t *cand = http_route_index_find(ix, path, &n);
	for (size_t k = 0; k < n; k++) {
		assert_true(k == 0 || cand[k] > cand[k - 1]); /* table order */
		if (!strcmp(http_routes[cand[k]].method, method) && match(http_routes[cand[k]].pattern, path))
			return (long)cand[k];
	}
	return -1;
}

/* The pattern with every placeholder replaced by `fill`. */
static void instance(const char *pattern, const char *fill, char *out, size_t cap)
{
	size_t o = 0;
	for (const char *p = pattern; *p && o + strlen(fill) + 1 < cap;) {
		if (*p == '{') {
			o += (size_t)snprintf(out + o, cap - o, "%s", fill);
			p = strchr(p, '}') + 1;
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = '\0';
}

static void check(const struct http_route_index *ix, const char *path)
{
	static const char *const methods[] = { "GET", "POST", "PUT", "PATCH", "DELETE" };
	for (size_t m = 0; m < sizeof(methods) / sizeof(methods[0]); m++)
		if (first_by_table(methods[m], path) != first_by_index(ix, methods[m], path))
			fail_msg("%s %s: table and index disagree", methods[m], path);
}

static void every_route_is_found_first_as_by_the_table(void **state)
{
	struct http_route_index *ix = http_route_index_build(http_routes, http_routes_count);
	char path[512], seg[64];
	(void)state;
	assert_non_null(ix);
	for (size_t i = 0; i < http_routes_count; i++) {
		instance(http_routes[i].pattern, "7", path, sizeof(path));
		assert_int_equal(first_by_index(ix, http_routes[i].method, path),
				 first_by_table(http_routes[i].method, path));
		check(ix, path);
		/* each literal segment of the table in the placeholders' place */
		for (size_t j = 0; j < http_routes_count; j++) {
			const char *last = strrchr(http_routes[j].pattern, '/') + 1;
			size_t n = strcspn(last, "{");
			if (n == 0 || n != strlen(last) || n >= sizeof(seg))
				continue;
			memcpy(seg, last, n);
			seg[n] = '\0';
			instance(http_routes[i].pattern, seg, path, sizeof(path));
			check(ix, path);
		}
	}
	http_route_index_free(ix);
}

static void paths_no_route_has(void **state)
{
	static const char *const paths[] = {
		"/", "/api", "/api/v1", "/api/v1/", "/api/v1//", "/api/v1/programmes/", "/api/v1/programmes/1/",
		"/api/v1/programmes/1/winners/x", "/api/v1/nosuch", "/api/v2/health", "/index.html",
		"/api/v1/{id}", "/api/v1/programmes/{id}/winners", "/api/v1/health/",
	};
	struct http_route_index *ix = http_route_index_build(http_routes, http_routes_count);
	(void)state;
	assert_non_null(ix);
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		check(ix, paths[i]);
	assert_int_equal(first_by_index(ix, "GET", "/api/v1/nosuch"), -1);
	http_route_index_free(ix);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_route_is_found_first_as_by_the_table),
		cmocka_unit_test(paths_no_route_has),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
