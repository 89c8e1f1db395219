/*
 * register.c - the certificate register of register.h: the table of status
 * moves, the status a date gives (expiry), the events kept with each
 * certificate, the public search and verification with its QR code, and the
 * housekeeping pass that records expiries.
 */
#include "app/programme/register.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/input.h"
#include "app/json.h"
#include "app/programme/certificate.h"
#include "app/scope.h"
#include "app/tx.h"
#include "core/access.h"
#include "core/validity.h"
#include "report/qr.h"

/* The status on a date ($1 = today), as SQL: a valid or suspended one past its end is expired. */
#define STATUS_ON "CASE WHEN c.status IN ('valid', 'suspended') AND c.valid_to < $1 THEN 'expired' ELSE c.status END"
#define ENTRY_COLS                                                                                          \
	"c.id, c.no, c.code, c.holder, coalesce(c.product, ''), coalesce(c.region, ''), coalesce(r.name, ''), " \
	"coalesce(c.valid_from, ''), coalesce(c.valid_to, ''), " STATUS_ON ", c.programme_id, coalesce(c.score, -1) "
#define ENTRY_FROM " FROM certificate c LEFT JOIN region r ON r.code = c.region "
#define SEARCH_WHERE                                                                                        \
	" WHERE c.valid_to IS NOT NULL AND ($2 = '' OR c.no LIKE $2 ESCAPE '!') AND "                          \
	"($3 = '' OR c.holder LIKE $3 ESCAPE '!' OR coalesce(c.product, '') LIKE $3 ESCAPE '!') AND "          \
	"($4 = '' OR c.region LIKE $4) AND (CAST($5 AS BIGINT) = 0 OR c.programme_id = $5) "
#define SEARCH(order) STORE_SQL("SELECT " ENTRY_COLS ENTRY_FROM SEARCH_WHERE "ORDER BY " order " LIMIT $6 OFFSET $7")

static struct store_sql Q_BY_NO = SEARCH("c.no, c.id");
static struct store_sql Q_BY_HOLDER = SEARCH("c.holder, c.no, c.id");
static struct store_sql Q_BY_VALID_TO = SEARCH("c.valid_to, c.no, c.id");
static struct store_sql Q_COUNT = STORE_SQL(
	"SELECT count(*) FROM certificate c WHERE c.valid_to IS NOT NULL AND "
	"($1 = '' OR c.no LIKE $1 ESCAPE '!') AND "
	"($2 = '' OR c.holder LIKE $2 ESCAPE '!' OR coalesce(c.product, '') LIKE $2 ESCAPE '!') AND "
	"($3 = '' OR c.region LIKE $3) AND (CAST($4 AS BIGINT) = 0 OR c.programme_id = $4)");
static struct store_sql Q_ENTRY_ID = STORE_SQL("SELECT " ENTRY_COLS ENTRY_FROM "WHERE c.id = $2");
static struct store_sql Q_ENTRY_CODE = STORE_SQL(
	"SELECT " ENTRY_COLS ENTRY_FROM "WHERE c.code = $2 AND c.valid_to IS NOT NULL");
static struct store_sql Q_SCOPE = STORE_SQL(
	"SELECT g.region, a.region FROM certificate c JOIN application a ON a.id = c.application_id "
	"JOIN programme g ON g.id = c.programme_id WHERE c.id = $1");
static struct store_sql Q_EVENTS = STORE_SQL(
	"SELECT action, coalesce(from_status, ''), to_status, reason, on_date, actor FROM certificate_event "
	"WHERE certificate_id = $1 ORDER BY id");
static struct store_sql Q_SET_STATUS = STORE_SQL("UPDATE certificate SET status = $1 WHERE id = $2");
static struct store_sql Q_EVENT = STORE_SQL(
	"INSERT INTO certificate_event (certificate_id, action, from_status, to_status, reason, on_date, actor, "
	"created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO certificate (no, code, application_id, programme_id, holder, track_code, issued_on, sha256, "
	"created_at, status, valid_from, valid_to, region, product, score) VALUES ($1, $2, $3, $4, $5, $6, $7, '', $8, "
	"'valid', $9, $10, $11, $12, NULLIF(CAST($13 AS BIGINT), -1)) RETURNING id");
