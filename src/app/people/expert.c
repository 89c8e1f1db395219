/*
 * expert.c - the expert pool: CSV import checked row by row (all or
 * nothing), the list for the office, and removal with replacement of the
 * removed expert's open assignments (see expert.h).
 */
#include "app/people/expert.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/programme/office.h"
#include "app/input.h"
#include "app/json.h"
#include "app/tx.h"
#include "app/review/recusal.h"
#include "app/scope.h"
#include "core/ident.h"
#include "util/csv.h"

#define MAX_ROW_ERRORS 100

static struct store_sql Q_CODE_EXISTS = STORE_SQL("SELECT 1 FROM expert WHERE code = $1");
static struct store_sql Q_REGION = STORE_SQL("SELECT 1 FROM region WHERE code = $1");
static struct store_sql Q_ACCOUNT = STORE_SQL("SELECT id, role FROM account WHERE login = $1");
static struct store_sql Q_BOUND = STORE_SQL("SELECT code FROM expert WHERE account_id = $1");
static struct store_sql Q_ORG_BY_USCC = STORE_SQL("SELECT id FROM organisation WHERE uscc = $1");
static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO expert (code, name, employer, region, fields, account_id, active, created_at, owner_region) "
	"VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8) RETURNING id");
static struct store_sql Q_CONFLICT = STORE_SQL(
	"INSERT INTO expert_conflict (expert_id, organisation_id, person_id, reason, source, target, created_at) "
	"VALUES ($1, $2, NULL, $3, 'imported', $4, $5)");
static struct store_sql Q_LIST = STORE_SQL(
	"SELECT e.id, e.code, e.name, e.employer, e.region, e.fields, e.active, coalesce(e.removed_reason, ''), "
	"coalesce(a.login, ''), (SELECT count(*) FROM assignment x WHERE x.expert_id = e.id AND x.state = 'active'), "
	"e.owner_region FROM expert e LEFT JOIN account a ON a.id = e.account_id ORDER BY e.code");
static struct store_sql Q_CONFLICTS = STORE_SQL(
	"SELECT k.expert_id, coalesce(k.target, ''), coalesce(k.organisation_id, 0), coalesce(k.person_id, 0), "
	"k.source, k.reason FROM expert_conflict k ORDER BY k.expert_id, k.id");
static struct store_sql Q_OF_ACCOUNT = STORE_SQL("SELECT id FROM expert WHERE account_id = $1 ORDER BY id");
static struct store_sql Q_EXPERT = STORE_SQL("SELECT code, active, owner_region FROM expert WHERE id = $1");
static struct store_sql Q_DEACTIVATE = STORE_SQL(
	"UPDATE expert SET active = 0, removed_reason = $1 WHERE id = $2 AND active = 1 RETURNING id");
/* open assignments: active, in a review stage that is the programme's current stage */
static struct store_sql Q_OPEN = STORE_SQL(
	"SELECT x.id FROM assignment x JOIN draw d ON d.id = x.draw_id "
	"JOIN programme g ON g.id = d.programme_id "
	"JOIN stage s ON s.programme_id = g.id AND s.seq = g.stage_seq "
	"WHERE x.expert_id = $1 AND x.state = 'active' AND s.code = x.stage_code ORDER BY x.id");

/* The columns of an import, by header name. */
enum col { C_CODE, C_NAME, C_EMPLOYER, C_REGION, C_FIELDS, C_CONFLICTS, C_LOGIN, C_COUNT };
static const struct {
	const char *name;
	bool required;
} columns[C_COUNT] = {
	[C_CODE] = { "code", true },         [C_NAME] = { "name", true },
	[C_EMPLOYER] = { "employer", true }, [C_REGION] = { "region", true },
	[C_FIELDS] = { "fields", true },     [C_CONFLICTS] = { "conflicts", true },
	[C_LOGIN] = { "login", false },
};

/* ---- import ---- */

