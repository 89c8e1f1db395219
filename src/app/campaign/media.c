/*
 * media.c - the media campaign's planned interviews and reports with their
 * publication, and the materials archive (see media.h).
 */
#include "app/campaign/media.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/campaign/internal.h"
#include "app/files.h"
#include "app/input.h"
#include "app/scope.h"
#include "app/tx.h"

static struct store_sql Q_MEDIA_INSERT = STORE_SQL(
	"INSERT INTO campaign_media (programme_id, outlet, kind, title, planned_on, created_at) "
	"VALUES ($1, $2, $3, $4, $5, $6) RETURNING id");
static struct store_sql Q_MEDIA_PROGRAMME = STORE_SQL("SELECT programme_id FROM campaign_media WHERE id = $1");
static struct store_sql Q_MEDIA_PUBLISH = STORE_SQL(
	"UPDATE campaign_media SET published_on = $1, link = $2, published_at = $3 WHERE id = $4");
#define MEDIA_COLS "id, outlet, kind, title, planned_on, coalesce(published_on, ''), coalesce(link, '')"
static struct store_sql Q_MEDIA_ONE = STORE_SQL("SELECT " MEDIA_COLS " FROM campaign_media WHERE id = $1");
static struct store_sql Q_MEDIA_LIST = STORE_SQL(
	"SELECT " MEDIA_COLS " FROM campaign_media WHERE programme_id = $1 ORDER BY planned_on, id");
static struct store_sql Q_MATERIAL_INSERT = STORE_SQL(
	"INSERT INTO campaign_material (programme_id, kind, title, media_id, sha256, mime, size, link, body, created_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id");
#define MATERIAL_COLS \
	"id, kind, title, coalesce(media_id, 0), coalesce(sha256, ''), coalesce(mime, ''), coalesce(link, ''), " \
	"coalesce(body, '')"
static struct store_sql Q_MATERIAL_ONE = STORE_SQL("SELECT " MATERIAL_COLS " FROM campaign_material WHERE id = $1");
static struct store_sql Q_MATERIAL_LIST = STORE_SQL(
	"SELECT " MATERIAL_COLS " FROM campaign_material WHERE programme_id = $1 ORDER BY id");
static struct store_sql Q_MATERIAL_FILE = STORE_SQL(
	"SELECT programme_id, coalesce(sha256, ''), coalesce(mime, '') FROM campaign_material WHERE id = $1");

struct media_args {
	struct app *app;
	const struct app_actor *actor;
	int64_t id; /* the programme, or the media item / material */
	const char *outlet, *kind, *title, *on, *link, *body;
	int64_t media_id;
	const struct reporting_file *files;
	const char **mimes;
	size_t n;
	json_t *res;
};

/* Load the campaign: its office writes (PX_EFORBIDDEN otherwise); readers are its office, leadership and units. */
static int load_for(struct store_conn *c, const struct app_actor *actor, int64_t pid, bool write, struct camp *k,
		    struct px_err *err)
{
	char unit[128];
	int rc = camp_load(c, pid, k, err);
	if (rc || camp_is_office(k, actor))
		return rc;
	if (write)
		rc = px_err_set(err, PX_EFORBIDDEN, "office_only", NULL, "the campaign's office keeps the media campaign");
	else if (!(actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_LEADER && app_actor_in_region(actor, k->region, NULL)))
		rc = camp_require_unit(c, k, actor, unit, sizeof(unit), err);
	if (rc)
		camp_release(k);
	return rc;
}

static json_t *media_row(struct store_stmt *s)
{
	const char *on = store_col_text(s, 5), *link = store_col_text(s, 6);
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:s?}", "id", (json_int_t)store_col_int(s, 0), "outlet",
			 store_col_text(s, 1), "kind", store_col_text(s, 2), "title", store_col_text(s, 3), "planned_on",
			 store_col_text(s, 4), "published_on", *on ? on : NULL, "link", *link ? link : NULL);
}

