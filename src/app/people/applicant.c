/*
 * applicant.c - registering organisations and persons who apply, and the
 * winners of earlier years (see applicant.h).
 */
#include "app/people/applicant.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/input.h"
#include "app/people/registration.h"
#include "app/scope.h"
#include "app/secret.h"
#include "app/tx.h"
#include "core/ident.h"

/* GB/T 4754-2017 sections (data/gbt4754_sections.csv), by letter. */
static const char *const industries[] = {
	"农、林、牧、渔业", "采矿业", "制造业", "电力、热力、燃气及水生产和供应业", "建筑业", "批发和零售业",
	"交通运输、仓储和邮政业", "住宿和餐饮业", "信息传输、软件和信息技术服务业", "金融业", "房地产业",
	"租赁和商务服务业", "科学研究和技术服务业", "水利、环境和公共设施管理业", "居民服务、修理和其他服务业",
	"教育", "卫生和社会工作", "文化、体育和娱乐业", "公共管理、社会保障和社会组织", "国际组织",
};

static struct store_sql Q_ACCOUNT_BOUND = STORE_SQL(
	"SELECT 1 FROM organisation WHERE account_id = $1 UNION ALL SELECT 1 FROM person WHERE account_id = $1");
static struct store_sql Q_ORG_INSERT = STORE_SQL(
	"INSERT INTO organisation (uscc, name, industry, region, founded_on, account_id, created_at) "
	"VALUES ($1, $2, $3, $4, $5, NULLIF(CAST($6 AS BIGINT), 0), $7) ON CONFLICT (uscc) DO NOTHING RETURNING id");
static struct store_sql Q_ORG_GET = STORE_SQL(
	"SELECT id, uscc, name, industry, region, founded_on, coalesce(account_id, 0) FROM organisation WHERE id = $1");
static struct store_sql Q_PERSON_INSERT = STORE_SQL(
	"INSERT INTO person (id_hash, id_masked, name, employer, region, quality_since, account_id, created_at, "
	"mobile_hash, mobile_masked) VALUES ($1, $2, $3, $4, $5, $6, NULLIF(CAST($7 AS BIGINT), 0), $8, $9, $10) "
	"ON CONFLICT (id_hash) DO NOTHING RETURNING id");
static struct store_sql Q_PERSON_GET = STORE_SQL(
	"SELECT id, id_masked, name, employer, region, quality_since, coalesce(account_id, 0), "
	"coalesce(mobile_masked, '') FROM person WHERE id = $1");
static struct store_sql Q_MINE = STORE_SQL(
	"SELECT coalesce((SELECT max(id) FROM organisation WHERE account_id = $1), 0), "
	"coalesce((SELECT max(id) FROM person WHERE account_id = $1), 0)");
static struct store_sql Q_ORG_BY_USCC = STORE_SQL("SELECT id FROM organisation WHERE uscc = $1");
static struct store_sql Q_PERSON_BY_HASH = STORE_SQL("SELECT id FROM person WHERE id_hash = $1");
static struct store_sql Q_WINNER_INSERT = STORE_SQL(
	"INSERT INTO past_winner (family, year, organisation_id, person_id, track_code, source, created_at, uscc, "
	"id_hash, owner_region, id_masked) VALUES ($1, $2, NULLIF(CAST($3 AS BIGINT), 0), NULLIF(CAST($4 AS BIGINT), 0), "
	"$5, $6, $7, $8, $9, $10, $11) RETURNING id");
static struct store_sql Q_WINNER_UPDATE = STORE_SQL(
	"UPDATE past_winner SET family = $1, year = $2, organisation_id = NULLIF(CAST($3 AS BIGINT), 0), "
	"person_id = NULLIF(CAST($4 AS BIGINT), 0), track_code = $5, source = $6, uscc = $7, id_hash = $8, "
	"id_masked = $9 WHERE id = $10");
static struct store_sql Q_WINNER_LIST = STORE_SQL(
	"SELECT w.id, w.family, w.year, w.track_code, w.source, coalesce(w.uscc, ''), "
	"coalesce(w.id_masked, p.id_masked, ''), w.owner_region FROM past_winner w "
	"LEFT JOIN person p ON p.id = w.person_id WHERE w.removed_at IS NULL ORDER BY w.id");