struct import {
	struct app *app;
	const struct app_actor *actor;
	const char *csv;
	size_t len;
	json_t *rows;      /* faults */
	json_t *seen;      /* codes and logins in the file */
	json_t *codes;     /* imported */
	json_t *out;
	int col[C_COUNT];
};

static void fault(struct import *im, size_t line, enum col c, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static void fault(struct import *im, size_t line, enum col c, const char *code, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	if (json_array_size(im->rows) >= MAX_ROW_ERRORS)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	json_array_append_new(im->rows, json_pack("{s:I, s:s, s:s, s:s}", "line", (json_int_t)line, "column",
						  columns[c].name, "code", code, "message", msg));
}

static bool exists(struct store_conn *c, struct store_sql *q, const char *v, struct px_err *err, int *rc)
{
	struct store_stmt *s;
	if ((*rc = store_prepare(c, q, &s, err)))
		return false;
	store_bind_text(s, 1, v);
	*rc = store_step(s, err);
	store_reset(s);
	bool yes = *rc == STORE_ROW;
	*rc = *rc < 0 ? *rc : 0;
	return yes;
}

static bool code_ok(const char *s)
{
	size_t n = strlen(s);
	return n >= 1 && n <= 32 &&
	       strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

static bool text_ok(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n == 0 || n > max)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

/*
 * Split a ';'-separated list into trimmed items and call fn on each
 * (empty items are skipped). Returns the number of items.
 */
typedef void (*item_fn)(struct import *im, size_t line, const char *item, void *arg);
static size_t each_item(struct import *im, size_t line, const char *list, item_fn fn, void *arg)
{
	char item[512];
	size_t count = 0;
	while (*list) {
		size_t n = strcspn(list, ";");
		const char *b = list, *e = list + n;
		while (b < e && (*b == ' ' || *b == '\t'))
			b++;
		while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (e > b) {
			size_t len = (size_t)(e - b) < sizeof(item) - 1 ? (size_t)(e - b) : sizeof(item) - 1;
			memcpy(item, b, len);
			item[len] = '\0';
			if (fn)
				fn(im, line, item, arg);
			count++;
		}
		list += n + (list[n] == ';');
	}
	return count;
}

static void check_field(struct import *im, size_t line, const char *item, void *arg)
{
	(void)arg;
	size_t n = strlen(item);
	if (n > 32 || strspn(item, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") != n)
		fault(im, line, C_FIELDS, "invalid_field", "field '%.40s' is not a code of A-Z, a-z, 0-9, '.', '_', '-'",
		      item);
}

/* An item of 18 characters of 0-9 and A-Z is meant as a USCC and must be one; anything else is a name. */
static bool looks_like_uscc(const char *s)
{
	return strlen(s) == IDENT_USCC_LEN && strspn(s, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") == IDENT_USCC_LEN;
}

static void check_conflict(struct import *im, size_t line, const char *item, void *arg)
{
	(void)arg;
	struct px_err e = { 0 };
	if (looks_like_uscc(item)) {
		if (!ident_uscc_check(item, strlen(item), NULL, &e))
			fault(im, line, C_CONFLICTS, "invalid_uscc", "'%s' is not a valid unified social credit code: %s",
			      item, e.msg);
	} else if (!text_ok(item, 128)) {
		fault(im, line, C_CONFLICTS, "invalid_text", "a conflict is a USCC or an employer name of 1 to 128 bytes");
	}
}

static void collect(struct import *im, size_t line, const char *item, void *arg)
{
	(void)im;
	(void)line;
	json_array_append_new((json_t *)arg, json_string(item));
}

static const char *field_of(struct import *im, struct csv_reader *r, enum col c)
{
	return im->col[c] >= 0 ? csv_field(r, (size_t)im->col[c]) : "";
}

static int check_row(struct import *im, struct store_conn *c, struct csv_reader *r, struct px_err *err)
{
	const char *code = field_of(im, r, C_CODE), *login = field_of(im, r, C_LOGIN);
	const char *region = field_of(im, r, C_REGION);
	char key[80];
	size_t line = r->line;
	int rc = 0;

	if (!code_ok(code)) {
		fault(im, line, C_CODE, "invalid_code", "code '%.40s' must be 1 to 32 of A-Z, a-z, 0-9, '_', '-'", code);
	} else {
		snprintf(key, sizeof(key), "code:%s", code);
		if (json_object_get(im->seen, key))
			fault(im, line, C_CODE, "duplicate_code", "code '%s' appears twice in the file", code);
		json_object_set_new(im->seen, key, json_true());
		if (exists(c, &Q_CODE_EXISTS, code, err, &rc))
			fault(im, line, C_CODE, "expert_exists", "expert '%s' is in the pool already", code);
		if (rc)
			return rc;
	}
	if (!text_ok(field_of(im, r, C_NAME), 64))
		fault(im, line, C_NAME, "invalid_text", "name must be 1 to 64 bytes without control characters");
	if (!text_ok(field_of(im, r, C_EMPLOYER), 128))
		fault(im, line, C_EMPLOYER, "invalid_text", "employer must be 1 to 128 bytes without control characters");
	if (!access_region_valid(region)) {
		fault(im, line, C_REGION, "unknown_region", "region '%.40s' is not a six-digit division code", region);
	} else {
		bool known = exists(c, &Q_REGION, region, err, &rc);
		if (rc)
			return rc;
		if (!known)
			fault(im, line, C_REGION, "unknown_region", "region '%s' is not a known division", region);
	}
	if (each_item(im, line, field_of(im, r, C_FIELDS), check_field, NULL) > EXPERT_MAX_FIELDS)
		fault(im, line, C_FIELDS, "too_many_fields", "at most %d fields", EXPERT_MAX_FIELDS);
	if (each_item(im, line, field_of(im, r, C_CONFLICTS), check_conflict, NULL) > EXPERT_MAX_CONFLICTS)
		fault(im, line, C_CONFLICTS, "too_many_conflicts", "at most %d declared conflicts", EXPERT_MAX_CONFLICTS);
	if (*login) {
		struct store_stmt *s;
		int64_t account = 0;
		char role[16] = "";
		if ((rc = store_prepare(c, &Q_ACCOUNT, &s, err)))
			return rc;
		store_bind_text(s, 1, login);
		if ((rc = store_step(s, err)) == STORE_ROW) {
			account = store_col_int(s, 0);
			snprintf(role, sizeof(role), "%s", store_col_text(s, 1));
		}
		store_reset(s);
		if (rc < 0)
			return rc;
		snprintf(key, sizeof(key), "login:%.64s", login);
		if (!account) {
			fault(im, line, C_LOGIN, "unknown_login", "no account '%.64s'", login);
		} else if (strcmp(role, "expert")) {
			fault(im, line, C_LOGIN, "not_expert_account", "account '%.64s' has role '%s', not expert", login, role);
		} else if (json_object_get(im->seen, key)) {
			fault(im, line, C_LOGIN, "login_bound", "account '%.64s' appears twice in the file", login);
		} else {
			if ((rc = store_prepare(c, &Q_BOUND, &s, err)))
				return rc;
			store_bind_int(s, 1, account);
			if ((rc = store_step(s, err)) == STORE_ROW)
				fault(im, line, C_LOGIN, "login_bound", "account '%.64s' is bound to expert '%s' already", login,
				      store_col_text(s, 0));
			store_reset(s);
			if (rc < 0)
				return rc;
		}
		json_object_set_new(im->seen, key, json_true());
	}
	return 0;
}

static int insert_row(struct import *im, struct store_conn *c, struct csv_reader *r, struct px_err *err)
{
	const char *login = field_of(im, r, C_LOGIN);
	json_t *fields = json_array(), *conflicts = json_array();
	struct store_stmt *s;
	int64_t id = 0, account = 0, now = store_now_us();
	char *fields_text = NULL;
	size_t i;
	json_t *v;
	int rc = 0;

	each_item(im, r->line, field_of(im, r, C_FIELDS), collect, fields);
	each_item(im, r->line, field_of(im, r, C_CONFLICTS), collect, conflicts);
	if (!(fields_text = json_dump_sorted(fields))) {
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		goto out;
	}
	if (*login) {
		if ((rc = store_prepare(c, &Q_ACCOUNT, &s, err)))
			goto out;
		store_bind_text(s, 1, login);
		if ((rc = store_step(s, err)) == STORE_ROW)
			account = store_col_int(s, 0);
		store_reset(s);
		if (rc < 0)
			goto out;
	}
	if ((rc = store_prepare(c, &Q_INSERT, &s, err)))
		goto out;
	store_bind_text(s, 1, field_of(im, r, C_CODE));
	store_bind_text(s, 2, field_of(im, r, C_NAME));
	store_bind_text(s, 3, field_of(im, r, C_EMPLOYER));
	store_bind_text(s, 4, field_of(im, r, C_REGION));
	store_bind_text(s, 5, fields_text);
	if (account)
		store_bind_int(s, 6, account);
	else
		store_bind_null(s, 6);
	store_bind_int(s, 7, now);
	store_bind_text(s, 8, im->actor->region); /* the pool of the importing office's region */
	if ((rc = store_step(s, err)) == STORE_ROW)
		id = store_col_int(s, 0);
	store_reset(s);
	if (rc == PX_ECONFLICT)
		rc = px_err_set(err, PX_ECONFLICT, "expert_exists", "csv", "expert '%s' was added meanwhile",
				field_of(im, r, C_CODE));
	if (rc < 0)
		goto out;
	json_array_foreach(conflicts, i, v) {
		const char *target = json_string_value(v);
		int64_t org = 0;
		if (looks_like_uscc(target)) {
			if ((rc = store_prepare(c, &Q_ORG_BY_USCC, &s, err)))
				goto out;
			store_bind_text(s, 1, target);
			if ((rc = store_step(s, err)) == STORE_ROW)
				org = store_col_int(s, 0);
			store_reset(s);
			if (rc < 0)
				goto out;
		}
		if ((rc = org ? store_run(c, &Q_CONFLICT, err, "iitti", id, org, "declared in the pool import", target, now)
			      : store_run(c, &Q_CONFLICT, err, "intti", id, "declared in the pool import", target, now)))
			goto out;
	}
	json_array_append_new(im->codes, json_string(field_of(im, r, C_CODE)));
	rc = 0;
out:
	free(fields_text);
	json_decref(fields);
	json_decref(conflicts);
	return rc;
}

/* One pass over the file: check every row (insert = false) or insert them. */
static int pass(struct import *im, struct store_conn *c, bool insert, struct px_err *err)
{
	struct csv_opts o = { .max_field = 4096, .max_fields = 16, .max_records = EXPERT_MAX_ROWS + 1 };
	struct csv_reader r;
	int rc;

	csv_reader_init(&r, im->csv, im->len, &o);
	if ((rc = csv_next(&r, err)) <= 0) {
		if (!rc)
			rc = px_err_set(err, PX_EINVAL, "empty_csv", "csv", "the file has no header");
		goto out;
	}
	for (int i = 0; i < C_COUNT; i++) {
		im->col[i] = csv_find_column(&r, columns[i].name);
		if (im->col[i] < 0 && columns[i].required) {
			rc = px_err_set(err, PX_EINVAL, "bad_header", "csv",
					"the header lacks '%s' (code,name,employer,region,fields,conflicts[,login])",
					columns[i].name);
			goto out;
		}
	}
	while ((rc = csv_next(&r, err)) > 0)
		if ((rc = insert ? insert_row(im, c, &r, err) : check_row(im, c, &r, err)))
			goto out;
out:
	csv_reader_release(&r);
	return rc < 0 ? rc : 0;
}

static int import_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct import *im = arg;
	int rc;

	if (!app_actor_is(im->actor, ROLE_OFFICE))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "only the office imports experts");
	if ((rc = pass(im, c, false, err)))
		return rc;
	if (json_array_size(im->rows))
		return px_err_set(err, PX_EINVAL, "invalid_rows", "csv", "%zu faults in the file; nothing was imported",
				  json_array_size(im->rows));
	if ((rc = pass(im, c, true, err)))
		return rc;
	if (!json_array_size(im->codes))
		return px_err_set(err, PX_EINVAL, "empty_csv", "csv", "the file lists no experts");
	json_t *payload = json_pack("{s:I, s:O}", "imported", (json_int_t)json_array_size(im->codes), "codes", im->codes);
	rc = audit_append(c, im->actor, "expert.import", "expert:*", payload, err);
	json_decref(payload);
	if (!rc)
		im->out = json_pack("{s:I, s:O}", "imported", (json_int_t)json_array_size(im->codes), "experts", im->codes);
	return rc;
}

int expert_import(struct app *app, const struct app_actor *actor, const char *csv, size_t len, json_t **out,
		  json_t **rows, struct px_err *err)
{
	struct import im = { .app = app, .actor = actor, .csv = csv, .len = len, .rows = json_array(),
			     .seen = json_object(), .codes = json_array() };
	int rc;

	*out = NULL;
	*rows = NULL;
	if (len > EXPERT_CSV_MAX)
		rc = px_err_set(err, PX_ETOOBIG, "too_large", "csv", "an import is at most %u bytes", EXPERT_CSV_MAX);
	else
		rc = app_tx(app, STORE_TX_WRITE, import_tx, &im, err);
	*out = app_result(rc, im.out);
	if (rc && json_array_size(im.rows))
		*rows = json_incref(im.rows);
	json_decref(im.rows);
	json_decref(im.seen);
	json_decref(im.codes);
	return rc;
}

/* ---- list ---- */

struct list_arg {
	const struct app_actor *actor;
	json_t *out;
};

static int list_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct list_arg *l = arg;
	struct store_stmt *s;
	json_t *experts = json_array(), *by_id = json_object();
	char key[24];
	int rc;

	if (!app_actor_is(l->actor, ROLE_OFFICE)) {
		rc = px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "only the office reads the pool");
		goto out;
	}
	if ((rc = store_prepare(c, &Q_LIST, &s, err)))
		goto out;
	while ((rc = store_step(s, err)) == STORE_ROW) {
		if (!app_actor_in_region(l->actor, store_col_text(s, 10), NULL))
			continue; /* another region's pool */
		json_t *e = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:b, s:s?, s:s?, s:I, s:[]}", "id",
				      (json_int_t)store_col_int(s, 0), "code", store_col_text(s, 1), "name",
				      store_col_text(s, 2), "employer", store_col_text(s, 3), "region", store_col_text(s, 4),
				      "fields", json_parse_stored(store_col_text(s, 5)), "active", store_col_int(s, 6) != 0,
				      "removed_reason", *store_col_text(s, 7) ? store_col_text(s, 7) : NULL, "login",
				      *store_col_text(s, 8) ? store_col_text(s, 8) : NULL, "active_assignments",
				      (json_int_t)store_col_int(s, 9), "conflicts");
		snprintf(key, sizeof(key), "%" PRId64, store_col_int(s, 0));
		json_object_set(by_id, key, e);
		json_array_append_new(experts, e);
	}
	store_reset(s);
	if (rc < 0 || (rc = store_prepare(c, &Q_CONFLICTS, &s, err)))
		goto out;
	while ((rc = store_step(s, err)) == STORE_ROW) {
		snprintf(key, sizeof(key), "%" PRId64, store_col_int(s, 0));
		json_t *e = json_object_get(by_id, key);
		if (!e)
			continue;
		json_t *k = json_pack("{s:s?, s:s, s:s}", "target", *store_col_text(s, 1) ? store_col_text(s, 1) : NULL,
				      "source", store_col_text(s, 4), "reason", store_col_text(s, 5));
		if (store_col_int(s, 2))
			json_object_set_new(k, "organisation", json_integer(store_col_int(s, 2)));
		if (store_col_int(s, 3))
			json_object_set_new(k, "person", json_integer(store_col_int(s, 3)));
		json_array_append_new(json_object_get(e, "conflicts"), k);
	}
	store_reset(s);
	if (rc < 0)
		goto out;
	rc = 0;
	l->out = json_pack("{s:O}", "experts", experts);
