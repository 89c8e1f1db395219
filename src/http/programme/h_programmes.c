/*
 * h_programmes.c - programmes and their public notices:
 *   GET  /api/v1/programmes                 public list
 *   POST /api/v1/programmes                 {template} create from data/templates/<template>.json (office)
 *   GET  /api/v1/programmes/{id}            public view: stages, tracks, quotas
 *   GET  /api/v1/programmes/{id}/forms      the application forms' fields (for rendering them)
 *   POST /api/v1/programmes/{id}/advance    {to} move to the next stage (office)
 *   POST /api/v1/programmes/{id}/stages/{code}/extension  {until, reason} extend a window (office)
 *   GET  /api/v1/programmes/{id}/notices    public notices, newest first
 *   GET  /api/v1/notices/{id}               one notice with its audit head
 */
#include "http/handlers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/programme/forms_view.h"
#include "app/programme/notice.h"
#include "app/programme/programme.h"
#include "app/programme/stage_window.h"
#include "http/json_in.h"
#include "util/file.h"

#define TEMPLATE_MAX_BYTES (1 << 20)

void h_programmes_list(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *list;
	if (programme_list_json(http_app(r), &list, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, json_pack("{s:o}", "programmes", list));
}

void h_programmes_get(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *p;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (programme_json(http_app(r), id, &p, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, p);
}

/* Template ids name files: lowercase letters, digits and '-', nothing else. */
static bool template_id_ok(const char *s)
{
	size_t n = strlen(s);
	return n > 0 && n <= 64 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n && s[0] != '-';
}

void h_programmes_create(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *tpl;
	char path[4200], *text = NULL;
	size_t len;
	int64_t id;
	json_t *in = http_json_object(r), *p;

	if (!in)
		return;
	if (json_str_or_reply(r, in, "template", true, 64, &tpl))
		goto out;
	if (!template_id_ok(tpl)) {
		http_reply_errorf(r, PX_EINVAL, "bad_template_id", "template", "template ids are a-z, 0-9 and '-'");
		goto out;
	}
	snprintf(path, sizeof(path), "%s/templates/%s.json", http_app(r)->data_dir, tpl);
	if (file_read(path, TEMPLATE_MAX_BYTES, &text, &len, &err)) {
		http_reply_errorf(r, PX_ENOTFOUND, "unknown_template", "template", "no template '%s'", tpl);
		goto out;
	}
	if (programme_create(http_app(r), http_actor(r), text, len, &id, &err) ||
	    programme_json(http_app(r), id, &p, &err)) {
		http_fail(r, &err);
		goto out;
	}
	http_reply_json(r, 201, p);
out:
	free(text);
	json_decref(in);
}

void h_programmes_advance(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *to;
	int64_t id;
	json_t *in, *p;

	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_str_or_reply(r, in, "to", true, 32, &to)) {
		if (programme_advance(http_app(r), http_actor(r), id, to, &err) ||
		    programme_json(http_app(r), id, &p, &err))
			http_fail(r, &err);
		else
			http_reply_json(r, 200, p);
	}
	json_decref(in);
}

void h_programmes_stage_extend(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *until, *reason;
	int64_t id;
	json_t *in, *p;

	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	until = reason = NULL; /* both required: checked after the programme is found to be the caller's */
	if (!json_str_or_reply(r, in, "until", false, 10, &until) &&
	    !json_str_or_reply(r, in, "reason", false, 500, &reason)) {
		if (stage_window_extend(http_app(r), http_actor(r), id, http_param(r, 1), until, reason, &err) ||
		    programme_json(http_app(r), id, &p, &err))
			http_fail(r, &err);
		else
			http_reply_json(r, 200, p);
	}
	json_decref(in);
}

void h_programmes_notices(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *list, *p;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (programme_json(http_app(r), id, &p, &err) || notice_list_json(http_app(r), id, &list, &err))
		return (void)http_fail(r, &err);
	json_decref(p);
	http_reply_json(r, 200, json_pack("{s:o}", "notices", list));
}

void h_notices_get(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *n;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (notice_json(http_app(r), id, &n, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, n);
}

void h_programmes_forms(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *forms;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	if (forms_view_json(http_app(r), id, &forms, &err))
		return (void)http_fail(r, &err);
	http_reply_json(r, 200, forms);
}