static struct store_sql Q_WINNER_OWNER = STORE_SQL(
	"SELECT owner_region FROM past_winner WHERE id = $1 AND removed_at IS NULL");
static struct store_sql Q_WINNER_ROW = STORE_SQL(
	"SELECT w.owner_region, w.family, w.year, w.track_code, w.source, coalesce(w.uscc, ''), "
	"coalesce(w.id_masked, p.id_masked, '') FROM past_winner w LEFT JOIN person p ON p.id = w.person_id "
	"WHERE w.id = $1 AND w.removed_at IS NULL");
static struct store_sql Q_WINNER_REMOVE = STORE_SQL(
	"UPDATE past_winner SET removed_at = $1, removed_reason = $2 WHERE id = $3");

const char *applicant_industry_name(const char *letter)
{
	if (!letter || letter[0] < 'A' || letter[0] > 'T' || letter[1])
		return "";
	return industries[letter[0] - 'A'];
}

void applicant_mask_uscc(const char *uscc, char *out, size_t cap)
{
	ident_mask_span(uscc, strlen(uscc), 6, 2, out, cap);
}

bool applicant_staff_may_act(const struct app_actor *actor, const char *region)
{
	if (actor->kind == ACTOR_CLI)
		return true;
	if (actor->kind != ACTOR_ACCOUNT || (actor->role != ROLE_OFFICE && actor->role != ROLE_COUNTY))
		return false;
	return access_region_allows(actor->role, actor->region, region);
}

/*
 * Who registers: an applicant for itself (bound to its account, once), or a
 * county / office for an applicant of its region. *bind receives the account
 * to bind (0 for none).
 */
static int may_register(struct store_conn *c, const struct app_actor *actor, const char *region, int64_t *bind,
			struct px_err *err)
{
	struct store_stmt *s;
	int rc;

	*bind = 0;
	if (actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_APPLICANT) {
		if ((rc = store_prepare(c, &Q_ACCOUNT_BOUND, &s, err)))
			return rc;
		store_bind_int(s, 1, actor->id);
		rc = store_step(s, err);
		store_reset(s);
		if (rc < 0)
			return rc;
		if (rc == STORE_ROW)
			return px_err_set(err, PX_ECONFLICT, "account_has_applicant", NULL,
					  "this account is bound to an applicant already");
		*bind = actor->id;
		return 0;
	}
	if (!applicant_staff_may_act(actor, region))
		return px_err_set(err, PX_EFORBIDDEN, NULL, "region",
				  "only the applicant, its county or the office may register it");
	return 0;
}

static int find_registered(struct store_conn *c, struct store_sql *q, const char *key, int64_t *id,
			   struct px_err *err);

/*
 * An applicant account registered an identity registered already (found by
 * q with key): nothing is bound, the attempt is recorded for the identity's
 * owner (app/people/registration.h), and the caller answers as for a new one.
 */
static int claim(struct store_conn *c, const struct app_actor *actor, struct store_sql *q, const char *key,
		 bool organisation, const char *name, const char *region, struct px_err *err)
{
	int64_t target;
	int rc = find_registered(c, q, key, &target, err);
	if (rc)
		return rc;
	if (!target) /* removed meanwhile: cannot happen, rows are never deleted */
		return px_err_set(err, PX_EINTERNAL, NULL, NULL, "registered identity vanished");
	return registration_attempt_record(c, actor, organisation ? target : 0, organisation ? 0 : target, name, region,
					   err);
}

/*
 * Staff registering on paper meet a registered identity with 409; the owner
 * learns of it as of an applicant's attempt, recorded in a transaction of its
 * own (the refused registration's rolls back). rc is the registration's.
 */
struct conflict_tx {
	const struct app_actor *actor;
	const char *uscc, *id_number, *name, *region; /* one of uscc and id_number */
};

static int conflict_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct conflict_tx *x = arg;
	char hash[SECRET_HASH_HEX + 1];
	int rc;

	if (x->uscc)
		return claim(c, x->actor, &Q_ORG_BY_USCC, x->uscc, true, x->name, x->region, err);
	if ((rc = secret_ident_hash(c, "resident", x->id_number, hash, err)))
		return rc;
	return claim(c, x->actor, &Q_PERSON_BY_HASH, hash, false, x->name, x->region, err);
}

