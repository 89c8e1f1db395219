/*
 * files.c - the content-addressed file store (see files.h).
 */
#include "app/files.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/file.h"

bool files_sha_ok(const char *sha)
{
	return sha && strlen(sha) == FILES_SHA_HEX && strspn(sha, "0123456789abcdef") == FILES_SHA_HEX;
}

void files_path(const char *files_dir, const char *sha, bool dir_only, char *out, size_t cap)
{
	if (dir_only)
		snprintf(out, cap, "%s/%.2s", files_dir, sha);
	else
		snprintf(out, cap, "%s/%.2s/%s", files_dir, sha, sha);
}

int files_make_dirs(const char *files_dir, const char *sha, struct px_err *err)
{
	char dir[4200];
	files_path(files_dir, sha, true, dir, sizeof(dir));
	if ((mkdir(files_dir, 0750) && errno != EEXIST) || (mkdir(dir, 0700) && errno != EEXIST))
		return px_err_set(err, PX_EIO, "files_dir", "files_dir", "cannot create '%s': %s", dir,
				  strerror(errno));
	return 0;
}

int files_put(const char *files_dir, const void *data, size_t len, char sha[FILES_SHA_HEX + 1],
	      struct px_err *err)
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	char path[4300];
	int rc;

	crypto_hash_sha256(digest, data, len);
	sodium_bin2hex(sha, FILES_SHA_HEX + 1, digest, sizeof(digest));
	if ((rc = files_make_dirs(files_dir, sha, err)))
		return rc;
	files_path(files_dir, sha, false, path, sizeof(path));
	return file_write_atomic(path, data, len, err);
}

int files_keep(const char *files_dir, const char *tmp_path, const char *sha, struct px_err *err)
{
	char path[4300];
	int rc;
	if (!files_sha_ok(sha))
		return px_err_set(err, PX_EINTERNAL, NULL, NULL, "malformed SHA-256");
	if ((rc = files_make_dirs(files_dir, sha, err)))
		return rc;
	files_path(files_dir, sha, false, path, sizeof(path));
	if (link(tmp_path, path) && errno != EEXIST)
		return px_err_set(err, PX_EIO, "store_file_failed", NULL, "cannot keep '%s': %s", path, strerror(errno));
	return 0;
}