static struct store_sql Q_DUE = STORE_SQL(
	"SELECT id, status, valid_to FROM certificate WHERE status IN ('valid', 'suspended') AND valid_to < $1 "
	"ORDER BY id");

/* The moves an office makes (expiry is the date's). */
static const struct {
	const char *action, *from[2], *to;
} moves[] = {
	{ "suspend", { "valid", NULL }, "suspended" },
	{ "reinstate", { "suspended", NULL }, "valid" },
	{ "revoke", { "valid", "suspended" }, "revoked" },
	{ "cancel", { "valid", "suspended" }, "cancelled" },
};

/* ---- entries as JSON ---- */

/* The verification link of a code: <public_url>/register/<code> (relative without a public URL). */
static void verify_url(const struct app *app, const char *code, char *out, size_t cap)
{
	const char *base = app->public_url ? app->public_url : "";
	size_t n = strlen(base);
	while (n && base[n - 1] == '/')
		n--;
	snprintf(out, cap, "%.*s/register/%s", (int)n, base, code);
}

/* The current row of an ENTRY_COLS statement; the review score for the office only. Caller owns the result. */
static json_t *entry_json(const struct app *app, struct store_stmt *s, bool office)
{
	char url[600], qr[80];
	const char *code = store_col_text(s, 2);
	int64_t score = store_col_int(s, 11);
	verify_url(app, code, url, sizeof(url));
	snprintf(qr, sizeof(qr), "/api/v1/register/%s/qr.svg", code);
	json_t *e = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s}", "id",
			      (json_int_t)store_col_int(s, 0), "no", store_col_text(s, 1), "code", code, "holder",
			      store_col_text(s, 3), "product", store_col_text(s, 4), "region", store_col_text(s, 5),
			      "region_name", store_col_text(s, 6), "valid_from", store_col_text(s, 7), "valid_to",
			      store_col_text(s, 8), "status", store_col_text(s, 9), "programme",
			      (json_int_t)store_col_int(s, 10), "url", url, "qr", qr);
	if (office)
		json_object_set_new(e, "score", score < 0 ? json_null() : json_hundredths(score));
	return e;
}

struct events_arg {
	json_t *list;
	bool with_actor;
};

static int event_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct events_arg *a = arg;
	(void)err;
	json_t *e = json_pack("{s:s, s:s, s:s, s:s, s:s}", "action", store_col_text(s, 0), "from", store_col_text(s, 1),
			      "to", store_col_text(s, 2), "reason", store_col_text(s, 3), "on", store_col_text(s, 4));
	if (a->with_actor)
		json_object_set_new(e, "actor", json_string(store_col_text(s, 5)));
	json_array_append_new(a->list, e);
	return 0;
}

/* The entry of certificate `id` (or of `code`) with its events in *out; PX_ENOTFOUND when absent. */
static int entry_load(struct app *app, struct store_conn *c, int64_t id, const char *code, bool office,
		      json_t **out, struct px_err *err)
{
	struct store_stmt *s;
	char today[11];
	int rc;
	date_format(app_today(app), today);
	if ((rc = store_prepare(c, code ? &Q_ENTRY_CODE : &Q_ENTRY_ID, &s, err)))
		return rc;
	store_bind_text(s, 1, today);
	if (code)
		store_bind_text(s, 2, code);
	else
		store_bind_int(s, 2, id);
	rc = store_step(s, err);
	if (rc == STORE_ROW) {
		*out = entry_json(app, s, office);
		id = store_col_int(s, 0);
	}
	store_reset(s);
	if (rc < 0)
		return rc;
	if (rc != STORE_ROW)
		return code ? px_err_set(err, PX_ENOTFOUND, "certificate_not_found", "code", "no certificate '%s'", code)
			    : px_err_set(err, PX_ENOTFOUND, "certificate_not_found", "id", "no certificate %" PRId64, id);
	struct events_arg ea = { json_array(), office };
	json_object_set_new(*out, "events", ea.list);
	return store_each(c, &Q_EVENTS, event_row, &ea, err, "i", id);
}

/* ---- issue and moves ---- */

