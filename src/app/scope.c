/*
 * scope.c - the region scope of records for staff accounts (see scope.h):
 * one rule, and a table saying where each kind of record finds its owning
 * region and its local division.
 */
#include "app/scope.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/programme/template_cache.h"

/* Where a record's application is: (programme region, application region). */
#define VIA_APPLICATION(from, app_col)                                                              \
	"SELECT g.region, a.region FROM " from " JOIN application a ON a.id = " app_col                 \
	" JOIN programme g ON g.id = a.programme_id WHERE x.id = $1"

static struct store_sql Q_PROGRAMME = STORE_SQL("SELECT region, NULL FROM programme WHERE id = $1");
static struct store_sql Q_APPLICATION = STORE_SQL(
	"SELECT g.region, x.region FROM application x JOIN programme g ON g.id = x.programme_id WHERE x.id = $1");
static struct store_sql Q_DRAW = STORE_SQL(
	"SELECT g.region, NULL FROM draw x JOIN programme g ON g.id = x.programme_id WHERE x.id = $1");
static struct store_sql Q_ASSIGNMENT = STORE_SQL(VIA_APPLICATION("assignment x", "x.application_id"));
static struct store_sql Q_SUPPLEMENT = STORE_SQL(VIA_APPLICATION("supplement x", "x.application_id"));
static struct store_sql Q_OBJECTION = STORE_SQL(VIA_APPLICATION("objection x", "x.application_id"));
static struct store_sql Q_CERTIFICATE = STORE_SQL(VIA_APPLICATION("certificate x", "x.application_id"));
static struct store_sql Q_DOCUMENT = STORE_SQL(VIA_APPLICATION(
	"document x", "coalesce(x.application_id, (SELECT o.application_id FROM objection o WHERE o.id = x.objection_id))"));
static struct store_sql Q_NOTICE = STORE_SQL(
	"SELECT g.region, x.region FROM notice x JOIN programme g ON g.id = x.programme_id WHERE x.id = $1");
static struct store_sql Q_EXPERT = STORE_SQL("SELECT owner_region, NULL FROM expert WHERE id = $1");
static struct store_sql Q_PAST_WINNER = STORE_SQL("SELECT owner_region, NULL FROM past_winner WHERE id = $1");
static struct store_sql Q_ACCOUNT = STORE_SQL("SELECT region, region FROM account WHERE id = $1");
static struct store_sql Q_ORGANISATION = STORE_SQL("SELECT region, region FROM organisation WHERE id = $1");
static struct store_sql Q_PERSON = STORE_SQL("SELECT region, region FROM person WHERE id = $1");

static struct store_sql Q_PROBLEM = STORE_SQL("SELECT owner_region, owner_region FROM hd_problem WHERE id = $1");

static struct store_sql Q_MODEL = STORE_SQL("SELECT owner_region, NULL FROM qm_model WHERE id = $1");
static struct store_sql Q_SURVEY = STORE_SQL("SELECT owner_region, NULL FROM sv_survey WHERE id = $1");
static struct store_sql Q_COURSE = STORE_SQL("SELECT owner_region, NULL FROM tr_course WHERE id = $1");
static struct store_sql Q_REPORT_REQUEST = STORE_SQL("SELECT region, NULL FROM report_request WHERE id = $1");
static struct store_sql Q_REPORT_FILE = STORE_SQL(
	"SELECT r.region, NULL FROM report_file x JOIN report_request r ON r.id = x.request_id WHERE x.id = $1");
static struct store_sql Q_CAMPAIGN_ACTIVITY = STORE_SQL(
	"SELECT g.region, NULL FROM campaign_activity x JOIN programme g ON g.id = x.programme_id WHERE x.id = $1");

static struct store_sql Q_CAMPAIGN_MEDIA = STORE_SQL(
	"SELECT g.region, NULL FROM campaign_media x JOIN programme g ON g.id = x.programme_id WHERE x.id = $1");
static struct store_sql Q_CAMPAIGN_MATERIAL = STORE_SQL(
	"SELECT g.region, NULL FROM campaign_material x JOIN programme g ON g.id = x.programme_id WHERE x.id = $1");

