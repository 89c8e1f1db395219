/*
 * reply.c - building responses: JSON bodies, the error envelope
 * {"error":{"code","message","field"}}, the one map from error codes to HTTP
 * statuses, security headers and the session cookie.
 */
#include "http/request.h"

#include "http/cache.h"

#include "app/json.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	int code;
	int status;
} statuses[] = {
	{ PX_OK, 200 },           { PX_EINVAL, 400 },    { PX_ENOTFOUND, 404 },
	{ PX_ECONFLICT, 409 },    { PX_EFORBIDDEN, 403 }, { PX_EUNAUTH, 401 },
	{ PX_ENOMEM, 500 },       { PX_EIO, 500 },        { PX_ELIMIT, 429 },
	{ PX_ETOOBIG, 413 },      { PX_ERANGE, 422 },     { PX_EBUSY, 503 },
	{ PX_EINTERNAL, 500 },
};

int http_status_of(int px_code)
{
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (statuses[i].code == px_code)
			return statuses[i].status;
	return 500;
}

/* Headers every response carries: the API is data, never a page to frame or sniff. */
static const char *const security_headers[][2] = {
	{ "Content-Type", "application/json; charset=utf-8" },
	{ "Cache-Control", "no-store" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "X-Frame-Options", "DENY" },
	{ "Referrer-Policy", "no-referrer" },
	{ "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'" },
};

void http_add_header(struct http_req *r, const char *name, const char *value)
{
	struct http_header_kv *h = calloc(1, sizeof(*h));
	if (!h || !(h->name = strdup(name)) || !(h->value = strdup(value))) {
		if (h)
			free(h->name);
		free(h);
		return;
	}
	h->next = r->headers;
	r->headers = h;
}

void http_api_headers(struct MHD_Response *response)
{
	for (size_t i = 0; i < sizeof(security_headers) / sizeof(security_headers[0]); i++)
		MHD_add_response_header(response, security_headers[i][0], security_headers[i][1]);
}

void http_public_headers(struct MHD_Response *response, const char *etag)
{
	/* the same headers, but a cache may keep the answer if it asks again (ETag) before use */
	for (size_t i = 0; i < sizeof(security_headers) / sizeof(security_headers[0]); i++)
		MHD_add_response_header(response, security_headers[i][0],
					strcmp(security_headers[i][0], "Cache-Control") ? security_headers[i][1] : "no-cache");
	MHD_add_response_header(response, "ETag", etag);
}

/*
 * Queue a serialized body (taken): with an ETag, the public headers and 304
 * to a client holding it; without, the API's headers. Then the request's own.
 */
static void respond_text(struct http_req *r, int status, char *text, size_t len, const char *etag)
{
	if (etag[0] && status == 200 && http_cache_etag_matches(http_header(r, "If-None-Match"), etag)) {
		free(text);
		text = NULL;
		len = 0;
		status = 304;
	}
	r->response = MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);
	if (!r->response) {
		free(text);
		return;
	}
	if (etag[0])
		http_public_headers(r->response, etag);
	else
		http_api_headers(r->response);
	for (struct http_header_kv *h = r->headers; h; h = h->next)
		MHD_add_response_header(r->response, h->name, h->value);
	r->status = status;
}

void http_reply_json_text(struct http_req *r, int status, char *text, size_t len)
{
	char etag[24] = "";

	if (r->response) { /* a second reply is a bug; keep the first */
		free(text);
		return;
	}
	if (!text) {
		text = strdup("{\"error\":{\"code\":\"out_of_memory\",\"message\":\"out of memory\"}}");
		status = 500;
		len = text ? strlen(text) : 0;
	}
	/* kept for the next readers; a public one revalidated by its ETag, a personal one not */
	if (r->cacheable && status == 200 && text)
		http_cache_keep(r, text, len, etag);
	respond_text(r, status, text, len, r->cache_private ? "" : etag);
}

void http_reply_public(struct http_req *r, char *body, size_t len, const char *etag)
{
	if (r->cacheable) /* kept by path as well: its ETag is made the same way */
		return http_reply_json_text(r, 200, body, len);
	if (r->response) { /* a second reply is a bug; keep the first */
		free(body);
		return;
	}
	respond_text(r, 200, body, len, etag);
}

void http_prepare_response(struct http_req *r, int status, json_t *body)
{
	char *text;
	size_t len = 0;

	if (r->response) { /* a second reply is a bug; keep the first */
		json_decref(body);
		return;
	}
	if (!body)
		body = json_object();
	text = body ? json_compact(body, &len) : NULL;
	json_decref(body);
	http_reply_json_text(r, status, text, len);
}

void http_add_public_headers(struct http_req *r, const char *etag)
{
	http_public_headers(r->response, etag);
	for (struct http_header_kv *h = r->headers; h; h = h->next)
		MHD_add_response_header(r->response, h->name, h->value);
}

void http_reply_bytes(struct http_req *r, int status, const char *content_type, const char *filename, char *data,
		      size_t len)
{
	char disposition[160];

	if (r->response) { /* a second reply is a bug; keep the first */
		free(data);
		return;
	}
	r->response = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
	if (!r->response) {
		free(data);
		return;
	}
	/* the first security header is the JSON Content-Type: this body has its own */
	for (size_t i = 1; i < sizeof(security_headers) / sizeof(security_headers[0]); i++)
		MHD_add_response_header(r->response, security_headers[i][0], security_headers[i][1]);
	MHD_add_response_header(r->response, "Content-Type", content_type);
	if (filename) { /* NULL: shown inline (an image) */
		snprintf(disposition, sizeof(disposition), "attachment; filename=\"%.100s\"", filename);
		MHD_add_response_header(r->response, "Content-Disposition", disposition);
	}
	for (struct http_header_kv *h = r->headers; h; h = h->next)
		MHD_add_response_header(r->response, h->name, h->value);
	r->status = status;
}

void http_reply_json(struct http_req *r, int status, json_t *body)
{
	http_prepare_response(r, status, body);
}

void http_reply_error(struct http_req *r, const struct px_err *err)
{
	http_reply_error_status(r, http_status_of(err->code), err);
}

void http_reply_error_status(struct http_req *r, int status, const struct px_err *err)
{
	const char *msg = err->msg;

	if (status >= 500) {
		/* the detail (SQL, paths) is for the operator's log, not the client */
		fprintf(stderr, "error: %s %s: %s [%s]\n", r->method, r->path, err->msg, err->key);
		msg = "internal error";
	}
	json_t *e = json_pack("{s:s, s:s}", "code", err->key[0] ? err->key : px_code_key(err->code),
			      "message", msg);
	if (e && err->field[0])
		json_object_set_new(e, "field", json_string(err->field));
	http_prepare_response(r, status, json_pack("{s:o}", "error", e));
}

void http_reply_errorf(struct http_req *r, int code, const char *key, const char *field,
		       const char *fmt, ...)
{
	struct px_err err;
	va_list ap;
	va_start(ap, fmt);
	px_err_vset(&err, code, key, field, fmt, ap);
	va_end(ap);
	http_reply_error(r, &err);
}

void http_set_session_cookie(struct http_req *r, const char *token)
{
	char v[256];
	snprintf(v, sizeof(v), "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%lld%s",
		 HTTP_SESSION_COOKIE, token ? token : "",
		 token ? (long long)(r->srv->cfg.app->cfg.session_absolute_us / 1000000) : 0LL,
		 r->srv->cfg.cookie_secure ? "; Secure" : "");
	http_add_header(r, "Set-Cookie", v);
}
