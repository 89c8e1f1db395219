/*
 * main.c - the pingxuan binary: dispatch the first argument to a subcommand
 * through the table below (the habit of git's commands[] in git.c).
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{ "init", cmd_init, "create or migrate a database, create the first office account" },
	{ "serve", cmd_serve, "run the HTTP server" },
	{ "demo", cmd_demo, "create a demo database and serve it" },
	{ "user", cmd_user, "add, list accounts, change a password" },
	{ "audit", cmd_audit, "verify the hash-chained audit log" },
	{ "backup", cmd_backup, "copy the live database (SQLite file or pg_dump archive)" },
	{ "calendar", cmd_calendar, "working days: end of a period, count, check a date, import" },
	{ "ident", cmd_ident, "check unified social credit codes, resident IDs, mobiles, regions" },
	{ "draw", cmd_draw, "run the verifiable double-random reviewer draw" },
	{ "verify-draw", cmd_verify_draw, "check a published draw against its commitment" },
	{ "export", cmd_export, "write lists of a programme as CSV or xlsx" },
	{ "sms-test", cmd_sms_test, "send one message through an SMS gateway's config" },
	/* ranking */
	{ "verify-tally", cmd_verify_tally, "recompute a vote's published counts from its log and the audit chain" },
	{ "ranking", cmd_ranking, "write a brand ranking's published lists as a workbook or posters" },

	/* campaign */
	{ "odoc", cmd_odoc, "render an official document (JSON) as GB/T 9704 PDF and .docx" },
	{ "remind", cmd_remind, "remind the units that have not submitted a reporting request" },
	{ "keyworks", cmd_keyworks, "the key works board as a workbook; remind the lead units" },

	/* registers */

	/* quality month */
	{ "nqi", cmd_nqi, "import NQI service institutions, enterprises or services from CSV" },

	{ "routes", cmd_routes, "list the HTTP routes and the roles each admits" },
	{ "version", cmd_version, "print the version" },
};

/*
 * Under LeakSanitizer (the -asan build): cairo 1.16 keeps a few hundred
 * bytes per PDF while subsetting CJK fonts, and fontconfig its caches; they
 * are not ours, so the leak report leaves those libraries out.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libcairo.so\nleak:libfontconfig.so\nleak:libpango\n";
}

static void usage(FILE *out)
{
	fprintf(out, "usage: pingxuan <command> [options]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-12s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\n'pingxuan <command> --help' describes a command.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return CLI_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return CLI_OK;
	}
	if (!strcmp(argv[1], "--version"))
		return cmd_version(1, argv + 1);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "pingxuan: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return CLI_USAGE;
}
