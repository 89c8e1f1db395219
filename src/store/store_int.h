/*
 * store_int.h - what store.c shares with the drivers and nothing else.
 * A driver's connection and statement structs embed these as their first
 * member, so the generic layer and the driver convert between them by cast.
 */
#ifndef PX_STORE_INT_H
#define PX_STORE_INT_H

#include "store/store.h"

struct store_conn {
	struct store *st;                    /* owner pool */
	const struct store_driver *drv;
	struct store_stmt *stmts[STORE_MAX_STATEMENTS + 1]; /* by store_sql.slot */
	bool in_tx;
	enum store_tx mode;                  /* of the open transaction */
	bool writing;                        /* holds the pool's writer turn (single_writer drivers) */
	struct store_conn *next_free;
};

struct store_stmt {
	struct store_conn *conn;
};

extern const struct store_driver store_sqlite_driver;
extern const struct store_driver store_pg_driver;

#endif