static int staff_conflict(struct app *app, int rc, const struct px_err *err, struct conflict_tx *x)
{
	if (rc == PX_ECONFLICT && err && (!strcmp(err->key, "organisation_exists") || !strcmp(err->key, "person_exists")))
		(void)app_tx(app, STORE_TX_WRITE, conflict_tx, x, NULL); /* best effort: the 409 stands either way */
	return rc;
}

/* Register an organisation: its region and the registrant checked, the row inserted, audited. */
struct org_tx {
	const struct app_actor *actor;
	const struct organisation_new *req;
	int64_t now, id;
};

static int org_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct org_tx *x = arg;
	const struct organisation_new *req = x->req;
	int64_t bind;
	int rc;

	if ((rc = input_county_region(c, req->region, "region", err)) ||
	    (rc = may_register(c, x->actor, req->region, &bind, err)))
		return rc;
	/* bind 0 (no account to bind) is stored as NULL by the statement */
	if ((rc = store_get(c, &Q_ORG_INSERT, err, "tttttii:i", req->uscc, req->name, req->industry, req->region,
			    req->founded_on, bind, x->now, &x->id)) < 0)
		return rc;
	if (rc == STORE_DONE && bind) /* an applicant for itself: answered as if new, the owner told */
		return claim(c, x->actor, &Q_ORG_BY_USCC, req->uscc, true, req->name, req->region, err);
	if (rc == STORE_DONE)
		return px_err_set(err, PX_ECONFLICT, "organisation_exists", "uscc",
				  "an organisation with USCC '%s' is registered already", req->uscc);
	json_t *payload = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b}", "uscc", req->uscc, "name", req->name, "industry",
				    req->industry, "region", req->region, "founded_on", req->founded_on, "bound",
				    bind != 0);
	return audit_record(c, x->actor, "organisation.create", "organisation", x->id, payload, err);
}

int organisation_create(struct app *app, const struct app_actor *actor, const struct organisation_new *req,
			int64_t *id, struct px_err *err)
{
	px_date founded;
	int rc;

	*id = 0;
	if (!req->uscc || !ident_uscc_check(req->uscc, strlen(req->uscc), NULL, err))
		return req->uscc ? PX_EINVAL : px_err_set(err, PX_EINVAL, "missing_field", "uscc", "'uscc' is required");
	if ((rc = input_line(req->name, 160, "name", err)) ||
	    (rc = input_past_date(req->founded_on, "founded_on", app_today(app), &founded, err)))
		return rc;
	if (!*applicant_industry_name(req->industry))
		return px_err_set(err, PX_EINVAL, "invalid_industry", "industry",
				  "'%s' is not a GB/T 4754-2017 section letter A to T", req->industry ? req->industry : "");
	struct org_tx x = { actor, req, app_now_us(app), 0 };
	struct conflict_tx k = { actor, req->uscc, NULL, req->name, req->region };
	if ((rc = app_tx(app, STORE_TX_WRITE, org_tx, &x, err)))
		return staff_conflict(app, rc, err, &k);
	*id = x.id;
	return 0;
}

/* Applicant-side visibility: the bound account, or staff whose scope holds the region. */
static bool applicant_visible(const struct app_actor *actor, int64_t account_id, const char *region)
{
	if (actor->kind == ACTOR_CLI)
		return true;
	if (actor->kind != ACTOR_ACCOUNT)
		return false;
	if (actor->role == ROLE_APPLICANT)
		return account_id && actor->id == account_id;
	return actor->role != ROLE_EXPERT && access_region_allows(actor->role, actor->region, region);
}

/* Load one organisation or person by id (columns: 4 region, 6 bound account) when the actor may see it. */
static int applicant_get(struct app *app, const struct app_actor *actor, struct store_sql *q, const char *what,
			 json_t *(*row_json)(struct store_stmt *s), int64_t id, json_t **out, struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	struct store_stmt *s;
	int rc = store_prepare(c, q, &s, err);

	if (rc)
		goto out;
	store_bind_int(s, 1, id);
	rc = store_step(s, err);
	if (rc == STORE_ROW && applicant_visible(actor, store_col_int(s, 6), store_col_text(s, 4))) {
		*out = row_json(s);
		rc = 0;
	} else if (rc >= 0) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "id", "no %s %lld", what, (long long)id);
	}
	store_reset(s);
