/*
 * cmd_backup.c - `pingxuan backup`: a consistent copy of a live database.
 * SQLite: the online backup API writes a database file that opens as it is.
 * PostgreSQL: pg_dump writes a custom-format archive for pg_restore. Works on
 * a database whose schema is older or newer than the binary (a backup before
 * an upgrade is when it matters most).
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store.h"

static const char usage[] =
	"usage: pingxuan backup [--db PATH|URL] --to FILE\n"
	"\n"
	"Write a consistent snapshot of the database to FILE (which must not exist)\n"
	"while the server keeps running.\n"
	"\n"
	"  --db PATH|URL   SQLite file or postgres:// URL (default " CLI_DEFAULT_DB ")\n"
	"  --to FILE       SQLite: a database file, used as it is to restore;\n"
	"                  PostgreSQL: a pg_dump archive (custom format), restored with\n"
	"                  createdb NEW && pg_restore --no-owner --dbname NEW FILE\n";

int cmd_backup(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "to", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *db = CLI_DEFAULT_DB, *to = NULL;
	struct px_err err = { 0 };
	struct store *st = NULL;
	struct stat sb;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 't': to = optarg; break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage_error("backup", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage_error("backup", "unexpected argument '%s'", argv[optind]);
	if (!to || !*to)
		return cli_usage_error("backup", "--to FILE is required");
	if (!lstat(to, &sb)) {
		px_err_set(&err, PX_ECONFLICT, "backup_exists", "to", "'%s' exists: choose a new file", to);
		return cli_fail("backup", &err);
	}
	if (!strstr(db, "://") && stat(db, &sb)) {
		px_err_set(&err, PX_ENOTFOUND, "no_database", "db", "no database at '%s'", db);
		return cli_fail("backup", &err);
	}
	if ((rc = store_open(db, 1, &st, &err)))
		return cli_fail("backup", &err);
	rc = store_check_schema(st, &err);
	if (rc && !strcmp(err.key, "schema_missing"))
		goto out;
	if (rc)
		fprintf(stderr, "pingxuan backup: note: %s\n", err.msg);
	px_err_clear(&err);
	rc = store_backup(st, to, &err);
	if (rc) {
		unlink(to); /* no half-written backup left behind */
		goto out;
	}
	if (!stat(to, &sb))
		printf("backup written to %s (%lld bytes, %s)\n", to, (long long)sb.st_size,
		       strcmp(store_driver_of(st)->name, "pg") ? "SQLite database"
							   : "pg_dump custom-format archive");
out:
	store_close(st);
	return rc ? cli_fail("backup", &err) : CLI_OK;
}
