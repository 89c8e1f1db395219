/*
 * h_reporting.c - reporting requests (app/reporting/reporting.h):
 *   POST /api/v1/report-requests                 {code, title, due_on, opens_on?, units: [ids], form, programme?} (office)
 *   GET  /api/v1/report-requests/{id}            the request with its deadline (and, for a unit, its state)
 *   GET  /api/v1/report-requests/{id}/status     the status table (office, leadership)
 *   PUT  /api/v1/report-requests/{id}/draft      {content}                  (unit)
 *   POST /api/v1/report-requests/{id}/submission {content} or {nil: true}   (unit)
 *   POST /api/v1/report-requests/{id}/return     {unit, reason}             (office)
 *   GET  /api/v1/report-requests/{id}/versions   ?unit=N (the office; a unit its own)
 *   POST /api/v1/report-requests/{id}/reminders  {only_due?}                (office)
 *   POST /api/v1/report-requests/{id}/files      multipart photos           (unit)
 *   GET  /api/v1/report-files/{id}               a photo
 *   GET  /api/v1/reporting/mine                  the unit's todo and reminders
 *   GET  /api/v1/programmes/{id}/report-requests the programme's requests
 *   GET  /api/v1/accounts/{id}/contact           a unit's contact (联络员), mobile masked
 *   PUT  /api/v1/accounts/{id}/contact           {name, mobile}   (office, or the unit itself)
 */
#include "http/handlers.h"

#include <stdlib.h>

#include "app/reporting/reporting.h"
#include "http/json_extra.h"
#include "http/upload.h"

/* Answer a use case: its error, or *o (read after the call, which fills it). */
/* {units: [ids]} into ids (at most REPORTING_MAX_UNITS). */
static int units_or_reply(struct http_req *r, json_t *in, int64_t *ids, size_t *n)
{
	json_t *arr = json_object_get(in, "units"), *v;
	size_t i;
	if (!json_is_array(arr) || !json_array_size(arr) || json_array_size(arr) > REPORTING_MAX_UNITS) {
		http_reply_errorf(r, PX_EINVAL, "missing_field", "units", "'units' lists 1 to %d account ids",
				  REPORTING_MAX_UNITS);
		return -1;
	}
	json_array_foreach(arr, i, v) {
		if (!json_is_integer(v) || json_integer_value(v) < 1) {
			http_reply_errorf(r, PX_EINVAL, "wrong_type", "units", "item %zu is an account id", i + 1);
			return -1;
		}
		ids[i] = json_integer_value(v);
	}
	*n = json_array_size(arr);
	return 0;
}

void h_report_requests_create(struct http_req *r)
{
	struct px_err err = { 0 };
	struct reporting_new n = { 0 };
	int64_t *ids = calloc(REPORTING_MAX_UNITS, sizeof(*ids));
	json_t *in = NULL, *o = NULL;

	if (!ids)
		return http_reply_errorf(r, PX_ENOMEM, NULL, NULL, "out of memory");
	if (!(in = http_json_object(r)))
		goto out;
	if (json_str_or_reply(r, in, "code", true, 32, &n.code) || json_str_or_reply(r, in, "title", true, 200, &n.title) ||
	    json_str_or_reply(r, in, "due_on", true, 10, &n.due_on) ||
	    json_str_or_reply(r, in, "opens_on", false, 10, &n.opens_on) || json_id_or_reply(r, in, "programme", false, &n.programme_id) ||
	    units_or_reply(r, in, ids, &n.nunits))
		goto out;
	n.region = http_actor(r)->region;
	n.units = ids;
	n.form = json_object_get(in, "form");
	http_answer_ref(r, reporting_request_create(http_app(r), http_actor(r), &n, &o, &err), 201, &o, &err);
out:
	json_decref(in);
	free(ids);
}

void h_report_requests_get(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *o = NULL;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	http_answer_ref(r, reporting_request_json(http_app(r), http_actor(r), id, &o, &err), 200, &o, &err);
}

void h_report_requests_status(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *o = NULL;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	http_answer_ref(r, reporting_status_json(http_app(r), http_actor(r), id, &o, &err), 200, &o, &err);
}

void h_report_requests_draft(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *in, *o = NULL;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	http_answer_ref(r, reporting_save_draft(http_app(r), http_actor(r), id, json_object_get(in, "content"), &o, &err), 200,
	      &o, &err);
	json_decref(in);
}

