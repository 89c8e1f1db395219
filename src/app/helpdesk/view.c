/*
 * view.c - reading help-desk problems (helpdesk.h): one with its visits, and
 * the list a person may read, filtered and paged. Who reads what: the staff
 * whose region holds the enterprise's county, the provider the problem is
 * routed to, and the enterprise's own account; the rating link only the
 * enterprise and the staff, never the provider.
 */
#include "app/helpdesk/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/people/applicant.h"
#include "app/scope.h"
#include "app/json.h"
#include "app/tx.h"
#include "core/helpdesk.h"

#define PROBLEM_COLS \
	"p.id, p.owner_region, p.organisation_id, o.name, o.uscc, coalesce(o.account_id, 0), p.field, p.title, " \
	"p.detail, p.source, p.state, coalesce(p.provider_id, 0), coalesce(v.name, ''), p.opened_on, p.respond_by, " \
	"p.resolve_by, coalesce(p.responded_on, 0), coalesce(p.resolved_on, 0), coalesce(p.resolution, ''), " \
	"coalesce(p.reopen_by, 0), coalesce(p.rating, 0), coalesce(p.rating_comment, ''), p.reopened "
#define PROBLEM_FROM " FROM hd_problem p JOIN organisation o ON o.id = p.organisation_id " \
	"LEFT JOIN hd_provider v ON v.id = p.provider_id "

static struct store_sql Q_ONE = STORE_SQL("SELECT " PROBLEM_COLS PROBLEM_FROM "WHERE p.id = $1");
/* The list's filter and the reader's part: staff by region prefix, a provider its own, an enterprise its own. */
#define LIST_WHERE "WHERE ($1 = '' OR p.state = $1) AND ($2 = '' OR p.field = $2) " \
	"AND ($3 = 0 OR (p.state IN ('unassigned', 'assigned') AND p.respond_by < $4) " \
	"OR (p.state IN ('unassigned', 'assigned', 'responded') AND p.resolve_by < $4)) " \
	"AND (substr(p.owner_region, 1, $5) = $6 OR p.provider_id = $7 OR o.account_id = $8) "
static struct store_sql Q_LIST = STORE_SQL(
	"SELECT " PROBLEM_COLS PROBLEM_FROM LIST_WHERE "ORDER BY p.id DESC LIMIT $9 OFFSET $10");
static struct store_sql Q_COUNT = STORE_SQL("SELECT count(*)" PROBLEM_FROM LIST_WHERE);
static struct store_sql Q_VISITS = STORE_SQL(
	"SELECT visited_on, findings, advice FROM hd_visit WHERE problem_id = $1 ORDER BY visited_on, id");

struct row {
	int64_t id, org, org_account, provider, opened, respond_by, resolve_by, responded, resolved, reopen_by, rating,
		reopened;
	char region[8], name[200], uscc[24], field[32], title[256], detail[8192], source[16], state[16],
		provider_name[200], resolution[4096], comment[2048];
};

static void read_row(struct store_stmt *s, struct row *r)
{
	store_cols(s, "ibibbibbbbbibiiiiibiibi", &r->id, r->region, sizeof(r->region), &r->org, r->name, sizeof(r->name),
		   r->uscc, sizeof(r->uscc), &r->org_account, r->field, sizeof(r->field), r->title, sizeof(r->title),
		   r->detail, sizeof(r->detail), r->source, sizeof(r->source), r->state, sizeof(r->state), &r->provider,
		   r->provider_name, sizeof(r->provider_name), &r->opened, &r->respond_by, &r->resolve_by, &r->responded,
		   &r->resolved, r->resolution, sizeof(r->resolution), &r->reopen_by, &r->rating, r->comment,
		   sizeof(r->comment), &r->reopened);
}

enum reader { READ_NONE, READ_STAFF, READ_PROVIDER, READ_ENTERPRISE };

