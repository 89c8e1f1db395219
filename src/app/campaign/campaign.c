/*
 * campaign.c - a campaign programme as its template section describes it,
 * and the reporting requests opened from it to the participating units
 * (see campaign.h).
 */
#include "app/campaign/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/files.h"
#include "app/reporting/reporting.h"
#include "app/scope.h"
#include "app/tx.h"

static struct store_sql Q_PROGRAMME = STORE_SQL("SELECT region, title, config FROM programme WHERE id = $1");
static struct store_sql Q_UNIT_OF = STORE_SQL(
	"SELECT u.name FROM account a JOIN unit u ON u.id = a.unit_id WHERE a.id = $1");
static struct store_sql Q_ACCOUNT_OF_UNIT = STORE_SQL(
	"SELECT a.id, a.region FROM account a JOIN unit u ON u.id = a.unit_id "
	"WHERE u.name = $1 AND a.role = 'member' AND a.active = 1 ORDER BY a.id LIMIT 1");
static struct store_sql Q_OPENED = STORE_SQL(
	"SELECT id FROM report_request WHERE programme_id = $1 AND code = $2");

int camp_load(struct store_conn *c, int64_t id, struct camp *k, struct px_err *err)
{
	char *config = NULL;
	json_t *root;
	int rc;

	memset(k, 0, sizeof(*k));
	rc = store_get(c, &Q_PROGRAMME, err, "i:bbs", id, k->region, sizeof(k->region), k->title, sizeof(k->title),
		       &config);
	if (rc < 0)
		return rc;
	root = rc == STORE_ROW ? json_loads(config, 0, NULL) : NULL;
	free(config);
	const char *kind = root ? json_string_value(json_object_get(root, "kind")) : NULL;
	if (!root || !kind || strcmp(kind, "campaign") ||
	    !json_is_object(json_object_get(root, "section"))) {
		json_decref(root);
		return px_err_set(err, PX_ENOTFOUND, "not_found", "id", "no campaign %lld", (long long)id);
	}
	k->id = id;
	snprintf(k->organiser, sizeof(k->organiser), "%s", json_string_value(json_object_get(root, "organiser")) ?
			     json_string_value(json_object_get(root, "organiser")) : "");
	k->section = json_incref(json_object_get(root, "section"));
	json_decref(root);
	return 0;
}

void camp_release(struct camp *k)
{
	json_decref(k->section);
	k->section = NULL;
}

bool camp_is_office(const struct camp *k, const struct app_actor *actor)
{
	return actor->kind == ACTOR_CLI ||
	       (actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_OFFICE && app_actor_in_region(actor, k->region, NULL));
}

int camp_require_unit(struct store_conn *c, const struct camp *k, const struct app_actor *actor, char *name,
		      size_t cap, struct px_err *err)
{
	json_t *u;
	size_t i;
	int rc;

	name[0] = '\0';
	if (actor->kind != ACTOR_ACCOUNT || actor->role != ROLE_MEMBER || !app_actor_in_region(actor, k->region, NULL))
		return px_err_set(err, PX_EFORBIDDEN, "not_a_unit", NULL, "only the campaign's participating units plan");
	if ((rc = store_get(c, &Q_UNIT_OF, err, "i:b", actor->id, name, cap)) < 0)
		return rc;
	json_array_foreach(json_object_get(k->section, "units"), i, u)
		if (!strcmp(json_string_value(json_object_get(u, "name")), name))
			return 0;
	return px_err_set(err, PX_EFORBIDDEN, "not_a_unit", NULL, "'%s' is not a participating unit", name);
}

struct open_args {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	json_t *res;
};

/* The member accounts of the participating units, and the names of units without one. */
static int unit_accounts(struct store_conn *c, const struct camp *k, int64_t *ids, size_t *n, json_t *missing,
			 struct px_err *err)
{
	json_t *u;
	size_t i;
	*n = 0;
	json_array_foreach(json_object_get(k->section, "units"), i, u) {
		const char *name = json_string_value(json_object_get(u, "name"));
		char region[8] = "";
		int64_t id = 0;
		int rc = store_get(c, &Q_ACCOUNT_OF_UNIT, err, "t:ib", name, &id, region, sizeof(region));
		if (rc < 0)
			return rc;
		if (rc == STORE_ROW && access_region_contains(k->region, region) && *n < REPORTING_MAX_UNITS)
			ids[(*n)++] = id;
		else
			json_array_append_new(missing, json_string(name));
	}
	return 0;
}

