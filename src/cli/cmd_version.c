/*
 * cmd_version.c - `pingxuan version`: the version and the libraries linked.
 */
#include "cli/cli.h"

#include <jansson.h>
#include <microhttpd.h>
#include <sodium.h>
#include <sqlite3.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <string.h>

int cmd_version(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--help")) {
		printf("usage: pingxuan version\n\nPrint the version of pingxuan and of the libraries it uses.\n");
		return CLI_OK;
	}
	if (argc > 1)
		return cli_usage_error("version", "unexpected argument '%s'", argv[1]);
	printf("pingxuan %s\n", PX_VERSION);
	printf("libmicrohttpd %s, jansson %s, sqlite %s, libsodium %s, libpq %d\n",
	       MHD_get_version(), JANSSON_VERSION, sqlite3_libversion(),
	       sodium_version_string(), PQlibVersion());
	return CLI_OK;
}