static enum reader reader_of(const struct app_actor *actor, const struct row *r, int64_t own_provider)
{
	if (app_actor_in_region(actor, r->region, r->region))
		return READ_STAFF;
	if (actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_EXPERT && own_provider && own_provider == r->provider)
		return READ_PROVIDER;
	if (actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_APPLICANT && r->org_account == actor->id)
		return READ_ENTERPRISE;
	return READ_NONE;
}

static json_t *row_json(const struct row *r, px_date today)
{
	char masked[40];
	const struct helpdesk_field *f = helpdesk_field_find(r->field);
	bool open = strcmp(r->state, "resolved") && strcmp(r->state, "closed");
	applicant_mask_uscc(r->uscc, masked, sizeof(masked));
	json_t *o = json_pack("{s:I, s:s, s:{s:I, s:s, s:s}, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, "
			      "s:o, s:o, s:b, s:b, s:I}",
			 "id", (json_int_t)r->id, "region", r->region, "organisation", "id", (json_int_t)r->org, "name",
			 r->name, "uscc_masked", masked, "field", r->field, "field_name", f ? f->name : r->field, "title",
			 r->title, "detail", r->detail, "source", r->source, "state", r->state, "opened_on", json_date((px_date)r->opened),
			 "respond_by", json_date((px_date)r->respond_by), "resolve_by", json_date((px_date)r->resolve_by), "responded_on",
			 json_date((px_date)r->responded), "resolved_on", json_date((px_date)r->resolved), "response_overdue",
			 open && helpdesk_overdue(today, (px_date)r->respond_by, (px_date)r->responded),
			 "resolution_overdue", open && helpdesk_overdue(today, (px_date)r->resolve_by, (px_date)r->resolved),
			 "reopened", (json_int_t)r->reopened);
	if (o && r->provider)
		json_object_set_new(o, "provider", json_pack("{s:I, s:s}", "id", (json_int_t)r->provider, "name",
							     r->provider_name));
	return o;
}

/* What only some readers see: the resolution, the rating, and for the enterprise and the staff the link. */
static int row_detail(struct app *app, struct store_conn *c, const struct row *r, enum reader who, json_t *o,
		      struct px_err *err)
{
	if (*r->resolution)
		json_object_set_new(o, "resolution", json_string(r->resolution));
	json_object_set_new(o, "reopen_by", json_date((px_date)r->reopen_by));
	json_object_set_new(o, "rating", r->rating ? json_integer(r->rating) : json_null());
	if (r->rating)
		json_object_set_new(o, "rating_comment", json_string(r->comment));
	if (who == READ_PROVIDER || strcmp(r->state, "resolved") || r->rating)
		return 0;
	char token[SECRET_HASH_HEX + 1], hash[SECRET_HASH_HEX + 1];
	int rc = helpdesk_rate_token(c, r->id, r->reopened, token, hash, err);
	if (rc)
		return rc;
	char url[512];
	snprintf(url, sizeof(url), "%s/rate/%s", app->public_url ? app->public_url : "", token);
	json_object_set_new(o, "rate_token", json_string(token));
	json_object_set_new(o, "rate_url", json_string(url));
	return 0;
}

static int visits_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	json_array_append_new(arg, json_pack("{s:o, s:s, s:s}", "visited_on", json_date((px_date)store_col_int(s, 0)), "findings",
					     store_col_text(s, 1), "advice", store_col_text(s, 2)));
	return 0;
}

int helpdesk_problem_json(struct app *app, struct store_conn *c, const struct app_actor *actor, int64_t id,
			  json_t **out, struct px_err *err)
{
	struct row *r = calloc(1, sizeof(*r));
	int64_t own = 0;
	int rc;
	*out = NULL;
	if (!r)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	struct store_stmt *s;
	if ((rc = store_prepare(c, &Q_ONE, &s, err)))
		goto out;
	store_bind_int(s, 1, id);
	if ((rc = store_step(s, err)) == STORE_ROW)
		read_row(s, r);
	store_reset(s);
	if (rc < 0 || (actor->kind == ACTOR_ACCOUNT && (rc = helpdesk_provider_of(c, actor->id, &own, err))))
		goto out;
	enum reader who = r->id ? reader_of(actor, r, own) : READ_NONE;
	if (who == READ_NONE) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "id", "no problem %lld", (long long)id);
		goto out;
	}
	json_t *o = row_json(r, app_today(app)), *visits = json_array();
	json_object_set_new(o, "visits", visits);
	if ((rc = row_detail(app, c, r, who, o, err)) || (rc = store_each(c, &Q_VISITS, visits_row, visits, err, "i", id)) < 0) {
		json_decref(o);
		goto out;
	}
	rc = 0;
	*out = o;
