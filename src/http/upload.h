/*
 * upload.h - multipart/form-data request bodies streamed to files.
 *
 * A route flagged HTTP_UPLOAD (http.h) is routed, authenticated and checked
 * for its roles and CSRF token in libmicrohttpd's first call, before a byte
 * of its body is accepted; then the spec's `admit` hook checks the resource
 * (the handler may refuse there, e.g. 404 or 409). The body is parsed by
 * MHD_PostProcessor: each file part goes to a temporary file under
 * <files_dir>/tmp while its SHA-256 is computed, within a cap per file and a
 * number of files; small non-file fields are kept in memory. A file that
 * breaks a rule (too large, wrong signature) is dropped at once and the rest
 * of the body discarded; the error is answered when the body has ended (an
 * HTTP/1.1 server cannot answer mid-upload), and a client that keeps sending
 * far past the caps is hung up on. Memory per upload is bounded (the
 * processor's 64 KiB buffer and this state), whatever the file sizes.
 *
 * The handler then runs as usual and finds the files with
 * http_upload_count/http_upload_file. Temporary files are removed as soon
 * as the handler returns (so an upload handler must not park): a use case
 * that keeps a file links it to its final name before that (app/document.c).
 */
#ifndef PX_HTTP_UPLOAD_H
#define PX_HTTP_UPLOAD_H

#include <stddef.h>
#include <stdint.h>

#include "http/http.h"

#define UPLOAD_FILES_HARD_MAX 32
#define UPLOAD_FIELD_MAX 1024 /* bytes of a non-file field */
#define UPLOAD_FIELDS_MAX 16

struct http_upload_spec {
	uint64_t file_max;     /* bytes per file */
	int files_max;         /* files per request (at most UPLOAD_FILES_HARD_MAX) */
	const char *magic;     /* the first bytes every file must start with, or NULL */
	const char *magic_key; /* the error key when one does not ("not_pdf") */
	/*
	 * Called once authenticated, before the body: may reply with an error
	 * to refuse the upload (no reply = go on). May be NULL.
	 */
	void (*admit)(struct http_req *r);
};

struct http_upload_file {
	char path[4200];   /* the temporary file, removed when the request ends */
	char name[256];    /* the file name the client sent, cut to fit; not sanitised */
	char sha256[65];   /* lowercase hex */
	uint64_t size;
};

/* Files received (complete and valid; 0 after an error). */
size_t http_upload_count(struct http_req *r);
const struct http_upload_file *http_upload_file(struct http_req *r, size_t i);
/* A non-file field of the form, or NULL. */
const char *http_upload_value(struct http_req *r, const char *key);
/*
 * Lower the cap per file of this request below the spec's (a programme's
 * own limit): called from the spec's admit hook, before the body is read.
 */
void http_upload_limit(struct http_req *r, uint64_t file_max);
/* The error met while reading the body, or NULL: answer it with http_fail(). */
const struct px_err *http_upload_error(struct http_req *r);

/*
 * Downloads (reply_file.c): answer 200 with the file at `path` as an
 * attachment of `content_type` named `filename` (UTF-8; sent as an ASCII
 * fallback and RFC 5987 filename*), with nosniff, no-store and a sandboxing
 * CSP. A missing file is a 500 (the row says it exists): reported, not shown.
 */
void http_reply_file(struct http_req *r, const char *path, const char *content_type, const char *filename);

/* Content-Disposition for `filename` into out (exposed for tests). */
void http_content_disposition(const char *filename, char *out, size_t cap);

/*
 * Media for a page's <video> or <img> (a gallery): the file at `path` sent
 * inline as `content_type`, with nosniff and a sandboxing CSP, and a single
 * byte range when the request asks for one (Range: bytes=a-b, a-, -n):
 * 206 with Content-Range, 416 for a range outside the file; Accept-Ranges
 * always. Other range forms (several ranges) get the whole file.
 */
void http_reply_media(struct http_req *r, const char *path, const char *content_type);

#endif