out:
	json_decref(experts);
	json_decref(by_id);
	return rc;
}

int expert_list(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err)
{
	struct list_arg l = { actor, NULL };
	return app_tx_json(app, STORE_TX_READ, list_tx, &l, &l.out, out, err);
}

int expert_of_account(struct store_conn *c, int64_t account_id, int64_t *expert_id, struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_OF_ACCOUNT, &s, err);
	*expert_id = 0;
	if (rc)
		return rc;
	store_bind_int(s, 1, account_id);
	if ((rc = store_step(s, err)) == STORE_ROW)
		*expert_id = store_col_int(s, 0);
	store_reset(s);
	return rc < 0 ? rc : 0;
}

/* ---- removal ---- */

struct remove_arg {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	const char *reason;
	json_t *out;
};

static int remove_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct remove_arg *m = arg;
	struct store_stmt *s;
	char code[40] = "", object[40];
	int64_t open[512];
	size_t nopen = 0;
	json_t *replaced = json_array();
	int rc;

	if (!app_actor_is(m->actor, ROLE_OFFICE)) {
		rc = px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "only the office removes experts");
		goto out;
	}
	if ((rc = input_text(m->reason, 2000, "reason", err)) || (rc = store_prepare(c, &Q_EXPERT, &s, err)))
		goto out;
	store_bind_int(s, 1, m->id);
	if ((rc = store_step(s, err)) == STORE_ROW && !app_actor_in_region(m->actor, store_col_text(s, 2), NULL))
		rc = STORE_DONE; /* another region's expert does not exist for this office */
	else if (rc == STORE_ROW)
		snprintf(code, sizeof(code), "%s", store_col_text(s, 0));
	store_reset(s);
	if (rc < 0)
		goto out;
	if (rc == STORE_DONE) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "expert", "no expert %" PRId64, m->id);
		goto out;
	}
	if ((rc = store_prepare(c, &Q_DEACTIVATE, &s, err)))
		goto out;
	store_bind_text(s, 1, m->reason);
	store_bind_int(s, 2, m->id);
	rc = store_step(s, err);
	store_reset(s);
	if (rc == STORE_DONE)
		rc = px_err_set(err, PX_ECONFLICT, "already_removed", "expert", "expert '%s' is removed already", code);
	if (rc < 0)
		goto out;
	snprintf(object, sizeof(object), "expert:%" PRId64, m->id);
	json_t *payload = json_pack("{s:s, s:s}", "code", code, "reason", m->reason);
	rc = audit_append(c, m->actor, "expert.remove", object, payload, err);
	json_decref(payload);
	if (rc || (rc = store_prepare(c, &Q_OPEN, &s, err)))
		goto out;
	store_bind_int(s, 1, m->id);
	while ((rc = store_step(s, err)) == STORE_ROW && nopen < sizeof(open) / sizeof(open[0]))
		open[nopen++] = store_col_int(s, 0);
	store_reset(s);
	if (rc < 0)
		goto out;
	for (size_t i = 0; i < nopen; i++) {
		json_t *one;
		if ((rc = recusal_withdraw(m->app, c, m->actor, open[i], "removed", m->reason, &one, err)))
			goto out;
		json_array_append_new(replaced, one);
	}
	rc = 0;
	m->out = json_pack("{s:I, s:s, s:b, s:O}", "id", (json_int_t)m->id, "code", code, "active", 0, "withdrawn",
			   replaced);
out:
	json_decref(replaced);
	return rc;
}

int expert_remove(struct app *app, const struct app_actor *actor, int64_t expert_id, const char *reason,
		  json_t **out, struct px_err *err)
{
	struct remove_arg m = { app, actor, expert_id, reason, NULL };
	return app_tx_json(app, STORE_TX_WRITE, remove_tx, &m, &m.out, out, err);
}