out:
	free(r);
	return rc;
}

struct get_tx {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	json_t *out;
};

static int get_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct get_tx *g = arg;
	return helpdesk_problem_json(g->app, c, g->actor, g->id, &g->out, err);
}

int helpdesk_problem_get(struct app *app, const struct app_actor *actor, int64_t id, json_t **out,
			 struct px_err *err)
{
	struct get_tx g = { app, actor, id, NULL };
	return app_tx_json(app, STORE_TX_READ, get_tx, &g, &g.out, out, err);
}

struct list_tx {
	struct app *app;
	const struct app_actor *actor;
	const struct helpdesk_filter *f;
	int64_t own, total;
	struct row *r;
	json_t *rows, *out;
};

static int list_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct list_tx *l = arg;
	(void)err;
	read_row(s, l->r);
	if (reader_of(l->actor, l->r, l->own) != READ_NONE) /* the query chose them so; checked again */
		json_array_append_new(l->rows, row_json(l->r, app_today(l->app)));
	return 0;
}

static int list_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct list_tx *l = arg;
	char prefix[8] = "x"; /* no region starts with x: a reader outside the staff */
	int64_t account = 0, provider = -1;
	int rc;
	l->rows = json_array();
	l->out = json_pack("{s:I, s:o}", "total", (json_int_t)0, "problems", l->rows);
	if (l->actor->kind == ACTOR_ACCOUNT && (rc = helpdesk_provider_of(c, l->actor->id, &l->own, err)))
		return rc;
	if (!app_scope_prefix(l->actor, prefix)) {
		account = l->actor->role == ROLE_APPLICANT ? l->actor->id : 0;
		provider = l->own ? l->own : -1;
	}
	const char *state = l->f->state ? l->f->state : "", *field = l->f->field ? l->f->field : "";
	int64_t overdue = l->f->overdue, today = app_today(l->app), len = (int64_t)strlen(prefix);
	if ((rc = store_get(c, &Q_COUNT, err, "ttiiitii:i", state, field, overdue, today, len, (const char *)prefix,
			    provider, account, &l->total)) < 0 ||
	    (rc = store_each(c, &Q_LIST, list_row, l, err, "ttiiitiiii", state, field, overdue, today, len,
			     (const char *)prefix, provider, account, l->f->limit, l->f->offset)) < 0)
		return rc;
	json_object_set_new(l->out, "total", json_integer(l->total));
	return 0;
}

int helpdesk_problem_list(struct app *app, const struct app_actor *actor, const struct helpdesk_filter *f,
			  json_t **out, struct px_err *err)
{
	*out = NULL;
	if (f->field && *f->field && !helpdesk_field_find(f->field))
		return px_err_set(err, PX_EINVAL, "invalid_field", "field", "no help-desk field '%s'", f->field);
	static const char *const states[] = { "unassigned", "assigned", "responded", "resolved", "closed", NULL };
	bool known = !f->state || !*f->state;
	for (int i = 0; !known && states[i]; i++)
		known = !strcmp(states[i], f->state);
	if (!known)
		return px_err_set(err, PX_EINVAL, "unknown_state", "state", "no problem state '%s'", f->state);
	struct list_tx l = { app, actor, f, 0, 0, calloc(1, sizeof(struct row)), NULL, NULL };
	if (!l.r)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	int rc = app_tx_json(app, STORE_TX_READ, list_tx, &l, &l.out, out, err);
	free(l.r);
	return rc;
}
