/*
 * cmd_demo.c - `pingxuan demo`: a fresh demo database, one account per role
 * (the eight county bureaus of Qingyuan, thirty experts ...), and the
 * Qingyuan 2025 government quality award played through the API up to the
 * stage asked for, then served. The demo runs in rehearsal mode (the office
 * may set the date) and its accounts share one published password: it is
 * for looking around, never for real data (init has no default password).
 */
#include "cli/cli.h"

#include <getopt.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/people/account.h"
#include "app/sms/sms.h"
#include "cli/demo_families.h"
#include "cli/demo_script.h"
#include "cli/serve.h"
#include "util/file.h"

static const char usage[] =
	"usage: pingxuan demo [--until STAGE] [--db PATH] [--listen [HOST:]PORT] [--data-dir DIR] [--no-serve]\n"
	"\n"
	"Create a fresh demo database (default var/demo.db, replaced if present),\n"
	"run the 2025 Qingyuan government quality award (清远市政府质量奖) with about\n"
	"forty applicants and thirty experts through the API up to STAGE, print what\n"
	"to look at, and serve it (rehearsal mode: the office may set the date).\n"
	"\n"
	"STAGE: application, county, qualification, material, shortlist, onsite,\n"
	"       deliberation, proposed, approval, publication (default)\n";

static const struct account_new staff[] = {
	{ "office", "清远市质量强市办 魏工", DEMO_PASSWORD, "office", "清远市质量强市工作领导小组办公室", "441800" },
	{ "leader", "领导小组成员 周工", DEMO_PASSWORD, "leader", "清远市质量强市工作领导小组", "441800" },
	{ "qingcheng", "清城区市场监管局 黄工", DEMO_PASSWORD, "county", "清城区市场监管局", "441802" },
	{ "qingxin", "清新区市场监管局 刘工", DEMO_PASSWORD, "county", "清新区市场监管局", "441803" },
	{ "yingde", "英德市市场监管局 郭工", DEMO_PASSWORD, "county", "英德市市场监管局", "441881" },
	{ "lianzhou", "连州市市场监管局 甘工", DEMO_PASSWORD, "county", "连州市市场监管局", "441882" },
	{ "fogang", "佛冈县市场监管局 刘工", DEMO_PASSWORD, "county", "佛冈县市场监管局", "441821" },
	{ "yangshan", "阳山县市场监管局 姚工", DEMO_PASSWORD, "county", "阳山县市场监管局", "441823" },
	{ "lianshan", "连山县市场监管局 李工", DEMO_PASSWORD, "county", "连山壮族瑶族自治县市场监管局", "441825" },
	{ "liannan", "连南县市场监管局 唐工", DEMO_PASSWORD, "county", "连南瑶族自治县市场监管局", "441826" },
	{ "member", "市应急管理局 联络员", DEMO_PASSWORD, "member", "清远市应急管理局", "441800" },
	{ "applicant", "清远市清城电子科技有限公司", DEMO_PASSWORD, "applicant", "清远市清城电子科技有限公司", "441802" },
};

#define DEMO_EXPERTS 30

struct demo_run {
	struct app *app;
	const char *data_dir, *seed_dir;
	int until;
	bool serve;
};

static int seed_people(struct app *app, const char *data_dir, struct px_err *err);

