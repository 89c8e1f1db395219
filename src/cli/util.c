/*
 * util.c - what every subcommand shares: error printing and default paths.
 */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

int cli_fail(const char *cmd, const struct px_err *err)
{
	if (err && err->field[0])
		fprintf(stderr, "pingxuan %s: error: %s: %s [%s]\n", cmd, err->field, err->msg, err->key);
	else if (err && err->msg[0])
		fprintf(stderr, "pingxuan %s: error: %s [%s]\n", cmd, err->msg, err->key);
	else
		fprintf(stderr, "pingxuan %s: error: %s\n", cmd, err ? err->key : "failed");
	return CLI_FAIL;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "pingxuan %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(see 'pingxuan %s --help')\n", cmd);
	return CLI_USAGE;
}

const char *cli_data_dir(void)
{
	const char *d = getenv("PX_DATA_DIR");
	return d && *d ? d : PX_DATA_DIR;
}

int cli_read_file(const char *path, size_t max, char **out, size_t *len, struct px_err *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	if (!f)
		return px_err_set(err, PX_EIO, "cannot_read", "file", "cannot open '%s'", path);
	for (;;) {
		if (n + 4096 + 1 > cap) {
			size_t ncap = cap ? cap * 2 : 8192;
			char *nb = realloc(buf, ncap);
			if (!nb) {
				rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
				goto out;
			}
			buf = nb;
			cap = ncap;
		}
		size_t got = fread(buf + n, 1, 4096, f);
		n += got;
		if (n > max) {
			rc = px_err_set(err, PX_ETOOBIG, "file_too_large", "file",
					"'%s' is larger than %zu bytes", path, max);
			goto out;
		}
		if (got < 4096)
			break;
	}
	if (ferror(f)) {
		rc = px_err_set(err, PX_EIO, "cannot_read", "file", "cannot read '%s'", path);
		goto out;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	buf = NULL;
out:
	free(buf);
	fclose(f);
	return rc;
}

int cli_read_stdin_line(char *buf, size_t cap, struct px_err *err)
{
	if (!fgets(buf, (int)cap, stdin))
		return px_err_set(err, PX_EINVAL, "no_input", "stdin", "nothing on standard input");
	buf[strcspn(buf, "\r\n")] = '\0';
	return 0;
}