static int add_event(struct store_conn *c, const struct app_actor *actor, int64_t id, const char *action,
		     const char *from, const char *to, const char *reason, px_date on, struct px_err *err)
{
	char day[11], who[32];
	date_format(on, day);
	app_actor_label(actor, who);
	return store_run(c, &Q_EVENT, err, "itttttti", id, action, from, to, reason, day, who, store_now_us());
}

int register_issue(struct store_conn *c, const struct app_actor *actor, const struct register_entry *e,
		   px_date today, int64_t *id, struct px_err *err)
{
	char code[CERTIFICATE_CODE_LEN + 3], on[11], from[11], to[11];
	int rc;
	certificate_code_new(code);
	date_format(today, on);
	date_format(e->valid_from, from);
	date_format(e->valid_to, to);
	rc = store_get(c, &Q_INSERT, err, "ttiitttitttti:i", e->no, code, e->application_id, e->programme_id,
		       e->holder, e->track, on, store_now_us(), from, to, e->region, e->product, e->score, id);
	if (rc != STORE_ROW)
		return rc < 0 ? rc : px_err_set(err, PX_EINTERNAL, NULL, NULL, "certificate not inserted");
	if ((rc = add_event(c, actor, *id, "issue", NULL, "valid", "issued", today, err)))
		return rc;
	return audit_record(c, actor, "certificate.issue", "certificate", *id,
			    json_pack("{s:s, s:I, s:s, s:s}", "no", e->no, "application", (json_int_t)e->application_id,
				      "valid_from", from, "valid_to", to),
			    err);
}

struct change_arg {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	const char *action, *reason, *to;
	const char *const *from;
	json_t *out;
};

/* The certificate's status on today (by its stored status and end), after the scope check. */
static int status_now(struct change_arg *a, struct store_conn *c, char status[16], char valid_to[16],
		      struct px_err *err)
{
	static struct store_sql Q_STATUS = STORE_SQL(
		"SELECT status, coalesce(valid_to, '') FROM certificate WHERE id = $1");
	char owner[8] = "", local[8] = "";
	int rc = store_get(c, &Q_SCOPE, err, "i:bb", a->id, owner, sizeof(owner), local, sizeof(local));
	if (rc < 0)
		return rc;
	if (rc != STORE_ROW || !app_actor_is(a->actor, ROLE_OFFICE) || !app_actor_in_region(a->actor, owner, local))
		return px_err_set(err, PX_ENOTFOUND, "certificate_not_found", "id", "no certificate %" PRId64, a->id);
	rc = store_get(c, &Q_STATUS, err, "i:bb", a->id, status, (size_t)16, valid_to, (size_t)16);
	return rc < 0 ? rc : 0;
}

static int change_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct change_arg *a = arg;
	char stored[16], valid_to[16], action[40];
	px_date today = app_today(a->app);
	int rc = status_now(a, c, stored, valid_to, err);
	if (rc)
		return rc;
	const char *now = validity_status_on(stored, valid_to[0] ? valid_to : NULL, today);
	if (!valid_to[0] || !((a->from[0] && !strcmp(now, a->from[0])) || (a->from[1] && !strcmp(now, a->from[1]))))
		return px_err_set(err, PX_ECONFLICT, "wrong_status", "action", "a certificate that is '%s' cannot %s",
				  now, a->action);
	if ((rc = store_run(c, &Q_SET_STATUS, err, "ti", a->to, a->id)) ||
	    (rc = add_event(c, a->actor, a->id, a->action, now, a->to, a->reason, today, err)))
		return rc;
	snprintf(action, sizeof(action), "certificate.%s", a->action);
	if ((rc = audit_record(c, a->actor, action, "certificate", a->id,
			       json_pack("{s:s, s:s, s:s}", "from", now, "to", a->to, "reason", a->reason), err)))
		return rc;
	return entry_load(a->app, c, a->id, NULL, true, &a->out, err);
}

