/*
 * view.c - reading the honours register (honours.h): the office's list,
 * an enterprise's page (with pingxuan's own certificates), the totals by
 * kind, and published lists, each published once with its SHA-256 in the
 * audit chain.
 */
#include "app/honours/honours.h"

#include <string.h>

#include "app/people/applicant.h"
#include "app/scope.h"
#include "app/tx.h"
#include "core/access.h"
#include "core/honour.h"
#include "core/ident.h"

#define HONOUR_COLS "id, uscc, org_name, region, kind, level, year, title, source"
#define LIST_WHERE " FROM honour WHERE substr(owner_region, 1, $1) = $2 AND ($3 = '' OR kind = $3) " \
	"AND ($4 = 0 OR year = $4) AND ($5 = '' OR org_name LIKE '%' || $5 || '%' OR uscc = $5) "

static struct store_sql Q_LIST = STORE_SQL("SELECT " HONOUR_COLS LIST_WHERE
					   "ORDER BY year DESC, kind, id LIMIT $6 OFFSET $7");
static struct store_sql Q_COUNT = STORE_SQL("SELECT count(*)" LIST_WHERE);
static struct store_sql Q_OF = STORE_SQL("SELECT " HONOUR_COLS " FROM honour WHERE uscc = $1 ORDER BY year DESC, id");
static struct store_sql Q_CERTS = STORE_SQL(
	"SELECT g.title, g.year, c.no, c.code, c.track_code, o.name FROM certificate c "
	"JOIN application a ON a.id = c.application_id JOIN organisation o ON o.id = a.organisation_id "
	"JOIN programme g ON g.id = c.programme_id WHERE o.uscc = $1 ORDER BY g.year DESC, c.id");
static struct store_sql Q_TOTALS = STORE_SQL(
	"SELECT kind, count(*) FROM honour WHERE substr(region, 1, $1) = $2 GROUP BY kind");
static json_t *honour_json(struct store_stmt *s)
{
	const struct honour_kind *k = honour_kind_find(store_col_text(s, 4));
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s}", "id", (json_int_t)store_col_int(s, 0),
			 "uscc", store_col_text(s, 1), "name", store_col_text(s, 2), "region", store_col_text(s, 3), "kind",
			 store_col_text(s, 4), "kind_name", k ? k->name : store_col_text(s, 4), "level", store_col_text(s, 5),
			 "year", (json_int_t)store_col_int(s, 6), "title", store_col_text(s, 7), "source",
			 store_col_text(s, 8));
}

static int append_row(struct store_stmt *s, void *arr, struct px_err *err)
{
	(void)err;
	json_array_append_new(arr, honour_json(s));
	return 0;
}

struct list_tx {
	const struct honours_filter *f;
	char prefix[8];
	json_t *out;
};

static int list_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct list_tx *l = arg;
	const char *kind = l->f->kind ? l->f->kind : "", *q = l->f->q ? l->f->q : "";
	int64_t len = (int64_t)strlen(l->prefix), total = 0;
	json_t *rows = json_array();
	l->out = json_pack("{s:I, s:o}", "total", (json_int_t)0, "honours", rows);
	int rc = store_get(c, &Q_COUNT, err, "ittit:i", len, (const char *)l->prefix, kind, (int64_t)l->f->year, q, &total);
	if (rc < 0 || (rc = store_each(c, &Q_LIST, append_row, rows, err, "ittitii", len, (const char *)l->prefix, kind,
				       (int64_t)l->f->year, q, l->f->limit, l->f->offset)) < 0)
		return rc;
	json_object_set_new(l->out, "total", json_integer(total));
	return 0;
}

int honours_list(struct app *app, const struct app_actor *actor, const struct honours_filter *f, json_t **out,
		 struct px_err *err)
{
	struct list_tx l = { f, "", NULL };
	*out = NULL;
	if (!app_scope_prefix(actor, l.prefix))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the staff read the honours register");
	if (f->kind && *f->kind && !honour_kind_find(f->kind))
		return px_err_set(err, PX_EINVAL, "unknown_kind", "kind", "no honour kind '%s'", f->kind);
	return app_tx_json(app, STORE_TX_READ, list_tx, &l, &l.out, out, err);
}

static int cert_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	json_t *o = arg;
	(void)err;
	if (!json_string_length(json_object_get(o, "name")))
		json_object_set_new(o, "name", json_string(store_col_text(s, 5)));
	json_array_append_new(json_object_get(o, "programmes"),
			      json_pack("{s:s, s:I, s:s, s:s, s:s}", "programme", store_col_text(s, 0), "year",
					(json_int_t)store_col_int(s, 1), "certificate", store_col_text(s, 2), "verify",
					store_col_text(s, 3), "track", store_col_text(s, 4)));
	return 0;
}

struct enterprise_tx {
	const char *uscc;
	json_t *out;
};

static int enterprise_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct enterprise_tx *e = arg;
	json_t *honours = json_array();
	e->out = json_pack("{s:s, s:s, s:o, s:[]}", "uscc", e->uscc, "name", "", "honours", honours, "programmes");
	int rc = store_each(c, &Q_OF, append_row, honours, err, "t", e->uscc);
	if (rc >= 0 && json_array_size(honours))
		json_object_set(e->out, "name", json_object_get(json_array_get(honours, 0), "name"));
	if (rc >= 0)
		rc = store_each(c, &Q_CERTS, cert_row, e->out, err, "t", e->uscc);
	if (rc < 0)
		return rc;
	if (!json_array_size(honours) && !json_array_size(json_object_get(e->out, "programmes")))
		return px_err_set(err, PX_ENOTFOUND, NULL, "uscc", "no honours are recorded for this code");
	return 0;
}

int honours_enterprise(struct app *app, const char *uscc, json_t **out, struct px_err *err)
{
	struct enterprise_tx e = { uscc, NULL };
	*out = NULL;
	if (!uscc || !ident_uscc_check(uscc, strlen(uscc), NULL, err))
		return PX_EINVAL;
	return app_tx_json(app, STORE_TX_READ, enterprise_tx, &e, &e.out, out, err);
}

struct totals_tx {
	char prefix[8];
	const char *region;
	json_t *counts, *out;
};

static int total_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	json_object_set_new(arg, store_col_text(s, 0), json_integer(store_col_int(s, 1)));
	return 0;
}

static int totals_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct totals_tx *t = arg;
	json_t *counts = json_object(), *kinds = json_array();
	int rc = store_each(c, &Q_TOTALS, total_row, counts, err, "it", (int64_t)strlen(t->prefix), (const char *)t->prefix);
	for (size_t i = 0; rc >= 0 && i < honour_nkinds; i++)
		json_array_append_new(kinds, json_pack("{s:s, s:s, s:s, s:I}", "kind", honour_kinds[i].code, "name",
						       honour_kinds[i].name, "level", honour_kinds[i].level, "count",
						       json_integer_value(json_object_get(counts, honour_kinds[i].code))));
	json_decref(counts);
	t->out = json_pack("{s:s, s:o}", "region", t->region, "kinds", kinds);
	return rc < 0 ? rc : 0;
}

int honours_totals(struct app *app, const char *region, json_t **out, struct px_err *err)
{
	struct totals_tx t = { "", region && *region ? region : "000000", NULL, NULL };
	*out = NULL;
	if (!access_region_valid(t.region))
		return px_err_set(err, PX_EINVAL, "unknown_region", "region", "a region is six digits");
	struct app_actor as = app_actor_office_of(t.region);
	app_scope_prefix(&as, t.prefix);
	return app_tx_json(app, STORE_TX_READ, totals_tx, &t, &t.out, out, err);
}
