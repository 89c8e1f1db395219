/*
 * h_ranking.c - the brand ranking (广州百强质量品牌推介):
 *   GET  /api/v1/programmes/{id}/ranking/rules         weights, Top N, tie-breaks, panels, district contacts (public)
 *   POST /api/v1/programmes/{id}/ranking/registrations  {organisation, tracks, industry?, brand, description,
 *        contact, attest}  register (the applicant; its district bureau or the office for one without account)
 *   GET  /api/v1/programmes/{id}/ranking/registrations?track=  the registrations (a district bureau: its district)
 *   GET  /api/v1/applications/{id}/ranking             one registration with its tracks
 *   PUT  /api/v1/programmes/{id}/ranking/panels/{panel} {accounts}  seat a panel (office)
 *   GET  /api/v1/programmes/{id}/ranking/panels        the panels (office, leadership group)
 *   GET  /api/v1/programmes/{id}/ranking/sheet         a panel member's candidates, rubric and own sheets
 *   POST /api/v1/programmes/{id}/ranking/scores        {application, scores}  give a sheet (panel member)
 *   GET  /api/v1/applications/{id}/ranking-scores      the sheets of a candidate under the blind rule
 *   GET  /api/v1/programmes/{id}/ranking/composite     the composite as it stands (office, leadership group)
 *   POST /api/v1/programmes/{id}/ranking/publish       publish the five lists (office)
 *   GET  /api/v1/programmes/{id}/ranking/lists         the published lists (public)
 *   GET  /api/v1/programmes/{id}/ranking/lists.xlsx    the same as a workbook, one sheet per track (public)
 *   GET  /api/v1/programmes/{id}/ranking/posters/{track}  a track's list as a 1080 x 1920 PNG poster (public)
 *   GET  /api/v1/programmes/{id}/ranking/map.png          the brand map: brands per district, 1080 x 1350 PNG (public)
 */
#include "http/handlers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/input.h"
#include "app/ranking/panel.h"
#include "app/ranking/publish.h"
#include "app/ranking/register.h"
#include "app/ranking/section.h"
#include "http/json_in.h"
#include "http/request.h"
#include "http/static.h"
#include "app/ranking/documents.h"
#include "util/file.h"

#define LISTS_DOC_MAX (16 << 20)

/* Reply with *o or the error of a use case that returned rc. */
static int tracks_or_reply(struct http_req *r, json_t *in, struct ranking_registration *req)
{
	json_t *arr = json_object_get(in, "tracks"), *v;
	size_t i;
	if (!json_is_array(arr) || json_array_size(arr) > RANKING_MAX_CHOICE) {
		http_reply_errorf(r, PX_EINVAL, arr ? "wrong_type" : "missing_field", "tracks",
				  "'tracks' is an array of track codes");
		return -1;
	}
	json_array_foreach(arr, i, v) {
		if (!json_is_string(v)) {
			http_reply_errorf(r, PX_EINVAL, "wrong_type", "tracks", "'tracks' is an array of track codes");
			return -1;
		}
		req->tracks[i] = json_string_value(v);
	}
	req->ntracks = json_array_size(arr);
	return 0;
}

void h_ranking_rules(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *o = NULL;

	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = ranking_rules_json(http_app(r), id, &o, &err);
	http_answer(r, rc, 200, o, &err);
}

void h_ranking_register(struct http_req *r)
{
	struct px_err err = { 0 };
	struct ranking_registration req = { 0 };
	int64_t id, org = 0;
	json_t *in, *o = NULL;

	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_int_or_reply(r, in, "organisation", true, 1, INT64_MAX, &org) && !tracks_or_reply(r, in, &req) &&
	    !json_str_or_reply(r, in, "industry", false, 4, &req.industry) &&
	    !json_str_or_reply(r, in, "brand", true, 1000, &req.brand) &&
	    !json_str_or_reply(r, in, "description", true, 20000, &req.description) &&
	    !json_str_or_reply(r, in, "contact", true, 1000, &req.contact)) {
		req.organisation_id = org;
		req.attest = json_is_true(json_object_get(in, "attest"));
		int rc = ranking_register(http_app(r), http_actor(r), id, &req, &o, &err);
		http_answer(r, rc, 201, o, &err);
	}
	json_decref(in);
}

void h_ranking_registrations(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *o = NULL;

	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = ranking_registrations_json(http_app(r), http_actor(r), id, http_query(r, "track"), &o, &err);
	http_answer(r, rc, 200, o, &err);
}

void h_ranking_registration(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *o = NULL;

	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = ranking_registration_json(http_app(r), http_actor(r), id, &o, &err);
	http_answer(r, rc, 200, o, &err);
}

