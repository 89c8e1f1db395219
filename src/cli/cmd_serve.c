/*
 * cmd_serve.c - `pingxuan serve`: migrate the database and run the server.
 */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/sms/sms.h"
#include "cli/serve.h"

static const char usage[] =
	"usage: pingxuan serve [--db PATH|URL] [--listen [HOST:]PORT] [--data-dir DIR]\n"
	"                      [--threads N] [--access-log stderr|off|FILE]\n"
	"                      [--session-idle SECONDS] [--session-max SECONDS]\n"
	"                      [--body-max BYTES] [--cookie-secure] [--port-file FILE]\n"
	"                      [--web-dir DIR] [--public-url URL] [--header-deadline SECONDS]\n"
	"                      [--body-deadline SECONDS] [--body-min-rate BYTES] [--sms CONFIG]\n"
	"                      [--work-max-mb MIB]\n"
	"\n"
	"Serve the API until SIGTERM or SIGINT; then stop accepting, finish requests\n"
	"in flight and close the database.\n"
	"\n"
	"  --db PATH|URL      SQLite file or postgres:// URL (default " CLI_DEFAULT_DB ")\n"
	"  --listen           address and port (default 127.0.0.1:8080; port 0 = any free port)\n"
	"  --data-dir DIR     shipped data (default: the source tree's data/)\n"
	"  --threads N        HTTP worker threads (default: one per core)\n"
	"  --session-idle S   sign out sessions idle this long (default 1800)\n"
	"  --session-max S    sign out sessions this old (default 43200)\n"
	"  --body-max BYTES   largest request body (default 1048576)\n"
	"  --per-address N    connections at once from one address (default 32, 0: no cap;\n"
	"                     off with --trust-proxy, where nginx caps per client)\n"
	"  --header-deadline S  cut connections whose request line and headers take longer\n"
	"                     (default 30, 0: none)\n"
	"  --body-deadline S  seconds of grace for a request body, after which it must\n"
	"                     keep up --body-min-rate (default 30, 0: none)\n"
	"  --body-min-rate B  bytes a second each body keeps up after its grace; every\n"
	"                     byte buys 1/B s more (default 4096, 0: the whole body\n"
	"                     within the grace)\n"
	"  --cookie-secure    mark the session cookie Secure (behind TLS)\n"
	"  --port-file FILE   write the bound port to FILE once listening\n"
	"  --files-dir DIR    uploaded and generated files (default: DB path + .files)\n"
	"  --work-max-mb MIB  ceiling on every contest's cap per uploaded work (default 0:\n"
	"                     the template's file_max_mb)\n"
	"  --trust-proxy ADDR believe X-Forwarded-For from this peer (the local nginx)\n"
	"  --web-dir DIR      the built web UI served at / (default: web/ beside the binary)\n"
	"  --public-url URL   the address the public reaches (verification links of certificates)\n"
	"  --sms CONFIG       the SMS gateway of the vote's codes, a JSON file\n"
	"                     ({\"driver\": \"file\", \"path\": ...}; docs/vote.md); without it\n"
	"                     the vote answers code requests 503 sms_unavailable\n"
	"  --rehearsal        let the office set the date the server works on\n"
	"                     (training and rehearsals of a programme; never in production)\n";

static int parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* The numeric options: letter, name, range, and the unit their message names. */
static const struct num_opt {
	int letter;
	const char *name;
	long min, max;
	const char *unit;
} num_opts[] = {
	{ 't', "--threads", 1, 256, "" },
	{ 'i', "--session-idle", 1, 7 * 86400, " seconds" },
	{ 'm', "--session-max", 1, 30 * 86400, " seconds" },
	{ 'b', "--body-max", 1024, 1L << 30, "" },
	{ 'C', "--per-address", 0, 100000, "" },
	{ 'H', "--header-deadline", 0, 3600, "" },
	{ 'B', "--body-deadline", 0, 86400, "" },
	{ 'M', "--body-min-rate", 0, 1L << 30, "" },
	{ 'X', "--work-max-mb", 0, 2048, " MiB" },
};

/*
 * Store the value of the numeric option c in o (or *idle, *max, *work_mb): 0; 1 when c
 * is no numeric option; -1 when the value is out of range, *rc then the
 * usage error to exit with.
 */
static int set_number(int c, const char *arg, struct serve_opts *o, long *idle, long *max, long *work_mb, int *rc)
{
	long v;

	for (size_t i = 0; i < sizeof(num_opts) / sizeof(num_opts[0]); i++) {
		const struct num_opt *n = &num_opts[i];
		if (n->letter != c)
			continue;
		if (parse_long(arg, n->min, n->max, &v)) {
			*rc = cli_usage_error("serve", "%s must be %ld..%ld%s", n->name, n->min, n->max, n->unit);
			return -1;
		}
		switch (c) {
		case 't': o->threads = (int)v; break;
		case 'i': *idle = v; break;
		case 'm': *max = v; break;
		case 'b': o->body_max = (size_t)v; break;
		case 'C': o->per_address_max = (int)v; break;
		case 'H': o->header_deadline = (int)v; break;
		case 'X': *work_mb = v; break;
		case 'B': o->body_deadline = (int)v; break;
		default: o->body_min_rate = v; break;
		}
		return 0;
	}
	return 1;
}

