/*
 * housekeeping.c - the periodic clean-up (see housekeeping.h).
 */
#include "app/housekeeping.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app/programme/register.h"
#include "app/tx.h"

/* The expiry rule of session_resolve(), applied to every row at once. */
static struct store_sql Q_EXPIRED = STORE_SQL(
	"DELETE FROM session WHERE last_seen < $1 OR created_at < $2");

struct expire_tx {
	int64_t seen_before, created_before;
};

static int expire_in_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct expire_tx *t = arg;
	return store_run(c, &Q_EXPIRED, err, "ii", t->seen_before, t->created_before);
}

/* Upload temp files are named up-XXXXXX by mkstemp() (src/http/upload.c). */
static long long remove_stale_tmp(const char *files_dir)
{
	char dir[4100], path[4400];
	struct dirent *e;
	struct stat st;
	long long n = 0;
	time_t limit = time(NULL) - HOUSEKEEPING_TMP_AGE_S;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/tmp", files_dir);
	if (!(d = opendir(dir)))
		return 0; /* no upload yet: nothing to clean */
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, "up-", 3))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (lstat(path, &st) || !S_ISREG(st.st_mode) || st.st_mtime >= limit)
			continue;
		if (!unlink(path))
			n++;
	}
	closedir(d);
	return n;
}

int housekeeping_run(struct app *app, struct housekeeping_result *out, struct px_err *err)
{
	int64_t now = store_now_us();
	struct expire_tx t = { now - app->cfg.session_idle_us, now - app->cfg.session_absolute_us };
	memset(out, 0, sizeof(*out));
	if (app->files_dir)
		out->tmp_files = remove_stale_tmp(app->files_dir);
	int rc = app_tx(app, STORE_TX_WRITE, expire_in_tx, &t, err);
	return rc ? rc : register_expire_due(app, &out->certificates_expired, err);
}
