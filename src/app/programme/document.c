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

static struct store_sql Q_COUNT = STORE_SQL("SELECT count(*) FROM document WHERE application_id = $1");
static struct store_sql Q_SUPPLEMENT_OPEN = STORE_SQL(
	"SELECT 1 FROM supplement WHERE application_id = $1 AND answered_at IS NULL");
static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO document (application_id, objection_id, purpose, sha256, name, size, mime, uploaded_by, "
	"uploaded_at) VALUES ($1, NULL, $2, $3, $4, $5, 'application/pdf', $6, $7) RETURNING id");
static struct store_sql Q_ONE = STORE_SQL(
	"SELECT id, coalesce(application_id, 0), sha256, name, size, mime FROM document WHERE id = $1");
static struct store_sql Q_EXPERT = STORE_SQL(
	"SELECT 1 FROM assignment a JOIN expert e ON e.id = a.expert_id WHERE a.application_id = $1 "
	"AND e.account_id = $2 AND a.state = 'active'");

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

int document_may_upload(struct app *app, const struct app_actor *actor, int64_t application_id,
			const char *purpose, int adding, struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	int rc = store_begin(c, STORE_TX_READ, err);
	if (!rc)
		rc = may_upload_in(c, actor, application_id, purpose, adding, err);
	store_rollback(c);
	store_release(c);
	return rc;
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

int document_add(struct app *app, const struct app_actor *actor, int64_t application_id, const char *purpose,
		 const struct document_file *files, size_t n, json_t **out, struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	struct store_stmt *s;
	json_t *docs = json_array(), *audit_docs = json_array();
	char who[32], name[DOCUMENT_NAME_MAX + 1];
	int rc;

	app_actor_label(actor, who);
	if (n == 0) {
		rc = px_err_set(err, PX_EINVAL, "no_file", "file", "send at least one PDF as a file part");
		goto out;
	}
	if ((rc = store_begin(c, STORE_TX_WRITE, err)) ||
	    (rc = may_upload_in(c, actor, application_id, purpose, (int)n, err)))
		goto out_rollback;
	for (size_t i = 0; i < n; i++) {
		int64_t id = 0;
		int64_t now = app_now_us(app);
		document_sanitise_name(files[i].name, name);
		if ((rc = keep_file(app->files_dir, &files[i], err)) || (rc = store_prepare(c, &Q_INSERT, &s, err)))
			goto out_rollback;
		store_bind_int(s, 1, application_id);
		store_bind_text(s, 2, purpose);
		store_bind_text(s, 3, files[i].sha256);
		store_bind_text(s, 4, name);
		store_bind_int(s, 5, files[i].size);
		store_bind_text(s, 6, who);
		store_bind_int(s, 7, now);
		rc = store_step(s, err);
		if (rc == STORE_ROW)
			id = store_col_int(s, 0);
		store_reset(s);
		if (rc < 0)
			goto out_rollback;
		json_array_append_new(docs, json_pack("{s:I, s:s, s:s, s:s, s:I}", "id", (json_int_t)id, "purpose",
						      purpose, "sha256", files[i].sha256, "name", name, "size",
						      (json_int_t)files[i].size));
		json_array_append_new(audit_docs, json_pack("{s:I, s:s, s:I}", "id", (json_int_t)id, "sha256",
							    files[i].sha256, "size", (json_int_t)files[i].size));
	}
	json_t *payload = json_pack("{s:s, s:O}", "purpose", purpose, "documents", audit_docs);
	rc = audit_record(c, actor, "document.add", "application", application_id, payload, err);
	if (rc || (rc = store_commit(c, err)))
		goto out_rollback;
	*out = docs;
	docs = NULL;
	goto out;
out_rollback:
	store_rollback(c);
out:
	json_decref(docs);
	json_decref(audit_docs);
	store_release(c);
	return rc;
}

int document_open(struct app *app, const struct app_actor *actor, int64_t id, struct document_info *d,
		  struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	struct store_stmt *s;
	struct application a;
	bool found = false, allowed = false;
	int rc;

	memset(d, 0, sizeof(*d));
	if ((rc = store_begin(c, STORE_TX_READ, err)) || (rc = store_prepare(c, &Q_ONE, &s, err)))
		goto out;
	store_bind_int(s, 1, id);
	if ((rc = store_step(s, err)) == STORE_ROW) {
		found = true;
		d->id = store_col_int(s, 0);
		d->application_id = store_col_int(s, 1);
		snprintf(d->sha256, sizeof(d->sha256), "%s", store_col_text(s, 2));
		snprintf(d->name, sizeof(d->name), "%s", store_col_text(s, 3));
		d->size = store_col_int(s, 4);
		snprintf(d->mime, sizeof(d->mime), "%s", store_col_text(s, 5));
	}
	store_reset(s);
	if (rc < 0)
		goto out;
	rc = 0;
	if (found && d->application_id && !application_load(c, d->application_id, &a, NULL))
		allowed = application_visible(actor, &a) ||
			  (actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_EXPERT &&
			   document_expert_assigned(c, actor->id, d->application_id));
	if (!allowed || !files_sha_ok(d->sha256)) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "id", "no document %lld", (long long)id);
		goto out;
	}
	files_path(app->files_dir, d->sha256, false, d->path, sizeof(d->path));
out:
	store_rollback(c);
	store_release(c);
	return rc;
}
