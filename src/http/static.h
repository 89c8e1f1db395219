/*
 * static.h - the built browser UI (web/, built into build/web by `make`),
 * loaded into memory when the server starts and served at `/` next to the
 * API: hashed assets with a year-long cache, index.html as the fallback of
 * history-mode routes, pre-compressed `.gz` siblings, ETags and a CSP that
 * admits only the site's own scripts and styles.
 */
#ifndef PX_HTTP_STATIC_H
#define PX_HTTP_STATIC_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

struct static_file {
	char *path;          /* "/assets/index-3f2a.js", "/index.html" */
	char *body;          /* the bytes */
	size_t len;
	char *gz;            /* the `.gz` sibling's bytes, or NULL */
	size_t gz_len;
	char etag[40];       /* "\"<32 hex>\"" of the bytes */
	char etag_gz[44];    /* the same with -gz for the compressed variant */
	const char *type;    /* Content-Type */
	bool immutable;      /* under /assets/: content-hashed name */
};

struct static_site {
	char *dir;
	struct static_file *files; /* sorted by path */
	size_t nfiles;
	size_t bytes;           /* total held in memory */
};

/* Caps on what is loaded: a UI build is a few MiB; anything larger is a mistake. */
#define STATIC_MAX_FILES 2000
#define STATIC_MAX_BYTES ((size_t)64 * 1024 * 1024)

/*
 * Load every regular file under dir (hidden files and symbolic links
 * skipped; `x.gz` becomes the compressed variant of `x` when `x` exists).
 * *out is the caller's (static_site_free). A dir without index.html is
 * refused with `web_not_built`.
 */
int static_site_load(const char *dir, struct static_site **out, struct px_err *err);
void static_site_free(struct static_site *site);

/* What a request path resolves to (static_resolve). */
enum static_target {
	STATIC_NOT_OURS,  /* /api/... : the API answers (no_route) */
	STATIC_BAD_PATH,  /* traversal, encoded separators, control bytes: 400 */
	STATIC_FILE,      /* a file of the build */
	STATIC_FALLBACK,  /* a route of the single-page app: index.html */
	STATIC_MISSING,   /* a file-like path (/assets/..., x.png) that is not there: 404 */
};

/*
 * Resolve path (already percent-decoded, without query) against site (may
 * be NULL: nothing built; then file-like paths are missing and the rest
 * fall back). *file is set for STATIC_FILE and, when site has one, STATIC_FALLBACK.
 */
enum static_target static_resolve(const struct static_site *site, const char *path, const struct static_file **file);

/* The Content-Type of a file name by its extension ("application/octet-stream" if unknown). */
const char *static_content_type(const char *name);

/* Does an Accept-Encoding header value admit gzip (q > 0)? */
bool static_accepts_gzip(const char *accept_encoding);

/* Does an If-None-Match header value name etag (or `*`)? */
bool static_etag_matches(const char *if_none_match, const char *etag);

struct http_req;
/*
 * Answer a GET or HEAD the route table did not claim (dispatch.c): a file
 * of site, index.html for an app route, 404 for a missing file, or - when
 * site is NULL - a page saying how to build the UI.
 */
void static_serve(struct http_req *r, const struct static_site *site);

#endif
