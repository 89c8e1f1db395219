/*
 * work.c - an entry's works: videos (MP4, QuickTime, WebM) and images (JPEG,
 * PNG) recognised by their first bytes, never by the name or the type the
 * client sent, kept once by SHA-256 in the file store (app/files.h); and
 * who may stream them (contest.h).
 */
#include "app/contest/internal.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app/audit.h"
#include "app/files.h"
#include "app/programme/apply.h"
#include "app/programme/application.h"
#include "app/scope.h"
#include "app/tx.h"

static struct store_sql Q_COUNT = STORE_SQL("SELECT count(*) FROM contest_work WHERE application_id = $1");
static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO contest_work (application_id, programme_id, kind, mime, sha256, name, size, created_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id");
static struct store_sql Q_FILE = STORE_SQL(
	"SELECT w.application_id, w.sha256, w.mime, a.state FROM contest_work w "
	"JOIN application a ON a.id = w.application_id WHERE w.id = $1");

/* ---- recognising a file ---- */

struct sniffed {
	const char *mime; /* NULL: not a work file */
	const char *kind; /* "video" or "image" */
};

static struct sniffed sniff_bytes(const unsigned char *b, size_t n)
{
	static const char *const mp4_brands[] = { "isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1",
						  "M4V ", "M4VP", "dash", "MSNV", "3gp4", "3gp5", "mmp4", NULL };
	if (n >= 3 && b[0] == 0xff && b[1] == 0xd8 && b[2] == 0xff)
		return (struct sniffed){ "image/jpeg", "image" };
	if (n >= 8 && !memcmp(b, "\x89PNG\r\n\x1a\n", 8))
		return (struct sniffed){ "image/png", "image" };
	if (n >= 12 && !memcmp(b + 4, "ftyp", 4)) {
		if (!memcmp(b + 8, "qt  ", 4))
			return (struct sniffed){ "video/quicktime", "video" };
		for (size_t i = 0; mp4_brands[i]; i++)
			if (!memcmp(b + 8, mp4_brands[i], 4))
				return (struct sniffed){ "video/mp4", "video" };
		return (struct sniffed){ NULL, NULL }; /* HEIF, AVIF ...: not a video we take */
	}
	if (n >= 8 && (!memcmp(b + 4, "moov", 4) || !memcmp(b + 4, "mdat", 4) || !memcmp(b + 4, "wide", 4)))
		return (struct sniffed){ "video/quicktime", "video" };
	if (n >= 4 && !memcmp(b, "\x1a\x45\xdf\xa3", 4) && memmem(b, n, "webm", 4))
		return (struct sniffed){ "video/webm", "video" };
	return (struct sniffed){ NULL, NULL };
}

static struct sniffed sniff_file(const char *path)
{
	unsigned char b[64] = { 0 };
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	if (fd < 0)
		return (struct sniffed){ NULL, NULL };
	n = read(fd, b, sizeof(b));
	close(fd);
	return sniff_bytes(b, n > 0 ? (size_t)n : 0);
}

static bool work_takes(enum contest_work w, const char *kind)
{
	switch (w) {
	case CONTEST_WORK_VIDEO:
		return !strcmp(kind, "video");
	case CONTEST_WORK_IMAGE:
		return !strcmp(kind, "image");
	case CONTEST_WORK_TEXT:
		return false;
	default:
		return true;
	}
}

/* ---- adding works ---- */

struct work_arg {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	const struct document_file *files;
	const struct sniffed *kinds;
	size_t n;
	uint64_t file_max;
	json_t *out;
};

static int check_room(struct store_conn *c, const struct contest_ctx *x, const struct application *e, size_t adding,
		      struct px_err *err)
{
	int64_t have = 0;
	int rc = store_get(c, &Q_COUNT, err, "i:i", e->id, &have);
	if (rc < 0)
		return rc;
	if (contest_work_of(x->section, e->form) == CONTEST_WORK_TEXT)
		return px_err_set(err, PX_EINVAL, "wrong_work_kind", "file", "a %s entry is text: it takes no files",
				  e->form);
	if (have + (int64_t)adding > x->rules.files_max)
		return px_err_set(err, PX_EINVAL, "too_many_works", "file", "an entry has at most %d files",
				  x->rules.files_max);
	return 0;
}

/* The entry open for the actor to edit, with room for `adding` works of a form that takes files. */
static int open_entry(struct store_conn *c, struct work_arg *a, size_t adding, struct px_err *err)
{
	struct application e;
	struct programme p;
	struct contest_ctx x;
	int rc;
	if ((rc = apply_load(c, a->actor, a->id, &e, &p, err)))
		return rc;
	programme_release(&p);
	if (!apply_may_edit(a->actor, &e))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "only the entrant adds works to its entry");
	if ((rc = contest_load(c, e.programme_id, &x, err)))
		return rc == PX_ENOTFOUND ? px_err_set(err, PX_ENOTFOUND, NULL, "id", "no entry %lld", (long long)a->id)
					  : rc;
	a->file_max = x.rules.file_max;
	if (a->app->cfg.work_file_max && a->app->cfg.work_file_max < a->file_max)
		a->file_max = a->app->cfg.work_file_max; /* the server's ceiling (serve --work-max-mb) */
	if (!(rc = apply_require_open(&x.p, &e, err)) && !(rc = check_room(c, &x, &e, adding, err))) {
		for (size_t i = 0; i < a->n && !rc; i++)
			if (!work_takes(contest_work_of(x.section, e.form), a->kinds[i].kind))
				rc = px_err_set(err, PX_EINVAL, "wrong_work_kind", "file",
						"a %s entry takes no %s ('%s')", e.form, a->kinds[i].kind,
						a->files[i].name);
	}
	contest_release(&x);
	return rc;
}

