/*
 * registration.c - attempts to register an identity registered already: kept
 * for its owner to read instead of being answered to whoever tried (see
 * registration.h).
 */
#include "app/people/registration.h"

#include <time.h>

#include "app/audit.h"
#include "app/scope.h"
#include "app/tx.h"

static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO registration_attempt (organisation_id, person_id, account_id, name, region, created_at) "
	"VALUES (NULLIF(CAST($1 AS BIGINT), 0), NULLIF(CAST($2 AS BIGINT), 0), $3, $4, $5, $6) RETURNING id");
static struct store_sql Q_ALL = STORE_SQL(
	"SELECT r.id, r.created_at, coalesce(r.organisation_id, 0), coalesce(r.person_id, 0), r.name, r.region, "
	"r.account_id, coalesce(o.account_id, p.account_id, 0), coalesce(o.region, p.region), coalesce(o.name, p.name) "
	"FROM registration_attempt r LEFT JOIN organisation o ON o.id = r.organisation_id "
	"LEFT JOIN person p ON p.id = r.person_id ORDER BY r.id");

int registration_attempt_record(struct store_conn *c, const struct app_actor *actor, int64_t organisation_id,
				int64_t person_id, const char *name, const char *region, struct px_err *err)
{
	int64_t id;
	int rc = store_get(c, &Q_INSERT, err, "iiitti:i", organisation_id, person_id, actor->id, name, region,
			   store_now_us(), &id);
	if (rc < 0)
		return rc;
	json_t *payload = json_pack("{s:I, s:s, s:s}", "attempt", (json_int_t)id, "claimed_name", name,
				    "claimed_region", region);
	return organisation_id ? audit_record(c, actor, "organisation.claim", "organisation", organisation_id, payload, err)
			       : audit_record(c, actor, "person.claim", "person", person_id, payload, err);
}

/* An instant as "YYYY-MM-DDTHH:MM:SSZ" (UTC). */
static json_t *instant(int64_t us)
{
	char b[32];
	time_t t = (time_t)(us / 1000000);
	struct tm tm;
	if (!gmtime_r(&t, &tm))
		return json_null();
	strftime(b, sizeof(b), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(b);
}

struct list_args {
	const struct app_actor *actor;
	json_t *arr;
};

/* One attempt, when the actor owns the identity or keeps its region. */
static int list_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct list_args *l = arg;
	const struct app_actor *a = l->actor;
	int64_t org = store_col_int(s, 2), person = store_col_int(s, 3);
	bool staff = a->role != ROLE_APPLICANT;
	(void)err;

	if (staff ? !app_actor_in_region(a, store_col_text(s, 8), store_col_text(s, 8)) : store_col_int(s, 7) != a->id)
		return 0;
	json_t *row = json_pack("{s:I, s:o, s:s, s:I, s:s, s:s, s:s}", "id", (json_int_t)store_col_int(s, 0), "at",
				instant(store_col_int(s, 1)), "kind", org ? "organisation" : "person", "record",
				(json_int_t)(org ? org : person), "record_name", store_col_text(s, 9), "claimed_name",
				store_col_text(s, 4), "claimed_region", store_col_text(s, 5));
	if (staff)
		json_object_set_new(row, "account", json_integer(store_col_int(s, 6)));
	json_array_append_new(l->arr, row);
	return 0;
}

static int list_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct list_args *l = arg;
	json_array_clear(l->arr);
	return store_each(c, &Q_ALL, list_row, l, err, "");
}

int registration_attempt_list(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err)
{
	struct list_args l = { actor, json_array() };
	int rc;

	*out = NULL;
	if (!(actor->kind == ACTOR_ACCOUNT &&
	      (actor->role == ROLE_APPLICANT || actor->role == ROLE_OFFICE || actor->role == ROLE_COUNTY)))
		rc = px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "only owners, counties and offices read attempts");
	else if (!(rc = app_tx(app, STORE_TX_READ, list_tx, &l, err)))
		*out = json_pack("{s:O}", "attempts", l.arr);
	json_decref(l.arr);
	return rc;
}
