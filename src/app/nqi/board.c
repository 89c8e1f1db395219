/*
 * board.c - reading the NQI records as a whole (nqi.h): the statistics
 * board by kind, industry chain and period from the counts kept with the
 * rows (nqi_count: some thousands of cells, whatever the number of
 * services), the institutions and enterprises by name, and the catalogue
 * of kinds and chains. Everything inside the reader's region.
 */
#include "app/nqi/nqi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/nqi/internal.h"
#include "app/tx.h"
#include "core/nqi.h"

#define PARTIES_PAGE 20
#define PARTIES_COUNTED 10000

/* one pass over the cells (some tens of thousands for a city over years), summed in memory */
static struct store_sql Q_BOARD = STORE_SQL(
	"SELECT ym, kind, chain, n FROM nqi_count WHERE region BETWEEN $1 AND $2 AND ym BETWEEN $3 AND $4 "
	"AND ($5 = '' OR kind = $5) AND ($6 = '' OR chain = $6)");

#define BOARD_MONTHS (100 * 12) /* 2000-01 (services start there) to 2099-12 */

#define PARTY_WHERE " WHERE region BETWEEN $1 AND $2 AND ($3 = '' OR (name >= $3 AND name < $4))"
static struct store_sql Q_PARTIES[2][2] = {
	{ STORE_SQL("SELECT id, uscc, name, region, kinds FROM nqi_institution" PARTY_WHERE
		    " ORDER BY name, id LIMIT $5 OFFSET $6"),
	  STORE_SQL("SELECT count(*) FROM (SELECT 1 FROM nqi_institution" PARTY_WHERE " LIMIT $5) x") },
	{ STORE_SQL("SELECT id, uscc, name, region, chain FROM nqi_enterprise" PARTY_WHERE
		    " ORDER BY name, id LIMIT $5 OFFSET $6"),
	  STORE_SQL("SELECT count(*) FROM (SELECT 1 FROM nqi_enterprise" PARTY_WHERE " LIMIT $5) x") },
};

json_t *nqi_catalogue(void)
{
	json_t *kinds = json_array(), *chains = json_array();
	for (size_t i = 0; i < nqi_nkinds; i++)
		json_array_append_new(kinds, json_pack("{s:s, s:s}", "code", nqi_kinds[i].code, "name", nqi_kinds[i].name));
	for (size_t i = 0; i < nqi_nchains; i++)
		json_array_append_new(chains, json_pack("{s:s, s:s}", "code", nqi_chains[i].code, "name", nqi_chains[i].name));
	return json_pack("{s:o, s:o}", "kinds", kinds, "chains", chains);
}

struct board_tx {
	const struct nqi_filter *f;
	enum nqi_period period;
	int from, to;
	char lo[7], hi[7];
	int64_t kinds[16], chains[32], total;
	int64_t (*months)[16]; /* BOARD_MONTHS x kinds */
	json_t *out;
};

static int cell_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct board_tx *b = arg;
	const struct nqi_item *k = nqi_kind_find(store_col_text(s, 1)), *ch = nqi_chain_find(store_col_text(s, 2));
	int ym = (int)store_col_int(s, 0), at = (ym / 100 - 2000) * 12 + ym % 100 - 1;
	int64_t n = store_col_int(s, 3);
	(void)err;
	if (!k || !ch || at < 0 || at >= BOARD_MONTHS)
		return 0;
	b->kinds[k - nqi_kinds] += n;
	b->chains[ch - nqi_chains] += n;
	b->months[at][k - nqi_kinds] += n;
	b->total += n;
	return 0;
}

/* The months summed into periods, in order: [{period, count, kinds: {kind: n}}]. */
static json_t *periods(const struct board_tx *b)
{
	json_t *out = json_array(), *current = NULL;
	char label[8], last[8] = "";
	for (int at = 0; at < BOARD_MONTHS; at++) {
		int64_t sum = 0;
		for (size_t k = 0; k < nqi_nkinds; k++)
			sum += b->months[at][k];
		if (!sum)
			continue;
		nqi_period_label((2000 + at / 12) * 100 + at % 12 + 1, b->period, label);
		if (!current || strcmp(label, last)) {
			snprintf(last, sizeof(last), "%s", label);
			current = json_pack("{s:s, s:I, s:{}}", "period", label, "count", (json_int_t)0, "kinds");
			json_array_append_new(out, current);
		}
		json_t *count = json_object_get(current, "count"), *kinds = json_object_get(current, "kinds");
		json_integer_set(count, json_integer_value(count) + sum);
		for (size_t k = 0; k < nqi_nkinds; k++)
			if (b->months[at][k])
				json_object_set_new(kinds, nqi_kinds[k].code,
						    json_integer(json_integer_value(json_object_get(kinds, nqi_kinds[k].code)) +
								 b->months[at][k]));
	}
	return out;
}

static json_t *totals(const struct nqi_item *items, size_t n, const int64_t *counts, const char *key)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:I}", key, items[i].code, "name", items[i].name, "count",
						   (json_int_t)counts[i]));
	return a;
}

