/*
 * static.c - answering the browser: files of the built UI from memory
 * (static_load.c) with the headers a browser needs and nothing more.
 * Hashed assets under /assets/ are cached for a year (their name changes
 * with their content); index.html is revalidated on every load (no-cache +
 * ETag, 304 when unchanged). A `.gz` variant is sent to clients that accept
 * gzip. The CSP admits only the site's own scripts; styles also allow
 * inline style attributes, which Element Plus sets on its components
 * (positions of popovers, widths of table columns).
 */
#include "http/static.h"

#include <string.h>

#include "http/request.h"

#define CSP "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " \
	"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; " \
	"base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

static const char *const page_headers[][2] = {
	{ "X-Content-Type-Options", "nosniff" },
	{ "X-Frame-Options", "DENY" },
	{ "Referrer-Policy", "same-origin" },
	{ "Content-Security-Policy", CSP },
};

static const char not_built[] =
	"<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
	"<title>评选系统 pingxuan</title></head><body style=\"font-family:sans-serif;max-width:40em;margin:3em auto\">"
	"<h1>网页界面尚未构建</h1>"
	"<p>在源码目录运行 <code>make</code>（需要 Node.js 20 与 npm；<code>scripts/deps.sh</code> 可安装），"
	"界面构建到 <code>build/web</code>，重启服务后即可使用。也可用 <code>serve --web-dir DIR</code> 指定目录。</p>"
	"<h2>The web UI is not built</h2>"
	"<p>Run <code>make</code> in the source tree (needs Node.js 20 and npm; <code>scripts/deps.sh</code> installs "
	"them): the UI is built into <code>build/web</code>; restart the server. <code>serve --web-dir DIR</code> "
	"points to another build.</p><p>API: <code>/api/v1</code></p></body></html>";

static void respond(struct http_req *r, int status, struct MHD_Response *resp, const char *type,
		    const char *cache)
{
	if (!resp)
		return http_reply_errorf(r, PX_ENOMEM, NULL, NULL, "out of memory");
	for (size_t i = 0; i < sizeof(page_headers) / sizeof(page_headers[0]); i++)
		MHD_add_response_header(resp, page_headers[i][0], page_headers[i][1]);
	if (type)
		MHD_add_response_header(resp, "Content-Type", type);
	MHD_add_response_header(resp, "Cache-Control", cache);
	r->response = resp;
	r->status = status;
}

static void serve_file(struct http_req *r, const struct static_file *f)
{
	const char *cache = f->immutable ? "public, max-age=31536000, immutable" : "no-cache";
	bool gz = f->gz && static_accepts_gzip(http_header(r, "Accept-Encoding"));
	const char *etag = gz ? f->etag_gz : f->etag;
	struct MHD_Response *resp;

	if (static_etag_matches(http_header(r, "If-None-Match"), etag)) {
		resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		respond(r, 304, resp, NULL, cache);
	} else {
		/* the site outlives every response: its bytes are sent without a copy */
		resp = MHD_create_response_from_buffer(gz ? f->gz_len : f->len, gz ? f->gz : f->body,
						       MHD_RESPMEM_PERSISTENT);
		respond(r, 200, resp, f->type, cache);
		if (resp && gz)
			MHD_add_response_header(resp, "Content-Encoding", "gzip");
	}
	if (resp) {
		MHD_add_response_header(resp, "ETag", etag);
		if (f->gz)
			MHD_add_response_header(resp, "Vary", "Accept-Encoding");
	}
}

void static_serve(struct http_req *r, const struct static_site *site)
{
	const struct static_file *f;

	switch (static_resolve(site, r->path, &f)) {
	case STATIC_NOT_OURS:
		return http_reply_errorf(r, PX_ENOTFOUND, "no_route", NULL, "no such resource");
	case STATIC_BAD_PATH:
		return http_reply_errorf(r, PX_EINVAL, "bad_path", NULL, "malformed path");
	case STATIC_MISSING:
		return http_reply_errorf(r, PX_ENOTFOUND, "not_found", NULL, "no such file");
	case STATIC_FILE:
	case STATIC_FALLBACK:
		break;
	}
	if (f)
		return serve_file(r, f);
	respond(r, 503, MHD_create_response_from_buffer(sizeof(not_built) - 1, (void *)not_built, MHD_RESPMEM_PERSISTENT),
		"text/html; charset=utf-8", "no-store");
}
