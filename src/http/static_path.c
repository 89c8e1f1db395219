/*
 * static_path.c - the pure rules of serving the built UI: which request
 * paths name a file, which fall back to index.html (routes of the
 * single-page app), which are refused; content types by extension; the
 * Accept-Encoding and If-None-Match tests. No I/O: unit-tested alone.
 */
#include "http/static.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *ext;
	const char *type;
} types[] = {
	{ ".html", "text/html; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".mjs", "text/javascript; charset=utf-8" },
	{ ".css", "text/css; charset=utf-8" },
	{ ".json", "application/json; charset=utf-8" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".jpg", "image/jpeg" },
	{ ".ico", "image/x-icon" },
	{ ".woff2", "font/woff2" },
	{ ".woff", "font/woff" },
	{ ".ttf", "font/ttf" },
	{ ".txt", "text/plain; charset=utf-8" },
	{ ".webmanifest", "application/manifest+json" },
};

const char *static_content_type(const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		size_t e = strlen(types[i].ext);
		if (n > e && !strcasecmp(name + n - e, types[i].ext))
			return types[i].type;
	}
	return "application/octet-stream";
}

/* Absolute, no empty/dot segments, no backslash, no control bytes, no NUL-smuggled encodings. */
static bool path_ok(const char *p)
{
	size_t n = strlen(p);
	if (n == 0 || n > 1024 || p[0] != '/')
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c < 0x20 || c == 0x7f || c == '\\' || c == '%')
			return false;
		if (c == '/' && (p[i + 1] == '/' || (p[i + 1] == '.' &&
		    (p[i + 2] == '/' || p[i + 2] == '\0' || (p[i + 2] == '.' && (p[i + 3] == '/' || p[i + 3] == '\0'))))))
			return false;
	}
	return true;
}

static int by_path(const void *key, const void *elem)
{
	return strcmp(key, ((const struct static_file *)elem)->path);
}

static const struct static_file *find(const struct static_site *site, const char *path)
{
	if (!site)
		return NULL;
	return bsearch(path, site->files, site->nfiles, sizeof(site->files[0]), by_path);
}

/* A path that names a file rather than a page: under /assets/ or with an extension in its last segment. */
static bool file_like(const char *path)
{
	const char *last = strrchr(path, '/');
	return !strncmp(path, "/assets/", 8) || strchr(last ? last : path, '.') != NULL;
}

enum static_target static_resolve(const struct static_site *site, const char *path, const struct static_file **file)
{
	*file = NULL;
	if (!strcmp(path, "/api") || !strncmp(path, "/api/", 5))
		return STATIC_NOT_OURS;
	if (!path_ok(path))
		return STATIC_BAD_PATH;
	if (strcmp(path, "/") && (*file = find(site, path)))
		return STATIC_FILE;
	if (strcmp(path, "/") && file_like(path))
		return STATIC_MISSING;
	*file = find(site, "/index.html");
	return STATIC_FALLBACK;
}

bool static_accepts_gzip(const char *ae)
{
	while (ae && *ae) {
		ae += strspn(ae, " \t,");
		size_t n = strcspn(ae, ",; \t");
		bool named = (n == 4 && !strncasecmp(ae, "gzip", 4)) || (n == 1 && ae[0] == '*');
		const char *end = ae + strcspn(ae, ",");
		const char *q = strstr(ae, "q=");
		/* "gzip;q=0" refuses it */
		if (named && !(q && q < end && strtod(q + 2, NULL) <= 0.0))
			return true;
		ae = end;
	}
	return false;
}

bool static_etag_matches(const char *inm, const char *etag)
{
	size_t n = strlen(etag);
	while (inm && *inm) {
		inm += strspn(inm, " \t,");
		if (inm[0] == '*')
			return true;
		if (!strncmp(inm, "W/", 2))
			inm += 2;
		size_t k = strcspn(inm, ", \t");
		if (k == n && !strncmp(inm, etag, n))
			return true;
		inm += k;
	}
	return false;
}
