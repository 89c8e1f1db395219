/*
 * file.h - whole-file reads with a size cap, and atomic durable writes
 * (write a temporary file beside the target, fsync, rename, fsync the
 * directory): a crash leaves the old file or the new one, never half of one.
 */
#ifndef PX_UTIL_FILE_H
#define PX_UTIL_FILE_H

#include <stddef.h>

#include "util/err.h"

/* Read a regular file of at most max bytes; *out (NUL-terminated) is the caller's to free. */
int file_read(const char *path, size_t max, char **out, size_t *len, struct px_err *err);

/* Replace path with data atomically and durably. */
int file_write_atomic(const char *path, const char *data, size_t len, struct px_err *err);

#endif