static int board_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct board_tx *b = arg;
	const struct nqi_filter *f = b->f;
	memset(b->kinds, 0, sizeof(b->kinds));
	memset(b->chains, 0, sizeof(b->chains));
	memset(b->months, 0, BOARD_MONTHS * sizeof(*b->months));
	b->total = 0;
	int rc = store_each(c, &Q_BOARD, cell_row, b, err, "ttiitt", b->lo, b->hi, (int64_t)b->from, (int64_t)b->to,
			    f->kind ? f->kind : "", f->chain ? f->chain : "");
	if (rc < 0)
		return rc;
	b->out = json_pack("{s:o, s:I, s:o, s:o}", "periods", periods(b), "total", (json_int_t)b->total, "kinds",
			   totals(nqi_kinds, nqi_nkinds, b->kinds, "kind"), "chains",
			   totals(nqi_chains, nqi_nchains, b->chains, "chain"));
	return 0;
}

int nqi_board(struct app *app, const struct app_actor *actor, const struct nqi_filter *f, const char *period,
	      const char *from, const char *to, json_t **out, struct px_err *err)
{
	struct board_tx b = { .f = f };
	int p = nqi_period_parse(period && *period ? period : "month");
	*out = NULL;
	int rc = nqi_scope_bounds(actor, f->region, b.lo, b.hi, err);
	if (!rc)
		rc = nqi_check_catalogue(f, err);
	if (!rc && p < 0)
		rc = px_err_set(err, PX_EINVAL, "unknown_period", "period", "say month, quarter or year");
	b.from = from && *from ? nqi_month_parse(from) : 0;
	b.to = to && *to ? nqi_month_parse(to) : 999912;
	if (!rc && (!b.to || (from && *from && !b.from)))
		rc = px_err_set(err, PX_EINVAL, "invalid_month", b.to ? "from" : "to", "a month is YYYY-MM");
	if (rc)
		return rc;
	b.period = (enum nqi_period)p;
	if (!(b.months = calloc(BOARD_MONTHS, sizeof(*b.months))))
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	rc = app_tx_json(app, STORE_TX_READ, board_tx, &b, &b.out, out, err);
	free(b.months);
	if (!rc)
		json_object_update_new(*out, json_pack("{s:s, s:s, s:s?, s:s?}", "region", f->region && *f->region ? f->region : actor->region,
						       "period", period && *period ? period : "month", "from", from && *from ? from : NULL,
						       "to", to && *to ? to : NULL));
	return rc;
}

struct parties_tx {
	enum nqi_what what;
	const char *q;
	char lo[7], hi[7], q_hi[104];
	int64_t offset;
	json_t *items, *out;
};

static int party_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct parties_tx *p = arg;
	(void)err;
	json_array_append_new(p->items, json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)store_col_int(s, 0),
						  "uscc", store_col_text(s, 1), "name", store_col_text(s, 2), "region",
						  store_col_text(s, 3), p->what == NQI_INSTITUTIONS ? "kinds" : "chain",
						  store_col_text(s, 4)));
	return 0;
}

static int parties_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct parties_tx *p = arg;
	int64_t total = 0;
	struct store_sql *q = Q_PARTIES[p->what == NQI_INSTITUTIONS ? 0 : 1];
	p->items = json_array();
	p->out = json_pack("{s:o}", "items", p->items);
	int rc = store_get(c, &q[1], err, "tttti:i", p->lo, p->hi, p->q, p->q_hi, (int64_t)PARTIES_COUNTED + 1, &total);
	if (rc >= 0)
		rc = store_each(c, &q[0], party_row, p, err, "ttttii", p->lo, p->hi, p->q, p->q_hi, (int64_t)PARTIES_PAGE,
				p->offset);
	if (rc < 0)
		return rc;
	json_object_set_new(p->out, "total", json_integer(total > PARTIES_COUNTED ? PARTIES_COUNTED : total));
	json_object_set_new(p->out, "more", json_boolean(total > PARTIES_COUNTED));
	return 0;
}

int nqi_parties(struct app *app, const struct app_actor *actor, enum nqi_what what, const char *q, int64_t page,
		json_t **out, struct px_err *err)
{
	struct parties_tx p = { .what = what, .q = q ? q : "" };
	*out = NULL;
	int rc = nqi_scope_bounds(actor, NULL, p.lo, p.hi, err);
	if (rc)
		return rc;
	if (strlen(p.q) > 100)
		return px_err_set(err, PX_EINVAL, "too_long", "q", "a name prefix of at most 100 bytes");
	if (page < 1 || page > PARTIES_COUNTED / PARTIES_PAGE)
		return px_err_set(err, PX_EINVAL, "out_of_range", "page", "pages 1 to %d", PARTIES_COUNTED / PARTIES_PAGE);
	nqi_prefix_end(p.q, p.q_hi, sizeof(p.q_hi));
	p.offset = (page - 1) * PARTIES_PAGE;
	return app_tx_json(app, STORE_TX_READ, parties_tx, &p, &p.out, out, err);
}