static const struct option serve_long_opts[] = {
	{ "db", required_argument, NULL, 'd' },
	{ "listen", required_argument, NULL, 'l' },
	{ "data-dir", required_argument, NULL, 'D' },
	{ "threads", required_argument, NULL, 't' },
	{ "access-log", required_argument, NULL, 'a' },
	{ "session-idle", required_argument, NULL, 'i' },
	{ "session-max", required_argument, NULL, 'm' },
	{ "body-max", required_argument, NULL, 'b' },
	{ "per-address", required_argument, NULL, 'C' },
	{ "header-deadline", required_argument, NULL, 'H' },
	{ "body-deadline", required_argument, NULL, 'B' },
	{ "body-min-rate", required_argument, NULL, 'M' },
	{ "work-max-mb", required_argument, NULL, 'X' },
	{ "cookie-secure", no_argument, NULL, 's' },
	{ "port-file", required_argument, NULL, 'P' },
	{ "files-dir", required_argument, NULL, 'F' },
	{ "rehearsal", no_argument, NULL, 'R' },
	{ "trust-proxy", required_argument, NULL, 'T' },
	{ "web-dir", required_argument, NULL, 'W' },
	{ "public-url", required_argument, NULL, 'U' },
	{ "sms", required_argument, NULL, 'S' },
	{ "help", no_argument, NULL, 'h' },
	{ 0 },
};

/* What the command line asks for. */
struct serve_args {
	const char *db, *data_dir, *files_dir, *public_url, *sms;
	bool rehearsal;
	long idle, max, work_mb;
	struct serve_opts o;
};

#define SERVE_GO_ON (-1) /* an option was taken: read the next */

/* One option: SERVE_GO_ON, or what the command returns (help, a usage error). */
static int serve_option(int c, struct serve_args *a)
{
	struct px_err err = { 0 };
	switch (c) {
	case 'd': a->db = optarg; return SERVE_GO_ON;
	case 'l':
		if (serve_parse_listen(&a->o, optarg, &err))
			return cli_usage_error("serve", "%s", err.msg);
		return SERVE_GO_ON;
	case 'D': a->data_dir = optarg; return SERVE_GO_ON;
	case 'F': a->files_dir = optarg; return SERVE_GO_ON;
	case 'R': a->rehearsal = true; return SERVE_GO_ON;
	case 'T': a->o.trusted_proxy = optarg; return SERVE_GO_ON;
	case 'W': a->o.web_dir = optarg; return SERVE_GO_ON;
	case 'S': a->sms = optarg; return SERVE_GO_ON;
	case 'U':
		if (strncmp(optarg, "http://", 7) && strncmp(optarg, "https://", 8))
			return cli_usage_error("serve", "--public-url must start with http:// or https://");
		a->public_url = optarg;
		return SERVE_GO_ON;
	case 'a': a->o.access_log = optarg; return SERVE_GO_ON;
	case 's': a->o.cookie_secure = true; return SERVE_GO_ON;
	case 'P': a->o.port_file = optarg; return SERVE_GO_ON;
	case 'h': fputs(usage, stdout); return CLI_OK;
	default: {
		int rc, n = set_number(c, optarg, &a->o, &a->idle, &a->max, &a->work_mb, &rc);
		return n < 0 ? rc : n > 0 ? cli_usage_error("serve", "unknown option") : SERVE_GO_ON;
	}
	}
}

int cmd_serve(int argc, char **argv)
{
	struct serve_args a = { .db = CLI_DEFAULT_DB, .idle = APP_SESSION_IDLE_DEFAULT_S,
				.max = APP_SESSION_ABSOLUTE_DEFAULT_S };
	char files_buf[4200];
	struct px_err err = { 0 };
	struct app app;
	int c, rc = 0;

	serve_opts_default(&a.o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", serve_long_opts, NULL)) != -1)
		if ((rc = serve_option(c, &a)) != SERVE_GO_ON)
			return rc;
	if (optind < argc)
		return cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
	if (sodium_init() < 0)
		return CLI_FAIL;
	if ((rc = cli_open_app(a.db, a.data_dir, a.o.threads + 2, 1, &app, &err)))
		return cli_fail("serve", &err);
	if (!a.files_dir) {
		snprintf(files_buf, sizeof(files_buf), "%s.files", strstr(a.db, "://") ? "var/pingxuan" : a.db);
		a.files_dir = files_buf;
	}
	app.files_dir = a.files_dir;
	app.clock_settable = a.rehearsal;
	app.public_url = a.public_url;
	app.cfg.session_idle_us = (int64_t)a.idle * 1000000;
	app.cfg.session_absolute_us = (int64_t)a.max * 1000000;
	app.cfg.work_file_max = (uint64_t)a.work_mb << 20;
	if (a.sms && sms_open(a.sms, &app.sms, &err)) {
		cli_close_app(&app);
		return cli_fail("serve", &err);
	}
	rc = serve_run(&app, &a.o, &err);
	sms_close(app.sms);
	app.sms = NULL;
	cli_close_app(&app);
	return rc ? cli_fail("serve", &err) : CLI_OK;
}