int register_change(struct app *app, const struct app_actor *actor, int64_t id, const char *action,
		    const char *reason, json_t **out, struct px_err *err)
{
	struct change_arg a = { app, actor, id, action, reason, NULL, NULL, NULL };
	int rc;
	*out = NULL;
	for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]) && !a.to; i++)
		if (action && !strcmp(action, moves[i].action)) {
			a.to = moves[i].to;
			a.from = moves[i].from;
		}
	if (!a.to)
		return px_err_set(err, PX_EINVAL, "bad_action", "action",
				  "action must be suspend, reinstate, revoke or cancel, not '%s'", action ? action : "");
	if (!reason || !reason[0])
		return px_err_set(err, PX_EINVAL, "missing_field", "reason", "a reason is required");
	if ((rc = input_line(reason, REGISTER_REASON_MAX, "reason", err)))
		return rc;
	return app_tx_json(app, STORE_TX_WRITE, change_tx, &a, &a.out, out, err);
}

struct get_arg {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	const char *code;
	json_t *out;
};

static int get_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct get_arg *g = arg;
	if (g->actor) {
		struct change_arg a = { .app = g->app, .actor = g->actor, .id = g->id };
		char status[16], valid_to[16];
		int rc = status_now(&a, c, status, valid_to, err);
		if (rc)
			return rc;
	}
	return entry_load(g->app, c, g->id, g->code, g->actor != NULL, &g->out, err);
}

int register_get(struct app *app, const struct app_actor *actor, int64_t id, json_t **out, struct px_err *err)
{
	struct get_arg g = { app, actor, id, NULL, NULL };
	return app_tx_json(app, STORE_TX_READ, get_tx, &g, &g.out, out, err);
}

int register_verify(struct app *app, const char *code, json_t **out, struct px_err *err)
{
	char norm[CERTIFICATE_CODE_LEN + 3];
	*out = NULL;
	if (!certificate_code_normalise(code, norm))
		return px_err_set(err, PX_ENOTFOUND, "certificate_not_found", "code", "no certificate '%s'",
				  code ? code : "");
	struct get_arg g = { app, NULL, 0, norm, NULL };
	return app_tx_json(app, STORE_TX_READ, get_tx, &g, &g.out, out, err);
}

int register_qr(struct app *app, const char *code, char **svg, size_t *len, struct px_err *err)
{
	json_t *e = NULL;
	int rc = register_verify(app, code, &e, err);
	if (!rc)
		rc = qr_svg(json_string_value(json_object_get(e, "url")), svg, len, err);
	json_decref(e);
	return rc;
}

/* ---- the public register ---- */

/* A LIKE pattern: '!' escapes the wildcards of the text; `prefix` leaves the start anchored. */
static void like_pattern(const char *in, bool prefix, char *out, size_t cap)
{
	size_t o = 0;
	if (!in || !in[0]) {
		out[0] = '\0';
		return;
	}
	if (!prefix)
		out[o++] = '%';
	for (; *in && o + 3 < cap; in++) {
		if (*in == '%' || *in == '_' || *in == '!')
			out[o++] = '!';
		out[o++] = *in;
	}
	out[o++] = '%';
	out[o] = '\0';
}

struct search_arg {
	struct app *app;
	const struct register_query *q;
	struct store_sql *sql;
	char no[80], name[260], region[8];
	json_t *out;
};

static int search_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct search_arg *a = arg;
	(void)err;
	json_array_append_new(json_object_get(a->out, "entries"), entry_json(a->app, s, a->q->programme_id != 0));
	return 0;
}

static int search_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct search_arg *a = arg;
	char today[11];
	int64_t total = 0;
	int rc;
	date_format(app_today(a->app), today);
	if (a->q->programme_id) {
		static struct store_sql Q_REGION = STORE_SQL("SELECT region FROM programme WHERE id = $1");
		char region[8] = "";
		if ((rc = store_get(c, &Q_REGION, err, "i:b", a->q->programme_id, region, sizeof(region))) < 0)
			return rc;
		if (rc != STORE_ROW || !a->q->actor || !app_actor_in_region(a->q->actor, region, NULL))
			return px_err_set(err, PX_ENOTFOUND, NULL, "id", "no programme %" PRId64, a->q->programme_id);
	}
	rc = store_get(c, &Q_COUNT, err, "ttti:i", a->no, a->name, a->region, a->q->programme_id, &total);
	if (rc < 0)
		return rc;
	a->out = json_pack("{s:I, s:I, s:I, s:[]}", "total", (json_int_t)total, "page", (json_int_t)a->q->page,
			   "per_page", (json_int_t)a->q->per_page, "entries");
	return store_each(c, a->sql, search_row, a, err, "ttttiii", today, a->no, a->name, a->region,
			  a->q->programme_id, a->q->per_page, (a->q->page - 1) * a->q->per_page);
}

