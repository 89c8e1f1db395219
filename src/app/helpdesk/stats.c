/*
 * stats.c - the help desk's figures in the reader's region (helpdesk.h):
 * toward the province's 10,000, by field, by city (市州) and by provider:
 * recorded, resolved, overdue and the mean rating. Counted by the database
 * (GROUP BY), so a province of tens of thousands of problems answers at once.
 */
#include "app/helpdesk/internal.h"

#include <stdio.h>
#include <string.h>

#include "app/scope.h"
#include "app/tx.h"
#include "core/helpdesk.h"

#define HELPDESK_TARGET 10000

#define COUNTS "count(*), sum(CASE WHEN p.state IN ('resolved', 'closed') THEN 1 ELSE 0 END), " \
	"sum(CASE WHEN p.state NOT IN ('resolved', 'closed') AND p.resolve_by < $3 THEN 1 ELSE 0 END), " \
	"coalesce(sum(p.rating), 0), count(p.rating)"
#define IN_SCOPE " WHERE substr(p.owner_region, 1, $1) = $2 "

static struct store_sql Q_TOTAL = STORE_SQL("SELECT '', '', " COUNTS " FROM hd_problem p" IN_SCOPE);
static struct store_sql Q_FIELD = STORE_SQL("SELECT p.field, p.field, " COUNTS " FROM hd_problem p" IN_SCOPE
					    "GROUP BY p.field ORDER BY p.field");
static struct store_sql Q_CITY = STORE_SQL(
	"SELECT substr(p.owner_region, 1, 4) || '00', coalesce(min(r.name), ''), " COUNTS " FROM hd_problem p "
	"LEFT JOIN region r ON r.code = substr(p.owner_region, 1, 4) || '00'" IN_SCOPE
	"GROUP BY substr(p.owner_region, 1, 4) ORDER BY 1");
static struct store_sql Q_PROVIDER = STORE_SQL(
	"SELECT coalesce(CAST(p.provider_id AS TEXT), ''), coalesce(min(v.name), ''), " COUNTS " FROM hd_problem p "
	"LEFT JOIN hd_provider v ON v.id = p.provider_id" IN_SCOPE "GROUP BY p.provider_id ORDER BY 3 DESC, 1");

static int stats_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	const char *key = store_col_text(s, 0), *name = store_col_text(s, 1);
	const struct helpdesk_field *f = helpdesk_field_find(key);
	int64_t rated = store_col_int(s, 6);
	json_t *row = json_pack("{s:s, s:s, s:I, s:I, s:I, s:o}", "key", key, "name", f ? f->name : name, "recorded",
				(json_int_t)store_col_int(s, 2), "resolved", (json_int_t)store_col_int(s, 3), "overdue",
				(json_int_t)store_col_int(s, 4), "mean_rating",
				rated ? json_real((double)store_col_int(s, 5) / (double)rated) : json_null());
	json_array_append_new(arg, row);
	return 0;
}

struct stats_tx {
	const char *prefix;
	int64_t today;
	json_t *out;
};

static int stats_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct stats_tx *x = arg;
	static struct store_sql *const parts[] = { &Q_TOTAL, &Q_FIELD, &Q_CITY, &Q_PROVIDER };
	static const char *const names[] = { "total", "by_field", "by_city", "by_provider" };
	int64_t len = (int64_t)strlen(x->prefix);
	x->out = json_pack("{s:i}", "target", HELPDESK_TARGET);
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		json_t *rows = json_array();
		json_object_set_new(x->out, names[i], rows);
		int rc = store_each(c, parts[i], stats_row, rows, err, "iti", len, x->prefix, x->today);
		if (rc < 0)
			return rc;
	}
	json_t *total = json_incref(json_array_get(json_object_get(x->out, "total"), 0));
	json_object_del(total, "key");
	json_object_del(total, "name");
	json_object_set_new(x->out, "total", total);
	return 0;
}

int helpdesk_stats(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err)
{
	char prefix[8];
	*out = NULL;
	if (!app_scope_prefix(actor, prefix))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the staff read the help desk's figures");
	struct stats_tx x = { prefix, app_today(app), NULL };
	return app_tx_json(app, STORE_TX_READ, stats_tx, &x, &x.out, out, err);
}
