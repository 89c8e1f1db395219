/*
 * document.c - evidence PDFs: upload checks, content-addressed storage and
 * the document rows, downloads for those who may see them (see document.h).
 */
#include "app/programme/document.h"
#include "app/files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/programme/apply.h"
#include "app/audit.h"
#include "app/tx.h"

static struct store_sql Q_COUNT = STORE_SQL("SELECT count(*) FROM document WHERE application_id = $1");
static struct store_sql Q_SUPPLEMENT_OPEN = STORE_SQL(
	"SELECT 1 FROM supplement WHERE application_id = $1 AND answered_at IS NULL");
static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO document (application_id, objection_id, purpose, sha256, name, size, mime, uploaded_by, "
	"uploaded_at) VALUES ($1, NULL, $2, $3, $4, $5, 'application/pdf', $6, $7) RETURNING id");
static struct store_sql Q_ONE = STORE_SQL(
	"SELECT id, coalesce(application_id, 0), sha256, name, size, mime FROM document WHERE id = $1");
/* an open assignment: active, its review not yet submitted, its stage the programme's current one */
static struct store_sql Q_EXPERT = STORE_SQL(
	"SELECT 1 FROM assignment a JOIN expert e ON e.id = a.expert_id JOIN draw d ON d.id = a.draw_id "
	"JOIN programme g ON g.id = d.programme_id JOIN stage s ON s.programme_id = g.id AND s.seq = g.stage_seq "
	"WHERE a.application_id = $1 AND e.account_id = $2 AND a.state = 'active' AND s.code = a.stage_code "
	"AND NOT EXISTS (SELECT 1 FROM review r WHERE r.assignment_id = a.id)");

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 when invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	size_t len;
	unsigned char lo = 0x80, hi = 0xbf;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;
	if (n < len)
		return 0;
	if (s[0] == 0xe0)
		lo = 0xa0; /* overlong */
	else if (s[0] == 0xed)
		hi = 0x9f; /* surrogates */
	else if (s[0] == 0xf0)
		lo = 0x90; /* overlong */
	else if (s[0] == 0xf4)
		hi = 0x8f; /* beyond U+10FFFF */
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

void document_sanitise_name(const char *in, char out[DOCUMENT_NAME_MAX + 1])
{
	const char *base = in ? in : "";
	size_t o = 0;

	for (const char *p = base; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	while (*base == '.' || *base == ' ')
		base++;
	for (const unsigned char *s = (const unsigned char *)base; *s;) {
		size_t len = utf8_seq(s, strlen((const char *)s));
		if (len == 0 || (len == 1 && (*s < 0x20 || *s == 0x7f))) {
			s++; /* drop invalid and control bytes */
			continue;
		}
		if (o + len > DOCUMENT_NAME_MAX)
			break;
		memcpy(out + o, s, len);
		o += len;
		s += len;
	}
	out[o] = '\0';
	if (!o)
		snprintf(out, DOCUMENT_NAME_MAX + 1, "document.pdf");
}

bool document_expert_assigned(struct store_conn *c, int64_t account_id, int64_t application_id)
{
	struct store_stmt *s;
	if (store_prepare(c, &Q_EXPERT, &s, NULL))
		return false;
	store_bind_int(s, 1, application_id);
	store_bind_int(s, 2, account_id);
	int rc = store_step(s, NULL);
	store_reset(s);
	return rc == STORE_ROW;
}

static int count_of(struct store_conn *c, struct store_sql *q, int64_t id, int64_t *n, struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, q, &s, err);
	*n = 0;
	if (rc)
		return rc;
	store_bind_int(s, 1, id);
	rc = store_step(s, err);
	if (rc == STORE_ROW)
		*n = store_col_int(s, 0);
	store_reset(s);
	return rc < 0 ? rc : 0;
}

/* The checks of document_may_upload inside the caller's transaction. */
static int may_upload_in(struct store_conn *c, const struct app_actor *actor, int64_t id, const char *purpose,
			 int adding, struct px_err *err)
{
	struct application a;
	struct programme p = { 0 };
	int64_t n;
	int rc;

	if (!purpose || (strcmp(purpose, "evidence") && strcmp(purpose, "supplement")))
		return px_err_set(err, PX_EINVAL, "invalid_purpose", "purpose",
				  "documents are 'evidence' or 'supplement', not '%s'", purpose ? purpose : "");
	if ((rc = apply_load(c, actor, id, &a, &p, err)))
		goto out;
	if (!apply_may_edit(actor, &a)) {
		rc = px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "only the applicant uploads its documents");
		goto out;
	}
	if (!strcmp(purpose, "evidence"))
		rc = apply_require_open(&p, &a, err);
	else if (!(rc = count_of(c, &Q_SUPPLEMENT_OPEN, id, &n, err)) && !n)
		rc = px_err_set(err, PX_ECONFLICT, "no_supplement_request", "purpose",
				"no request for supplementary material is open for application %lld", (long long)id);
	if (rc || (rc = count_of(c, &Q_COUNT, id, &n, err)))
		goto out;
	if (n + adding > DOCUMENT_MAX_PER_APPLICATION)
		rc = px_err_set(err, PX_ECONFLICT, "too_many_documents", "file",
				"an application holds at most %d documents; it has %lld", DOCUMENT_MAX_PER_APPLICATION,
				(long long)n);
out:
	programme_release(&p);
	return rc;
}

struct upload_args {
	const struct app_actor *actor;
	int64_t application_id;
	const char *purpose;
	const struct document_file *files;
	size_t n;
	json_t *docs, *audit_docs;
};

