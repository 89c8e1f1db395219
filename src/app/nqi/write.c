/*
 * write.c - writing checked NQI rows (internal.h) with prepared statements,
 * and keeping the statistics board's counts (nqi_count: per division, month,
 * kind and chain) with them: a batch's services are counted in memory and
 * each of its cells is added once.
 */
#include "app/nqi/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/nqi.h"

static struct store_sql Q_INST = STORE_SQL(
	"INSERT INTO nqi_institution (owner_region, uscc, name, region, kinds, import_id, created_at) "
	"VALUES ($1, $2, $3, $4, $5, NULLIF(CAST($6 AS BIGINT), 0), $7) RETURNING id");
static struct store_sql Q_ENT = STORE_SQL(
	"INSERT INTO nqi_enterprise (owner_region, uscc, name, region, chain, import_id, created_at) "
	"VALUES ($1, $2, $3, $4, $5, NULLIF(CAST($6 AS BIGINT), 0), $7) RETURNING id");
static struct store_sql Q_SERVICE = STORE_SQL(
	"INSERT INTO nqi_service (owner_region, served_on, kind, chain, region, institution_id, enterprise_id, ent_name, "
	"import_id, created_at) SELECT $1, CAST($2 AS BIGINT), $3, $4, e.region, CAST($5 AS BIGINT), e.id, e.name, "
	"NULLIF(CAST($6 AS BIGINT), 0), CAST($7 AS BIGINT) FROM nqi_enterprise e WHERE e.id = $8 RETURNING id");
static struct store_sql Q_COUNT = STORE_SQL(
	"INSERT INTO nqi_count (region, ym, kind, chain, n) VALUES ($1, $2, $3, $4, $5) "
	"ON CONFLICT (region, ym, kind, chain) DO UPDATE SET n = nqi_count.n + excluded.n");

struct cell {
	char region[7];
	int8_t kind, chain;
	int ym;
	int64_t n;
};

static int by_cell(const void *a, const void *b)
{
	const struct cell *x = a, *y = b;
	int d = strcmp(x->region, y->region);
	if (!d)
		d = (x->ym > y->ym) - (x->ym < y->ym);
	if (!d)
		d = x->kind - y->kind;
	return d ? d : x->chain - y->chain;
}

/* Add (sign 1) or take away (-1) the services of rows [from, to) in nqi_count. */
static int count_rows(struct store_conn *c, const struct nqi_row *rows, size_t from, size_t to, int sign,
		      struct px_err *err)
{
	size_t n = 0;
	int rc = 0;
	struct cell *cells = malloc((to - from + 1) * sizeof(*cells));
	if (!cells)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	for (size_t i = from; i < to; i++) {
		struct cell *x = &cells[n++];
		snprintf(x->region, sizeof(x->region), "%s", rows[i].region);
		x->kind = rows[i].kind;
		x->chain = rows[i].chain;
		x->ym = nqi_month_of(rows[i].day);
		x->n = 1;
	}
	qsort(cells, n, sizeof(*cells), by_cell);
	for (size_t i = 0; i < n && !rc;) {
		size_t j = i + 1;
		while (j < n && !by_cell(&cells[i], &cells[j]))
			j++;
		rc = store_run(c, &Q_COUNT, err, "titti", cells[i].region, (int64_t)cells[i].ym,
			       nqi_kinds[cells[i].kind].code, nqi_chains[cells[i].chain].code, sign * (int64_t)(j - i));
		i = j;
	}
	free(cells);
	return rc;
}

static void kinds_text(uint8_t mask, char *buf, size_t cap)
{
	size_t at = 0;
	buf[0] = '\0';
	for (size_t k = 0; k < nqi_nkinds; k++)
		if (mask & (1u << k))
			at += (size_t)snprintf(buf + at, at < cap ? cap - at : 0, "%s%s", at ? ";" : "", nqi_kinds[k].code);
}

int nqi_write_rows(struct store_conn *c, const struct app *app, const struct app_actor *actor, enum nqi_what what,
		   const struct nqi_row *rows, size_t from, size_t to, int64_t import_id, int64_t *last,
		   struct px_err *err)
{
	int64_t now = app_now_us(app);
	const char *owner = actor->kind == ACTOR_CLI ? NULL : actor->region;
	int rc = 0;
	for (size_t i = from; i < to && rc >= 0; i++) {
		const struct nqi_row *w = &rows[i];
		const char *own = owner ? owner : w->region;
		if (what == NQI_INSTITUTIONS) {
			char kinds[200];
			kinds_text(w->kinds, kinds, sizeof(kinds));
			rc = store_get(c, &Q_INST, err, "tttttii:i", own, w->uscc, w->name, w->region, kinds, import_id, now, last);
		} else if (what == NQI_ENTERPRISES) {
			rc = store_get(c, &Q_ENT, err, "tttttii:i", own, w->uscc, w->name, w->region,
				       nqi_chains[w->chain].code, import_id, now, last);
		} else {
			rc = store_get(c, &Q_SERVICE, err, "tittiiii:i", own, (int64_t)w->day, nqi_kinds[w->kind].code,
				       nqi_chains[w->chain].code, w->inst_id, import_id, now, w->ent_id, last);
		}
		if (rc == STORE_DONE)
			rc = px_err_set(err, PX_ECONFLICT, "register_changed", "enterprise",
					"the enterprise of line %u left the register", (unsigned)w->line);
	}
	if (rc < 0)
		return rc;
	rc = what != NQI_SERVICES ? 0 : count_rows(c, rows, from, to, 1, err);
	return rc;
}

int nqi_uncount_rows(struct store_conn *c, const struct nqi_row *rows, size_t from, size_t to, struct px_err *err)
{
	return count_rows(c, rows, from, to, -1, err);
}