static json_t *material_row(struct store_stmt *s)
{
	const char *sha = store_col_text(s, 4), *link = store_col_text(s, 6), *body = store_col_text(s, 7);
	int64_t media = store_col_int(s, 3);
	char url[64];
	snprintf(url, sizeof(url), "/api/v1/campaign-materials/%lld/file", (long long)store_col_int(s, 0));
	return json_pack("{s:I, s:s, s:s, s:o?, s:s?, s:s?, s:s?, s:s?}", "id", (json_int_t)store_col_int(s, 0), "kind",
			 store_col_text(s, 1), "title", store_col_text(s, 2), "media", media ? json_integer(media) : NULL,
			 "mime", *sha ? store_col_text(s, 5) : NULL, "file", *sha ? url : NULL, "link", *link ? link : NULL,
			 "body", *body ? body : NULL);
}

static int media_each(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	json_array_append_new(arg, media_row(s));
	return 0;
}

static int material_each(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	json_array_append_new(arg, material_row(s));
	return 0;
}

static bool is_link(const char *s)
{
	return s && (!strncmp(s, "https://", 8) || !strncmp(s, "http://", 7)) && strlen(s) <= 500 && !strpbrk(s, " \t\r\n\"<>");
}

static int check_outlet(const struct camp *k, const char *outlet, struct px_err *err)
{
	json_t *o;
	size_t i;
	json_array_foreach(json_object_get(json_object_get(k->section, "media"), "outlets"), i, o)
		if (!strcmp(json_string_value(o), outlet))
			return 0;
	return px_err_set(err, PX_EINVAL, "unknown_outlet", "outlet", "'%s' is not an outlet of the media campaign", outlet);
}

static int plan_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct media_args *a = arg;
	struct camp k;
	int64_t id = 0;
	int rc = load_for(c, a->actor, a->id, true, &k, err);
	if (rc)
		return rc;
	if ((rc = check_outlet(&k, a->outlet, err)) ||
	    (rc = store_get(c, &Q_MEDIA_INSERT, err, "itttti:i", a->id, a->outlet, a->kind, a->title, a->on,
			    app_now_us(a->app), &id)) < 0)
		goto out;
	json_t *payload = json_pack("{s:I, s:s, s:s}", "programme", (json_int_t)a->id, "outlet", a->outlet, "kind", a->kind);
	if ((rc = audit_record(c, a->actor, "campaign.media", "campaign_media", id, payload, err)))
		goto out;
	a->res = json_array();
	rc = store_each(c, &Q_MEDIA_ONE, media_each, a->res, err, "i", id);
out:
	camp_release(&k);
	return rc;
}

/* The answer of a use case that wrote one row: the single row of a->res. */
static int one_of(struct media_args *a, int rc, json_t **out)
{
	if (!rc) {
		*out = json_incref(json_array_get(a->res, 0));
		json_decref(a->res);
	}
	return rc;
}

int campaign_media_plan(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *outlet,
			const char *kind, const char *title, const char *planned_on, json_t **out, struct px_err *err)
{
	struct media_args a = { .app = app, .actor = actor, .id = programme_id, .outlet = outlet, .kind = kind,
				.title = title, .on = planned_on };
	json_t *arr = NULL;
	px_date d;
	int rc;
	if ((rc = input_line(outlet, 128, "outlet", err)) || (rc = input_line(title, 200, "title", err)) ||
	    (rc = input_date(planned_on, "planned_on", &d, err)))
		return rc;
	if (!kind || (strcmp(kind, "interview") && strcmp(kind, "report")))
		return px_err_set(err, PX_EINVAL, "invalid_kind", "kind", "kind is 'interview' or 'report', not '%s'",
				  kind ? kind : "");
	rc = app_tx_json(app, STORE_TX_WRITE, plan_tx, &a, &a.res, &arr, err);
	a.res = arr;
	return one_of(&a, rc, out);
}

