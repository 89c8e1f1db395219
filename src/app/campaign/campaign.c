/*
 * campaign.c - a campaign programme as its template section describes it,
 * and the reporting requests opened from it to the participating units
 * (see campaign.h).
 */
#include "app/campaign/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	int rc = store_get(c, &Q_OPENED, err, "it:i", k->id, code, &id);
	if (rc < 0)
		return rc;
	if (rc == STORE_DONE && (rc = reporting_request_insert(c, a->actor, &nr, app_now_us(a->app), &id, err)))
		return rc;
	json_array_append_new(json_object_get(a->res, "requests"),
			      json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "code", code, "due_on", nr.due_on));
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

static int logo_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct open_args *a = arg;
	struct camp k;
	int rc = camp_load(c, a->id, &k, err);
	if (rc)
		return rc;
	const char *logo = json_string_value(json_object_get(k.section, "logo"));
	if (!logo || strstr(logo, "..") || logo[0] == '/')
		rc = px_err_set(err, PX_ENOTFOUND, "no_logo", NULL, "the campaign has no logo");
	else
		a->res = json_string(logo);
	camp_release(&k);
	return rc;
}

int campaign_logo_path(struct app *app, int64_t programme_id, char *path, size_t cap, struct px_err *err)
{
	struct open_args a = { app, &app_actor_public, programme_id, NULL };
	json_t *rel = NULL;
	int rc = app_tx_json(app, STORE_TX_READ, logo_tx, &a, &a.res, &rel, err);
	if (rc)
		return rc;
	snprintf(path, cap, "%s/%s", app->data_dir, json_string_value(rel));
	json_decref(rel);
	return 0;
}
