/*
 * upload.c - streaming multipart/form-data bodies to temporary files with
 * their SHA-256, under per-route caps, for routes flagged HTTP_UPLOAD (see
 * upload.h). server.c calls start / feed / finish / free; handlers read the
 * result through the accessors of upload.h.
 */
#include "http/upload.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http/request.h"

#define PP_BUFFER (64 * 1024)
#define PART_OVERHEAD (64 * 1024) /* boundary and part headers, generously */

struct upload_field {
	char key[64];
	char value[UPLOAD_FIELD_MAX + 1];
	size_t len;
};

struct http_upload {
	const struct http_upload_spec *spec;
	struct MHD_PostProcessor *pp;
	char dir[4100];               /* <files_dir>/tmp */
	uint64_t received, cap;       /* body bytes so far; the body's cap */
	uint64_t file_max;            /* bytes per file: the spec's, or lower (http_upload_limit) */
	struct px_err err;
	bool failed;
	struct http_upload_file *files; /* spec->files_max slots */
	size_t nfiles;                /* complete files */
	/* the file part being written */
	bool open;
	int fd;
	char key[64];
	unsigned char head[16];
	size_t head_len;
	crypto_hash_sha256_state sha;
	/* non-file fields */
	struct upload_field fields[UPLOAD_FIELDS_MAX];
	size_t nfields;
};

/* The default for an HTTP_UPLOAD route without a spec: PDFs of at most 20 MiB, 10 per request. */
static const struct http_upload_spec default_spec = {
	.file_max = 20u << 20, .files_max = 10, .magic = "%PDF-", .magic_key = "not_pdf",
};

static void close_current(struct http_upload *up, bool keep)
{
	if (!up->open)
		return;
	close(up->fd);
	if (!keep)
		unlink(up->files[up->nfiles].path);
	up->open = false;
}

/* Record the first error (later ones are consequences), drop the file being written. */
__attribute__((format(printf, 4, 5))) static void fail(struct http_upload *up, int code, const char *key,
							const char *fmt, ...)
{
	va_list ap;
	if (!up->failed) {
		va_start(ap, fmt);
		px_err_vset(&up->err, code, key, "file", fmt, ap);
		va_end(ap);
		up->failed = true;
	}
	close_current(up, false);
}

static void file_begin(struct http_upload *up, const char *key, const char *filename)
{
	struct http_upload_file *f;
	if (up->nfiles >= (size_t)up->spec->files_max) {
		fail(up, PX_EINVAL, "too_many_files", "at most %d files per request", up->spec->files_max);
		return;
	}
	f = &up->files[up->nfiles];
	memset(f, 0, sizeof(*f));
	snprintf(f->path, sizeof(f->path), "%s/up-XXXXXX", up->dir);
	up->fd = mkstemp(f->path);
	if (up->fd < 0) {
		fail(up, PX_EIO, "upload_failed", "cannot create a temporary file: %s", strerror(errno));
		return;
	}
	up->open = true;
	snprintf(f->name, sizeof(f->name), "%s", filename);
	snprintf(up->key, sizeof(up->key), "%s", key);
	up->head_len = 0;
	crypto_hash_sha256_init(&up->sha);
}

static void file_write(struct http_upload *up, const char *data, size_t size)
{
	struct http_upload_file *f = &up->files[up->nfiles];
	const char *magic = up->spec->magic;
	size_t mlen = magic ? strlen(magic) : 0;

	if (size > up->file_max - f->size) {
		fail(up, PX_ETOOBIG, "file_too_large", "a file may have at most %llu bytes",
		     (unsigned long long)up->file_max);
		return;
	}
	if (up->head_len < mlen) {
		size_t n = mlen - up->head_len < size ? mlen - up->head_len : size;
		memcpy(up->head + up->head_len, data, n);
		up->head_len += n;
		if (memcmp(up->head, magic, up->head_len)) {
			fail(up, PX_EINVAL, up->spec->magic_key, "the file does not start with '%s'", magic);
			return;
		}
	}
	crypto_hash_sha256_update(&up->sha, (const unsigned char *)data, size);
	f->size += size;
	while (size) {
		ssize_t w = write(up->fd, data, size);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			fail(up, PX_EIO, "upload_failed", "cannot write a temporary file: %s", strerror(errno));
			return;
		}
		data += w;
		size -= (size_t)w;
	}
}

