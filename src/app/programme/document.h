/*
 * document.h - evidence PDFs of applications: kept by SHA-256 under
 * <files_dir>/<sha[0:2]>/<sha> (deduplicated, outside any web root, paths
 * built from hex only), described by a `document` row.
 *
 * Who uploads: whoever may edit the application (apply.h), as `evidence`
 * while it is open to the applicant, or as `supplement` while a request for
 * supplementary material (table supplement) is unanswered. Who downloads:
 * whoever may see the application, and the experts assigned to review it.
 */
#ifndef PX_APP_DOCUMENT_H
#define PX_APP_DOCUMENT_H

#include <jansson.h>
#include <stdbool.h>

#include "app/app.h"

#define DOCUMENT_FILE_MAX (20u << 20)         /* bytes per PDF */
#define DOCUMENT_MAX_PER_APPLICATION 30
#define DOCUMENT_FILES_PER_REQUEST 10
#define DOCUMENT_NAME_MAX 200                 /* bytes of a stored file name */

struct document_file {
	const char *tmp_path; /* a complete temporary file on the same file system as files_dir */
	const char *name;     /* the client's name for it (sanitised here) */
	const char *sha256;   /* lowercase hex of its content */
	int64_t size;
};

/*
 * May the actor upload `adding` files of `purpose` ("evidence", "supplement")
 * to the application now? Checked before a byte of the upload is read, and
 * again by document_add. Errors: 404 (not visible), 403 (not the editor),
 * "invalid_purpose", "wrong_state" / "wrong_stage", "no_supplement_request",
 * "too_many_documents".
 */
int document_may_upload(struct app *app, const struct app_actor *actor, int64_t application_id,
			const char *purpose, int adding, struct px_err *err);

/*
 * Keep the files: link each into its place by SHA-256 (an identical file
 * kept earlier is reused), insert the document rows, audit
 * "document.add" (hashes and sizes; names are not audited: they may hold
 * personal names). *out receives the new documents as a JSON array.
 */
int document_add(struct app *app, const struct app_actor *actor, int64_t application_id, const char *purpose,
		 const struct document_file *files, size_t n, json_t **out, struct px_err *err);

struct document_info {
	int64_t id;
	int64_t application_id;
	char name[DOCUMENT_NAME_MAX + 1];
	char sha256[65];
	char mime[64];
	int64_t size;
	char path[4200]; /* where the content is */
};

/* A document for download, 404 unless the actor may see its application. */
int document_open(struct app *app, const struct app_actor *actor, int64_t id, struct document_info *out,
		  struct px_err *err);

/*
 * A file name safe to store and show: the last path component, valid UTF-8
 * only, no control characters or leading dots, at most DOCUMENT_NAME_MAX
 * bytes cut at a character boundary; "document.pdf" when nothing is left.
 * out has room for DOCUMENT_NAME_MAX + 1 bytes.
 */
void document_sanitise_name(const char *in, char out[DOCUMENT_NAME_MAX + 1]);

/*
 * Is the account an expert with an open assignment to review the application:
 * active (not recused, not removed), its review not yet submitted, and its
 * stage the programme's current one? Only then may the expert read the
 * application's documents.
 */
bool document_expert_assigned(struct store_conn *c, int64_t account_id, int64_t application_id);

#endif
