/*
 * open.c - opening the database for a subcommand (see cli_open_app).
 */
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app/app.h"
#include "core/calendar.h"

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

static int load_calendar(struct app *app, struct px_err *err)
{
	char path[4096];
	struct calendar *cal = NULL;
	char *text = NULL;
	size_t len;
	int rc;
	snprintf(path, sizeof(path), "%s/cn_workdays.csv", app->data_dir);
	if (!(rc = file_read(path, 4 << 20, &text, &len, err)))
		rc = calendar_load(&cal, text, len, err);
	free(text);
	app->cal = cal;
	return rc;
}

void cli_close_app(struct app *app)
{
	store_close(app->st);
	calendar_free((struct calendar *)app->cal);
	app->st = NULL;
	app->cal = NULL;
}

int cli_open_app(const char *db, const char *data_dir, int pool, int migrate, struct app *app,
		 struct px_err *err)
{
	int rc;
	memset(app, 0, sizeof(*app));
	app->data_dir = data_dir ? data_dir : cli_data_dir();
	if ((rc = load_calendar(app, err)))
		return rc;
	app->cfg.session_idle_us = (int64_t)APP_SESSION_IDLE_DEFAULT_S * 1000000;
	app->cfg.session_absolute_us = (int64_t)APP_SESSION_ABSOLUTE_DEFAULT_S * 1000000;
	if ((rc = ensure_parent_dir(db, err)) || (rc = store_open(db, pool, &app->st, err))) {
		cli_close_app(app);
		return rc;
	}
	rc = migrate ? store_migrate(app->st, NULL, NULL, err) : store_check_schema(app->st, err);
	if (rc)
		cli_close_app(app);
	return rc;
}