static int publish_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct media_args *a = arg;
	struct camp k;
	int64_t pid = 0;
	int rc = store_get(c, &Q_MEDIA_PROGRAMME, err, "i:i", a->id, &pid);
	if (rc < 0)
		return rc;
	if (rc == STORE_DONE)
		return px_err_set(err, PX_ENOTFOUND, "not_found", "id", "no media item %lld", (long long)a->id);
	if ((rc = load_for(c, a->actor, pid, true, &k, err)))
		return rc;
	camp_release(&k);
	if ((rc = store_run(c, &Q_MEDIA_PUBLISH, err, "ttii", a->on, a->link, app_now_us(a->app), a->id)) ||
	    (rc = audit_record(c, a->actor, "campaign.publish", "campaign_media", a->id,
			       json_pack("{s:s}", "published_on", a->on), err)))
		return rc;
	a->res = json_array();
	return store_each(c, &Q_MEDIA_ONE, media_each, a->res, err, "i", a->id);
}

int campaign_media_publish(struct app *app, const struct app_actor *actor, int64_t id, const char *published_on,
			   const char *link, json_t **out, struct px_err *err)
{
	struct media_args a = { .app = app, .actor = actor, .id = id, .on = published_on, .link = link };
	json_t *arr = NULL;
	px_date d;
	int rc = input_date(published_on, "published_on", &d, err);
	if (rc)
		return rc;
	if (!is_link(link))
		return px_err_set(err, PX_EINVAL, "invalid_link", "link", "the publication's link is an http(s) address");
	rc = app_tx_json(app, STORE_TX_WRITE, publish_tx, &a, &a.res, &arr, err);
	a.res = arr;
	return one_of(&a, rc, out);
}

static int list_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct media_args *a = arg;
	struct camp k;
	int rc = load_for(c, a->actor, a->id, false, &k, err);
	if (rc)
		return rc;
	a->res = json_pack("{s:O?, s:[], s:[]}", "outlets", json_object_get(json_object_get(k.section, "media"), "outlets"),
			   "media", "materials");
	camp_release(&k);
	if ((rc = store_each(c, &Q_MEDIA_LIST, media_each, json_object_get(a->res, "media"), err, "i", a->id)))
		return rc;
	return store_each(c, &Q_MATERIAL_LIST, material_each, json_object_get(a->res, "materials"), err, "i", a->id);
}

int campaign_media_json(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
			struct px_err *err)
{
	struct media_args a = { .app = app, .actor = actor, .id = programme_id };
	return app_tx_json(app, STORE_TX_READ, list_tx, &a, &a.res, out, err);
}

/* Insert one material row (photo when sha is given) and add it to a->res. */
static int insert_material(struct store_conn *c, struct media_args *a, const char *kind, const char *sha,
			   const char *mime, int64_t size, struct px_err *err)
{
	int64_t id = 0;
	int rc = a->media_id
			 ? store_get(c, &Q_MATERIAL_INSERT, err, "ittittitti:i", a->id, kind, a->title, a->media_id,
				     sha, mime, size, a->link, a->body, app_now_us(a->app), &id)
			 : store_get(c, &Q_MATERIAL_INSERT, err, "ittnttitti:i", a->id, kind, a->title, sha, mime, size,
				     a->link, a->body, app_now_us(a->app), &id);
	if (rc < 0)
		return rc;
	json_t *payload = json_pack("{s:I, s:s, s:s?}", "programme", (json_int_t)a->id, "kind", kind, "sha256", sha);
	if ((rc = audit_record(c, a->actor, "campaign.material", "campaign_material", id, payload, err)))
		return rc;
	return store_each(c, &Q_MATERIAL_ONE, material_each, a->res, err, "i", id);
}

static int material_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct media_args *a = arg;
	struct camp k;
	int64_t pid = 0;
	int rc = load_for(c, a->actor, a->id, true, &k, err);
	if (rc)
		return rc;
	camp_release(&k);
	if (a->media_id && ((rc = store_get(c, &Q_MEDIA_PROGRAMME, err, "i:i", a->media_id, &pid)) < 0))
		return rc;
	if (a->media_id && pid != a->id)
		return px_err_set(err, PX_EINVAL, "unknown_media", "media", "no media item %lld in this campaign",
				  (long long)a->media_id);
	a->res = json_array();
	if (a->files) {
		for (size_t i = 0; i < a->n && !rc; i++)
			rc = insert_material(c, a, "photo", a->files[i].sha256, a->mimes[i], a->files[i].size, err);
		return rc;
	}
	return insert_material(c, a, a->kind, NULL, NULL, 0, err);
}

