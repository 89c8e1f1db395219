/*
 * cmd_export.c - `pingxuan export`: lists of a programme as CSV or .xlsx.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/programme/export.h"
#include "report/csv.h"
#include "report/xlsx.h"

static const char usage[] =
	"usage: pingxuan export --programme ID --what LIST[,LIST...] --format csv|xlsx\n"
	"                      [--out FILE] [--db PATH|URL]\n"
	"\n"
	"Write lists of a programme: applicants, recommendations, assignments, scores,\n"
	"winners. xlsx puts each list on its own sheet of one workbook (--out required);\n"
	"csv writes one list to --out or standard output. Identifiers of persons are\n"
	"masked.\n";

#define EXPORT_MAX_LISTS 8

int cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "programme", required_argument, NULL, 'p' },
		{ "what", required_argument, NULL, 'w' },
		{ "format", required_argument, NULL, 'f' },
		{ "out", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *db = CLI_DEFAULT_DB, *format = NULL, *out = NULL;
	char what[256] = "", *lists[EXPORT_MAX_LISTS], *save = NULL;
	struct export_table tables[EXPORT_MAX_LISTS];
	struct report_table sheets[EXPORT_MAX_LISTS];
	struct px_err err = { 0 };
	struct app app;
	long long programme = 0;
	int c, n = 0, built = 0, rc = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'p': {
			char *end;
			programme = strtoll(optarg, &end, 10);
			if (*end || programme <= 0)
				return cli_usage_error("export", "--programme takes a programme id");
			break;
		}
		case 'w': snprintf(what, sizeof(what), "%s", optarg); break;
		case 'f': format = optarg; break;
		case 'o': out = optarg; break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage_error("export", "unknown option");
		}
	}
	if (!programme || !what[0] || !format)
		return cli_usage_error("export", "--programme, --what and --format are required");
	if (strcmp(format, "csv") && strcmp(format, "xlsx"))
		return cli_usage_error("export", "--format is csv or xlsx, not '%s'", format);
	for (char *tok = strtok_r(what, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (n == EXPORT_MAX_LISTS)
			return cli_usage_error("export", "at most %d lists", EXPORT_MAX_LISTS);
		lists[n++] = tok;
	}
	if (!strcmp(format, "csv") && n != 1)
		return cli_usage_error("export", "csv takes one list at a time");
	if (!strcmp(format, "xlsx") && !out)
		return cli_usage_error("export", "xlsx needs --out FILE");
	if ((rc = cli_open_app(db, NULL, 1, 0, &app, &err)))
		return cli_fail("export", &err);
	for (; built < n; built++) {
		if ((rc = export_build(&app, &app_actor_cli, programme, lists[built], &tables[built], &err)))
			goto out;
		sheets[built] = tables[built].t;
	}
	if (!strcmp(format, "xlsx")) {
		rc = report_xlsx_workbook(out, sheets, (size_t)n, &err);
	} else {
		FILE *f = out ? fopen(out, "wb") : stdout;
		if (!f) {
			rc = px_err_set(&err, PX_EIO, "cannot_write", "out", "cannot create '%s'", out);
			goto out;
		}
		rc = report_csv_table(f, &sheets[0], &err);
		if (f != stdout && fclose(f) && !rc)
			rc = px_err_set(&err, PX_EIO, "cannot_write", "out", "cannot write '%s'", out);
	}
	if (!rc && out)
		for (int i = 0; i < n; i++)
			fprintf(stderr, "%s: %zu rows\n", lists[i], tables[i].t.nrows);
out:
	for (int i = 0; i < built; i++)
		export_release(&tables[i]);
	cli_close_app(&app);
	return rc ? cli_fail("export", &err) : CLI_OK;
}
