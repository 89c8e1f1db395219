/*
 * reply_file.c - file downloads: a file descriptor handed to libmicrohttpd
 * (no copy in memory), sent as an attachment that browsers neither sniff
 * nor render in the application's origin (see upload.h).
 */
#include "http/upload.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http/json_in.h"
#include "http/request.h"
#include "util/file.h"

static const char *const file_headers[][2] = {
	{ "Cache-Control", "private, no-store" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "X-Frame-Options", "DENY" },
	{ "Referrer-Policy", "no-referrer" },
	{ "Content-Security-Policy", "default-src 'none'; sandbox" },
};

/* RFC 5987 attr-char: sent as is in filename*; everything else percent-encoded. */
static bool attr_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$&+-.^_`|~", c));
}

void http_content_disposition(const char *filename, char *out, size_t cap)
{
	static const char hex[] = "0123456789ABCDEF";
	char ascii[256], enc[1024];
	size_t a = 0, e = 0;

	for (const unsigned char *p = (const unsigned char *)filename; *p; p++) {
		if (a + 1 < sizeof(ascii))
			ascii[a++] = (*p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\') ? '_' : (char)*p;
		if (e + 4 > sizeof(enc))
			break;
		if (attr_char(*p)) {
			enc[e++] = (char)*p;
		} else {
			enc[e++] = '%';
			enc[e++] = hex[*p >> 4];
			enc[e++] = hex[*p & 15];
		}
	}
	ascii[a] = '\0';
	enc[e] = '\0';
	snprintf(out, cap, "attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii, enc);
}

void http_reply_file(struct http_req *r, const char *path, const char *content_type, const char *filename)
{
	char disposition[1400];
	struct stat st;
	int fd;

	if (r->response)
		return;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		return http_reply_errorf(r, PX_EIO, "file_missing", NULL, "cannot open stored file: %s",
					 strerror(errno ? errno : ENOENT));
	}
	r->response = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
	if (!r->response) {
		close(fd);
		return http_reply_errorf(r, PX_ENOMEM, NULL, NULL, "out of memory");
	}
	http_content_disposition(filename, disposition, sizeof(disposition));
	MHD_add_response_header(r->response, "Content-Type", content_type);
	MHD_add_response_header(r->response, "Content-Disposition", disposition);
	for (size_t i = 0; i < sizeof(file_headers) / sizeof(file_headers[0]); i++)
		MHD_add_response_header(r->response, file_headers[i][0], file_headers[i][1]);
	for (struct http_header_kv *h = r->headers; h; h = h->next)
		MHD_add_response_header(r->response, h->name, h->value);
	r->status = 200;
}

#define RENDERED_MAX (32 << 20)

void http_reply_rendered(struct http_req *r, http_render_fn render, void *arg, const char *type, const char *filename)
{
	char path[] = "/tmp/px-download-XXXXXX", *data = NULL;
	struct px_err err = { 0 };
	size_t len = 0;
	int fd = mkstemp(path);

	if (fd < 0)
		return http_reply_errorf(r, PX_EIO, "tmp_failed", NULL, "cannot create a temporary file");
	close(fd);
	if (render(path, arg, &err) || file_read(path, RENDERED_MAX, &data, &len, &err)) {
		unlink(path);
		return (void)http_fail(r, &err);
	}
	unlink(path);
	http_reply_bytes(r, 200, type, filename, data, len);
}
