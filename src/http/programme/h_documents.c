/*
 * h_documents.c - evidence PDFs:
 *   POST /api/v1/applications/{id}/documents   multipart/form-data, one or more file parts;
 *                                              ?purpose=evidence (default) or supplement
 *   GET  /api/v1/documents/{id}                the PDF, as an attachment
 * The upload is authorised (session, role, CSRF, then the application) before
 * its body is read, and streamed to disk (http/upload.h).
 */
#include "http/handlers.h"

#include <stdlib.h>

#include "app/programme/document.h"
#include "http/json_in.h"
#include "http/upload.h"

static const char *purpose_of(struct http_req *r)
{
	const char *p = http_query(r, "purpose");
	return p && *p ? p : "evidence";
}

/* Before the body: refuse early what document_add would refuse anyway. */
static void documents_admit(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (document_may_upload(http_app(r), http_actor(r), id, purpose_of(r), 1, &err))
		http_fail(r, &err);
}

const struct http_upload_spec h_documents_upload_spec = {
	.file_max = DOCUMENT_FILE_MAX,
	.files_max = DOCUMENT_FILES_PER_REQUEST,
	.magic = "%PDF-",
	.magic_key = "not_pdf",
	.admit = documents_admit,
};

void h_documents_upload(struct http_req *r)
{
	struct px_err err = { 0 };
	struct document_file files[DOCUMENT_FILES_PER_REQUEST];
	size_t n = http_upload_count(r);
	int64_t id;
	json_t *docs;

	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (http_upload_error(r))
		return (void)http_fail(r, http_upload_error(r));
	for (size_t i = 0; i < n && i < DOCUMENT_FILES_PER_REQUEST; i++) {
		const struct http_upload_file *f = http_upload_file(r, i);
		files[i] = (struct document_file){ f->path, f->name, f->sha256, (int64_t)f->size };
	}
	if (document_add(http_app(r), http_actor(r), id, purpose_of(r), files, n, &docs, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 201, json_pack("{s:o}", "documents", docs));
}

void h_documents_get(struct http_req *r)
{
	struct px_err err = { 0 };
	struct document_info *d;
	int64_t id;

	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (!(d = malloc(sizeof(*d))))
		return http_reply_errorf(r, PX_ENOMEM, NULL, NULL, "out of memory");
	if (document_open(http_app(r), http_actor(r), id, d, &err))
		http_fail(r, &err);
	else
		http_reply_file(r, d->path, d->mime, d->name);
	free(d);
}