void h_ranking_panel_set(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id, *accounts = NULL;
	size_t n = 0;
	json_t *in, *o = NULL;

	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	int rc = input_ids(in, "accounts", &accounts, &n, &err);
	if (!rc)
		rc = ranking_panel_set(http_app(r), http_actor(r), id, http_param(r, 1), accounts, n, &o, &err);
	http_answer(r, rc, 200, o, &err);
	free(accounts);
	json_decref(in);
}

void h_ranking_panels(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *o = NULL;

	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = ranking_panels_json(http_app(r), http_actor(r), id, &o, &err);
	http_answer(r, rc, 200, o, &err);
}

void h_ranking_sheet(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *o = NULL;

	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = ranking_sheet_mine(http_app(r), http_actor(r), id, &o, &err);
	http_answer(r, rc, 200, o, &err);
}

void h_ranking_score(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id, app_id = 0;
	json_t *in, *o = NULL;

	if (http_param_id_or_reply(r, 0, &id) || !(in = http_json_object(r)))
		return;
	if (!json_int_or_reply(r, in, "application", true, 1, INT64_MAX, &app_id)) {
		int rc = ranking_score_submit(http_app(r), http_actor(r), id, app_id, json_object_get(in, "scores"), &o,
					      &err);
		http_answer(r, rc, 201, o, &err);
	}
	json_decref(in);
}

void h_ranking_scores(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *o = NULL;

	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = ranking_scores_json(http_app(r), http_actor(r), id, &o, &err);
	http_answer(r, rc, 200, o, &err);
}

void h_ranking_composite(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *o = NULL;

	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = ranking_composite_json(http_app(r), http_actor(r), id, ranking_vote_counts, &o, &err);
	http_answer(r, rc, 200, o, &err);
}

void h_ranking_publish(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *o = NULL;

	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = ranking_publish(http_app(r), http_actor(r), id, ranking_vote_counts, &o, &err);
	http_answer(r, rc, 201, o, &err);
}

void h_ranking_lists(struct http_req *r)
{
	struct px_err err = { 0 };
	int64_t id;
	json_t *o = NULL;

	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = ranking_lists_json(http_app(r), id, &o, &err);
	http_answer(r, rc, 200, o, &err);
}

typedef int (*render_fn)(struct app *app, int64_t id, const void *arg, const char *path, struct px_err *err);

static int render_lists(struct app *app, int64_t id, const void *arg, const char *path, struct px_err *err)
{
	(void)arg;
	return ranking_lists_xlsx(app, id, path, err);
}

/* Render a document into a private temporary file and answer with its bytes. */
static void send_rendered(struct http_req *r, render_fn render, const void *arg, const char *type,
			  const char *filename)
{
	struct px_err err = { 0 };
	char path[] = "/tmp/px-ranking-XXXXXX", *data = NULL;
	size_t len = 0;
	int64_t id;
	int fd;

	if (http_param_id_or_reply(r, 0, &id))
		return;
	if ((fd = mkstemp(path)) < 0)
		return http_reply_errorf(r, PX_EIO, "tmp_failed", NULL, "cannot create a temporary file");
	close(fd);
	if (render(http_app(r), id, arg, path, &err) || file_read(path, LISTS_DOC_MAX, &data, &len, &err)) {
		unlink(path);
		return (void)http_fail(r, &err);
	}
	unlink(path);
	http_reply_bytes(r, 200, type, filename, data, len);
}

void h_ranking_lists_xlsx(struct http_req *r)
{
	send_rendered(r, render_lists, NULL, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		      "ranking.xlsx");
}

static int render_poster(struct app *app, int64_t id, const void *track, const char *path, struct px_err *err)
{
	return ranking_poster_png(app, id, track, path, err);
}

void h_ranking_poster(struct http_req *r)
{
	send_rendered(r, render_poster, http_param(r, 1), "image/png", "poster.png");
}

/* The boundaries of a region from the UI's build (web/ ships them under /maps/<region>.geojson). */
static int boundaries_of(void *ctx, const char *region, const char **geojson, size_t *len, struct px_err *err)
{
	const struct http_req *r = ctx;
	const struct static_file *f = NULL;
	char path[64];
	snprintf(path, sizeof(path), "/maps/%s.geojson", region);
	if (static_resolve(r->srv->cfg.web, path, &f) != STATIC_FILE || !f)
		return px_err_set(err, PX_ENOTFOUND, "map_unavailable", "region", "no boundaries of region %s are served",
				  region);
	*geojson = f->body;
	*len = f->len;
	return 0;
}

static int render_map(struct app *app, int64_t id, const void *r, const char *path, struct px_err *err)
{
	return ranking_map_png(app, id, boundaries_of, (void *)r, path, err);
}

void h_ranking_map(struct http_req *r)
{
	send_rendered(r, render_map, r, "image/png", "brand-map.png");
}
