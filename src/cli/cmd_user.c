/*
 * cmd_user.c - `pingxuan user add|list|passwd`: accounts from the command
 * line, for the operator who holds the database.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app/people/account.h"

static const char usage[] =
	"usage: pingxuan user add --login L --role ROLE --unit NAME --region CODE\n"
	"                         [--name DISPLAY] [--password-stdin] [--db PATH|URL]\n"
	"       pingxuan user list [--db PATH|URL]\n"
	"       pingxuan user passwd LOGIN [--password-stdin] [--db PATH|URL]\n"
	"\n"
	"ROLE is office, leader, county, member, expert or applicant. Without\n"
	"--password-stdin a random password is generated and printed once.\n";

static int get_password(bool from_stdin, char *pw, size_t cap, struct px_err *err)
{
	if (from_stdin)
		return cli_read_stdin_line(pw, cap, err);
	unsigned char r[12];
	randombytes_buf(r, sizeof(r));
	sodium_bin2base64(pw, cap, r, sizeof(r), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return 0;
}

static int user_list(struct app *app, struct px_err *err)
{
	json_t *list = NULL, *a;
	size_t i;
	int rc = account_list(app, &app_actor_cli, &list, err);
	if (!rc) {
		printf("%-6s %-20s %-10s %-7s %s\n", "id", "login", "role", "region", "unit");
		json_array_foreach(list, i, a)
			printf("%-6lld %-20s %-10s %-7s %s\n", (long long)json_integer_value(json_object_get(a, "id")),
			       json_string_value(json_object_get(a, "login")), json_string_value(json_object_get(a, "role")),
			       json_string_value(json_object_get(a, "region")), json_string_value(json_object_get(a, "unit")));
	}
	json_decref(list);
	return rc;
}

/* add or passwd: a password read from stdin or generated (and then shown once). */
static int user_password(struct app *app, const char *sub, struct account_new *req, const char *login,
			 bool from_stdin, struct px_err *err)
{
	char pw[ACCOUNT_PASSWORD_MAX + 2];
	int rc = get_password(from_stdin, pw, sizeof(pw), err);

	if (rc)
		return rc;
	if (!strcmp(sub, "add")) {
		int64_t id;
		req->password = pw;
		if (!req->display_name)
			req->display_name = req->login;
		if (!(rc = account_create(app, &app_actor_cli, req, &id, err)))
			printf("created account %lld '%s' (%s, %s)\n", (long long)id, req->login, req->role, req->region);
	} else if (!(rc = account_passwd(app, &app_actor_cli, login, NULL, pw, err))) {
		printf("password of '%s' changed; its sessions are closed\n", login);
	}
	if (!rc && !from_stdin)
		printf("password, shown this once: %s\n", pw);
	sodium_memzero(pw, sizeof(pw));
	return rc;
}

int cmd_user(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "login", required_argument, NULL, 'l' },
		{ "role", required_argument, NULL, 'r' },
		{ "unit", required_argument, NULL, 'u' },
		{ "region", required_argument, NULL, 'g' },
		{ "name", required_argument, NULL, 'n' },
		{ "password-stdin", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *db = CLI_DEFAULT_DB, *sub;
	struct account_new req = { 0 };
	bool from_stdin = false;
	struct px_err err = { 0 };
	struct app app;
	int c, rc;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? CLI_USAGE : CLI_OK;
	}
	sub = argv[1];
	optind = 1;
	while ((c = getopt_long(argc - 1, argv + 1, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'l': req.login = optarg; break;
		case 'r': req.role = optarg; break;
		case 'u': req.unit = optarg; break;
		case 'g': req.region = optarg; break;
		case 'n': req.display_name = optarg; break;
		case 'p': from_stdin = true; break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage_error("user", "unknown option");
		}
	}
	if (strcmp(sub, "add") && strcmp(sub, "list") && strcmp(sub, "passwd"))
		return cli_usage_error("user", "unknown subcommand '%s'", sub);
	if (!strcmp(sub, "add") && (!req.login || !req.role || !req.unit || !req.region))
		return cli_usage_error("user", "add needs --login, --role, --unit and --region");
	if (!strcmp(sub, "passwd") && optind + 1 >= argc)
		return cli_usage_error("user", "passwd needs a LOGIN");
	if (sodium_init() < 0)
		return CLI_FAIL;
	if ((rc = cli_open_app(db, NULL, 1, 0, &app, &err)))
		return cli_fail("user", &err);
	if (!strcmp(sub, "list"))
		rc = user_list(&app, &err);
	else
		rc = user_password(&app, sub, &req, !strcmp(sub, "passwd") ? argv[optind + 1] : NULL, from_stdin, &err);
	cli_close_app(&app);
	return rc ? cli_fail("user", &err) : CLI_OK;
}
