/*
 * regions.c - importing division codes into the database (see regions.h).
 */
#include "app/people/regions.h"

#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "core/chain.h"
#include "core/region.h"

static struct store_sql Q_UPSERT = STORE_SQL(
	"INSERT INTO region (code, name, parent) VALUES ($1, $2, $3) "
	"ON CONFLICT (code) DO UPDATE SET name = excluded.name, parent = excluded.parent");

/* Index of a region of t (rows are not plain struct region, so no pointer arithmetic). */
static size_t index_of(const struct region_table *t, const struct region *r)
{
	size_t i = 0;
	while (region_at(t, i) && region_at(t, i) != r)
		i++;
	return i;
}

int regions_import(struct app *app, const struct app_actor *actor, const char *csv, size_t len,
		   int *count, struct px_err *err)
{
	struct region_table *t = NULL;
	struct store_conn *c = NULL;
	char sha[CHAIN_HEX_LEN + 1];
	bool *done = NULL;
	size_t n, left;
	int rc;

	if (actor->kind != ACTOR_CLI && !app_actor_is(actor, ROLE_OFFICE))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "only the office imports regions");
	rc = region_load(&t, csv, len, err);
	if (rc)
		return rc;
	n = region_count(t);
	done = calloc(n ? n : 1, sizeof(*done));
	if (!done) {
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		goto out;
	}
	c = store_acquire(app->st);
	if ((rc = store_begin(c, STORE_TX_WRITE, err)))
		goto out;
	/* parents first: each pass inserts the rows whose parent is in (at most the depth of the tree) */
	for (left = n; left > 0;) {
		size_t before = left;
		for (size_t i = 0; i < n; i++) {
			const struct region *r = region_at(t, i);
			const struct region *p = r->parent[0] ? region_find(t, r->parent) : NULL;
			if (done[i] || (p && !done[index_of(t, p)]))
				continue;
			rc = store_run(c, &Q_UPSERT, err, "ttt", r->code, r->name,
				       r->parent[0] ? r->parent : NULL);
			if (rc)
				goto out_rollback;
			done[i] = true;
			left--;
		}
		if (left == before) {
			rc = px_err_set(err, PX_EINTERNAL, NULL, NULL, "region parents do not resolve");
			goto out_rollback;
		}
	}
	chain_hex_sha256(csv, len, sha);
	json_t *payload = json_pack("{s:I, s:s}", "regions", (json_int_t)n, "sha256", sha);
	rc = audit_append(c, actor, "region.import", "region:*", payload, err);
	json_decref(payload);
	if (rc)
		goto out_rollback;
	rc = store_commit(c, err);
	if (!rc)
		*count = (int)n;
	goto out;

out_rollback:
	store_rollback(c);
out:
	store_release(c);
	region_free(t);
	free(done);
	return rc;
}
