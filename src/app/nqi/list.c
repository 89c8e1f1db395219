/*
 * list.c - the list of NQI services (nqi.h): filtered by kind, chain,
 * institution, period, division and enterprise name prefix, sorted by date
 * (newest or oldest first) and paged by key (the date and id of the last row
 * seen), inside the reader's region. Each filter can drive the query
 * through an index that also gives the order (docs/nqi.md): the statement
 * is chosen by the most selective filter given, the others are checked on
 * the rows the index yields, so a page reads a few hundred index entries
 * whatever the table's size.
 */
#include "app/nqi/nqi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/json.h"
#include "app/nqi/internal.h"
#include "app/scope.h"
#include "app/tx.h"
#include "core/access.h"
#include "core/nqi.h"

#define NAME_SELECTIVE 2000 /* enterprises a name prefix matches at most to drive the query */

#define SVC_SELECT "SELECT s.id, s.served_on, s.kind, s.chain, s.region, s.institution_id, " \
	"(SELECT name FROM nqi_institution WHERE id = s.institution_id), s.enterprise_id, " \
	"(SELECT uscc FROM nqi_enterprise WHERE id = s.enterprise_id), s.ent_name FROM nqi_service s WHERE "
#define SVC_REST(day) " AND " day " BETWEEN $1 AND $2 AND s.region BETWEEN $3 AND $4 " \
	"AND ($5 = '' OR s.kind = $5) AND ($6 = '' OR s.chain = $6) AND ($7 = 0 OR s.institution_id = $7) " \
	"AND ($8 = '' OR (s.ent_name >= $8 AND s.ent_name < $9))"
#define SVC_DESC(day) " AND (" day ", s.id) < ($10, $11) ORDER BY s.served_on DESC, s.id DESC LIMIT $12"
#define SVC_ASC(day) " AND (" day ", s.id) > ($10, $11) ORDER BY s.served_on, s.id LIMIT $12"
/* day: "s.served_on", or "s.served_on + 0" where no index on the date may serve the query */
#define SVC_QUERIES(drive, day) \
	{ STORE_SQL(SVC_SELECT drive SVC_REST(day) SVC_DESC(day)), STORE_SQL(SVC_SELECT drive SVC_REST(day) SVC_ASC(day)) }

enum drive { BY_INSTITUTION, BY_NAME, BY_CHAIN, BY_KIND, BY_DATE, DRIVES };
static struct store_sql Q_LIST[DRIVES][2] = {
	SVC_QUERIES("s.institution_id = $7", "s.served_on"),
	SVC_QUERIES("s.ent_name >= $8 AND s.ent_name < $9", "s.served_on + 0"),
	SVC_QUERIES("s.chain = $6", "s.served_on"),
	SVC_QUERIES("s.kind = $5", "s.served_on"),
	SVC_QUERIES("1 = 1", "s.served_on"),
};
static struct store_sql Q_NAMES = STORE_SQL(
	"SELECT count(*) FROM (SELECT 1 FROM nqi_enterprise WHERE name >= $1 AND name < $2 LIMIT $3) x");

struct list_tx {
	const struct nqi_filter *f;
	char lo[7], hi[7], q_hi[104];
	int64_t after_day, after_id;
	json_t *rows, *out;
};

static int append_service(struct store_stmt *s, void *arg, struct px_err *err)
{
	char day[11];
	const char *kind = store_col_text(s, 2), *chain = store_col_text(s, 3);
	const struct nqi_item *k = nqi_kind_find(kind), *ch = nqi_chain_find(chain);
	(void)err;
	date_format((px_date)store_col_int(s, 1), day);
	json_array_append_new(arg, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:{s:I, s:s}, s:{s:I, s:s, s:s}}",
					     "id", (json_int_t)store_col_int(s, 0), "date", day, "kind", kind,
					     "kind_name", k ? k->name : kind, "chain", chain, "chain_name",
					     ch ? ch->name : chain, "region", store_col_text(s, 4), "institution", "id",
					     (json_int_t)store_col_int(s, 5), "name", store_col_text(s, 6), "enterprise",
					     "id", (json_int_t)store_col_int(s, 7), "uscc", store_col_text(s, 8), "name",
					     store_col_text(s, 9)));
	return 0;
}

/* The statement whose index serves the filters best. */
static int choose(struct store_conn *c, struct list_tx *l, enum drive *d, struct px_err *err)
{
	const struct nqi_filter *f = l->f;
	int64_t names = 0;
	*d = f->institution ? BY_INSTITUTION : f->chain && *f->chain ? BY_CHAIN : f->kind && *f->kind ? BY_KIND : BY_DATE;
	if (*d == BY_INSTITUTION || !f->q || !*f->q)
		return 0;
	int rc = store_get(c, &Q_NAMES, err, "tti:i", f->q, l->q_hi, (int64_t)NAME_SELECTIVE + 1, &names);
	if (rc < 0)
		return rc;
	if (names <= NAME_SELECTIVE)
		*d = BY_NAME;
	return 0;
}

