/*
 * h_campaign.c - the quality-month campaign (app/campaign/campaign.h):
 *   GET  /api/v1/programmes/{id}/campaign            theme, slogans, focuses, units, deadlines (public)
 *   GET  /api/v1/programmes/{id}/campaign/logo       the campaign's logo (public)
 *   POST /api/v1/programmes/{id}/campaign/logo       upload it: one JPEG or PNG (office)
 *   POST /api/v1/programmes/{id}/campaign/requests   open the campaign's reporting requests (office)
 *   POST /api/v1/programmes/{id}/campaign/contacts   {csv}: the units' contacts (联络员) (office)
 *   POST /api/v1/programmes/{id}/activities          plan an activity (unit)
 *   GET  /api/v1/programmes/{id}/activities          planned activities (office, leadership; a unit its own)
 *   POST /api/v1/campaign-activities/{id}/approve    approve for the public calendar (office)
 *   GET  /api/v1/programmes/{id}/activity-calendar   the public activity calendar
 */
#include "http/handlers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/campaign/bulletin.h"
#include "app/campaign/campaign.h"
#include "app/campaign/media.h"
#include "http/json_extra.h"
#include "http/upload.h"
#include "report/odoc.h"

/* Answer a use case: its error, or *o (read after the call, which fills it). */
void h_campaign_get(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *o = NULL;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	http_answer_ref(r, campaign_json(http_app(r), id, &o, &err), 200, &o, &err);
}

void h_campaign_logo(struct http_req *r)
{
	struct px_err err = { 0 };
	char *path, mime[32];
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (!(path = malloc(4200)))
		return http_reply_errorf(r, PX_ENOMEM, NULL, NULL, "out of memory");
	if (campaign_logo_path(http_app(r), id, path, 4200, mime, &err))
		http_fail(r, &err);
	else
		http_reply_file(r, path, mime, strcmp(mime, "image/png") ? "logo.jpg" : "logo.png");
	free(path);
}

static void logo_admit(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (campaign_logo_may_set(http_app(r), http_actor(r), id, &err))
		http_fail(r, &err);
}

const struct http_upload_spec h_campaign_logo_upload_spec = {
	.file_max = 2u << 20,
	.files_max = 1,
	.admit = logo_admit,
};

/* POST /api/v1/programmes/{id}/campaign/logo  multipart, one JPEG or PNG (office) */
void h_campaign_logo_set(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (http_upload_error(r))
		return (void)http_fail(r, http_upload_error(r));
	if (http_upload_count(r) != 1)
		return http_reply_errorf(r, PX_EINVAL, "missing_file", "file", "send one image");
	const struct http_upload_file *f = http_upload_file(r, 0);
	struct reporting_file file = { f->path, f->name, f->sha256, (int64_t)f->size };
	if (campaign_logo_set(http_app(r), http_actor(r), id, &file, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 201, json_pack("{s:s}", "sha256", f->sha256));
}

void h_campaign_open_requests(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *o = NULL;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	http_answer_ref(r, campaign_open_requests(http_app(r), http_actor(r), id, &o, &err), 201, &o, &err);
}

void h_campaign_contacts_import(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *csv;
	int64_t id;
	json_t *in, *out = NULL, *rows = NULL;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "csv", true, CAMPAIGN_CONTACTS_CSV_MAX, &csv)) {
		int rc = campaign_contacts_import(http_app(r), http_actor(r), id, csv, strlen(csv), &out, &rows, &err);
		http_answer_rows(r, rc, 201, out, rows, &err);
	}
	json_decref(in);
}

void h_campaign_plan(struct http_req *r)
{
	struct px_err err = { 0 };
	struct campaign_plan p = { 0 };
	int64_t id;
	json_t *in, *o = NULL;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "title", true, 200, &p.title) &&
	    !json_str_or_reply(r, in, "focus", true, 64, &p.focus) &&
	    !json_str_or_reply(r, in, "starts_on", true, 10, &p.starts_on) &&
	    !json_str_or_reply(r, in, "ends_on", true, 10, &p.ends_on) &&
	    !json_str_or_reply(r, in, "place", true, 200, &p.place) &&
	    !json_str_or_reply(r, in, "organiser", true, 200, &p.organiser) &&
	    !json_str_or_reply(r, in, "co_organisers", false, 500, &p.co_organisers) &&
	    !json_str_or_reply(r, in, "description", true, 4000, &p.description) &&
	    !json_int_or_reply(r, in, "audience", false, 0, 100000000, &p.audience))
		http_answer_ref(r, campaign_activity_plan(http_app(r), http_actor(r), id, &p, &o, &err), 201, &o, &err);
	json_decref(in);
}