static int open_one(struct store_conn *c, struct open_args *a, const struct camp *k, const json_t *r,
		    const int64_t *ids, size_t n, struct px_err *err)
{
	const char *code = json_string_value(json_object_get(r, "code"));
	struct reporting_new nr = { k->id, k->region, code, json_string_value(json_object_get(r, "title")),
				    json_string_value(json_object_get(r, "opens_on")),
				    json_string_value(json_object_get(r, "due_on")), json_object_get(r, "form"), ids, n };
	int64_t id = 0;
	int added = (int)n;
	int rc = store_get(c, &Q_OPENED, err, "it:i", k->id, code, &id);
	if (rc < 0)
		return rc;
	rc = rc == STORE_DONE ? reporting_request_insert(c, a->actor, &nr, app_now_us(a->app), &id, err)
			      : reporting_units_add(c, a->actor, id, k->region, ids, n, &added, err);
	if (rc)
		return rc;
	json_array_append_new(json_object_get(a->res, "requests"), json_pack("{s:I, s:s, s:s, s:i}", "id", (json_int_t)id,
									      "code", code, "due_on", nr.due_on,
									      "units_added", added));
	return 0;
}

static int open_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct open_args *a = arg;
	int64_t ids[REPORTING_MAX_UNITS];
	struct camp k;
	size_t n = 0, i;
	json_t *r;
	int rc = camp_load(c, a->id, &k, err);

	if (rc)
		return rc;
	a->res = json_pack("{s:[], s:[]}", "requests", "units_without_account");
	if (!camp_is_office(&k, a->actor))
		rc = px_err_set(err, PX_EFORBIDDEN, "office_only", NULL, "only the campaign's office opens its requests");
	else if (!(rc = unit_accounts(c, &k, ids, &n, json_object_get(a->res, "units_without_account"), err)) && !n)
		rc = px_err_set(err, PX_ECONFLICT, "no_unit_accounts", "units",
				"no participating unit has a member account yet");
	json_array_foreach(json_object_get(k.section, "requests"), i, r) {
		if (rc)
			break;
		rc = open_one(c, a, &k, r, ids, n, err);
	}
	camp_release(&k);
	return rc;
}

int campaign_open_requests(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
			   struct px_err *err)
{
	struct open_args a = { app, actor, programme_id, NULL };
	return app_tx_json(app, STORE_TX_WRITE, open_tx, &a, &a.res, out, err);
}

static int show_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct open_args *a = arg;
	struct camp k;
	json_t *s, *reqs, *r;
	size_t i;
	char logo[96];
	int rc = camp_load(c, a->id, &k, err);

	if (rc)
		return rc;
	s = k.section;
	reqs = json_array();
	json_array_foreach(json_object_get(s, "requests"), i, r) {
		const char *opens = json_string_value(json_object_get(r, "opens_on"));
		json_array_append_new(reqs, json_pack("{s:O, s:O, s:s?, s:o}", "code", json_object_get(r, "code"),
						      "title", json_object_get(r, "title"), "opens_on", opens,
						      "deadline",
						      reporting_deadline_json(a->app, json_string_value(json_object_get(
										      r, "due_on")),
									      app_today(a->app))));
	}
	snprintf(logo, sizeof(logo), "/api/v1/programmes/%lld/campaign/logo", (long long)k.id);
	a->res = json_pack("{s:I, s:s, s:s, s:O, s:s, s:O?, s:O, s:O, s:O, s:O?, s:O?, s:o}", "programme",
			   (json_int_t)k.id, "title", k.title, "region", k.region, "theme", json_object_get(s, "theme"),
			   "logo", logo, "logo_note", json_object_get(s, "logo_note"), "slogans",
			   json_object_get(s, "slogans"), "focuses", json_object_get(s, "focuses"), "units",
			   json_object_get(s, "units"), "city_activities", json_object_get(s, "city_activities"),
			   "media", json_object_get(s, "media"), "deadlines", reqs);
	camp_release(&k);
	return 0;
}

