/*
 * cmd_keyworks.c - `pingxuan keyworks`: the key works register
 * (app/keyworks/keyworks.h) from the command line: the leaders' board as a
 * workbook, and the daily reminders of the lead units that have not
 * reported on an open milestone (through the reporting engine, by its rule).
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/keyworks/keyworks.h"
#include "app/reporting/reporting.h"
#include "app/scope.h"
#include "core/access.h"
#include "core/date.h"

static const char usage[] =
	"usage: pingxuan keyworks board --out FILE.xlsx [--region CODE] [--today YYYY-MM-DD] [--db PATH|URL]\n"
	"       pingxuan keyworks remind [--region CODE] [--all] [--today YYYY-MM-DD] [--db PATH|URL]\n"
	"\n"
	"board: the key works board (works, lead units, overdue milestones) as a\n"
	"workbook, of one region's office (--region) or of all.\n"
	"remind: remind the lead units that have not reported on an open milestone,\n"
	"for a daily job: without --all only when a reminder is due by the reporting\n"
	"rule (from 3 working days before the deadline, then each working day).\n"
	"--today acts as on that date (rehearsals).\n";

struct kw_opts {
	const char *db, *out, *region;
	bool all;
	px_date today;
};

static int take(void *ctx, int opt, const char *arg)
{
	struct kw_opts *o = ctx;
	switch (opt) {
	case 'd': o->db = arg; return -1;
	case 'o': o->out = arg; return -1;
	case 'a': o->all = true; return -1;
	case 'r':
		o->region = arg;
		return access_region_valid(arg) ? -1 : cli_usage_error("keyworks", "--region takes a six-digit region code");
	case 't':
		return date_parse(arg, strlen(arg), &o->today) ? cli_usage_error("keyworks", "--today takes YYYY-MM-DD") : -1;
	default: return cli_usage_error("keyworks", "unknown option");
	}
}

static int remind_all(struct app *app, const struct app_actor *actor, bool only_due, struct px_err *err)
{
	json_t *ids = NULL, *v, *out;
	size_t i, sent = 0;
	int rc = keyworks_open_requests(app, actor, &ids, err);
	json_array_foreach(json_object_get(ids, "requests"), i, v) {
		if (rc)
			break;
		out = NULL;
		if (!(rc = reporting_remind(app, &app_actor_cli, json_integer_value(v), only_due, &out, err)))
			sent += json_array_size(json_object_get(out, "sent"));
		json_decref(out);
	}
	if (!rc)
		fprintf(stderr, "%zu open milestones, %zu reminders sent\n", json_array_size(json_object_get(ids, "requests")),
			sent);
	json_decref(ids);
	return rc;
}

int cmd_keyworks(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },	    { "out", required_argument, NULL, 'o' },
		{ "region", required_argument, NULL, 'r' }, { "all", no_argument, NULL, 'a' },
		{ "today", required_argument, NULL, 't' },  { "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	static const struct cli_optspec spec = { "keyworks", opts, take };
	struct kw_opts o = { CLI_DEFAULT_DB, NULL, NULL, false, 0 };
	struct px_err err = { 0 };
	struct app app;
	bool help = false;
	const char *action = argc > 1 ? argv[1] : "";
	int rc = argc > 1 ? cli_parse_opts(&spec, argc - 1, argv + 1, ":h", &o, &help) : -1;

	if (rc >= 0)
		return rc;
	if (help || !strcmp(action, "--help") || !strcmp(action, "-h"))
		return fputs(usage, stdout), CLI_OK;
	if (strcmp(action, "board") && strcmp(action, "remind"))
		return cli_usage_error("keyworks", "board or remind");
	if (!strcmp(action, "board") && !o.out)
		return cli_usage_error("keyworks", "board needs --out FILE.xlsx");
	if (cli_open_app(o.db, NULL, 1, 0, &app, &err))
		return cli_fail("keyworks", &err);
	app.today_override = (int32_t)o.today;
	struct app_actor actor = o.region ? app_actor_office_of(o.region) : app_actor_cli;
	rc = !strcmp(action, "board") ? keyworks_board_xlsx(&app, &actor, o.out, &err)
				      : remind_all(&app, &actor, !o.all, &err);
	cli_close_app(&app);
	return rc ? cli_fail("keyworks", &err) : CLI_OK;
}
