/*
 * regions.c - importing division codes into the database (see regions.h).
 */
#include "app/people/regions.h"

#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/tx.h"
#include "core/chain.h"
#include "core/region.h"

static struct store_sql Q_UPSERT = STORE_SQL(
	"INSERT INTO region (code, name, parent) VALUES ($1, $2, $3) "
	"ON CONFLICT (code) DO UPDATE SET name = excluded.name, parent = excluded.parent");

struct import_args {
	const struct app_actor *actor;
	const struct region_table *t;
	const char *csv;
	size_t len;
	bool *done;
};

/* Parents first: each pass inserts the rows whose parent is in (at most the depth of the tree). */
static int upsert_all(struct store_conn *c, const struct region_table *t, bool *done, struct px_err *err)
{
	size_t n = region_count(t), left;
	int rc;
	memset(done, 0, (n ? n : 1) * sizeof(*done));
	for (left = n; left > 0;) {
		size_t before = left;
		for (size_t i = 0; i < n; i++) {
			const struct region *r = region_at(t, i);
			long p = r->parent[0] ? region_index(t, r->parent) : -1;
			if (done[i] || (p >= 0 && !done[p]))
				continue;
			if ((rc = store_run(c, &Q_UPSERT, err, "ttt", r->code, r->name, r->parent[0] ? r->parent : NULL)))
				return rc;
			done[i] = true;
			left--;
		}
		if (left == before)
			return px_err_set(err, PX_EINTERNAL, NULL, NULL, "region parents do not resolve");
	}
	return 0;
}

static int import_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct import_args *a = arg;
	char sha[CHAIN_HEX_LEN + 1];
	int rc = upsert_all(c, a->t, a->done, err);
	if (rc)
		return rc;
	chain_hex_sha256(a->csv, a->len, sha);
	json_t *payload = json_pack("{s:I, s:s}", "regions", (json_int_t)region_count(a->t), "sha256", sha);
	rc = audit_append(c, a->actor, "region.import", "region:*", payload, err);
	json_decref(payload);
	return rc;
}

int regions_import(struct app *app, const struct app_actor *actor, const char *csv, size_t len,
		   int *count, struct px_err *err)
{
	struct import_args a = { actor, NULL, csv, len, NULL };
	struct region_table *t = NULL;
	int rc;

	if (actor->kind != ACTOR_CLI && !app_actor_is(actor, ROLE_OFFICE))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "only the office imports regions");
	if ((rc = region_load(&t, csv, len, err)))
		return rc;
	a.t = t;
	if (!(a.done = calloc(region_count(t) ? region_count(t) : 1, sizeof(*a.done))))
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	else if (!(rc = app_tx(app, STORE_TX_WRITE, import_tx, &a, err)))
		*count = (int)region_count(t);
	region_free(t);
	free(a.done);
	return rc;
}
