/*
 * application.c - the application record, its visibility and state moves
 * (see application.h).
 */
#include "app/programme/application.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/json_writer.h"
#include "app/scope.h"

static const char *const states[] = {
	"draft", "submitted", "returned", "county_checked", "recommended", "not_recommended",
	"accepted", "rejected", "shortlisted", "not_shortlisted", "proposed", "not_proposed",
	"winner", "disqualified", "withdrawn", NULL,
};

static struct store_sql Q_LOAD =
	STORE_SQL("SELECT " APPLICATION_COLUMNS " FROM " APPLICATION_TABLES " WHERE a.id = $1");
static struct store_sql Q_MOVE = STORE_SQL(
	"UPDATE application SET state = $1, updated_at = $2 WHERE id = $3 AND state = $4 RETURNING id");

bool application_state_known(const char *state)
{
	for (const char *const *s = states; *s; s++)
		if (!strcmp(*s, state))
			return true;
	return false;
}

void application_row(struct store_stmt *s, struct application *a)
{
	store_cols(s, "iibbiibbbiiib", &a->id, &a->programme_id, a->track, sizeof(a->track), a->form, sizeof(a->form),
		   &a->organisation_id, &a->person_id, a->region, sizeof(a->region), a->state, sizeof(a->state),
		   a->name, sizeof(a->name), &a->owner_account, &a->created_by, &a->submitted_at, a->programme_region,
		   sizeof(a->programme_region));
}

int application_load(struct store_conn *c, int64_t id, struct application *a, struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_LOAD, &s, err);
	memset(a, 0, sizeof(*a));
	if (rc)
		return rc;
	store_bind_int(s, 1, id);
	rc = store_step(s, err);
	if (rc == STORE_ROW) {
		application_row(s, a);
		rc = 0;
	} else if (rc == STORE_DONE) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "application", "no application %lld", (long long)id);
	}
	store_reset(s);
	return rc;
}

bool application_owned_by(const struct app_actor *actor, const struct application *a)
{
	return actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_APPLICANT &&
	       (actor->id == a->owner_account || actor->id == a->created_by);
}

bool application_visible(const struct app_actor *actor, const struct application *a)
{
	if (actor->kind == ACTOR_CLI || application_owned_by(actor, a))
		return true;
	if (actor->kind != ACTOR_ACCOUNT)
		return false;
	switch (actor->role) {
	case ROLE_OFFICE:
	case ROLE_LEADER:
	case ROLE_MEMBER:
		return access_region_contains(actor->region, a->programme_region) &&
		       access_region_allows(actor->role, actor->region, a->region);
	case ROLE_COUNTY:
		return access_region_allows(actor->role, actor->region, a->region);
	default:
		return false;
	}
}

bool application_readable(struct store_conn *c, const struct app_actor *actor, const struct application *a)
{
	bool ok = false;
	if (!application_visible(actor, a))
		return false;
	return !app_scope_member_reads(c, actor, a->id, &ok, NULL) && ok;
}

int application_move(struct store_conn *c, const struct app_actor *actor, struct application *a,
		     const char *const *from, const char *to, const char *reason, struct px_err *err)
{
	struct store_stmt *s;
	char action[48], object[40];
	const char *const *f = from;
	int rc;

	while (*f && strcmp(*f, a->state))
		f++;
	if (!*f)
		return px_err_set(err, PX_ECONFLICT, "wrong_state", "state",
				  "application %lld is '%s'; this needs another state", (long long)a->id, a->state);
	if ((rc = store_prepare(c, &Q_MOVE, &s, err)))
		return rc;
	store_bind_text(s, 1, to);
	store_bind_int(s, 2, store_now_us());
	store_bind_int(s, 3, a->id);
	store_bind_text(s, 4, a->state);
	rc = store_step(s, err);
	store_reset(s);
	if (rc != STORE_ROW)
		return rc < 0 ? rc : px_err_set(err, PX_ECONFLICT, "state_moved", "state",
						"the application changed meanwhile");
	snprintf(action, sizeof(action), "application.%s", to);
	snprintf(object, sizeof(object), "application:%lld", (long long)a->id);
	json_t *payload = json_pack("{s:s, s:s, s:s?}", "from", a->state, "to", to, "reason", reason);
	rc = audit_append(c, actor, action, object, payload, err);
	json_decref(payload);
	if (!rc)
		snprintf(a->state, sizeof(a->state), "%s", to);
	return rc;
}

int application_move_ids(struct store_conn *c, const struct app_actor *actor, const int64_t *ids, size_t n,
			 const char *from, const char *to, const char *reason, json_t *moved, struct px_err *err)
{
	const char *const leaving[] = { from, NULL };
	for (size_t i = 0; i < n; i++) {
		struct application a;
		int rc;
		if ((rc = application_load(c, ids[i], &a, err)) ||
		    (rc = application_move(c, actor, &a, leaving, to, reason, err)))
			return rc;
		json_array_append_new(moved, json_integer(a.id));
	}
	return 0;
}

/*
 * Set straight, not through json_pack (a list answers this for every row): the keys are literals,
 * the values were checked as UTF-8 when stored and json_compact checks them again when writing.
 */
json_t *application_json(const struct application *a)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	json_object_set_new_nocheck(o, "id", json_integer((json_int_t)a->id));
	json_object_set_new_nocheck(o, "programme", json_integer((json_int_t)a->programme_id));
	json_object_set_new_nocheck(o, "track", json_string_nocheck(a->track));
	json_object_set_new_nocheck(o, "form", json_string_nocheck(a->form));
	json_object_set_new_nocheck(o, "applicant_kind", json_string_nocheck(a->organisation_id ? "organisation" : "person"));
	json_object_set_new_nocheck(o, "name", json_string_nocheck(a->name));
	json_object_set_new_nocheck(o, "region", json_string_nocheck(a->region));
	json_object_set_new_nocheck(o, "state", json_string_nocheck(a->state));
	return o;
}

void application_write(struct jw *w, const struct application *a)
{
	jw_key(w, "id");
	jw_int(w, a->id);
	jw_key(w, "programme");
	jw_int(w, a->programme_id);
	jw_key(w, "track");
	jw_string(w, a->track);
	jw_key(w, "form");
	jw_string(w, a->form);
	jw_key(w, "applicant_kind");
	jw_string(w, a->organisation_id ? "organisation" : "person");
	jw_key(w, "name");
	jw_string(w, a->name);
	jw_key(w, "region");
	jw_string(w, a->region);
	jw_key(w, "state");
	jw_string(w, a->state);
}