static struct store_sql Q_KEYWORK = STORE_SQL("SELECT owner_region, NULL FROM kw_work WHERE id = $1");
static struct store_sql Q_CONTEST_WORK = STORE_SQL(VIA_APPLICATION("contest_work x", "x.application_id"));

static struct store_sql Q_BV_ROUND = STORE_SQL("SELECT owner_region, NULL FROM bv_round WHERE id = $1");
static struct store_sql Q_BV_SUBMISSION = STORE_SQL(
	"SELECT r.owner_region, s.region FROM bv_submission s JOIN bv_round r ON r.id = s.round_id WHERE s.id = $1");

static struct store_sql Q_PROGRAMME_REGIONS = STORE_SQL("SELECT DISTINCT region FROM programme");
/* an application's state, its programme's template, the member's unit and whether that unit gave an opinion on it */
static struct store_sql Q_MEMBER_APPLICATION = STORE_SQL(
	"SELECT a.state, g.config, coalesce((SELECT u.name FROM unit u WHERE u.id = $2), ''), "
	"CASE WHEN EXISTS (SELECT 1 FROM opinion o JOIN account x ON x.id = o.account_id "
	"WHERE o.application_id = a.id AND x.unit_id = $2) THEN 1 ELSE 0 END "
	"FROM application a JOIN programme g ON g.id = a.programme_id WHERE a.id = $1");

/* The states in which the qualification stage puts every application before the member units. */
static const char *const member_review_states[] = { "recommended", "accepted", "rejected", NULL };

static const struct {
	const char *kind;
	struct store_sql *q;
} kinds[] = {
	{ "programmes", &Q_PROGRAMME },     { "applications", &Q_APPLICATION }, { "draws", &Q_DRAW },
	{ "assignments", &Q_ASSIGNMENT },   { "supplements", &Q_SUPPLEMENT },   { "objections", &Q_OBJECTION },
	{ "certificates", &Q_CERTIFICATE }, { "documents", &Q_DOCUMENT },       { "notices", &Q_NOTICE },
	{ "experts", &Q_EXPERT },           { "past-winners", &Q_PAST_WINNER }, { "accounts", &Q_ACCOUNT },
	{ "organisations", &Q_ORGANISATION }, { "persons", &Q_PERSON },
	{ "problems", &Q_PROBLEM }, { "courses", &Q_COURSE }, { "models", &Q_MODEL },
	{ "surveys", &Q_SURVEY },
	{ "report-requests", &Q_REPORT_REQUEST }, { "report-files", &Q_REPORT_FILE },
	{ "campaign-activities", &Q_CAMPAIGN_ACTIVITY }, { "campaign-media", &Q_CAMPAIGN_MEDIA },
	{ "campaign-materials", &Q_CAMPAIGN_MATERIAL }, { "keyworks", &Q_KEYWORK },
	/* a family's records named under its own prefix: a contest entry is an application */
	{ "contest/entries", &Q_APPLICATION }, { "contest/works", &Q_CONTEST_WORK },
	{ "brand-value-rounds", &Q_BV_ROUND }, { "brand-value-submissions", &Q_BV_SUBMISSION },
};

bool app_actor_in_region(const struct app_actor *actor, const char *owner, const char *local)
{
	if (actor->kind == ACTOR_CLI)
		return true;
	if (actor->kind != ACTOR_ACCOUNT || !owner)
		return false;
	switch (actor->role) {
	case ROLE_OFFICE:
	case ROLE_LEADER:
	case ROLE_MEMBER:
		return access_region_contains(actor->region, owner) &&
		       (!local || access_region_allows(actor->role, actor->region, local));
	case ROLE_COUNTY:
		return access_region_contains(owner, actor->region) &&
		       (!local || access_region_allows(ROLE_COUNTY, actor->region, local));
	default:
		return false;
	}
}

bool app_scope_prefix(const struct app_actor *actor, char prefix[8])
{
	if (actor->kind == ACTOR_CLI) {
		prefix[0] = '\0';
		return true;
	}
	if (actor->kind != ACTOR_ACCOUNT || !(actor->role == ROLE_OFFICE || actor->role == ROLE_LEADER ||
					     actor->role == ROLE_COUNTY || actor->role == ROLE_MEMBER))
		return false;
	/* the codes inside a region share its digits before the trailing "00" pairs (core/access.h) */
	snprintf(prefix, 8, "%s", actor->region);
	for (size_t n = strlen(prefix); n >= 2 && !strcmp(prefix + n - 2, "00"); n -= 2)
		prefix[n - 2] = '\0';
	return true;
}

