/*
 * file.c - reading and writing whole files (see file.h).
 */
#include "util/file.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int file_read(const char *path, size_t max, char **out, size_t *len, struct px_err *err)
{
	struct stat st;
	char *buf = NULL;
	size_t n = 0;
	int rc = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	*out = NULL;
	if (fd < 0)
		return px_err_set(err, PX_EIO, NULL, "", "cannot open '%s': %s", path, strerror(errno));
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		rc = px_err_set(err, PX_EIO, NULL, "", "'%s' is not a regular file", path);
		goto out_close;
	}
	if ((unsigned long long)st.st_size > max) {
		rc = px_err_set(err, PX_ETOOBIG, "file_too_large", "",
				"'%s' is larger than %zu bytes", path, max);
		goto out_close;
	}
	if (!(buf = malloc((size_t)st.st_size + 1))) {
		rc = px_err_set(err, PX_ENOMEM, NULL, "", "out of memory");
		goto out_close;
	}
	for (;;) { /* read to the end: the file may have grown since fstat */
		if (n == (size_t)st.st_size + 1) {
			rc = px_err_set(err, PX_ETOOBIG, "file_too_large", "",
					"'%s' grew while being read", path);
			goto out_free;
		}
		ssize_t got = read(fd, buf + n, (size_t)st.st_size + 1 - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			rc = px_err_set(err, PX_EIO, NULL, "", "cannot read '%s': %s", path,
					strerror(errno));
			goto out_free;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	buf = NULL;
out_free:
	free(buf);
out_close:
	close(fd);
	return rc;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int file_write_atomic(const char *path, const char *data, size_t len, struct px_err *err)
{
	char tmp[4096], dir[4096];
	int rc = 0, fd;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp.XXXXXX", path) >= (int)sizeof(tmp) ||
	    snprintf(dir, sizeof(dir), "%s", path) >= (int)sizeof(dir))
		return px_err_set(err, PX_EIO, NULL, "", "path too long '%.64s...'", path);
	if ((fd = mkstemp(tmp)) < 0)
		return px_err_set(err, PX_EIO, NULL, "", "cannot create a file next to '%s': %s",
				  path, strerror(errno));
	if (fchmod(fd, 0644) || write_all(fd, data, len) || fsync(fd)) {
		rc = px_err_set(err, PX_EIO, NULL, "", "cannot write '%s': %s", tmp, strerror(errno));
		close(fd);
		goto out_unlink;
	}
	if (close(fd)) {
		rc = px_err_set(err, PX_EIO, NULL, "", "cannot write '%s': %s", tmp, strerror(errno));
		goto out_unlink;
	}
	if (rename(tmp, path)) {
		rc = px_err_set(err, PX_EIO, NULL, "", "cannot rename '%s' to '%s': %s", tmp, path,
				strerror(errno));
		goto out_unlink;
	}
	/* make the rename itself durable */
	if ((fd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(fd);
		close(fd);
	}
	return 0;
out_unlink:
	unlink(tmp);
	return rc;
}

