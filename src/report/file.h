/*
 * file.h - how the report writers put a document at its path: written to a
 * temporary file beside it, flushed to disk, renamed over the path, and the
 * directory synced. A failed or refused write leaves no partial document;
 * readers never see a half-written one. Files are created with mode 0600
 * (documents carry personal data; the caller widens it if it must).
 *
 *	struct report_file f;
 *	if ((rc = report_file_begin(&f, path, true, err)))   // f.fp open for writing
 *		return rc;
 *	... write to f.fp (or, with stream = false, to the file named f.tmp) ...
 *	if (failed) report_file_abort(&f); else rc = report_file_commit(&f, err);
 *
 * Errors name the final path: PX_EIO "report_write_failed" (field "path"),
 * PX_EINVAL "report_missing_field" / PX_ETOOBIG "report_field_too_long" for a
 * missing or over-long path.
 */
#ifndef PX_REPORT_FILE_H
#define PX_REPORT_FILE_H

#include <stdbool.h>
#include <stdio.h>

#include "util/err.h"

#define REPORT_PATH_MAX 4000

struct report_file {
	char path[REPORT_PATH_MAX + 1]; /* the final path */
	char tmp[REPORT_PATH_MAX + 16]; /* the temporary file beside it */
	FILE *fp;                       /* open on tmp when begun with stream = true */
};

/* Create the temporary file; with stream, open f->fp on it. */
int report_file_begin(struct report_file *f, const char *path, bool stream, struct px_err *err);

/* Close f->fp if open, sync, rename over the path; on failure abort. */
int report_file_commit(struct report_file *f, struct px_err *err);

/* Close f->fp if open and remove the temporary file. Idempotent. */
void report_file_abort(struct report_file *f);

#endif