struct app_actor app_actor_office_of(const char *region)
{
	struct app_actor a = { .kind = ACTOR_ACCOUNT, .role = ROLE_OFFICE };
	snprintf(a.region, sizeof(a.region), "%s", region ? region : "");
	return a;
}

int app_scope_check(struct app *app, const struct app_actor *actor, const char *kind, int64_t id,
		    struct px_err *err)
{
	struct store_sql *q = NULL;
	struct store_conn *c;
	struct store_stmt *s;
	int rc;

	if (actor->kind != ACTOR_ACCOUNT || !(ROLE_BIT(actor->role) & ROLES_STAFF))
		return 0;
	if (!strcmp(kind, "accounts") && id == actor->id)
		return 0;
	/* a unit asked by a request of a region above its own (a city asked by its province): the engine answers (404 unless asked) */
	if (actor->role == ROLE_MEMBER && (!strcmp(kind, "report-requests") || !strcmp(kind, "report-files")))
		return 0;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]) && !q; i++)
		if (!strcmp(kinds[i].kind, kind))
			q = kinds[i].q;
	if (!q)
		return 0;
	c = store_acquire(app->st);
	if ((rc = store_prepare(c, q, &s, err)))
		goto out;
	store_bind_int(s, 1, id);
	rc = store_step(s, err);
	if (rc == STORE_ROW && !app_actor_in_region(actor, store_col_null(s, 0) ? NULL : store_col_text(s, 0),
						    store_col_null(s, 1) ? NULL : store_col_text(s, 1)))
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "id", "no such record %lld", (long long)id);
	else if (rc >= 0)
		rc = 0;
	store_reset(s);
out:
	store_release(c);
	return rc;
}

/* Does a stage of the template consult a department that the unit `unit` is (its name contains it)? */
static bool unit_consulted(const char *config, const char *unit, struct px_err *err, int *rc)
{
	const struct template *t;
	bool found = false;

	if (!*unit || (*rc = template_cache_get(config, strlen(config), &t, err)))
		return false;
	for (int i = 0; i < t->nstages && !found; i++)
		for (int k = 0; k < t->stages[i].nconsult && !found; k++)
			found = strstr(unit, t->stages[i].consult[k]) != NULL;
	template_cache_put(t);
	return found;
}

int app_scope_member_reads(struct store_conn *c, const struct app_actor *actor, int64_t application_id, bool *ok,
			   struct px_err *err)
{
	char state[32] = "", unit[256] = "", *config = NULL;
	int64_t opined = 0;
	int rc;

	*ok = true;
	if (actor->kind != ACTOR_ACCOUNT || actor->role != ROLE_MEMBER)
		return 0;
	*ok = false;
	rc = store_get(c, &Q_MEMBER_APPLICATION, err, "ii:bsbi", application_id, actor->unit_id, state, sizeof(state),
		       &config, unit, sizeof(unit), &opined);
	if (rc != STORE_ROW)
		goto out;
	rc = 0;
	for (const char *const *st = member_review_states; *st && !*ok; st++)
		*ok = !strcmp(state, *st);
	if (!*ok && opined)
		*ok = true;
	else if (!*ok && !strcmp(state, "county_checked") && config)
		*ok = unit_consulted(config, unit, err, &rc);
out:
	free(config);
	return rc < 0 ? rc : 0;
}

int app_scope_holds_all_programmes(struct app *app, const struct app_actor *actor, struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	struct store_stmt *s;
	bool all = true;
	int rc = store_prepare(c, &Q_PROGRAMME_REGIONS, &s, err);

	if (rc)
		goto out;
	while ((rc = store_step(s, err)) == STORE_ROW)
		all = all && app_actor_in_region(actor, store_col_text(s, 0), NULL);
	store_reset(s);
	if (rc < 0)
		goto out;
	rc = all ? 0 : px_err_set(err, PX_EFORBIDDEN, "clock_shared", NULL,
				  "the rehearsal date is shared with programmes of other regions");
out:
	store_release(c);
	return rc;
}