static void file_end(struct http_upload *up)
{
	struct http_upload_file *f = &up->files[up->nfiles];
	const char *magic = up->spec->magic;
	unsigned char h[crypto_hash_sha256_BYTES];

	if (!up->open)
		return;
	if (magic && up->head_len < strlen(magic)) {
		fail(up, PX_EINVAL, up->spec->magic_key, "the file does not start with '%s'", magic);
		return;
	}
	if (fsync(up->fd)) {
		fail(up, PX_EIO, "upload_failed", "cannot sync a temporary file: %s", strerror(errno));
		return;
	}
	crypto_hash_sha256_final(&up->sha, h);
	sodium_bin2hex(f->sha256, sizeof(f->sha256), h, sizeof(h));
	close_current(up, true);
	up->nfiles++;
}

static void field_data(struct http_upload *up, const char *key, const char *data, uint64_t off, size_t size)
{
	struct upload_field *fd = up->nfields ? &up->fields[up->nfields - 1] : NULL;
	/* a part may start with an empty call at offset 0: continue it */
	if (off == 0 && !(fd && fd->len == 0 && !strcmp(fd->key, key))) {
		if (up->nfields >= UPLOAD_FIELDS_MAX) {
			fail(up, PX_EINVAL, "too_many_fields", "at most %d form fields", UPLOAD_FIELDS_MAX);
			return;
		}
		fd = &up->fields[up->nfields++];
		snprintf(fd->key, sizeof(fd->key), "%s", key);
		fd->len = 0;
		fd->value[0] = '\0';
	}
	if (!fd || size > UPLOAD_FIELD_MAX - fd->len) {
		fail(up, PX_EINVAL, "field_too_long", "form fields have at most %d bytes", UPLOAD_FIELD_MAX);
		return;
	}
	if (size)
		memcpy(fd->value + fd->len, data, size);
	fd->len += size;
	fd->value[fd->len] = '\0';
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
			       const char *content_type, const char *transfer_encoding, const char *data,
			       uint64_t off, size_t size)
{
	struct http_upload *up = cls;
	(void)kind;
	(void)content_type;
	(void)transfer_encoding;

	if (up->failed)
		return MHD_NO;
	if (!key)
		key = "";
	if (!filename) {
		file_end(up);
		if (!up->failed)
			field_data(up, key, data, off, size);
		return up->failed ? MHD_NO : MHD_YES;
	}
	/* a new part starts at offset 0 (an empty first call of the same part continues it) */
	bool same = up->open && up->files[up->nfiles].size == 0 && !strcmp(up->key, key);
	if (off == 0 && !same) {
		file_end(up);
		if (!up->failed)
			file_begin(up, key, filename);
	}
	if (!up->failed && up->open && size)
		file_write(up, data, size);
	return up->failed ? MHD_NO : MHD_YES;
}