static int may_upload_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct upload_args *u = arg;
	return may_upload_in(c, u->actor, u->application_id, u->purpose, (int)u->n, err);
}

int document_may_upload(struct app *app, const struct app_actor *actor, int64_t application_id,
			const char *purpose, int adding, struct px_err *err)
{
	struct upload_args u = { actor, application_id, purpose, NULL, (size_t)adding, NULL, NULL };
	return app_tx(app, STORE_TX_READ, may_upload_tx, &u, err);
}

/* Give the temporary file its permanent name (a hard link; the same content may be there already). */
static int keep_file(const char *files_dir, const struct document_file *f, struct px_err *err)
{
	char dir[4200], path[4300];
	int fd;

	if (!files_sha_ok(f->sha256))
		return px_err_set(err, PX_EINTERNAL, NULL, NULL, "malformed SHA-256");
	files_path(files_dir, f->sha256, true, dir, sizeof(dir));
	files_path(files_dir, f->sha256, false, path, sizeof(path));
	if ((mkdir(dir, 0700) && errno != EEXIST) || (link(f->tmp_path, path) && errno != EEXIST))
		return px_err_set(err, PX_EIO, "store_file_failed", NULL, "cannot keep '%s': %s", path, strerror(errno));
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) >= 0) { /* make the new name durable */
		fsync(fd);
		close(fd);
	}
	return 0;
}

/* Record one kept file as a document of the application. */
static int insert_document(struct store_conn *c, struct upload_args *u, const struct document_file *f,
			   const char *who, struct px_err *err)
{
	char name[DOCUMENT_NAME_MAX + 1];
	int64_t id = 0;
	document_sanitise_name(f->name, name);
	int rc = store_get(c, &Q_INSERT, err, "itttiti:i", u->application_id, u->purpose, f->sha256, name,
			   (int64_t)f->size, who, store_now_us(), &id);
	if (rc < 0)
		return rc;
	json_array_append_new(u->docs, json_pack("{s:I, s:s, s:s, s:s, s:I}", "id", (json_int_t)id, "purpose",
						 u->purpose, "sha256", f->sha256, "name", name, "size",
						 (json_int_t)f->size));
	json_array_append_new(u->audit_docs, json_pack("{s:I, s:s, s:I}", "id", (json_int_t)id, "sha256", f->sha256,
						       "size", (json_int_t)f->size));
	return 0;
}

static int add_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct upload_args *u = arg;
	char who[32];
	int rc;

	app_actor_label(u->actor, who);
	json_array_clear(u->docs); /* an earlier attempt's */
	json_array_clear(u->audit_docs);
	if ((rc = may_upload_in(c, u->actor, u->application_id, u->purpose, (int)u->n, err)))
		return rc;
	for (size_t i = 0; i < u->n; i++)
		if ((rc = insert_document(c, u, &u->files[i], who, err)))
			return rc;
	json_t *payload = json_pack("{s:s, s:O}", "purpose", u->purpose, "documents", u->audit_docs);
	return audit_record(c, u->actor, "document.add", "application", u->application_id, payload, err);
}

int document_add(struct app *app, const struct app_actor *actor, int64_t application_id, const char *purpose,
		 const struct document_file *files, size_t n, json_t **out, struct px_err *err)
{
	struct upload_args u = { actor, application_id, purpose, files, n, json_array(), json_array() };
	int rc = 0;

	if (n == 0)
		rc = px_err_set(err, PX_EINVAL, "no_file", "file", "send at least one PDF as a file part");
	/*
	 * The files are kept before the transaction, never inside it: they are
	 * named by their SHA-256, so keeping one twice is harmless, and a file
	 * whose record does not commit is content no document points at.
	 */
	for (size_t i = 0; i < n && !rc; i++)
		rc = keep_file(app->files_dir, &files[i], err);
	if (!rc && !(rc = app_tx(app, STORE_TX_WRITE, add_tx, &u, err)))
		*out = json_incref(u.docs);
	json_decref(u.docs);
	json_decref(u.audit_docs);
	return rc;
}

struct open_args {
	const struct app_actor *actor;
	int64_t id;
	struct document_info *d;
};

static int open_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct open_args *o = arg;
	struct document_info *d = o->d;
	struct application a;
	bool allowed = false;
	int rc = store_get(c, &Q_ONE, err, "i:iibbib", o->id, &d->id, &d->application_id, d->sha256,
			   sizeof(d->sha256), d->name, sizeof(d->name), &d->size, d->mime, sizeof(d->mime));
	if (rc < 0)
		return rc;
	if (rc == STORE_ROW && d->application_id && !application_load(c, d->application_id, &a, NULL))
		allowed = application_readable(c, o->actor, &a) ||
			  (o->actor->kind == ACTOR_ACCOUNT && o->actor->role == ROLE_EXPERT &&
			   document_expert_assigned(c, o->actor->id, d->application_id));
	if (!allowed || !files_sha_ok(d->sha256))
		return px_err_set(err, PX_ENOTFOUND, NULL, "id", "no document %lld", (long long)o->id);
	return 0;
}

int document_open(struct app *app, const struct app_actor *actor, int64_t id, struct document_info *d,
		  struct px_err *err)
{
	struct open_args o = { actor, id, d };
	int rc;
	memset(d, 0, sizeof(*d));
	if (!(rc = app_tx(app, STORE_TX_READ, open_tx, &o, err)))
		files_path(app->files_dir, d->sha256, false, d->path, sizeof(d->path));
	return rc;
}