void h_campaign_activities(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *o = NULL;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	http_answer_ref(r, campaign_activities_json(http_app(r), http_actor(r), id, &o, &err), 200, &o, &err);
}

void h_campaign_approve(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *o = NULL;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	http_answer_ref(r, campaign_activity_approve(http_app(r), http_actor(r), id, &o, &err), 200, &o, &err);
}

void h_campaign_calendar(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *o = NULL;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	http_answer_ref(r, campaign_calendar_json(http_app(r), id, &o, &err), 200, &o, &err);
}

/* the media campaign and the materials archive (app/campaign/media.h):
 *   GET  /api/v1/programmes/{id}/media                  outlets, planned items, materials
 *   POST /api/v1/programmes/{id}/media                  {outlet, kind: interview|report, title, planned_on} (office)
 *   POST /api/v1/campaign-media/{id}/publication        {published_on, link}                        (office)
 *   POST /api/v1/programmes/{id}/materials              {kind: video|text, title, media?, link?, body?} (office)
 *   POST /api/v1/programmes/{id}/materials/photos       multipart photos, ?title=                   (office)
 *   GET  /api/v1/campaign-materials/{id}/file           an archived photo
 */
void h_campaign_media(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *o = NULL;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	http_answer_ref(r, campaign_media_json(http_app(r), http_actor(r), id, &o, &err), 200, &o, &err);
}

void h_campaign_media_plan(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *outlet, *kind, *title, *on;
	int64_t id;
	json_t *in, *o = NULL;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "outlet", true, 128, &outlet) && !json_str_or_reply(r, in, "kind", true, 16, &kind) &&
	    !json_str_or_reply(r, in, "title", true, 200, &title) && !json_str_or_reply(r, in, "planned_on", true, 10, &on))
		http_answer_ref(r, campaign_media_plan(http_app(r), http_actor(r), id, outlet, kind, title, on, &o, &err), 201, &o,
		      &err);
	json_decref(in);
}

void h_campaign_media_publish(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *on, *link;
	int64_t id;
	json_t *in, *o = NULL;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "published_on", true, 10, &on) && !json_str_or_reply(r, in, "link", true, 500, &link))
		http_answer_ref(r, campaign_media_publish(http_app(r), http_actor(r), id, on, link, &o, &err), 200, &o, &err);
	json_decref(in);
}

void h_campaign_material_add(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *kind, *title, *link = NULL, *body = NULL;
	int64_t id, media = 0;
	json_t *in, *o = NULL;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "kind", true, 16, &kind) && !json_str_or_reply(r, in, "title", true, 200, &title) &&
	    !json_id_or_reply(r, in, "media", false, &media) && !json_str_or_reply(r, in, "link", false, 500, &link) &&
	    !json_str_or_reply(r, in, "body", false, 20000, &body))
		http_answer_ref(r, campaign_material_add(http_app(r), http_actor(r), id, kind, title, media, link, body, &o, &err), 201,
		      &o, &err);
	json_decref(in);
}

static void photos_admit(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (campaign_material_may_upload(http_app(r), http_actor(r), id, &err))
		http_fail(r, &err);
}

const struct http_upload_spec h_campaign_photos_upload_spec = {
	.file_max = REPORTING_FILE_MAX,
	.files_max = CAMPAIGN_PHOTOS_PER_REQUEST,
	.admit = photos_admit,
};

