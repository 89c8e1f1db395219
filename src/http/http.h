/*
 * http.h - what a request handler sees of the HTTP layer.
 *
 * Routes are a static table (http/routes.c) of {method, pattern, handler,
 * roles, flags}. Before a handler runs, the layer has matched the route,
 * resolved the session cookie to an actor, checked the route's roles (401 for
 * the public, 403 for a signed-in account of another role) and, for every
 * state-changing method, the CSRF token. A handler then parses its input with
 * the validate-or-reply helpers of http/json_in.h, calls one use case of
 * app/, and answers with exactly one http_reply_* call - or parks the request
 * with http_park() and answers it later, from any thread, with http_resume_*.
 */
#ifndef PX_HTTP_H
#define PX_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "util/err.h"

struct http_req;

typedef void (*http_handler)(struct http_req *r);

enum http_route_flags {
	HTTP_CSRF_EXEMPT = 1 << 0, /* state-changing but usable without a session (login) */
	HTTP_UPLOAD = 1 << 1,      /* multipart/form-data body streamed to files (http/upload.h) */
	HTTP_PUBLIC_CACHE = 1 << 2, /* a GET answering everyone alike: kept in memory, ETag/304 (http/cache.h) */
	HTTP_READER_CACHE = 1 << 3, /* a signed-in GET: kept in memory for its one reader (http/cache.h) */
};

struct http_upload_spec;

struct http_route {
	const char *method;  /* "GET", "POST", ... */
	const char *pattern; /* "/api/v1/users/{id}": {name} matches one path segment */
	http_handler fn;
	unsigned roles;      /* ROLE_BIT mask of core/access.h */
	unsigned flags;
	const struct http_upload_spec *upload; /* HTTP_UPLOAD routes: limits and early check */
};

#define HTTP_MAX_PARAMS 4

/* The route table (http/routes.c). */
extern const struct http_route http_routes[];
extern const size_t http_routes_count;

/* Request accessors; returned strings live as long as the request. */
struct app *http_app(struct http_req *r);
const struct app_actor *http_actor(struct http_req *r);
const char *http_method(struct http_req *r);
const char *http_path(struct http_req *r);
const char *http_param(struct http_req *r, int i);     /* i-th {name} of the pattern */
const char *http_query(struct http_req *r, const char *key);
const char *http_header(struct http_req *r, const char *name);
const char *http_client_address(struct http_req *r); /* for rate limits; never logged */
const char *http_session_token(struct http_req *r);  /* "" without a session */
const void *http_body(struct http_req *r, size_t *len);

/* Replies. Each takes ownership of `body` (may be NULL for an empty object). */
void http_reply_json(struct http_req *r, int status, json_t *body);
/*
 * A JSON body already written (json_writer.h): takes ownership of text
 * (malloc'd, len bytes; NULL answers 500 out_of_memory). The same headers and
 * Content-Type as http_reply_json.
 */
void http_reply_json_text(struct http_req *r, int status, char *text, size_t len);
void http_reply_error(struct http_req *r, const struct px_err *err);
/* The same with a status other than the code's own (405, 415). */
void http_reply_error_status(struct http_req *r, int status, const struct px_err *err);
void http_reply_errorf(struct http_req *r, int code, const char *key, const char *field,
		       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/*
 * A public JSON answer kept ready by its use case (text and its quoted ETag): 200 with the body, or
 * 304 with none when If-None-Match names the ETag; the public headers of cached reads. Takes
 * ownership of body (malloc'd).
 */
void http_reply_public(struct http_req *r, char *body, size_t len, const char *etag);
/*
 * A binary body (a PDF ...): takes ownership of data (malloc'd, freed by the
 * layer); filename (ASCII, no quotes) goes into Content-Disposition as an
 * attachment (NULL: no Content-Disposition, shown inline). The security headers apply; Content-Type is content_type.
 */
void http_reply_bytes(struct http_req *r, int status, const char *content_type, const char *filename, char *data,
		      size_t len);
/*
 * A document made on request: render(path, arg, err) writes it into a
 * temporary file, which is answered as http_reply_bytes does and removed
 * (up to 32 MiB); a failed render answers its error.
 */
typedef int (*http_render_fn)(const char *path, void *arg, struct px_err *err);
void http_reply_rendered(struct http_req *r, http_render_fn render, void *arg, const char *type, const char *filename);

/* Add a response header to the reply that follows (copied). */
void http_add_header(struct http_req *r, const char *name, const char *value);

/* The session cookie's name and the CSRF header clients echo. */
#define HTTP_SESSION_COOKIE "px_session"
#define HTTP_CSRF_HEADER "X-CSRF-Token"
/* Set-Cookie for a new session (token) or clearing it (token NULL). */
void http_set_session_cookie(struct http_req *r, const char *token);

/*
 * Park the request: the handler returns without replying and the connection
 * is suspended (no thread is held). Later, from any thread, exactly one
 * http_resume_json() answers it. The request stays valid until then.
 */
void http_park(struct http_req *r);
void http_resume_json(struct http_req *r, int status, json_t *body);

/* The HTTP status of an error code (the one place that maps them). */
int http_status_of(int px_code);

#endif