out:
	store_release(c);
	return rc;
}

static json_t *organisation_row_json(struct store_stmt *s)
{
	const char *ind = store_col_text(s, 3);
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "id", (json_int_t)store_col_int(s, 0), "uscc",
			 store_col_text(s, 1), "name", store_col_text(s, 2), "industry", ind, "industry_name",
			 applicant_industry_name(ind), "region", store_col_text(s, 4), "founded_on",
			 store_col_text(s, 5), "bound", store_col_int(s, 6) != 0);
}

int organisation_get(struct app *app, const struct app_actor *actor, int64_t id, json_t **out,
		     struct px_err *err)
{
	return applicant_get(app, actor, &Q_ORG_GET, "organisation", organisation_row_json, id, out, err);
}

struct person_tx {
	const struct app_actor *actor;
	const struct person_new *req;
	const char *id, *masked, *mobile, *m_masked; /* the checked ID number, its masked copy; mobile or "" */
	int64_t now, row;
};

/* Register a person: region and registrant checked, identifiers hashed, the row inserted, audited. */
static int person_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct person_tx *x = arg;
	const struct person_new *req = x->req;
	char id_hash[SECRET_HASH_HEX + 1], m_hash[SECRET_HASH_HEX + 1];
	const char *mh = x->mobile[0] ? m_hash : NULL, *mm = x->mobile[0] ? x->m_masked : NULL;
	int64_t bind;
	int rc;

	if ((rc = input_county_region(c, req->region, "region", err)) ||
	    (rc = may_register(c, x->actor, req->region, &bind, err)) ||
	    (rc = secret_ident_hash(c, "resident", x->id, id_hash, err)) ||
	    (x->mobile[0] && (rc = secret_ident_hash(c, "mobile", x->mobile, m_hash, err))))
		return rc;
	if ((rc = store_get(c, &Q_PERSON_INSERT, err, "ttttttiitt:i", id_hash, x->masked, req->name, req->employer,
			    req->region, req->quality_since, bind, x->now, mh, mm, &x->row)) < 0)
		return rc;
	if (rc == STORE_DONE && bind) /* an applicant for itself: answered as if new, the owner told */
		return claim(c, x->actor, &Q_PERSON_BY_HASH, id_hash, false, req->name, req->region, err);
	if (rc == STORE_DONE)
		return px_err_set(err, PX_ECONFLICT, "person_exists", "id_number",
				  "a person with ID number %s is registered already", x->masked);
	json_t *payload = json_pack("{s:s, s:s, s:s, s:s, s:b}", "id_masked", x->masked, "name", req->name, "region",
				    req->region, "quality_since", req->quality_since, "bound", bind != 0);
	return audit_record(c, x->actor, "person.create", "person", x->row, payload, err);
}

int person_create(struct app *app, const struct app_actor *actor, const struct person_new *req, int64_t *id,
		  struct px_err *err)
{
	struct ident_resident info;
	char masked[IDENT_RESIDENT_LEN + 1], mobile[IDENT_MOBILE_LEN + 1] = "", m_masked[IDENT_MOBILE_LEN + 1];
	px_date today = app_today(app), since;
	int rc;

	*id = 0;
	if (!req->id_number)
		return px_err_set(err, PX_EINVAL, "missing_field", "id_number", "'id_number' is required");
	if (!ident_resident_check(req->id_number, strlen(req->id_number), today, &info, err)) {
		if (err)
			snprintf(err->field, sizeof(err->field), "id_number");
		return PX_EINVAL;
	}
	if ((rc = input_line(req->name, 64, "name", err)) || (rc = input_line(req->employer, 160, "employer", err)) ||
	    (rc = input_past_date(req->quality_since, "quality_since", today, &since, err)))
		return rc;
	if (since <= info.birth)
		return px_err_set(err, PX_EINVAL, "before_birth", "quality_since",
				  "quality work cannot start before the birth date in the ID number");
	if (req->mobile && !ident_mobile_check(req->mobile, strlen(req->mobile), mobile, err)) {
		if (err)
			snprintf(err->field, sizeof(err->field), "mobile");
		return PX_EINVAL;
	}
	ident_mask(info.id, strlen(info.id), masked, sizeof(masked));
	ident_mask_span(mobile, strlen(mobile), 3, 4, m_masked, sizeof(m_masked));
	struct person_tx x = { actor, req, info.id, masked, mobile, m_masked, app_now_us(app), 0 };
	struct conflict_tx k = { actor, NULL, info.id, req->name, req->region };
	if ((rc = app_tx(app, STORE_TX_WRITE, person_tx, &x, err)))
		return staff_conflict(app, rc, err, &k);
	*id = x.row;
	return 0;
}

