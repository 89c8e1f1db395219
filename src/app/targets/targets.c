/*
 * targets.c - the 十百千万 dashboard (targets.h): three grouped counts, one
 * per register, over the rows whose division code starts with the region's
 * digits, grouped by the digits of the level below (a province's cities by
 * four digits, a city's counties by six). Division names come from the
 * region table; a code the table does not know keeps its code as its name.
 */
#include "app/targets/internal.h"

#include <stdio.h>
#include <string.h>

#include "app/scope.h"
#include "app/tx.h"
#include "core/access.h"

#define T_MODELS 10
#define T_CERTIFIED 100
#define T_TRAINED 1000
#define T_SOLVED 10000

/* $1 prefix length, $2 prefix, $3 child length: (child code digits, count) */
static struct store_sql Q_CERTIFIED = STORE_SQL(
	"SELECT substr(region, 1, $3), count(*) FROM certificate WHERE status = 'valid' AND region IS NOT NULL "
	"AND substr(region, 1, $1) = $2 GROUP BY substr(region, 1, $3)");
static struct store_sql Q_TRAINED = STORE_SQL(
	"SELECT substr(region, 1, $3), count(*) FROM tr_trainee WHERE certificate IS NOT NULL "
	"AND substr(region, 1, $1) = $2 GROUP BY substr(region, 1, $3)");
static struct store_sql Q_SOLVED = STORE_SQL(
	"SELECT substr(owner_region, 1, $3), count(*) FROM hd_problem WHERE state IN ('resolved', 'closed') "
	"AND substr(owner_region, 1, $1) = $2 GROUP BY substr(owner_region, 1, $3)");
static struct store_sql Q_MODELS = STORE_SQL(
	"SELECT substr(region, 1, $3), count(*) FROM qm_model WHERE substr(region, 1, $1) = $2 GROUP BY substr(region, 1, $3)");
static struct store_sql Q_NAME = STORE_SQL("SELECT name FROM region WHERE code = $1");

static const char *const measures[] = { "models", "certified", "trained", "solved" };
#define NMEASURES 4

struct targets_tx {
	struct app *app;
	const char *region;
	char prefix[8];
	int child_len;
	json_t *children, *out;
	int measure;
};

/* The full code of a child from its digits: 4301 → 430100, 430102 stays. */
static void child_code(const char *digits, char out[8])
{
	snprintf(out, 8, "%s000000", digits);
	out[6] = '\0';
}

static int count_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct targets_tx *x = arg;
	char code[8];
	(void)err;
	child_code(store_col_text(s, 0), code);
	json_t *child = json_object_get(x->children, code);
	if (!child) {
		child = json_pack("{s:s, s:s, s:i, s:i, s:i, s:i}", "region", code, "name", code, "models", 0, "certified", 0,
				  "trained", 0, "solved", 0);
		json_object_set_new(x->children, code, child);
	}
	json_object_set_new(child, measures[x->measure], json_integer(store_col_int(s, 1)));
	return 0;
}

static int name_of(struct store_conn *c, const char *code, char *name, size_t cap, struct px_err *err)
{
	snprintf(name, cap, "%s", code);
	int rc = store_get(c, &Q_NAME, err, "t:b", code, name, cap);
	return rc < 0 ? rc : 0;
}

/* The local summaries' status on the region's own row ("summary") and its children's. */
static int summaries(struct store_conn *c, struct targets_tx *x, json_t *children, struct px_err *err)
{
	json_t *self = json_pack("{s:s}", "region", x->region), *rows = json_copy(children);
	json_array_append(rows, self);
	int rc = targets_summaries_tx(c, x->app, x->region, x->out, rows, children, err);
	json_object_set(x->out, "summary", json_object_get(self, "summary") ? json_object_get(self, "summary") : json_null());
	json_decref(self);
	json_decref(rows);
	return rc;
}

static int targets_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	static struct store_sql *const queries[] = { &Q_MODELS, &Q_CERTIFIED, &Q_TRAINED, &Q_SOLVED };
	struct targets_tx *x = arg;
	int64_t total[NMEASURES] = { 0 };
	char name[128];
	int rc;
	json_decref(x->children);
	x->children = json_object();
	for (x->measure = 0; x->measure < NMEASURES; x->measure++)
		if ((rc = store_each(c, queries[x->measure], count_row, x, err, "iti", (int64_t)strlen(x->prefix), x->prefix,
				     (int64_t)x->child_len)) < 0)
			return rc;
	json_t *list = json_array(), *v;
	const char *code;
	json_object_foreach(x->children, code, v) {
		if ((rc = name_of(c, code, name, sizeof(name), err)))
			break;
		json_object_set_new(v, "name", json_string(name));
		for (int m = 0; m < NMEASURES; m++)
			total[m] += json_integer_value(json_object_get(v, measures[m]));
		json_array_append(list, v);
	}
	if (!rc)
		rc = name_of(c, x->region, name, sizeof(name), err);
	x->out = json_pack("{s:s, s:s, s:{s:i, s:i, s:i, s:i}, s:{s:I, s:I, s:I, s:I}, s:o}", "region", x->region, "name",
			   name, "targets", "models", T_MODELS, "certified", T_CERTIFIED, "trained", T_TRAINED, "solved",
			   T_SOLVED, "totals", "models", (json_int_t)total[0], "certified", (json_int_t)total[1], "trained",
			   (json_int_t)total[2], "solved", (json_int_t)total[3], "children", list);
	return rc ? rc : summaries(c, x, list, err);
}

int targets_json(struct app *app, const struct app_actor *actor, const char *region, json_t **out, struct px_err *err)
{
	struct targets_tx x = { .app = app };
	char own[8];
	*out = NULL;
	if (!app_scope_prefix(actor, own))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the staff read the targets");
	x.region = region && *region ? region : actor->kind == ACTOR_CLI ? "000000" : actor->region;
	if (!access_region_valid(x.region) || !app_actor_in_region(actor, x.region, NULL))
		return px_err_set(err, PX_ENOTFOUND, NULL, "region", "no region '%s' in your scope", x.region);
	struct app_actor as_region = app_actor_office_of(x.region);
	app_scope_prefix(&as_region, x.prefix);
	size_t n = strlen(x.prefix);
	x.child_len = n >= 6 ? 6 : (int)n + 2;
	int rc = app_tx_json(app, STORE_TX_READ, targets_tx, &x, &x.out, out, err);
	json_decref(x.children);
	return rc;
}
