/*
 * tx.h - run a use case's database work as one transaction.
 *
 * app_tx() checks out a connection, begins a transaction of the given mode,
 * calls fn(c, arg, err), commits when fn returns 0 and rolls back otherwise.
 * fn does database work only and never commits or rolls back itself; results
 * leave through arg. fn may run more than once: a busy SQLite, or a
 * PostgreSQL serialization failure (40001) or deadlock (40P01), rolls the
 * transaction back and runs it again (store_tx() in store.h), so fn starts
 * from its inputs each time and frees or resets what an earlier attempt left
 * in arg. No file, PDF or network I/O inside fn: it would hold the
 * transaction (SQLite's single writer) open while it waits; read files
 * before, render or send after. Keeping the work in a function of its own lets the
 * store retry it later (a PostgreSQL serialization failure) without changing
 * the use case.
 */
#ifndef PX_APP_TX_H
#define PX_APP_TX_H

#include <jansson.h>
#include <stdbool.h>

#include "app/app.h"

typedef int (*app_tx_fn)(struct store_conn *c, void *arg, struct px_err *err);

int app_tx(struct app *app, enum store_tx mode, app_tx_fn fn, void *arg, struct px_err *err);

/* Is this thread inside app_tx() (from begin to commit or rollback)? */
bool app_tx_open(void);

/*
 * The guard of slow I/O that must not hold a transaction open (rendering a
 * certificate's PDF): 0 outside app_tx(), PX_EINTERNAL "io_in_transaction"
 * naming `what` inside it.
 */
int app_tx_refuse_io(const char *what, struct px_err *err);

/*
 * What a use case hands back: v when rc is 0, else NULL after freeing v (a
 * commit that fails after the work built its answer).
 */
json_t *app_result(int rc, json_t *v);

/*
 * app_tx(app, mode, fn, arg) handing back through *out what fn left in
 * *result, as app_result() does: the caller's on 0, else NULL. *result is
 * dropped and set to NULL before each attempt.
 */
int app_tx_json(struct app *app, enum store_tx mode, app_tx_fn fn, void *arg, json_t **result, json_t **out,
		struct px_err *err);

#endif