static json_t *person_row_json(struct store_stmt *s)
{
	const char *mobile = store_col_text(s, 7);
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s?, s:b}", "id", (json_int_t)store_col_int(s, 0),
			 "id_masked", store_col_text(s, 1), "name", store_col_text(s, 2), "employer",
			 store_col_text(s, 3), "region", store_col_text(s, 4), "quality_since", store_col_text(s, 5),
			 "mobile_masked", mobile[0] ? mobile : NULL, "bound", store_col_int(s, 6) != 0);
}

int person_get(struct app *app, const struct app_actor *actor, int64_t id, json_t **out, struct px_err *err)
{
	return applicant_get(app, actor, &Q_PERSON_GET, "person", person_row_json, id, out, err);
}

int applicant_mine(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err)
{
	struct store_conn *c;
	int64_t org = 0, person = 0;
	json_t *o = NULL, *p = NULL;
	int rc;

	*out = NULL;
	if (!app_actor_is(actor, ROLE_APPLICANT))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "only an applicant account has an identity of its own");
	c = store_acquire(app->st);
	rc = store_get(c, &Q_MINE, err, "i:ii", actor->id, &org, &person);
	store_release(c);
	if (rc < 0 || (org && (rc = organisation_get(app, actor, org, &o, err))) ||
	    (person && (rc = person_get(app, actor, person, &p, err)))) {
		json_decref(o);
		return rc;
	}
	*out = json_pack("{s:o?, s:o?}", "organisation", o, "person", p);
	return *out ? 0 : px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
}

/* The id of a registered applicant with this USCC or ID hash, 0 when none. */
static int find_registered(struct store_conn *c, struct store_sql *q, const char *key, int64_t *id,
			   struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, q, &s, err);
	*id = 0;
	if (rc)
		return rc;
	store_bind_text(s, 1, key);
	rc = store_step(s, err);
	if (rc == STORE_ROW)
		*id = store_col_int(s, 0);
	store_reset(s);
	return rc < 0 ? rc : 0;
}

static bool family_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	return n > 0 && n <= 64 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

struct winner_tx {
	const struct app_actor *actor;
	const struct past_winner_new *req;
	const char *id_number, *masked; /* the checked ID number and its masked copy, or NULL and "" */
	int64_t now, id;                /* id: the new record's (add) or the one corrected */
	const char *reason;             /* why a record is corrected */
};

/* The registration a past winner's identifier names (0 when none) and, for a person, the keyed hash. */
static int winner_identity(struct store_conn *c, const struct past_winner_new *req, const char *id_number,
			   int64_t *org, int64_t *person, char hash[SECRET_HASH_HEX + 1], struct px_err *err)
{
	int rc;

	*org = *person = 0;
	hash[0] = '\0';
	if (req->uscc)
		return find_registered(c, &Q_ORG_BY_USCC, req->uscc, org, err);
	if ((rc = secret_ident_hash(c, "resident", id_number, hash, err)))
		return rc;
	return find_registered(c, &Q_PERSON_BY_HASH, hash, person, err);
}

/* The audited shape of a past-winner record: identifiers only as the USCC and the masked ID number. */
static json_t *winner_json(const char *family, int year, const char *uscc, const char *masked, const char *track,
			   const char *source)
{
	return json_pack("{s:s, s:i, s:s?, s:s?, s:s, s:s}", "family", family, "year", year, "uscc",
			 uscc && *uscc ? uscc : NULL, "id_masked", masked && *masked ? masked : NULL, "track", track,
			 "source", source);
}

