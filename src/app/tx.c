/*
 * tx.c - one transaction around a use case's work (see tx.h): the store's
 * retrying runner, so a PostgreSQL serialization failure or deadlock reruns
 * the work instead of failing the request.
 */
#include "app/tx.h"

/* How many app_tx() calls this thread is inside (a use case does not nest them, a test may). */
static _Thread_local int tx_depth;

int app_tx(struct app *app, enum store_tx mode, app_tx_fn fn, void *arg, struct px_err *err)
{
	tx_depth++;
	int rc = store_tx(app->st, mode, fn, arg, err);
	tx_depth--;
	return rc < 0 ? rc : 0;
}

bool app_tx_open(void)
{
	return tx_depth > 0;
}

int app_tx_refuse_io(const char *what, struct px_err *err)
{
	if (!app_tx_open())
		return 0;
	return px_err_set(err, PX_EINTERNAL, "io_in_transaction", NULL, "%s inside a transaction", what);
}

json_t *app_result(int rc, json_t *v)
{
	if (!rc)
		return v;
	json_decref(v);
	return NULL;
}

/* app_tx_json's work: what an earlier, retried attempt left in *result is dropped first. */
struct json_tx {
	app_tx_fn fn;
	void *arg;
	json_t **result;
};

static int json_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct json_tx *j = arg;
	json_decref(*j->result);
	*j->result = NULL;
	return j->fn(c, j->arg, err);
}

int app_tx_json(struct app *app, enum store_tx mode, app_tx_fn fn, void *arg, json_t **result, json_t **out,
		struct px_err *err)
{
	struct json_tx j = { fn, arg, result };
	int rc = app_tx(app, mode, json_tx, &j, err);
	*out = app_result(rc, *result);
	return rc;
}
