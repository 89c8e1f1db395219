/*
 * cmd_demo.c - `pingxuan demo`: a fresh demo database with one account per
 * role, served at once. The demo accounts share one published password:
 * this is for looking around, never for real data (init has no default
 * password).
 */
#include "cli/cli.h"

#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app/account.h"
#include "cli/serve.h"

#define DEMO_PASSWORD "pingxuan-demo"

static const char usage[] =
	"usage: pingxuan demo [--db PATH] [--listen [HOST:]PORT] [--data-dir DIR] [--no-serve]\n"
	"\n"
	"Create a fresh demo database (default var/demo.db, replaced if present)\n"
	"with one account per role in Qingyuan (清远市), print the logins, and serve it.\n";

static const struct account_new demo_accounts[] = {
	{ "office", "清远市质量强市办 魏工", DEMO_PASSWORD, "office", "清远市质量强市工作领导小组办公室", "441800" },
	{ "leader", "领导小组成员 周工", DEMO_PASSWORD, "leader", "清远市质量强市工作领导小组", "441800" },
	{ "qingcheng", "清城区市场监管局 黄工", DEMO_PASSWORD, "county", "清城区市场监管局", "441802" },
	{ "yingde", "英德市市场监管局 郭工", DEMO_PASSWORD, "county", "英德市市场监管局", "441881" },
	{ "member", "市应急管理局 联络员", DEMO_PASSWORD, "member", "清远市应急管理局", "441800" },
	{ "expert", "评审员 陈教授", DEMO_PASSWORD, "expert", "广东技术师范大学", "441800" },
	{ "applicant", "清远某制造有限公司", DEMO_PASSWORD, "applicant", "清远某制造有限公司", "441802" },
};

static void banner(const char *url, void *ctx)
{
	(void)ctx;
	printf("\npingxuan demo is running at %s\n", url);
	printf("  health:  %s/api/v1/health\n", url);
	printf("  sign in: POST %s/api/v1/session {\"login\":\"office\",\"password\":\"%s\"}\n\n", url,
	       DEMO_PASSWORD);
	printf("demo logins (password %s for all):\n", DEMO_PASSWORD);
	for (size_t i = 0; i < sizeof(demo_accounts) / sizeof(demo_accounts[0]); i++)
		printf("  %-10s %-9s %s (%s)\n", demo_accounts[i].login, demo_accounts[i].role,
		       demo_accounts[i].display_name, demo_accounts[i].region);
	printf("\nstop with Ctrl-C\n");
}

int cmd_demo(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "listen", required_argument, NULL, 'l' },
		{ "data-dir", required_argument, NULL, 'D' },
		{ "no-serve", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *db = "var/demo.db", *data_dir = cli_data_dir();
	bool serve = true;
	struct serve_opts o;
	struct px_err err = { 0 };
	struct app app;
	int c, rc, regions;
	char path[4200];

	serve_opts_default(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'l':
			if (serve_parse_listen(&o, optarg, &err))
				return cli_usage_error("demo", "%s", err.msg);
			break;
		case 'D': data_dir = optarg; break;
		case 'n': serve = false; break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage_error("demo", "unknown option");
		}
	}
	if (strstr(db, "://")) {
		store_url_redacted(db, path, sizeof(path));
		return cli_usage_error("demo", "the demo runs on a SQLite file, not '%s'", path);
	}
	if (sodium_init() < 0)
		return CLI_FAIL;
	/* a fresh start every time */
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s%s", db, suffixes[i]);
		unlink(path);
	}
	if ((rc = cli_open_app(db, data_dir, o.threads + 2, 1, &app, &err)))
		return cli_fail("demo", &err);
	if ((rc = cli_import_regions(&app, data_dir, &regions, &err)))
		goto out;
	for (size_t i = 0; i < sizeof(demo_accounts) / sizeof(demo_accounts[0]); i++) {
		int64_t id;
		if ((rc = account_create(&app, &app_actor_cli, &demo_accounts[i], &id, &err)))
			goto out;
	}
	printf("demo database %s: %d regions, %zu accounts\n", db, regions,
	       sizeof(demo_accounts) / sizeof(demo_accounts[0]));
	if (serve) {
		o.on_ready = banner;
		rc = serve_run(&app, &o, &err);
	} else {
		banner("http://127.0.0.1:8080", NULL);
	}
out:
	cli_close_app(&app);
	return rc ? cli_fail("demo", &err) : CLI_OK;
}
