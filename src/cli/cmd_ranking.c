/*
 * cmd_ranking.c - `pingxuan ranking`: the published lists of a brand ranking
 * (docs/ranking.md) as documents, for offices that hand them to the press:
 * the workbook of the lists, and a poster per track.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/ranking/documents.h"

static const char usage[] =
	"usage: pingxuan ranking lists  --programme ID --out FILE.xlsx [--db PATH|URL]\n"
	"       pingxuan ranking poster --programme ID --track CODE --out FILE.png [--db PATH|URL]\n"
	"\n"
	"Write the published lists of a brand ranking: every track's Top N as one\n"
	"workbook (a sheet per track), or one track's list as a 1080 x 1920 poster.\n";

int cmd_ranking(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "programme", required_argument, NULL, 'p' },
		{ "track", required_argument, NULL, 't' },
		{ "out", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *db = CLI_DEFAULT_DB, *out = NULL, *track = NULL, *what = argc > 1 ? argv[1] : "";
	struct px_err err = { 0 };
	struct app app;
	long long programme = 0;
	int c, rc;

	if (!strcmp(what, "--help") || !strcmp(what, "-h")) {
		fputs(usage, stdout);
		return CLI_OK;
	}
	if (strcmp(what, "lists") && strcmp(what, "poster"))
		return cli_usage_error("ranking", "say 'lists' or 'poster'");
	optind = 2;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'p': {
			char *end;
			programme = strtoll(optarg, &end, 10);
			if (*end || programme <= 0)
				return cli_usage_error("ranking", "--programme takes a programme id");
			break;
		}
		case 't': track = optarg; break;
		case 'o': out = optarg; break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage_error("ranking", "unknown option");
		}
	}
	if (!programme || !out || (!strcmp(what, "poster") && !track))
		return cli_usage_error("ranking", "--programme and --out are required (and --track for a poster)");
	if ((rc = cli_open_app(db, NULL, 1, 0, &app, &err)))
		return cli_fail("ranking", &err);
	if (!strcmp(what, "lists"))
		rc = ranking_lists_xlsx(&app, programme, out, &err);
	else
		rc = ranking_poster_png(&app, programme, track, out, &err);
	cli_close_app(&app);
	return rc ? cli_fail("ranking", &err) : CLI_OK;
}
