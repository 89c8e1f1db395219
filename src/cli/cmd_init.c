/*
 * cmd_init.c - `pingxuan init`: create or migrate a database, load the
 * division codes, and create the first office account - once, with a
 * password the operator gives on standard input or a random one printed
 * once. There is no default password.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/people/account.h"
#include "app/people/regions.h"

static const char usage[] =
	"usage: pingxuan init [--db PATH|URL] [--data-dir DIR] [--admin LOGIN] [--region CODE]\n"
	"                     [--unit NAME] [--password-stdin]\n"
	"\n"
	"Create the database (or bring its schema up to date), import the division\n"
	"codes of DIR/regions.csv, and create the first office account if there is\n"
	"no account yet.\n"
	"\n"
	"  --db PATH|URL      SQLite file or postgres:// URL (default " CLI_DEFAULT_DB ")\n"
	"  --data-dir DIR     shipped data (default: the source tree's data/)\n"
	"  --admin LOGIN      login of the first office account (default admin)\n"
	"  --region CODE      its region (default 000000, the whole country)\n"
	"  --unit NAME        its unit (default 质量强市工作领导小组办公室)\n"
	"  --password-stdin   read its password from standard input; otherwise a\n"
	"                     random password is printed once\n";

int cli_import_regions(struct app *app, const char *data_dir, int *count, struct px_err *err)
{
	char path[4096];
	char *csv = NULL;
	size_t len;
	int rc;
	snprintf(path, sizeof(path), "%s/regions.csv", data_dir);
	rc = file_read(path, 4 << 20, &csv, &len, err);
	if (!rc)
		rc = regions_import(app, &app_actor_cli, csv, len, count, err);
	free(csv);
	return rc;
}

int cmd_init(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "data-dir", required_argument, NULL, 'D' },
		{ "admin", required_argument, NULL, 'a' },
		{ "region", required_argument, NULL, 'r' },
		{ "unit", required_argument, NULL, 'u' },
		{ "password-stdin", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *db = CLI_DEFAULT_DB, *data_dir = cli_data_dir(), *admin = "admin",
		   *region = "000000", *unit = "质量强市工作领导小组办公室";
	bool from_stdin = false;
	char password[ACCOUNT_PASSWORD_MAX + 2];
	struct px_err err = { 0 };
	struct app app;
	int64_t accounts = 0, id;
	int c, regions = 0, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'D': data_dir = optarg; break;
		case 'a': admin = optarg; break;
		case 'r': region = optarg; break;
		case 'u': unit = optarg; break;
		case 'p': from_stdin = true; break;
		case 'h': fputs(usage, stdout); return CLI_OK;
		default: return cli_usage_error("init", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage_error("init", "unexpected argument '%s'", argv[optind]);
	if (sodium_init() < 0)
		return cli_fail("init", &(struct px_err){ PX_EINTERNAL, "sodium", "", "libsodium failed" });

	if ((rc = cli_open_app(db, data_dir, 1, 1, &app, &err)))
		return cli_fail("init", &err);
	char shown[1024];
	store_url_redacted(db, shown, sizeof(shown));
	printf("database %s: schema version %d\n", shown, store_schema_target(app.st));
	if ((rc = cli_import_regions(&app, data_dir, &regions, &err)) ||
	    (rc = account_count(&app, &accounts, &err)))
		goto out;
	printf("regions: %d division codes\n", regions);
	if (accounts > 0) {
		printf("accounts: %lld (the first office account exists already)\n", (long long)accounts);
		goto out;
	}
	if (from_stdin) {
		if ((rc = cli_read_stdin_line(password, sizeof(password), &err)))
			goto out;
	} else {
		unsigned char r[12];
		randombytes_buf(r, sizeof(r));
		sodium_bin2base64(password, sizeof(password), r, sizeof(r),
				  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	}
	struct account_new req = { admin, "质量强市办管理员", password, "office", unit, region };
	if ((rc = account_create(&app, &app_actor_cli, &req, &id, &err)))
		goto out;
	printf("created office account '%s' (region %s)\n", admin, region);
	if (!from_stdin)
		printf("its password, shown this once: %s\n", password);
out:
	sodium_memzero(password, sizeof(password));
	cli_close_app(&app);
	return rc ? cli_fail("init", &err) : CLI_OK;
}