static int may_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	return open_entry(c, arg, 1, err);
}

int contest_work_may_upload(struct app *app, const struct app_actor *actor, int64_t entry_id, uint64_t *file_max,
			    struct px_err *err)
{
	struct work_arg a = { .app = app, .actor = actor, .id = entry_id };
	int rc = app_tx(app, STORE_TX_READ, may_tx, &a, err);
	*file_max = a.file_max;
	return rc;
}

static int add_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct work_arg *a = arg;
	struct application e;
	json_t *names = json_array();
	int rc;
	if ((rc = open_entry(c, a, a->n, err)) || (rc = application_load(c, a->id, &e, err)))
		goto out;
	for (size_t i = 0; i < a->n && !rc; i++) {
		char name[DOCUMENT_NAME_MAX + 1];
		int64_t id;
		if ((uint64_t)a->files[i].size > a->file_max) {
			rc = px_err_set(err, PX_ETOOBIG, "file_too_large", "file", "a file may have at most %llu bytes",
					(unsigned long long)a->file_max);
			break;
		}
		document_sanitise_name(a->files[i].name, name);
		rc = store_get(c, &Q_INSERT, err, "iittttii:i", e.id, e.programme_id, a->kinds[i].kind, a->kinds[i].mime,
			       a->files[i].sha256, name, a->files[i].size, app_now_us(a->app), &id);
		rc = rc < 0 ? rc : 0;
		json_array_append_new(names, json_pack("{s:I, s:s, s:I}", "id", (json_int_t)id, "kind", a->kinds[i].kind,
						       "size", (json_int_t)a->files[i].size));
	}
	if (!rc)
		rc = audit_record(c, a->actor, "contest.work", "application", e.id, json_pack("{s:O}", "works", names), err);
	if (!rc) {
		a->out = json_pack("{s:[]}", "works");
		rc = contest_works_of(c, e.id, json_object_get(a->out, "works"), err);
	}
out:
	json_decref(names);
	return rc;
}

int contest_work_add(struct app *app, const struct app_actor *actor, int64_t entry_id,
		     const struct document_file *files, size_t n, json_t **out, struct px_err *err)
{
	struct sniffed kinds[CONTEST_FILES_HARD_MAX];
	struct work_arg a = { .app = app, .actor = actor, .id = entry_id, .files = files, .kinds = kinds, .n = n };
	int rc;
	*out = NULL;
	if (!n || n > CONTEST_FILES_HARD_MAX)
		return px_err_set(err, PX_EINVAL, "missing_file", "file", "send 1 to %d files", CONTEST_FILES_HARD_MAX);
	for (size_t i = 0; i < n; i++) {
		kinds[i] = sniff_file(files[i].tmp_path);
		if (!kinds[i].mime)
			return px_err_set(err, PX_EINVAL, "unsupported_file_type", "file",
					  "'%s' is no MP4, MOV or WebM video and no JPEG or PNG image", files[i].name);
	}
	for (size_t i = 0; i < n; i++)
		if ((rc = files_keep(app->files_dir, files[i].tmp_path, files[i].sha256, err)))
			return rc;
	return app_tx_json(app, STORE_TX_WRITE, add_tx, &a, &a.out, out, err);
}

/* ---- streaming a work ---- */

struct open_arg {
	const struct app_actor *actor;
	int64_t id;
	char sha[FILES_SHA_HEX + 1];
	char *mime;
};

static int open_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct open_arg *o = arg;
	struct application e;
	char state[APPLICATION_STATE_MAX] = "";
	int64_t entry = 0;
	bool allowed = false, published = false;
	int rc = store_get(c, &Q_FILE, err, "i:ibbb", o->id, &entry, o->sha, sizeof(o->sha), o->mime, (size_t)32, state,
			   sizeof(state));
	if (rc < 0)
		return rc;
	if (rc == STORE_ROW && !application_load(c, entry, &e, NULL)) {
		if (!strcmp(state, "winner") && (rc = contest_published(c, e.programme_id, &published, err)))
			return rc;
		allowed = published || application_readable(c, o->actor, &e) ||
			  (o->actor->kind == ACTOR_ACCOUNT && o->actor->role == ROLE_EXPERT &&
			   document_expert_assigned(c, o->actor->id, entry));
	}
	if (!allowed || !files_sha_ok(o->sha))
		return px_err_set(err, PX_ENOTFOUND, "not_found", "id", "no work %lld", (long long)o->id);
	return 0;
}

int contest_work_open(struct app *app, const struct app_actor *actor, int64_t work_id, char *path, size_t cap,
		      char mime[32], struct px_err *err)
{
	struct open_arg o = { actor, work_id, "", mime };
	int rc = app_tx(app, STORE_TX_READ, open_tx, &o, err);
	if (!rc)
		files_path(app->files_dir, o.sha, false, path, cap);
	return rc;
}
