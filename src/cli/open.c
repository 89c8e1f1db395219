/*
 * open.c - opening the database for a subcommand (see cli_open_app).
 */
#include "cli/cli.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "app/app.h"

/* mkdir -p of the directory part of a SQLite path; URLs are left alone. */
static int ensure_parent_dir(const char *db, struct px_err *err)
{
	char dir[4096];
	if (strstr(db, "://"))
		return 0;
	const char *slash = strrchr(db, '/');
	if (!slash || slash == db)
		return 0;
	if ((size_t)(slash - db) >= sizeof(dir))
		return px_err_set(err, PX_EINVAL, "bad_db_path", "db", "database path too long");
	memcpy(dir, db, (size_t)(slash - db));
	dir[slash - db] = '\0';
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0750) && errno != EEXIST)
			goto fail;
		*p = '/';
	}
	if (mkdir(dir, 0750) && errno != EEXIST)
		goto fail;
	return 0;
fail:
	return px_err_set(err, PX_EIO, "bad_db_path", "db", "cannot create directory '%s': %s", dir,
			  strerror(errno));
}

int cli_open_app(const char *db, int pool, int migrate, struct app *app, struct px_err *err)
{
	int rc;
	memset(app, 0, sizeof(*app));
	app->cfg.session_idle_us = (int64_t)APP_SESSION_IDLE_DEFAULT_S * 1000000;
	app->cfg.session_absolute_us = (int64_t)APP_SESSION_ABSOLUTE_DEFAULT_S * 1000000;
	if ((rc = ensure_parent_dir(db, err)) || (rc = store_open(db, pool, &app->st, err)))
		return rc;
	rc = migrate ? store_migrate(app->st, NULL, NULL, err) : store_check_schema(app->st, err);
	if (rc) {
		store_close(app->st);
		app->st = NULL;
	}
	return rc;
}