/* The UI's address first, then the demo's people and programmes, then where to look and who to be. */
static int run_and_show(const char *url, void *ctx, struct px_err *err)
{
	struct demo_run *r = ctx;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	printf("web UI (open in a browser, sign in with a demo login below): %s/\n", url);
	fflush(stdout);
	int rc = seed_people(r->app, r->seed_dir, err);
	if (rc)
		return rc;
	printf("running the Qingyuan 2025 award up to stage '%s' ...\n", demo_stages[r->until]);
	fflush(stdout);
	rc = demo_script_run(url, r->data_dir, r->until, stdout, err);
	for (const struct demo_family *f = demo_families; !rc && f->title; f++) {
		printf("running %s ...\n", f->title);
		fflush(stdout);
		rc = f->run(url, r->data_dir, stdout, err);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (rc)
		return rc;
	printf("done in %.1f s\n\n", (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	printf("web UI: %s/  (open it in a browser; each login below lands on its 我的待办)\n", url);
	printf("  the programme:   %s/api/v1/programmes/1\n", url);
	printf("  public notices:  %s/api/v1/programmes/1/notices\n", url);
	printf("  reviewer draws:  %s/api/v1/programmes/1/draws\n", url);
	printf("  winners:         %s/api/v1/programmes/1/winners\n", url);
	printf("  audit head:      %s/api/v1/audit/head\n", url);
	if (demo_sms_log())
		printf("  vote codes:      %s (the demo's SMS gateway writes every code there)\n", demo_sms_log());
	printf("  sign in:         POST %s/api/v1/session {\"login\":\"office\",\"password\":\"%s\"}\n\n", url,
	       DEMO_PASSWORD);
	printf("demo logins (password %s for all):\n", DEMO_PASSWORD);
	for (size_t i = 0; i < sizeof(staff) / sizeof(staff[0]); i++)
		printf("  %-10s %-9s %s (%s)\n", staff[i].login, staff[i].role, staff[i].display_name, staff[i].region);
	printf("  e001 … e%03d expert    the expert pool\n", DEMO_EXPERTS);
	printf("\nlists: pingxuan export --db var/demo.db --programme 1 --what applicants,recommendations,scores,winners"
	       " --format xlsx --out lists.xlsx\n");
	if (r->serve)
		printf("stop with Ctrl-C\n");
	fflush(stdout);
	return 0;
}

/* The demo's people: the staff accounts and DEMO_EXPERTS experts e001 …, then each family's own seed. */
static int seed_people(struct app *app, const char *data_dir, struct px_err *err)
{
	int rc;
	printf("creating demo accounts ...\n");
	fflush(stdout);
	for (size_t i = 0; i < sizeof(staff) / sizeof(staff[0]); i++) {
		int64_t id;
		if ((rc = account_create(app, &app_actor_cli, &staff[i], &id, err)))
			return rc;
	}
	for (int i = 1; i <= DEMO_EXPERTS; i++) {
		char login[16];
		int64_t id;
		snprintf(login, sizeof(login), "e%03d", i);
		struct account_new e = { login, login, DEMO_PASSWORD, "expert", "清远市质量奖评审专家库", "441800" };
		if ((rc = account_create(app, &app_actor_cli, &e, &id, err)))
			return rc;
	}
	for (const struct demo_family *f = demo_families; f->title; f++)
		if (f->seed && (rc = f->seed(app, data_dir, err)))
			return rc;
	return 0;
}

/* A fresh start every time: the demo database, its journal files and its SMS gateway's files go. */
static void remove_database(const char *db)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", ".sms.json", ".sms.log" };
	char path[4200];
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", db, suffixes[i]);
		unlink(path);
	}
}

/*
 * The demo's SMS gateway: the `file` driver of data/demo/sms.json, writing to <db>.sms.log, so the
 * one-time codes of the Guangzhou vote (and of anyone voting on the demo server) are read there.
 */
static int demo_sms(struct app *app, const char *db, struct px_err *err)
{
	char path[4200], log[4200], *text = NULL, *out = NULL;
	size_t len;
	json_t *cfg = NULL;
	int rc;

	snprintf(path, sizeof(path), "%s/demo/sms.json", app->data_dir);
	if ((rc = file_read(path, 64 * 1024, &text, &len, err)))
		return rc;
	if (!(cfg = json_loadb(text, len, 0, NULL)) || !json_is_object(cfg)) {
		rc = px_err_set(err, PX_EINVAL, "bad_demo_data", "file", "'%s' is not a JSON object", path);
		goto out;
	}
	snprintf(log, sizeof(log), "%s.sms.log", db);
	json_object_set_new(cfg, "path", json_string(log));
	snprintf(path, sizeof(path), "%s.sms.json", db);
	if (!(out = json_dumps(cfg, JSON_INDENT(2))))
		rc = px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
	else if (!(rc = file_write_atomic(path, out, strlen(out), err)))
		rc = sms_open(path, &app->sms, err);
out:
	free(out);
	free(text);
	json_decref(cfg);
	demo_sms_log_set(rc ? NULL : log);
	return rc;
}

struct demo_args {
	const char *db, *data_dir;
	bool listen_given;
};

static int demo_parse(int argc, char **argv, struct demo_args *a, struct demo_run *run, struct serve_opts *o)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "listen", required_argument, NULL, 'l' },
		{ "data-dir", required_argument, NULL, 'D' },
		{ "until", required_argument, NULL, 'u' },
		{ "no-serve", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	struct px_err err = { 0 };
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': a->db = optarg; break;
		case 'l':
			if (serve_parse_listen(o, optarg, &err))
				return cli_usage_error("demo", "%s", err.msg);
			a->listen_given = true;
			break;
		case 'D': a->data_dir = optarg; break;
		case 'u':
			if ((run->until = demo_stage_index(optarg)) < 0)
				return cli_usage_error("demo", "unknown stage '%s'", optarg);
			break;
		case 'n': run->serve = false; break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage_error("demo", "unknown option");
		}
	}
	return -1;
}

int cmd_demo(int argc, char **argv)
{
	struct demo_args a = { "var/demo.db", cli_data_dir(), false };
	struct demo_run run = { .until = demo_stage_index("publication"), .serve = true };
	struct serve_opts o;
	struct px_err err = { 0 };
	struct app app;
	char files[4200];
	int rc, regions;

	serve_opts_default(&o);
	if ((rc = demo_parse(argc, argv, &a, &run, &o)) >= 0)
		return rc;
	if (strstr(a.db, "://"))
		return cli_usage_error("demo", "the demo runs on a SQLite file, not '%s'", a.db);
	if (sodium_init() < 0)
		return CLI_FAIL;
	remove_database(a.db);
	if ((rc = cli_open_app(a.db, a.data_dir, o.threads + 2, 1, &app, &err)))
		return cli_fail("demo", &err);
	snprintf(files, sizeof(files), "%s.files", a.db);
	app.files_dir = files;
	app.clock_settable = true;
	run.data_dir = app.data_dir;
	run.app = &app;
	run.seed_dir = a.data_dir;
	if ((rc = cli_import_regions(&app, a.data_dir, &regions, &err)) || (rc = demo_sms(&app, a.db, &err)))
		goto out;
	if (!run.serve && !a.listen_given)
		o.port = 0; /* only the script talks to it: any free port */
	o.access_log = "off";
	o.on_ready = run_and_show;
	o.ctx = &run;
	o.stop_when_ready = !run.serve;
	rc = serve_run(&app, &o, &err);
out:
	sms_close(app.sms);
	app.sms = NULL;
	cli_close_app(&app);
	return rc ? cli_fail("demo", &err) : CLI_OK;
}
