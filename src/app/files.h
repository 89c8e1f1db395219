/*
 * files.h - the content-addressed file store: every uploaded or generated
 * file (evidence PDFs, certificates, reports) lives once, at
 * <files_dir>/<sha[0:2]>/<sha>, outside any web root; paths are built from
 * the hex of a SHA-256 only, so no input can steer them.
 */
#ifndef PX_APP_FILES_H
#define PX_APP_FILES_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

#define FILES_SHA_HEX 64

/* true when sha is 64 lowercase hex digits. */
bool files_sha_ok(const char *sha);

/* <files_dir>/<sha[0:2]> (dir_only) or <files_dir>/<sha[0:2]>/<sha>. */
void files_path(const char *files_dir, const char *sha, bool dir_only, char *out, size_t cap);

/* Create <files_dir> and <files_dir>/<sha[0:2]>. */
int files_make_dirs(const char *files_dir, const char *sha, struct px_err *err);

/* Store len bytes of data under their SHA-256 (written atomically); sha receives the hex. */
int files_put(const char *files_dir, const void *data, size_t len, char sha[FILES_SHA_HEX + 1],
	      struct px_err *err);

/*
 * Keep a complete temporary file (on the file system of files_dir) under its
 * SHA-256 sha by a hard link; a file already kept is left as it is.
 * PX_EIO "store_file_failed" when it cannot be linked.
 */
int files_keep(const char *files_dir, const char *tmp_path, const char *sha, struct px_err *err);

#endif