int campaign_json(struct app *app, int64_t programme_id, json_t **out, struct px_err *err)
{
	struct open_args a = { app, &app_actor_public, programme_id, NULL };
	return app_tx_json(app, STORE_TX_READ, show_tx, &a, &a.res, out, err);
}

static struct store_sql Q_LOGO = STORE_SQL("SELECT sha256, mime FROM campaign_logo WHERE programme_id = $1");
static struct store_sql Q_LOGO_SET = STORE_SQL(
	"INSERT INTO campaign_logo (programme_id, sha256, mime, uploaded_at) VALUES ($1, $2, $3, $4) "
	"ON CONFLICT (programme_id) DO UPDATE SET sha256 = $2, mime = $3, uploaded_at = $4");

struct logo_args {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	char sha[65], mime[32], rel[129];
	const char *new_sha, *new_mime;
};

static int logo_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct logo_args *a = arg;
	struct camp k;
	int rc = camp_load(c, a->id, &k, err);
	if (rc)
		return rc;
	const char *logo = json_string_value(json_object_get(k.section, "logo"));
	snprintf(a->rel, sizeof(a->rel), "%s", logo && !strstr(logo, "..") && logo[0] != '/' ? logo : "");
	camp_release(&k);
	a->sha[0] = '\0';
	rc = store_get(c, &Q_LOGO, err, "i:bb", a->id, a->sha, sizeof(a->sha), a->mime, sizeof(a->mime));
	if (rc < 0)
		return rc;
	if (!a->sha[0] && !a->rel[0])
		return px_err_set(err, PX_ENOTFOUND, "no_logo", NULL, "the campaign has no logo");
	return 0;
}

int campaign_logo_path(struct app *app, int64_t programme_id, char *path, size_t cap, char mime[32],
		       struct px_err *err)
{
	struct logo_args a = { .app = app, .actor = &app_actor_public, .id = programme_id };
	int rc = app_tx(app, STORE_TX_READ, logo_tx, &a, err);
	if (rc)
		return rc;
	if (a.sha[0]) {
		files_path(app->files_dir, a.sha, false, path, cap);
		snprintf(mime, 32, "%s", a.mime);
	} else {
		snprintf(path, cap, "%s/%s", app->data_dir, a.rel);
		snprintf(mime, 32, "image/png");
	}
	return 0;
}

static int logo_set_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct logo_args *a = arg;
	struct camp k;
	int rc = camp_load(c, a->id, &k, err);
	if (rc)
		return rc;
	if (!camp_is_office(&k, a->actor))
		rc = px_err_set(err, PX_EFORBIDDEN, "office_only", NULL, "the campaign's office sets its logo");
	camp_release(&k);
	if (rc || !a->new_sha)
		return rc;
	if ((rc = store_run(c, &Q_LOGO_SET, err, "itti", a->id, a->new_sha, a->new_mime, app_now_us(a->app))))
		return rc;
	return audit_record(c, a->actor, "campaign.logo", "programme", a->id, json_pack("{s:s}", "sha256", a->new_sha),
			    err);
}

int campaign_logo_may_set(struct app *app, const struct app_actor *actor, int64_t programme_id, struct px_err *err)
{
	struct logo_args a = { .app = app, .actor = actor, .id = programme_id };
	return app_tx(app, STORE_TX_READ, logo_set_tx, &a, err);
}

int campaign_logo_set(struct app *app, const struct app_actor *actor, int64_t programme_id,
		      const struct reporting_file *file, struct px_err *err)
{
	struct logo_args a = { .app = app, .actor = actor, .id = programme_id, .new_sha = file->sha256 };
	int rc = campaign_logo_may_set(app, actor, programme_id, err);
	if (!rc)
		rc = reporting_photo_keep(app->files_dir, file, &a.new_mime, err);
	if (!rc)
		rc = app_tx(app, STORE_TX_WRITE, logo_set_tx, &a, err);
	return rc;
}
