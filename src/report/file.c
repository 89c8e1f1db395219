/*
 * file.c - the temporary-file-and-rename discipline of every report writer
 * (see file.h): one place that creates, syncs, renames and cleans up, and
 * turns system errors into PX_EIO naming the path the caller asked for.
 */
#include "report/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/text.h"

static int io_error(const struct report_file *f, const char *what, int e, struct px_err *err)
{
	return px_err_set(err, PX_EIO, "report_write_failed", "path", "cannot %s '%s': %s", what,
			  f->path, strerror(e));
}

int report_file_begin(struct report_file *f, const char *path, bool stream, struct px_err *err)
{
	int rc, fd;

	f->path[0] = f->tmp[0] = '\0';
	f->fp = NULL;
	if ((rc = report_check_text("path", path, REPORT_PATH_MAX, REPORT_TEXT_REQUIRED, err)))
		return rc;
	snprintf(f->path, sizeof(f->path), "%s", path);
	snprintf(f->tmp, sizeof(f->tmp), "%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(f->tmp)) < 0) {
		f->tmp[0] = '\0';
		return io_error(f, "write", errno, err);
	}
	if (!stream) {
		close(fd);
		return 0;
	}
	if (!(f->fp = fdopen(fd, "wb"))) {
		int e = errno;
		close(fd);
		report_file_abort(f);
		return io_error(f, "write", e, err);
	}
	return 0;
}

/* Flush the temporary file to disk; the file is closed either way. */
static int sync_tmp(struct report_file *f)
{
	int fd, e = 0;

	if (f->fp) {
		if (fflush(f->fp) || fsync(fileno(f->fp)))
			e = errno;
		if (fclose(f->fp) && !e)
			e = errno;
		f->fp = NULL;
		return e;
	}
	if ((fd = open(f->tmp, O_RDONLY | O_CLOEXEC)) < 0)
		return errno;
	if (fsync(fd))
		e = errno;
	close(fd);
	return e;
}

/* Make the rename durable: sync the directory that holds the path. */
static int sync_dir(const struct report_file *f)
{
	char dir[REPORT_PATH_MAX + 1];
	char *slash;
	int fd, e = 0;

	snprintf(dir, sizeof(dir), "%s", f->path);
	if (!(slash = strrchr(dir, '/')))
		snprintf(dir, sizeof(dir), ".");
	else
		slash[slash == dir] = '\0'; /* "/x" keeps the root */
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return errno;
	if (fsync(fd))
		e = errno;
	close(fd);
	return e;
}

int report_file_commit(struct report_file *f, struct px_err *err)
{
	int e;

	if ((e = sync_tmp(f))) {
		report_file_abort(f);
		return io_error(f, "write", e, err);
	}
	if (rename(f->tmp, f->path)) {
		e = errno;
		report_file_abort(f);
		return io_error(f, "rename into", e, err);
	}
	f->tmp[0] = '\0';
	if ((e = sync_dir(f)))
		return io_error(f, "sync the directory of", e, err);
	return 0;
}

void report_file_abort(struct report_file *f)
{
	if (f->fp) {
		fclose(f->fp);
		f->fp = NULL;
	}
	if (f->tmp[0]) {
		unlink(f->tmp);
		f->tmp[0] = '\0';
	}
}