void h_report_requests_submit(struct http_req *r)
{
	struct px_err err = { 0 };
	bool nil = false;
	int64_t id;
	json_t *in, *o = NULL;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_bool_or_reply(r, in, "nil", false, &nil))
		http_answer_ref(r, reporting_submit(http_app(r), http_actor(r), id, json_object_get(in, "content"), nil, &o, &err),
		      201, &o, &err);
	json_decref(in);
}

void h_report_requests_return(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *reason;
	int64_t id, unit = 0;
	json_t *in, *o = NULL;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_id_or_reply(r, in, "unit", true, &unit) && !json_str_or_reply(r, in, "reason", true, 2000, &reason))
		http_answer_ref(r, reporting_return(http_app(r), http_actor(r), id, unit, reason, &o, &err), 200, &o, &err);
	json_decref(in);
}

void h_report_requests_versions(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *q = http_query(r, "unit");
	int64_t id, unit = http_actor(r)->id;
	json_t *o = NULL;
	char *end = NULL;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (q && *q) {
		unit = strtoll(q, &end, 10);
		if (*end || unit < 1)
			return http_reply_errorf(r, PX_EINVAL, "wrong_type", "unit", "'unit' is an account id");
	}
	http_answer_ref(r, reporting_versions_json(http_app(r), http_actor(r), id, unit, &o, &err), 200, &o, &err);
}

void h_report_requests_remind(struct http_req *r)
{
	struct px_err err = { 0 };
	bool only_due = false;
	int64_t id;
	json_t *in, *o = NULL;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_bool_or_reply(r, in, "only_due", false, &only_due))
		http_answer_ref(r, reporting_remind(http_app(r), http_actor(r), id, only_due, &o, &err), 200, &o, &err);
	json_decref(in);
}

/* Before the body: only the request's units upload. */
static void files_admit(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (reporting_may_upload(http_app(r), http_actor(r), id, &err))
		http_fail(r, &err);
}

const struct http_upload_spec h_report_files_upload_spec = {
	.file_max = REPORTING_FILE_MAX,
	.files_max = REPORTING_FILES_PER_REQUEST,
	.magic = NULL,
	.magic_key = NULL,
	.admit = files_admit,
};

void h_report_files_upload(struct http_req *r)
{
	struct px_err err = { 0 };
	struct reporting_file files[REPORTING_FILES_PER_REQUEST];
	size_t n = http_upload_count(r);
	int64_t id;
	json_t *o = NULL;

	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (http_upload_error(r))
		return (void)http_fail(r, http_upload_error(r));
	for (size_t i = 0; i < n && i < REPORTING_FILES_PER_REQUEST; i++) {
		const struct http_upload_file *f = http_upload_file(r, i);
		files[i] = (struct reporting_file){ f->path, f->name, f->sha256, (int64_t)f->size };
	}
	if (reporting_files_add(http_app(r), http_actor(r), id, files, n, &o, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 201, json_pack("{s:o}", "files", o));
}

void h_report_files_get(struct http_req *r)
{
	struct px_err err = { 0 };
	struct reporting_file_info *f;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (!(f = malloc(sizeof(*f))))
		return http_reply_errorf(r, PX_ENOMEM, NULL, NULL, "out of memory");
	if (reporting_file_open(http_app(r), http_actor(r), id, f, &err))
		http_fail(r, &err);
	else
		http_reply_file(r, f->path, f->mime, f->name);
	free(f);
}

void h_reporting_mine(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *o = NULL;
	http_answer_ref(r, reporting_mine_json(http_app(r), http_actor(r), &o, &err), 200, &o, &err);
}

void h_programme_report_requests(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *o = NULL;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	http_answer_ref(r, reporting_requests_of_programme(http_app(r), http_actor(r), id, &o, &err), 200, &o, &err);
}

void h_unit_contact_get(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *o = NULL;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	http_answer_ref(r, reporting_contact_get(http_app(r), http_actor(r), id, &o, &err), 200, &o, &err);
}

void h_unit_contact_set(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *name, *mobile;
	int64_t id;
	json_t *in, *o = NULL;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "name", true, REPORTING_CONTACT_NAME_MAX, &name) &&
	    !json_str_or_reply(r, in, "mobile", true, 20, &mobile))
		http_answer_ref(r, reporting_contact_set(http_app(r), http_actor(r), id, name, mobile, &o, &err), 200,
				&o, &err);
	json_decref(in);
}
