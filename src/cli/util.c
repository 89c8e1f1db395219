/*
 * util.c - what every subcommand shares: error printing, option parsing,
 * default paths, reading a line from standard input.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int cli_parse_opts(const struct cli_optspec *spec, int argc, char **argv, const char *optstring,
		   void *ctx, bool *help)
{
	int c, rc;
	optind = 0; /* glibc: start afresh */
	opterr = 0;
	while ((c = getopt_long(argc, argv, optstring, spec->longopts, NULL)) != -1) {
		switch (c) {
		case 'h': *help = true; break;
		case ':': return cli_usage_error(spec->cmd, "option '%s' needs a value", argv[optind - 1]);
		case '?': return cli_usage_error(spec->cmd, "unknown option '%s'", argv[optind - 1]);
		default:
			if ((rc = spec->take(ctx, c, optarg)) >= 0)
				return rc;
		}
	}
	return -1;
}

const char *cli_data_dir(void)
{
	const char *d = getenv("PX_DATA_DIR");
	return d && *d ? d : PX_DATA_DIR;
}

int cli_read_stdin_line(char *buf, size_t cap, struct px_err *err)
{
	if (!fgets(buf, (int)cap, stdin))
		return px_err_set(err, PX_EINVAL, "no_input", "stdin", "nothing on standard input");
	buf[strcspn(buf, "\r\n")] = '\0';
	return 0;
}