int campaign_material_add(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *kind,
			  const char *title, int64_t media_id, const char *link, const char *body, json_t **out,
			  struct px_err *err)
{
	struct media_args a = { .app = app, .actor = actor, .id = programme_id, .kind = kind, .title = title,
				.link = link, .body = body, .media_id = media_id };
	json_t *arr = NULL;
	int rc = input_line(title, 200, "title", err);
	if (rc || (body && (rc = input_textarea(body, INPUT_TEXT_MAX, "body", err))))
		return rc;
	if (!kind || (strcmp(kind, "video") && strcmp(kind, "text")))
		return px_err_set(err, PX_EINVAL, "invalid_kind", "kind",
				  "archive a 'video' or a 'text' here (photos are uploaded), not '%s'", kind ? kind : "");
	if (link && !is_link(link))
		return px_err_set(err, PX_EINVAL, "invalid_link", "link", "the link is an http(s) address");
	if (!link && !(body && !strcmp(kind, "text")))
		return px_err_set(err, PX_EINVAL, "missing_field", "link", "a video has a link; a text a body or a link");
	rc = app_tx_json(app, STORE_TX_WRITE, material_tx, &a, &a.res, &arr, err);
	*out = rc ? NULL : arr;
	return rc;
}

int campaign_material_may_upload(struct app *app, const struct app_actor *actor, int64_t programme_id,
				 struct px_err *err)
{
	struct media_args a = { .app = app, .actor = actor, .id = programme_id };
	json_t *none = NULL;
	int rc = app_tx_json(app, STORE_TX_READ, list_tx, &a, &a.res, &none, err);
	json_decref(none);
	if (!rc && !(actor->kind == ACTOR_CLI || (actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_OFFICE)))
		rc = px_err_set(err, PX_EFORBIDDEN, "office_only", NULL, "the campaign's office keeps the archive");
	return rc;
}

int campaign_material_photos(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *title,
			     const struct reporting_file *files, size_t n, json_t **out, struct px_err *err)
{
	const char *mimes[CAMPAIGN_PHOTOS_PER_REQUEST];
	struct media_args a = { .app = app, .actor = actor, .id = programme_id, .title = title, .files = files,
				.mimes = mimes, .n = n };
	json_t *arr = NULL;
	int rc = input_line(title, 200, "title", err);
	if (rc)
		return rc;
	if (!n || n > CAMPAIGN_PHOTOS_PER_REQUEST)
		return px_err_set(err, PX_EINVAL, "missing_file", "file", "send 1 to %d photos", CAMPAIGN_PHOTOS_PER_REQUEST);
	if ((rc = campaign_material_may_upload(app, actor, programme_id, err)))
		return rc;
	for (size_t i = 0; i < n; i++)
		if ((rc = reporting_photo_keep(app->files_dir, &files[i], &mimes[i], err)))
			return rc;
	rc = app_tx_json(app, STORE_TX_WRITE, material_tx, &a, &a.res, &arr, err);
	*out = rc ? NULL : arr;
	return rc;
}

struct open_args {
	const struct app_actor *actor;
	int64_t id;
	char sha[65];
	char *mime;
};

static int open_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct open_args *o = arg;
	struct camp k;
	int64_t pid = 0;
	int rc = store_get(c, &Q_MATERIAL_FILE, err, "i:ibb", o->id, &pid, o->sha, sizeof(o->sha), o->mime, (size_t)32);
	if (rc < 0)
		return rc;
	if (rc == STORE_DONE || !o->sha[0])
		return px_err_set(err, PX_ENOTFOUND, "not_found", "id", "no archived photo %lld", (long long)o->id);
	if ((rc = load_for(c, o->actor, pid, false, &k, err)))
		return rc;
	camp_release(&k);
	return 0;
}

int campaign_material_open(struct app *app, const struct app_actor *actor, int64_t id, char *path, size_t cap,
			   char mime[32], struct px_err *err)
{
	struct open_args o = { actor, id, "", mime };
	int rc = app_tx(app, STORE_TX_READ, open_tx, &o, err);
	if (!rc)
		files_path(app->files_dir, o.sha, false, path, cap);
	return rc;
}