void h_campaign_material_photos(struct http_req *r)
{
	struct px_err err = { 0 };
	struct reporting_file files[CAMPAIGN_PHOTOS_PER_REQUEST];
	const char *title = http_query(r, "title");
	size_t n = http_upload_count(r);
	int64_t id;
	json_t *o = NULL;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (http_upload_error(r))
		return (void)http_fail(r, http_upload_error(r));
	for (size_t i = 0; i < n && i < CAMPAIGN_PHOTOS_PER_REQUEST; i++) {
		const struct http_upload_file *f = http_upload_file(r, i);
		files[i] = (struct reporting_file){ f->path, f->name, f->sha256, (int64_t)f->size };
	}
	if (campaign_material_photos(http_app(r), http_actor(r), id, title ? title : "", files, n, &o, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 201, json_pack("{s:o}", "materials", o));
}

void h_campaign_material_file(struct http_req *r)
{
	struct px_err err = { 0 };
	char *path, mime[32];
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (!(path = malloc(4200)))
		return http_reply_errorf(r, PX_ENOMEM, NULL, NULL, "out of memory");
	if (campaign_material_open(http_app(r), http_actor(r), id, path, 4200, mime, &err))
		http_fail(r, &err);
	else
		http_reply_file(r, path, mime, strcmp(mime, "image/png") ? "photo.jpg" : "photo.png");
	free(path);
}

/* the bulletin and the materials volume (app/campaign/bulletin.h):
 *   GET  /api/v1/programmes/{id}/documents/{kind}        compiled preview, or as issued (office, leadership)
 *   PUT  /api/v1/programmes/{id}/documents/{kind}        {title?, overview?, closing?}  (office)
 *   POST /api/v1/programmes/{id}/documents/{kind}/issue  {number, issued_on}            (office)
 * kind: bulletin (情况通报) or volume (汇编成册)
 */
void h_campaign_document(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *o = NULL;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	http_answer_ref(r, campaign_document_json(http_app(r), http_actor(r), id, http_param(r, 1), &o, &err), 200, &o, &err);
}

void h_campaign_document_edit(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *title = NULL, *overview = NULL, *closing = NULL;
	int64_t id;
	json_t *in, *o = NULL;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "title", false, 200, &title) &&
	    !json_str_or_reply(r, in, "overview", false, 20000, &overview) &&
	    !json_str_or_reply(r, in, "closing", false, 20000, &closing))
		http_answer_ref(r, campaign_document_edit(http_app(r), http_actor(r), id, http_param(r, 1), title, overview, closing, &o,
						&err),
		      200, &o, &err);
	json_decref(in);
}

void h_campaign_document_issue(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *number, *on;
	int64_t id;
	json_t *in, *o = NULL;
	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "number", true, 64, &number) && !json_str_or_reply(r, in, "issued_on", true, 10, &on))
		http_answer_ref(r, campaign_document_issue(http_app(r), http_actor(r), id, http_param(r, 1), number, on, &o, &err), 201,
		      &o, &err);
	json_decref(in);
}

static int render_pdf(const char *path, void *doc, struct px_err *err)
{
	int pages;
	return odoc_write_pdf(odoc_json_doc(doc), path, &pages, err);
}

static int render_docx(const char *path, void *doc, struct px_err *err)
{
	return odoc_write_docx(odoc_json_doc(doc), path, err);
}

/* GET .../documents/{kind}/file?format=pdf|docx: the document as issued (or as compiled now), laid out per GB/T 9704. */
void h_campaign_document_file(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *format, *kind = http_param(r, 1);
	struct odoc_json *doc = NULL;
	int64_t id;
	json_t *o = NULL;
	if (http_param_id_or_reply(r, 0, &id) || http_query_or_reply(r, "format", 4, &format))
		return;
	bool pdf = !format || !strcmp(format, "pdf");
	if (!pdf && strcmp(format, "docx"))
		return (void)http_reply_errorf(r, PX_EINVAL, "unknown_format", "format", "a format is pdf or docx");
	if (campaign_document_json(http_app(r), http_actor(r), id, kind, &o, &err) || odoc_json_read(o, &doc, &err))
		return (void)http_fail(r, &err);
	char name[64];
	snprintf(name, sizeof(name), "%s-%lld.%s", !strcmp(kind, "volume") ? "volume" : "bulletin", (long long)id,
		 pdf ? "pdf" : "docx");
	http_reply_rendered(r, pdf ? render_pdf : render_docx, doc,
			    pdf ? "application/pdf"
				: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
			    name);
	odoc_json_free(doc);
}