/* Record a past winner, linked to its registration when there is one, owned by the office's region. */
static int winner_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct winner_tx *x = arg;
	const struct past_winner_new *req = x->req;
	char hash[SECRET_HASH_HEX + 1];
	int64_t org, person;
	int rc;

	if ((rc = winner_identity(c, req, x->id_number, &org, &person, hash, err)) ||
	    (rc = store_get(c, &Q_WINNER_INSERT, err, "tiiittitttt:i", req->family, (int64_t)req->year, org, person,
			    req->track, req->source, x->now, req->uscc, hash[0] ? hash : NULL, x->actor->region,
			    x->masked[0] ? x->masked : NULL, &x->id)) < 0)
		return rc;
	return audit_record(c, x->actor, "past_winner.add", "past_winner", x->id,
			    winner_json(req->family, req->year, req->uscc, x->masked, req->track, req->source), err);
}

/*
 * Check a past-winner record as given; *info receives the checked resident
 * ID (when given) and masked its masked copy ("" for an organisation).
 */
static int winner_check(struct app *app, const struct app_actor *actor, const struct past_winner_new *req,
			struct ident_resident *info, char masked[IDENT_RESIDENT_LEN + 1], struct px_err *err)
{
	int rc;

	masked[0] = '\0';
	if (!(actor->kind == ACTOR_CLI || app_actor_is(actor, ROLE_OFFICE)))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "only the office records past winners");
	if (!family_ok(req->family))
		return px_err_set(err, PX_EINVAL, "invalid_family", "family", "a family is 1 to 64 of a-z, 0-9 and '-'");
	if (req->year < 1980 || req->year > 2100)
		return px_err_set(err, PX_EINVAL, "out_of_range", "year", "year %d is not 1980..2100", req->year);
	if ((rc = input_line(req->track, 32, "track", err)) || (rc = input_line(req->source, 200, "source", err)))
		return rc;
	if (!req->uscc == !req->id_number)
		return px_err_set(err, PX_EINVAL, "missing_field", "uscc", "give exactly one of 'uscc' and 'id_number'");
	if (req->uscc && !ident_uscc_check(req->uscc, strlen(req->uscc), NULL, err))
		return PX_EINVAL;
	if (req->id_number && !ident_resident_check(req->id_number, strlen(req->id_number), app_today(app), info, err)) {
		if (err)
			snprintf(err->field, sizeof(err->field), "id_number");
		return PX_EINVAL;
	}
	if (req->id_number)
		ident_mask(info->id, strlen(info->id), masked, IDENT_RESIDENT_LEN + 1);
	return 0;
}

int past_winner_add(struct app *app, const struct app_actor *actor, const struct past_winner_new *req,
		    int64_t *id, struct px_err *err)
{
	struct ident_resident info;
	char masked[IDENT_RESIDENT_LEN + 1];
	int rc;

	*id = 0;
	if ((rc = winner_check(app, actor, req, &info, masked, err)))
		return rc;
	struct winner_tx x = { actor, req, req->id_number ? info.id : NULL, masked, app_now_us(app), 0 };
	if ((rc = app_tx(app, STORE_TX_WRITE, winner_tx, &x, err)))
		return rc;
	*id = x.id;
	return 0;
}

/* Correct a past winner in place, by an office of the region that owns it; old and new values audited. */
static int winner_correct_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct winner_tx *x = arg;
	const struct past_winner_new *req = x->req;
	char owner[16] = "", family[72] = "", track[40] = "", source[208] = "", uscc[40] = "", masked[40] = "";
	char hash[SECRET_HASH_HEX + 1];
	int64_t org, person;
	int year = 0;
	int rc = store_get(c, &Q_WINNER_ROW, err, "i:bbdbbbb", x->id, owner, sizeof(owner), family, sizeof(family),
			   &year, track, sizeof(track), source, sizeof(source), uscc, sizeof(uscc), masked,
			   sizeof(masked));

	if (rc < 0)
		return rc;
	if (rc != STORE_ROW || !app_actor_in_region(x->actor, owner, NULL))
		return px_err_set(err, PX_ENOTFOUND, NULL, "id", "no past winner %lld", (long long)x->id);
	if ((rc = winner_identity(c, req, x->id_number, &org, &person, hash, err)) ||
	    (rc = store_run(c, &Q_WINNER_UPDATE, err, "tiiittttti", req->family, (int64_t)req->year, org, person,
			    req->track, req->source, req->uscc, hash[0] ? hash : NULL,
			    x->masked[0] ? x->masked : NULL, x->id)))
		return rc;
	json_t *payload = json_pack("{s:o, s:o, s:s}", "old", winner_json(family, year, uscc, masked, track, source),
				    "new", winner_json(req->family, req->year, req->uscc, x->masked, req->track,
						       req->source), "reason", x->reason);
	return audit_record(c, x->actor, "past_winner.correct", "past_winner", x->id, payload, err);
}

