/*
 * files.c - photos a unit attaches to its reports: kept once by SHA-256 in
 * the content-addressed file store (app/files.h), described by a
 * report_file row of the request and unit; downloaded by the request's
 * office (and its leadership) or by the unit itself.
 */
#include "app/reporting/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/audit.h"
#include "app/files.h"
#include "app/programme/document.h"
#include "app/tx.h"

static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO report_file (request_id, account_id, sha256, name, mime, size, uploaded_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id");
static struct store_sql Q_FILE = STORE_SQL(
	"SELECT request_id, account_id, sha256, name, mime FROM report_file WHERE id = $1");

/* "image/jpeg" or "image/png" by the file's first bytes, NULL for anything else. */
static const char *image_mime(const char *path)
{
	unsigned char b[8] = { 0 };
	int fd = open(path, O_RDONLY);
	ssize_t n;
	if (fd < 0)
		return NULL;
	n = read(fd, b, sizeof(b));
	close(fd);
	if (n >= 3 && b[0] == 0xff && b[1] == 0xd8 && b[2] == 0xff)
		return "image/jpeg";
	if (n == 8 && !memcmp(b, "\x89PNG\r\n\x1a\n", 8))
		return "image/png";
	return NULL;
}

static int keep_file(const char *files_dir, const struct reporting_file *f, struct px_err *err)
{
	char dir[4200], path[4300];
	if (!files_sha_ok(f->sha256))
		return px_err_set(err, PX_EINTERNAL, NULL, NULL, "malformed SHA-256");
	files_path(files_dir, f->sha256, true, dir, sizeof(dir));
	files_path(files_dir, f->sha256, false, path, sizeof(path));
	if ((mkdir(dir, 0700) && errno != EEXIST) || (link(f->tmp_path, path) && errno != EEXIST))
		return px_err_set(err, PX_EIO, "store_file_failed", NULL, "cannot keep '%s': %s", path, strerror(errno));
	return 0;
}

int reporting_photo_keep(const char *files_dir, const struct reporting_file *f, const char **mime, struct px_err *err)
{
	if (!(*mime = image_mime(f->tmp_path)))
		return px_err_set(err, PX_EINVAL, "not_image", "file", "'%s' is no JPEG or PNG photo", f->name);
	return keep_file(files_dir, f, err);
}

struct add_args {
	struct app *app;
	const struct app_actor *actor;
	int64_t request;
	const struct reporting_file *files;
	const char **mimes;
	size_t n;
	json_t *res;
};

static int may_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct add_args *a = arg;
	struct rq q;
	int rc = rq_load(c, a->actor, a->request, RQ_UNIT, &q, err);
	if (!rc)
		rq_release(&q);
	return rc;
}

int reporting_may_upload(struct app *app, const struct app_actor *actor, int64_t request_id, struct px_err *err)
{
	struct add_args a = { app, actor, request_id, NULL, NULL, 0, NULL };
	return app_tx(app, STORE_TX_READ, may_tx, &a, err);
}

static int add_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct add_args *a = arg;
	int rc = may_tx(c, a, err);
	if (rc)
		return rc;
	a->res = json_array();
	for (size_t i = 0; i < a->n; i++) {
		char name[DOCUMENT_NAME_MAX + 1];
		int64_t id;
		document_sanitise_name(a->files[i].name, name);
		if ((rc = store_get(c, &Q_INSERT, err, "iitttii:i", a->request, a->actor->id, a->files[i].sha256, name,
				    a->mimes[i], a->files[i].size, app_now_us(a->app), &id)) < 0)
			return rc;
		json_array_append_new(a->res, json_pack("{s:I, s:s, s:s, s:s, s:I}", "id", (json_int_t)id, "name", name,
							"mime", a->mimes[i], "sha256", a->files[i].sha256, "size",
							(json_int_t)a->files[i].size));
	}
	json_t *payload = json_pack("{s:I, s:i}", "unit", (json_int_t)a->actor->id, "files", (int)a->n);
	return audit_record(c, a->actor, "report.files", "report_request", a->request, payload, err);
}

int reporting_files_add(struct app *app, const struct app_actor *actor, int64_t request_id,
			const struct reporting_file *files, size_t n, json_t **out, struct px_err *err)
{
	const char *mimes[REPORTING_FILES_PER_REQUEST];
	struct add_args a = { app, actor, request_id, files, mimes, n, NULL };
	int rc;

	if (!n || n > REPORTING_FILES_PER_REQUEST)
		return px_err_set(err, PX_EINVAL, "missing_file", "file", "send 1 to %d photos",
				  REPORTING_FILES_PER_REQUEST);
	for (size_t i = 0; i < n; i++)
		if (!(mimes[i] = image_mime(files[i].tmp_path)))
			return px_err_set(err, PX_EINVAL, "not_image", "file", "'%s' is no JPEG or PNG photo",
					  files[i].name);
	if ((rc = reporting_may_upload(app, actor, request_id, err)))
		return rc;
	for (size_t i = 0; i < n; i++)
		if ((rc = keep_file(app->files_dir, &files[i], err)))
			return rc;
	return app_tx_json(app, STORE_TX_WRITE, add_tx, &a, &a.res, out, err);
}

struct open_args {
	const struct app_actor *actor;
	int64_t id;
	char sha[65];
	struct reporting_file_info *info;
};

static int open_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct open_args *o = arg;
	int64_t request = 0, unit = 0;
	struct rq q;
	int rc = store_get(c, &Q_FILE, err, "i:iibbb", o->id, &request, &unit, o->sha, sizeof(o->sha), o->info->name,
			   sizeof(o->info->name), o->info->mime, sizeof(o->info->mime));
	if (rc < 0)
		return rc;
	if (rc == STORE_DONE)
		return px_err_set(err, PX_ENOTFOUND, "not_found", "id", "no file %lld", (long long)o->id);
	if ((rc = rq_load(c, o->actor, request, RQ_SEE, &q, err)))
		return rc;
	rq_release(&q);
	if (q.unit && !q.office && unit != o->actor->id)
		return px_err_set(err, PX_ENOTFOUND, "not_found", "id", "no file %lld", (long long)o->id);
	return 0;
}

int reporting_file_open(struct app *app, const struct app_actor *actor, int64_t id, struct reporting_file_info *out,
			struct px_err *err)
{
	struct open_args o = { actor, id, "", out };
	int rc = app_tx(app, STORE_TX_READ, open_tx, &o, err);
	if (rc)
		return rc;
	files_path(app->files_dir, o.sha, false, out->path, sizeof(out->path));
	return 0;
}
