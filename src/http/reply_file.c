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

/*
 * The one range of "bytes=a-b", "bytes=a-" or "bytes=-n" within a file of
 * `size` bytes: 1 with [*from, *to] set, 0 when there is none to honour
 * (absent, malformed, several ranges), -1 when it lies outside the file.
 */
static int one_range(const char *h, uint64_t size, uint64_t *from, uint64_t *to)
{
	unsigned long long a = 0, b = 0;
	char *end;
	if (!h || strncmp(h, "bytes=", 6) || strchr(h, ','))
		return 0;
	h += 6;
	if (*h == '-') {
		errno = 0;
		b = strtoull(h + 1, &end, 10);
		if (errno || *end || end == h + 1)
			return 0;
		if (!b || !size)
			return -1;
		*from = b >= size ? 0 : size - b;
		*to = size - 1;
		return 1;
	}
	errno = 0;
	a = strtoull(h, &end, 10);
	if (errno || end == h || *end != '-')
		return 0;
	h = end + 1;
	b = size ? size - 1 : 0;
	if (*h) {
		b = strtoull(h, &end, 10);
		if (errno || *end)
			return 0;
	}
	if (a >= size || b < a)
		return -1;
	*from = a;
	*to = b < size ? b : size - 1;
	return 1;
}

void http_reply_media(struct http_req *r, const char *path, const char *content_type)
{
	char range[96];
	struct stat st;
	uint64_t from = 0, to = 0, size;
	int fd, want;

	if (r->response)
		return;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		return http_reply_errorf(r, PX_EIO, "file_missing", NULL, "cannot open stored file: %s",
					 strerror(errno ? errno : ENOENT));
	}
	size = (uint64_t)st.st_size;
	want = one_range(http_header(r, "Range"), size, &from, &to);
	if (want < 0) {
		close(fd);
		snprintf(range, sizeof(range), "bytes */%llu", (unsigned long long)size);
		r->response = MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
		if (r->response)
			MHD_add_response_header(r->response, "Content-Range", range);
		r->status = 416;
		return;
	}
	if (want == 0)
		to = size ? size - 1 : 0;
	r->response = MHD_create_response_from_fd_at_offset64(size ? to - from + 1 : 0, fd, (uint64_t)from);
	if (!r->response) {
		close(fd);
		return http_reply_errorf(r, PX_ENOMEM, NULL, NULL, "out of memory");
	}
	MHD_add_response_header(r->response, "Content-Type", content_type);
	MHD_add_response_header(r->response, "Accept-Ranges", "bytes");
	for (size_t i = 0; i < sizeof(file_headers) / sizeof(file_headers[0]); i++)
		if (strcmp(file_headers[i][0], "X-Frame-Options"))
			MHD_add_response_header(r->response, file_headers[i][0], file_headers[i][1]);
	if (want > 0) {
		snprintf(range, sizeof(range), "bytes %llu-%llu/%llu", (unsigned long long)from, (unsigned long long)to,
			 (unsigned long long)size);
		MHD_add_response_header(r->response, "Content-Range", range);
	}
	r->status = want > 0 ? 206 : 200;
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
