/*
 * cmd_audit.c - `pingxuan audit verify`: recompute the audit chain and name
 * the first broken row.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "app/audit.h"

static const char usage[] =
	"usage: pingxuan audit verify [--db PATH|URL]\n"
	"\n"
	"Recompute the hash chain of the audit log. Exits 0 when every row is intact,\n"
	"1 naming the first row that was edited, deleted, inserted or moved.\n";

int cmd_audit(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *db = CLI_DEFAULT_DB;
	struct px_err err = { 0 };
	struct audit_report rep;
	struct app app;
	int c, rc;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? CLI_USAGE : CLI_OK;
	}
	if (strcmp(argv[1], "verify"))
		return cli_usage_error("audit", "unknown subcommand '%s'", argv[1]);
	optind = 1;
	while ((c = getopt_long(argc - 1, argv + 1, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage_error("audit", "unknown option");
		}
	}
	if ((rc = cli_open_app(db, NULL, 1, 0, &app, &err)))
		return cli_fail("audit", &err);
	rc = audit_verify(&app, &rep, &err);
	cli_close_app(&app);
	if (rc)
		return cli_fail("audit", &err);
	if (rep.first_bad) {
		printf("audit: BROKEN at row %lld: %s\n", (long long)rep.first_bad, rep.problem);
		return CLI_FAIL;
	}
	printf("audit: %lld rows, chain intact, head %lld %s\n", (long long)rep.rows,
	       (long long)rep.head.seq, rep.head.hash);
	return CLI_OK;
}
