/*
 * h_contest.c - the contests' own routes (app/contest/contest.h):
 *   GET  /api/v1/programmes/{id}/contest              the rules: categories, prizes, works, caps (public)
 *   POST /api/v1/contest/entries/{id}/works           upload videos / images to an entry (multipart)
 *   POST /api/v1/contest/entries/{id}/submit          submit the entry
 *   GET  /api/v1/contest/entries/{id}                 an entry (entrant, office, assigned experts)
 *   GET  /api/v1/contest/works/{id}/file              stream a work (Range supported)
 *   POST /api/v1/programmes/{id}/contest/judging      judge per category (office)
 *   GET  /api/v1/programmes/{id}/contest/board        the office's board (office, leadership)
 *   POST /api/v1/programmes/{id}/contest/publication  publish the winners and the gallery (office)
 *   GET  /api/v1/programmes/{id}/contest/gallery      the public gallery of winning works
 */
#include "http/handlers.h"

#include <stdlib.h>

#include "app/contest/contest.h"
#include "http/json_in.h"
#include "http/upload.h"

void h_contest_rules(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *o = NULL;
	int64_t id;
	if (!http_param_id_or_reply(r, 0, &id))
		http_answer_ref(r, contest_rules_json(http_app(r), id, &o, &err), 200, &o, &err);
}

static void works_admit(struct http_req *r)
{
	struct px_err err = { 0 };
	uint64_t file_max = 0;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (contest_work_may_upload(http_app(r), http_actor(r), id, &file_max, &err))
		http_fail(r, &err);
	else
		http_upload_limit(r, file_max);
}

const struct http_upload_spec h_contest_works_upload_spec = {
	.file_max = CONTEST_FILE_HARD_MAX,
	.files_max = CONTEST_FILES_HARD_MAX,
	.admit = works_admit,
};

void h_contest_works_add(struct http_req *r)
{
	struct px_err err = { 0 };
	struct document_file files[CONTEST_FILES_HARD_MAX];
	size_t n = http_upload_count(r);
	json_t *o = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (http_upload_error(r))
		return (void)http_fail(r, http_upload_error(r));
	for (size_t i = 0; i < n && i < CONTEST_FILES_HARD_MAX; i++) {
		const struct http_upload_file *f = http_upload_file(r, i);
		files[i] = (struct document_file){ f->path, f->name, f->sha256, (int64_t)f->size };
	}
	http_answer_ref(r, contest_work_add(http_app(r), http_actor(r), id, files, n, &o, &err), 201, &o, &err);
}

void h_contest_entry_submit(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *o = NULL;
	int64_t id;
	if (!http_param_id_or_reply(r, 0, &id))
		http_answer_ref(r, contest_entry_submit(http_app(r), http_actor(r), id, &o, &err), 200, &o, &err);
}

void h_contest_entry_get(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *o = NULL;
	int64_t id;
	if (!http_param_id_or_reply(r, 0, &id))
		http_answer_ref(r, contest_entry_json(http_app(r), http_actor(r), id, &o, &err), 200, &o, &err);
}

void h_contest_work_file(struct http_req *r)
{
	struct px_err err = { 0 };
	char *path, mime[32];
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (!(path = malloc(4200)))
		return http_reply_errorf(r, PX_ENOMEM, NULL, NULL, "out of memory");
	if (contest_work_open(http_app(r), http_actor(r), id, path, 4200, mime, &err))
		http_fail(r, &err);
	else
		http_reply_media(r, path, mime);
	free(path);
}

void h_contest_judge(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *o = NULL;
	int64_t id;
	if (!http_param_id_or_reply(r, 0, &id))
		http_answer_ref(r, contest_judge(http_app(r), http_actor(r), id, &o, &err), 200, &o, &err);
}

void h_contest_board(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *o = NULL;
	int64_t id;
	if (!http_param_id_or_reply(r, 0, &id))
		http_answer_ref(r, contest_board(http_app(r), http_actor(r), id, &o, &err), 200, &o, &err);
}

void h_contest_publish(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *o = NULL;
	int64_t id;
	if (!http_param_id_or_reply(r, 0, &id))
		http_answer_ref(r, contest_publish(http_app(r), http_actor(r), id, &o, &err), 200, &o, &err);
}

void h_contest_gallery(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *o = NULL;
	int64_t id;
	if (!http_param_id_or_reply(r, 0, &id))
		http_answer_ref(r, contest_gallery(http_app(r), id, &o, &err), 200, &o, &err);
}