int past_winner_correct(struct app *app, const struct app_actor *actor, int64_t id,
			const struct past_winner_new *req, const char *reason, struct px_err *err)
{
	struct ident_resident info;
	char masked[IDENT_RESIDENT_LEN + 1];
	int rc;

	if ((rc = winner_check(app, actor, req, &info, masked, err)) ||
	    (rc = input_line(reason, 2000, "reason", err)))
		return rc;
	struct winner_tx x = { actor, req, req->id_number ? info.id : NULL, masked, app_now_us(app), id, reason };
	return app_tx(app, STORE_TX_WRITE, winner_correct_tx, &x, err);
}

int past_winner_list(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	json_t *list = json_array();
	struct store_stmt *s;
	char masked[40];
	int rc;

	*out = NULL;
	if (!app_actor_is(actor, ROLE_OFFICE)) {
		rc = px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "only the office reads past winners");
		goto out;
	}
	if ((rc = store_prepare(c, &Q_WINNER_LIST, &s, err)))
		goto out;
	while ((rc = store_step(s, err)) == STORE_ROW) {
		if (!app_actor_in_region(actor, store_col_text(s, 7), NULL))
			continue; /* another region's register */
		applicant_mask_uscc(store_col_text(s, 5), masked, sizeof(masked));
		json_array_append_new(list, json_pack("{s:I, s:s, s:i, s:s, s:s, s:s?, s:s?, s:s}", "id",
						      (json_int_t)store_col_int(s, 0), "family", store_col_text(s, 1),
						      "year", (int)store_col_int(s, 2), "track", store_col_text(s, 3),
						      "source", store_col_text(s, 4), "uscc_masked",
						      *store_col_text(s, 5) ? masked : NULL, "id_masked",
						      *store_col_text(s, 6) ? store_col_text(s, 6) : NULL, "region",
						      store_col_text(s, 7)));
	}
	store_reset(s);
	if (rc < 0)
		goto out;
	rc = 0;
	*out = json_pack("{s:O}", "past_winners", list);
out:
	json_decref(list);
	store_release(c);
	return rc;
}

struct winner_remove_tx {
	const struct app_actor *actor;
	int64_t id, now;
	const char *reason;
};

/* Mark a past winner removed, by an office of the region that owns it (404 to any other). */
static int winner_remove_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct winner_remove_tx *x = arg;
	char owner[16] = "";
	int rc = store_get(c, &Q_WINNER_OWNER, err, "i:b", x->id, owner, sizeof(owner));
	if (rc < 0)
		return rc;
	if (rc != STORE_ROW || !app_actor_in_region(x->actor, owner, NULL))
		return px_err_set(err, PX_ENOTFOUND, NULL, "id", "no past winner %lld", (long long)x->id);
	if ((rc = store_run(c, &Q_WINNER_REMOVE, err, "iti", x->now, x->reason, x->id)))
		return rc;
	return audit_record(c, x->actor, "past_winner.remove", "past_winner", x->id,
			    json_pack("{s:s}", "reason", x->reason), err);
}

int past_winner_remove(struct app *app, const struct app_actor *actor, int64_t id, const char *reason,
		       struct px_err *err)
{
	int rc;
	if (!app_actor_is(actor, ROLE_OFFICE))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "only the office corrects past winners");
	if ((rc = input_line(reason, 2000, "reason", err)))
		return rc;
	struct winner_remove_tx x = { actor, id, app_now_us(app), reason };
	return app_tx(app, STORE_TX_WRITE, winner_remove_tx, &x, err);
}
