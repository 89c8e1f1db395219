/*
 * cmd_remind.c - `pingxuan remind`: send the reminders that are due for a
 * reporting request (app/reporting/reporting.h), for a daily cron job: from
 * three working days before the deadline on, each working day, to every
 * unit that has not submitted (or whose submission was returned).
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/reporting/reporting.h"
#include "app/sms/sms.h"
#include "core/date.h"

static const char usage[] =
	"usage: pingxuan remind (--request ID | --programme ID) [--all] [--today YYYY-MM-DD] [--sms CONFIG]\n"
	"                       [--db PATH|URL]\n"
	"\n"
	"Remind the units of a reporting request that have not submitted: in-app\n"
	"(the unit's todo) and, with --sms (an SMS gateway config, docs/sms.md), by\n"
	"SMS to each unit's contact (联络员) who has a mobile number. Without\n"
	"--all only when a reminder is due by the rule (from 3 working days before\n"
	"the deadline, each working day; after it, each working day); a unit is\n"
	"reminded once a day per channel. --programme reminds for every request of a programme.\n"
	"--today acts as on that date (rehearsals).\n";

struct remind_opts {
	const char *db, *sms;
	long long request, programme;
	bool all;
	px_date today;
};

static int take(void *ctx, int opt, const char *arg)
{
	struct remind_opts *o = ctx;
	char *end;
	switch (opt) {
	case 'd': o->db = arg; return -1;
	case 'a': o->all = true; return -1;
	case 'S': o->sms = arg; return -1;
	case 'r':
		o->request = strtoll(arg, &end, 10);
		return *end || o->request <= 0 ? cli_usage_error("remind", "--request takes a request id") : -1;
	case 'p':
		o->programme = strtoll(arg, &end, 10);
		return *end || o->programme <= 0 ? cli_usage_error("remind", "--programme takes a programme id") : -1;
	case 't':
		return date_parse(arg, strlen(arg), &o->today) ? cli_usage_error("remind", "--today takes YYYY-MM-DD") : -1;
	default: return cli_usage_error("remind", "unknown option");
	}
}

/* Remind the units of one request; prints a line per reminder sent. */
static int remind_one(struct app *app, int64_t request, bool only_due, struct px_err *err)
{
	json_t *out = NULL, *v;
	size_t i;
	int rc = reporting_remind(app, &app_actor_cli, request, only_due, &out, err);
	if (!rc) {
		json_array_foreach(json_object_get(out, "sent"), i, v)
			printf("%lld\t%s\t%s\n", (long long)json_integer_value(json_object_get(v, "unit")),
			       json_string_value(json_object_get(v, "kind")), json_string_value(json_object_get(v, "message")));
		fprintf(stderr, "request %lld: %zu reminders sent (%s)\n", (long long)request,
			json_array_size(json_object_get(out, "sent")), json_string_value(json_object_get(out, "channel")));
		json_t *sms = json_object_get(out, "sms");
		if (sms)
			fprintf(stderr, "request %lld: sms sent %lld, failed %lld, without a number %lld\n",
				(long long)request, (long long)json_integer_value(json_object_get(sms, "sent")),
				(long long)json_integer_value(json_object_get(sms, "failed")),
				(long long)json_integer_value(json_object_get(sms, "no_number")));
	}
	json_decref(out);
	return rc;
}

int cmd_remind(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },	 { "request", required_argument, NULL, 'r' },
		{ "all", no_argument, NULL, 'a' },	 { "today", required_argument, NULL, 't' },
		{ "programme", required_argument, NULL, 'p' }, { "sms", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },	 { 0 },
	};
	static const struct cli_optspec spec = { "remind", opts, take };
	struct remind_opts o = { CLI_DEFAULT_DB, NULL, 0, 0, false, 0 };
	struct px_err err = { 0 };
	struct app app;
	json_t *out = NULL, *v;
	bool help = false;
	size_t i;
	int rc = cli_parse_opts(&spec, argc, argv, ":h", &o, &help);

	if (rc >= 0)
		return rc;
	if (help)
		return fputs(usage, stdout), CLI_OK;
	if (!o.request == !o.programme)
		return cli_usage_error("remind", "one of --request and --programme is required");
	if (cli_open_app(o.db, NULL, 1, 0, &app, &err))
		return cli_fail("remind", &err);
	if (o.sms && sms_open(o.sms, &app.sms, &err)) {
		cli_close_app(&app);
		return cli_fail("remind", &err);
	}
	app.today_override = (int32_t)o.today;
	if (o.request)
		rc = remind_one(&app, o.request, !o.all, &err);
	else if (!(rc = reporting_requests_of_programme(&app, &app_actor_cli, o.programme, &out, &err)))
		json_array_foreach(json_object_get(out, "requests"), i, v)
			if (!rc)
				rc = remind_one(&app, json_integer_value(json_object_get(v, "id")), !o.all, &err);
	json_decref(out);
	sms_close(app.sms);
	app.sms = NULL;
	cli_close_app(&app);
	return rc ? cli_fail("remind", &err) : CLI_OK;
}