static int list_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct list_tx *l = arg;
	const struct nqi_filter *f = l->f;
	enum drive d;
	l->rows = json_array();
	l->out = json_pack("{s:o, s:n}", "services", l->rows, "next");
	int rc = choose(c, l, &d, err);
	if (rc)
		return rc;
	rc = store_each(c, &Q_LIST[d][f->ascending ? 1 : 0], append_service, l->rows, err, "iittttittiii",
			(int64_t)(f->from ? f->from : INT32_MIN), (int64_t)(f->to ? f->to : INT32_MAX), l->lo, l->hi,
			f->kind ? f->kind : "", f->chain ? f->chain : "", f->institution, f->q ? f->q : "", l->q_hi,
			l->after_day, l->after_id, f->limit);
	if (rc < 0)
		return rc;
	size_t n = json_array_size(l->rows);
	if (n && (int64_t)n == f->limit) {
		json_t *last = json_array_get(l->rows, n - 1);
		px_date day = 0;
		const char *s = json_string_value(json_object_get(last, "date"));
		char cursor[48];
		date_parse(s, strlen(s), &day);
		snprintf(cursor, sizeof(cursor), "%d.%lld", (int)day, (long long)json_integer_value(json_object_get(last, "id")));
		json_object_set_new(l->out, "next", json_string(cursor));
	}
	return 0;
}

static int parse_cursor(const char *s, bool ascending, int64_t *day, int64_t *id, struct px_err *err)
{
	if (!s || !*s) {
		*day = ascending ? INT32_MIN : INT32_MAX;
		*id = ascending ? 0 : INT64_MAX;
		return 0;
	}
	char *end;
	*day = strtoll(s, &end, 10);
	if (*end == '.')
		*id = strtoll(end + 1, &end, 10);
	if (*end || *id <= 0)
		return px_err_set(err, PX_EINVAL, "invalid_cursor", "after", "'%.40s' is no cursor of this list", s);
	return 0;
}

/* The division bounds the reader may see: the filter's region (inside the reader's) or the reader's. */
int nqi_scope_bounds(const struct app_actor *actor, const char *region, char lo[7], char hi[7], struct px_err *err)
{
	char prefix[8];
	if (!app_scope_prefix(actor, prefix))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the staff read the NQI records");
	if (region && *region) {
		if (!access_region_valid(region) || !app_actor_in_region(actor, region, NULL))
			return px_err_set(err, PX_ENOTFOUND, NULL, "region", "no region '%.8s' in your scope", region);
		struct app_actor as_region = app_actor_office_of(region);
		app_scope_prefix(&as_region, prefix);
	}
	nqi_region_bounds(prefix, lo, hi);
	return 0;
}

int nqi_check_catalogue(const struct nqi_filter *f, struct px_err *err)
{
	if (f->kind && *f->kind && !nqi_kind_find(f->kind))
		return px_err_set(err, PX_EINVAL, "unknown_kind", "kind", "no service kind '%.40s'", f->kind);
	if (f->chain && *f->chain && !nqi_chain_find(f->chain))
		return px_err_set(err, PX_EINVAL, "unknown_chain", "chain", "no industry chain '%.40s'", f->chain);
	return 0;
}

int nqi_services(struct app *app, const struct app_actor *actor, const struct nqi_filter *f, json_t **out,
		 struct px_err *err)
{
	struct list_tx l = { .f = f };
	*out = NULL;
	int rc = nqi_scope_bounds(actor, f->region, l.lo, l.hi, err);
	if (!rc)
		rc = nqi_check_catalogue(f, err);
	if (!rc && f->q && strlen(f->q) > 100)
		rc = px_err_set(err, PX_EINVAL, "too_long", "q", "a name prefix of at most 100 bytes");
	if (!rc && (f->limit < 1 || f->limit > 100))
		rc = px_err_set(err, PX_EINVAL, "out_of_range", "limit", "1 to 100 rows a page");
	if (!rc)
		rc = parse_cursor(f->after, f->ascending, &l.after_day, &l.after_id, err);
	if (rc)
		return rc;
	nqi_prefix_end(f->q, l.q_hi, sizeof(l.q_hi));
	return app_tx_json(app, STORE_TX_READ, list_tx, &l, &l.out, out, err);
}
