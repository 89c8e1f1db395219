/*
 * static_load.c - reading the built UI into memory when the server starts:
 * every regular file under the build directory (hidden files and symbolic
 * links skipped, bounded in count and bytes), each with a strong ETag of
 * its bytes; `x.gz` is kept as the compressed variant of `x`. Serving then
 * never touches the disk, and a rebuilt UI is picked up on restart.
 */
#include "http/static.h"

#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/file.h"

struct loader {
	struct static_site *site;
	size_t cap;
	struct px_err *err;
};

static void etag_of(const char *data, size_t len, const char *suffix, char *out, size_t cap)
{
	unsigned char h[16];
	char hex[33];
	crypto_generichash(h, sizeof(h), (const unsigned char *)data, len, NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	snprintf(out, cap, "\"%s%s\"", hex, suffix);
}

static int add_file(struct loader *l, const char *rel, const char *full)
{
	struct static_site *s = l->site;
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (s->nfiles >= STATIC_MAX_FILES)
		return px_err_set(l->err, PX_ELIMIT, "web_too_large", NULL, "more than %d files in '%s'",
				  STATIC_MAX_FILES, s->dir);
	if ((rc = file_read(full, STATIC_MAX_BYTES - s->bytes, &data, &len, l->err)))
		return rc;
	if (s->nfiles == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		struct static_file *f = realloc(s->files, cap * sizeof(*f));
		if (!f) {
			free(data);
			return px_err_set(l->err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
		}
		s->files = f;
		l->cap = cap;
	}
	struct static_file *f = &s->files[s->nfiles];
	memset(f, 0, sizeof(*f));
	if (!(f->path = strdup(rel))) {
		free(data);
		return px_err_set(l->err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
	}
	f->body = data;
	f->len = len;
	s->bytes += len;
	s->nfiles++;
	return 0;
}

/* Walk dir (rel is its request path prefix, "" at the top). */
static int walk(struct loader *l, const char *dir, const char *rel, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = 0;

	if (!d)
		return px_err_set(l->err, PX_EIO, "web_unreadable", NULL, "cannot open '%s'", dir);
	while (!rc && (e = readdir(d))) {
		char full[4096], path[2048];
		struct stat st;
		if (e->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(full, sizeof(full), "%s/%s", dir, e->d_name) >= sizeof(full) ||
		    (size_t)snprintf(path, sizeof(path), "%s/%s", rel, e->d_name) >= sizeof(path))
			continue;
		if (lstat(full, &st))
			continue;
		if (S_ISDIR(st.st_mode) && depth < 8)
			rc = walk(l, full, path, depth + 1);
		else if (S_ISREG(st.st_mode))
			rc = add_file(l, path, full);
	}
	closedir(d);
	return rc;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct static_file *)a)->path, ((const struct static_file *)b)->path);
}

/* Move each `x.gz` into the gz slot of `x` (when `x` exists), then set types and tags. */
static void pair_and_tag(struct static_site *s)
{
	size_t w = 0;

	for (size_t i = 0; i < s->nfiles; i++) {
		struct static_file *f = &s->files[i];
		size_t n = strlen(f->path);
		if (n > 3 && !strcmp(f->path + n - 3, ".gz")) {
			char name[2048];
			struct static_file key = { .path = name }, *plain;
			snprintf(name, sizeof(name), "%.*s", (int)(n - 3), f->path);
			plain = bsearch(&key, s->files, s->nfiles, sizeof(*f), by_path);
			if (plain && !plain->gz && plain != f) {
				plain->gz = f->body;
				plain->gz_len = f->len;
				f->body = NULL;
				continue; /* dropped from the list below */
			}
		}
	}
	for (size_t i = 0; i < s->nfiles; i++) {
		struct static_file *f = &s->files[i];
		if (!f->body && f->len) { /* a .gz moved into its sibling */
			free(f->path);
			continue;
		}
		f->type = static_content_type(f->path);
		f->immutable = !strncmp(f->path, "/assets/", 8);
		etag_of(f->body, f->len, "", f->etag, sizeof(f->etag));
		if (f->gz)
			etag_of(f->body, f->len, "-gz", f->etag_gz, sizeof(f->etag_gz));
		s->files[w++] = *f;
	}
	s->nfiles = w;
}

int static_site_load(const char *dir, struct static_site **out, struct px_err *err)
{
	struct loader l = { .err = err };
	struct static_site *s = calloc(1, sizeof(*s));
	int rc;

	*out = NULL;
	if (!s || !(s->dir = strdup(dir))) {
		free(s);
		return px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
	}
	l.site = s;
	if ((rc = walk(&l, dir, "", 0)))
		goto fail;
	qsort(s->files, s->nfiles, sizeof(s->files[0]), by_path);
	pair_and_tag(s);
	const struct static_file *index;
	if (static_resolve(s, "/index.html", &index) != STATIC_FILE) {
		rc = px_err_set(err, PX_ENOTFOUND, "web_not_built", "web-dir", "no index.html in '%s'", dir);
		goto fail;
	}
	*out = s;
	return 0;
fail:
	static_site_free(s);
	return rc;
}

void static_site_free(struct static_site *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nfiles; i++) {
		free(s->files[i].path);
		free(s->files[i].body);
		free(s->files[i].gz);
	}
	free(s->files);
	free(s->dir);
	free(s);
}