/* mkdir -p: the directory and its missing parents (files_dir may be a fresh relative path). */
static int ensure_dir(const char *path)
{
	char p[sizeof(((struct http_upload *)0)->dir)];
	size_t n = strlen(path);

	if (n == 0 || n >= sizeof(p))
		return -1;
	memcpy(p, path, n + 1);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) && errno != EEXIST)
			return -1;
		*s = '/';
	}
	return mkdir(p, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

int http_upload_start(struct http_req *r)
{
	const struct http_route *route = http_route_peek(r);
	const struct http_upload_spec *spec;
	struct http_upload *up;
	const char *ct, *cl, *files_dir;
	uint64_t cap, file_max;

	if (!route || !(route->flags & HTTP_UPLOAD))
		return 0;
	files_dir = r->srv->cfg.app ? r->srv->cfg.app->files_dir : NULL;
	if (http_admit(r))
		return -1;
	spec = route->upload ? route->upload : &default_spec;
	cap = (uint64_t)spec->files_max * (spec->file_max + PART_OVERHEAD) + PART_OVERHEAD;
	cl = http_header(r, "Content-Length");
	if (cl) {
		char *end;
		errno = 0;
		unsigned long long n = strtoull(cl, &end, 10);
		if (errno || *end || n > cap) {
			http_reply_errorf(r, PX_ETOOBIG, "body_too_large", NULL, "request body larger than %llu bytes",
					  (unsigned long long)cap);
			return -1;
		}
	}
	ct = http_header(r, "Content-Type");
	if (!ct || strncasecmp(ct, "multipart/form-data", 19)) {
		struct px_err err;
		px_err_set(&err, PX_EINVAL, "unsupported_media_type", "Content-Type", "send files as multipart/form-data");
		http_reply_error_status(r, 415, &err);
		return -1;
	}
	if (spec->admit) {
		spec->admit(r);
		if (r->response)
			return -1;
	}
	file_max = r->upload_file_max && r->upload_file_max < spec->file_max ? r->upload_file_max : spec->file_max;
	cap = (uint64_t)spec->files_max * (file_max + PART_OVERHEAD) + PART_OVERHEAD;
	if (!files_dir || !*files_dir) {
		http_reply_errorf(r, PX_EIO, "no_files_dir", NULL, "the server keeps no files");
		return -1;
	}
	up = calloc(1, sizeof(*up));
	if (up)
		up->files = calloc((size_t)spec->files_max, sizeof(*up->files));
	if (!up || !up->files) {
		if (up)
			free(up);
		http_reply_errorf(r, PX_ENOMEM, NULL, NULL, "out of memory");
		return -1;
	}
	up->spec = spec;
	up->cap = cap;
	up->file_max = file_max;
	up->fd = -1;
	snprintf(up->dir, sizeof(up->dir), "%s/tmp", files_dir);
	r->upload = up;
	if (ensure_dir(files_dir) || ensure_dir(up->dir)) {
		http_reply_errorf(r, PX_EIO, "upload_failed", NULL, "cannot create '%s': %s", up->dir, strerror(errno));
		return -1;
	}
	up->pp = MHD_create_post_processor(r->conn, PP_BUFFER, on_part, up);
	if (!up->pp) {
		struct px_err err;
		px_err_set(&err, PX_EINVAL, "bad_multipart", "Content-Type", "a multipart body needs a boundary");
		http_reply_error_status(r, 415, &err);
		return -1;
	}
	return 1;
}

bool http_upload_feed(struct http_req *r, const char *data, size_t len)
{
	struct http_upload *up = r->upload;
	up->received += len;
	if (up->received > up->cap)
		fail(up, PX_ETOOBIG, "body_too_large", "request body larger than %llu bytes",
		     (unsigned long long)up->cap);
	if (!up->failed && MHD_post_process(up->pp, data, len) != MHD_YES && !up->failed)
		fail(up, PX_EINVAL, "bad_multipart", "malformed multipart body");
	/* the error is answered at the end; hang up on a client sending far past the cap */
	return up->received <= 2 * up->cap;
}

void http_upload_finish(struct http_req *r)
{
	struct http_upload *up = r->upload;
	if (up->pp) {
		if (MHD_destroy_post_processor(up->pp) != MHD_YES && !up->failed)
			fail(up, PX_EINVAL, "bad_multipart", "the multipart body ends before its last boundary");
		up->pp = NULL;
	}
	if (!up->failed)
		file_end(up);
}

void http_upload_free(struct http_req *r)
{
	struct http_upload *up = r->upload;
	if (!up)
		return;
	if (up->pp)
		MHD_destroy_post_processor(up->pp);
	close_current(up, false);
	for (size_t i = 0; i < up->nfiles; i++)
		unlink(up->files[i].path);
	free(up->files);
	free(up);
	r->upload = NULL;
}

size_t http_upload_count(struct http_req *r)
{
	return r->upload && !r->upload->failed ? r->upload->nfiles : 0;
}

const struct http_upload_file *http_upload_file(struct http_req *r, size_t i)
{
	return i < http_upload_count(r) ? &r->upload->files[i] : NULL;
}

const char *http_upload_value(struct http_req *r, const char *key)
{
	if (!r->upload)
		return NULL;
	for (size_t i = 0; i < r->upload->nfields; i++)
		if (!strcmp(r->upload->fields[i].key, key))
			return r->upload->fields[i].value;
	return NULL;
}

void http_upload_limit(struct http_req *r, uint64_t file_max)
{
	r->upload_file_max = file_max;
}

const struct px_err *http_upload_error(struct http_req *r)
{
	return r->upload && r->upload->failed ? &r->upload->err : NULL;
}
