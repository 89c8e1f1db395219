/*
 * data_file.h - for unit tests: read a file of the shipped data directory
 * ($PX_DATA_DIR, set by CTest) into a NUL-terminated buffer the caller frees.
 */
#ifndef PX_TEST_DATA_FILE_H
#define PX_TEST_DATA_FILE_H

#include <stdio.h>
#include <stdlib.h>

static char *data_file(const char *name, size_t *len)
{
	const char *dir = getenv("PX_DATA_DIR");
	char path[4096];
	char *buf = NULL;
	FILE *f;
	long n;

	if (!dir || snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path))
		return NULL;
	if (!(f = fopen(path, "rb")))
		return NULL;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		goto out;
	if (!(buf = malloc((size_t)n + 1)))
		goto out;
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
		goto out;
	}
	buf[n] = '\0';
	*len = (size_t)n;
out:
	fclose(f);
	return buf;
}

#endif
