/*
 * cmd_verify_tally.c - `pingxuan verify-tally`: recompute every published
 * count of a public vote from its published, pseudonymised log and check it
 * against the audit chain of the database (app/vote/verify.c). Exit 0 when
 * every count is verified, 1 naming the first difference.
 */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/vote/vote.h"
#include "util/file.h"

#define LOG_MAX (1L << 31)

static const char usage[] =
	"usage: pingxuan verify-tally [--db PATH|URL] --programme ID --log FILE\n"
	"\n"
	"Check a vote's published log (GET /api/v1/programmes/ID/vote/log) against\n"
	"the audit chain: each batch's hash, the office's quarantine decisions, and\n"
	"every published snapshot of the counts. Prints OK with the figures, or the\n"
	"first difference; exits 0 when the tally is verified, 1 when it is not.\n";

int cmd_verify_tally(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "programme", required_argument, NULL, 'p' },
		{ "log", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *db = CLI_DEFAULT_DB, *log_path = NULL;
	struct vote_tally_report rep;
	struct px_err err = { 0 };
	long long programme = 0;
	struct app app;
	char *text = NULL, *end;
	size_t len;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'l': log_path = optarg; break;
		case 'p':
			errno = 0;
			programme = strtoll(optarg, &end, 10);
			if (errno || *end || programme < 1)
				return cli_usage_error("verify-tally", "--programme takes a programme id");
			break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage_error("verify-tally", "unknown option");
		}
	}
	if (!programme || !log_path)
		return cli_usage_error("verify-tally", "--programme and --log are required");
	if ((rc = file_read(log_path, LOG_MAX, &text, &len, &err)))
		return cli_fail("verify-tally", &err);
	if ((rc = cli_open_app(db, NULL, 1, 0, &app, &err))) {
		free(text);
		return cli_fail("verify-tally", &err);
	}
	rc = vote_verify_tally(&app, programme, text, len, &rep, &err);
	cli_close_app(&app);
	free(text);
	if (rc)
		return cli_fail("verify-tally", &err);
	if (rep.problems) {
		printf("verify-tally: NOT VERIFIED, %lld problems; first: %s\n", (long long)rep.problems, rep.first);
		return CLI_FAIL;
	}
	printf("verify-tally: OK, %lld votes in %lld batches, %lld decisions, %lld snapshots match the chain\n",
	       (long long)rep.votes, (long long)rep.batches, (long long)rep.decisions, (long long)rep.snapshots);
	return CLI_OK;
}
