/*
 * tx.c - one transaction around a use case's work (see tx.h).
 */
#include "app/tx.h"

int app_tx(struct app *app, enum store_tx mode, app_tx_fn fn, void *arg, struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	int rc = store_begin(c, mode, err);

	if (rc)
		goto out;
	rc = fn(c, arg, err);
	if (!rc)
		rc = store_commit(c, err);
	if (rc)
		store_rollback(c);
out:
	store_release(c);
	return rc < 0 ? rc : 0;
}