int register_search(struct app *app, const struct register_query *q, json_t **out, struct px_err *err)
{
	struct search_arg a = { .app = app, .q = q };
	const char *sort = q->sort && q->sort[0] ? q->sort : "no";
	*out = NULL;
	if (!strcmp(sort, "no"))
		a.sql = &Q_BY_NO;
	else if (!strcmp(sort, "holder"))
		a.sql = &Q_BY_HOLDER;
	else if (!strcmp(sort, "valid_to"))
		a.sql = &Q_BY_VALID_TO;
	else
		return px_err_set(err, PX_EINVAL, "bad_sort", "sort", "sort by no, holder or valid_to, not '%s'", sort);
	if (q->page < 1 || q->per_page < 1 || q->per_page > REGISTER_PER_PAGE_MAX)
		return px_err_set(err, PX_EINVAL, "bad_page", "page", "page from 1, per_page 1 to %d",
				  REGISTER_PER_PAGE_MAX);
	if (q->region && q->region[0]) {
		if (!access_region_valid(q->region) || !strcmp(q->region, "000000"))
			return px_err_set(err, PX_EINVAL, "bad_region", "region", "invalid division code '%s'",
					  q->region);
		size_t n = 6;
		while (n > 2 && q->region[n - 1] == '0' && q->region[n - 2] == '0')
			n -= 2;
		snprintf(a.region, sizeof(a.region), "%.*s%%", (int)n, q->region);
	}
	like_pattern(q->no, true, a.no, sizeof(a.no));
	like_pattern(q->name, false, a.name, sizeof(a.name));
	return app_tx_json(app, STORE_TX_READ, search_tx, &a, &a.out, out, err);
}

/* ---- expiry ---- */

struct due {
	int64_t id;
	char status[16];
	px_date end;
};

struct expire_arg {
	struct app *app;
	struct due *due;
	size_t n, cap;
};

static int due_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct expire_arg *a = arg;
	const char *end = store_col_text(s, 2);
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 16;
		struct due *d = realloc(a->due, cap * sizeof(*d));
		if (!d)
			return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		a->due = d;
		a->cap = cap;
	}
	struct due *d = &a->due[a->n];
	d->id = store_col_int(s, 0);
	snprintf(d->status, sizeof(d->status), "%s", store_col_text(s, 1));
	if (date_parse(end, strlen(end), &d->end))
		return px_err_set(err, PX_EINTERNAL, NULL, "valid_to", "stored end '%s' is not a date", end);
	a->n++;
	return 0;
}

static int expire_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct expire_arg *a = arg;
	char today[11], end[11];
	int rc;
	a->n = 0;
	date_format(app_today(a->app), today);
	if ((rc = store_each(c, &Q_DUE, due_row, a, err, "t", today)))
		return rc;
	for (size_t i = 0; i < a->n; i++) {
		struct due *d = &a->due[i];
		date_format(d->end, end);
		if ((rc = store_run(c, &Q_SET_STATUS, err, "ti", "expired", d->id)) ||
		    (rc = add_event(c, &app_actor_cli, d->id, "expire", d->status, "expired", "validity period ended",
				    d->end + 1, err)) ||
		    (rc = audit_record(c, &app_actor_cli, "certificate.expire", "certificate", d->id,
				       json_pack("{s:s, s:s, s:s}", "from", d->status, "valid_to", end, "during",
						 "housekeeping"),
				       err)))
			return rc;
	}
	return 0;
}

int register_expire_due(struct app *app, long long *n, struct px_err *err)
{
	struct expire_arg a = { app, NULL, 0, 0 };
	int rc = app_tx(app, STORE_TX_WRITE, expire_tx, &a, err);
	*n = rc ? 0 : (long long)a.n;
	free(a.due);
	return rc;
}
