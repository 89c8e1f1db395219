/*
 * publish.c - publishing a list of honours (the launch's 三大榜单: 好品山东,
 * 泰山品质, 高端品牌培育企业): the rows of a kind and year in the office's
 * region, kept as published (names, masked codes, titles) with the SHA-256
 * of that text appended to the audit chain, and read back by anyone.
 */
#include "app/honours/honours.h"

#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/input.h"
#include "app/people/applicant.h"
#include "app/scope.h"
#include "app/tx.h"
#include "core/chain.h"
#include "core/honour.h"

static struct store_sql Q_ROWS = STORE_SQL(
	"SELECT org_name, uscc, region, title FROM honour WHERE substr(owner_region, 1, $1) = $2 AND kind = $3 "
	"AND year = $4 ORDER BY org_name, id");
static struct store_sql Q_PUBLISH = STORE_SQL(
	"INSERT INTO honour_list (owner_region, title, kind, year, rows, sha256, published_on, created_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id");
static struct store_sql Q_ONE = STORE_SQL(
	"SELECT title, kind, year, rows, sha256, published_on FROM honour_list WHERE id = $1");

static int row(struct store_stmt *s, void *arr, struct px_err *err)
{
	char masked[40];
	(void)err;
	applicant_mask_uscc(store_col_text(s, 1), masked, sizeof(masked));
	json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s}", "name", store_col_text(s, 0), "uscc_masked", masked,
					     "region", store_col_text(s, 2), "title", store_col_text(s, 3)));
	return 0;
}

struct publish_tx {
	struct app *app;
	const struct app_actor *actor;
	const char *title, *kind;
	int year;
	char prefix[8];
	json_t *out;
};

static int publish_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct publish_tx *p = arg;
	char hex[CHAIN_HEX_LEN + 1];
	json_t *rows = json_array();
	int64_t id = 0;
	int rc = store_each(c, &Q_ROWS, row, rows, err, "itti", (int64_t)strlen(p->prefix), (const char *)p->prefix,
			    p->kind, (int64_t)p->year);
	char *text = rc < 0 ? NULL : json_dumps(rows, JSON_COMPACT | JSON_ENSURE_ASCII);
	if (rc >= 0 && !json_array_size(rows))
		rc = px_err_set(err, PX_ECONFLICT, "empty_list", "kind", "no honours of this kind and year to publish");
	if (rc >= 0 && text) {
		chain_hex_sha256(text, strlen(text), hex);
		rc = store_get(c, &Q_PUBLISH, err, "tttittii:i", p->actor->region, p->title, p->kind, (int64_t)p->year, text,
			       (const char *)hex, (int64_t)app_today(p->app), app_now_us(p->app), &id);
	}
	free(text);
	if (rc < 0) {
		json_decref(rows);
		return rc;
	}
	p->out = json_pack("{s:I, s:s, s:I, s:s}", "id", (json_int_t)id, "title", p->title, "count",
			   (json_int_t)json_array_size(rows), "sha256", hex);
	json_decref(rows);
	return audit_record(c, p->actor, "honour.publish", "honour_list", id,
			    json_pack("{s:s, s:s, s:i, s:s}", "title", p->title, "kind", p->kind, "year", p->year, "sha256", hex),
			    err);
}

int honours_publish(struct app *app, const struct app_actor *actor, const char *title, const char *kind, int year,
		    json_t **out, struct px_err *err)
{
	struct publish_tx p = { app, actor, title, kind, year, "", NULL };
	int rc;
	*out = NULL;
	if (!app_actor_is(actor, ROLE_OFFICE) || !app_scope_prefix(actor, p.prefix))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the office publishes lists");
	if ((rc = input_line(title, 200, "title", err)))
		return rc;
	if (!honour_kind_find(kind))
		return px_err_set(err, PX_EINVAL, "unknown_kind", "kind", "no honour kind '%s'", kind ? kind : "");
	return app_tx_json(app, STORE_TX_WRITE, publish_tx, &p, &p.out, out, err);
}

struct one_tx {
	int64_t id;
	json_t *out;
};

static int one_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct one_tx *o = arg;
	char title[256], kind[48], hex[80];
	char *rows = NULL;
	int64_t year = 0, on = 0;
	int rc = store_get(c, &Q_ONE, err, "i:bbisbi", o->id, title, sizeof(title), kind, sizeof(kind), &year, &rows, hex,
			   sizeof(hex), &on);
	if (rc < 0)
		return rc;
	if (rc != STORE_ROW)
		return px_err_set(err, PX_ENOTFOUND, NULL, "id", "no list %lld", (long long)o->id);
	char day[11];
	date_format((px_date)on, day);
	o->out = json_pack("{s:I, s:s, s:s, s:I, s:o, s:s, s:s}", "id", (json_int_t)o->id, "title", title, "kind", kind,
			   "year", (json_int_t)year, "rows", json_loads(rows ? rows : "[]", 0, NULL), "sha256", hex, "published_on", day);
	free(rows);
	return 0;
}

int honours_list_get(struct app *app, int64_t id, json_t **out, struct px_err *err)
{
	struct one_tx o = { id, NULL };
	return app_tx_json(app, STORE_TX_READ, one_tx, &o, &o.out, out, err);
}
