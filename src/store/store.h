/*
 * store.h - the database, behind an ops table with one driver per engine.
 *
 * A `struct store` is an open database: a driver (SQLite or PostgreSQL,
 * chosen from the URL) and a pool of connections. Use cases check out a
 * connection, run prepared statements inside a transaction, and give it back:
 *
 *	struct store_conn *c = store_acquire(st);
 *	if (store_begin(c, STORE_TX_WRITE, err)) goto out;
 *	struct store_stmt *q;
 *	if (store_prepare(c, &Q_USER_BY_LOGIN, &q, err)) goto out_rollback;
 *	store_bind_text(q, 1, login);
 *	while ((rc = store_step(q, err)) == STORE_ROW) ... store_col_text(q, 0) ...
 *	store_reset(q);
 *	rc = store_commit(c, err);
 *	store_release(c);
 *
 * SQL is written once, in the dialect common to SQLite and PostgreSQL, with
 * $1, $2 ... parameters. Statements are `static struct store_sql` constants;
 * each connection prepares a statement the first time it is used and keeps it
 * (the slot number in store_sql is assigned at first use). SQL text is never
 * built from input: only bound parameters.
 *
 * Values cross the boundary as 64-bit integers, text (UTF-8) or NULL. Binary
 * data (hashes) is stored as lowercase hex text; times as integer
 * microseconds since the Unix epoch; booleans as 0/1 integers.
 */
#ifndef PX_STORE_H
#define PX_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

struct store;
struct store_conn;
struct store_stmt;

/* A constant statement. Declare as `static struct store_sql Q = STORE_SQL("...");` */
struct store_sql {
	const char *sql;
	int slot; /* 0 until first use; then 1.. (assigned once, atomically) */
};
#define STORE_SQL(text) { (text), 0 }
#define STORE_MAX_STATEMENTS 512
#define STORE_MAX_PARAMS 32

/* Results of store_step. */
enum { STORE_DONE = 0, STORE_ROW = 1 };

enum store_tx {
	STORE_TX_READ,   /* consistent reads (SQLite: deferred; PG: repeatable read, read only) */
	STORE_TX_WRITE,  /* a use case that writes (SQLite: immediate; PG: read committed) */
	STORE_TX_SERIAL, /* must appear serial to concurrent writers (PG: serializable) */
};

/* The ops every driver implements (store/sqlite.c, store/pg.c). */
struct store_driver {
	const char *name;    /* "sqlite", "pg" */
	const char *dialect; /* migration set: "sqlite", "pg" */
	bool (*accepts)(const char *url);
	int (*connect)(const char *url, struct store_conn **out, struct px_err *err);
	void (*disconnect)(struct store_conn *c);
	int (*exec_script)(struct store_conn *c, const char *sql, struct px_err *err);
	int (*begin)(struct store_conn *c, enum store_tx mode, struct px_err *err);
	int (*commit)(struct store_conn *c, struct px_err *err);
	int (*rollback)(struct store_conn *c);
	int (*prepare)(struct store_conn *c, const char *sql, struct store_stmt **out,
		       struct px_err *err);
	void (*finalize)(struct store_stmt *s);
	void (*bind_null)(struct store_stmt *s, int idx);
	void (*bind_int)(struct store_stmt *s, int idx, int64_t v);
	void (*bind_text)(struct store_stmt *s, int idx, const char *v, size_t len);
	int (*step)(struct store_stmt *s, struct px_err *err);
	void (*reset)(struct store_stmt *s);
	int (*columns)(struct store_stmt *s);
	bool (*col_null)(struct store_stmt *s, int col);
	int64_t (*col_int)(struct store_stmt *s, int col);
	const char *(*col_text)(struct store_stmt *s, int col, size_t *len);
	int (*backup)(struct store_conn *c, const char *dest, struct px_err *err);
	/* Optional: called first inside the migration transaction so that nodes
	 * starting together migrate one after the other (PG: an advisory lock;
	 * SQLite needs none, its write transaction is exclusive). */
	int (*lock_migrations)(struct store_conn *c, struct px_err *err);
	/* One writer at a time (SQLite): write transactions of the pool queue in
	 * process (store.c) instead of in the engine's sleeping busy handler. */
	bool single_writer;
};

/*
 * Open the database at `url` (a path for SQLite; postgres:// or
 * postgresql:// URLs for PostgreSQL) with `pool` connections. Does not migrate:
 * call store_migrate() (init, serve) or store_check_schema(). The caller owns
 * *out and frees it with store_close().
 */
int store_open(const char *url, int pool, struct store **out, struct px_err *err);
void store_close(struct store *st);

/*
 * The URL fit for messages and logs: a password in it (user:PASSWORD@ or
 * ?password=...) is replaced by "***". Paths are copied as they are.
 */
void store_url_redacted(const char *url, char *out, size_t cap);
const struct store_driver *store_driver_of(const struct store *st);

/* Apply pending migrations; from and to (may be NULL) receive the versions. */
int store_migrate(struct store *st, int *from, int *to, struct px_err *err);
/* Fail with key "schema_too_old"/"schema_too_new" unless the schema matches the binary. */
int store_check_schema(struct store *st, struct px_err *err);
/* The latest migration version this binary knows for the store's dialect. */
int store_schema_target(const struct store *st);

/* Check out a connection (blocks while all are busy) and give it back. */
struct store_conn *store_acquire(struct store *st);
void store_release(struct store_conn *c);

int store_begin(struct store_conn *c, enum store_tx mode, struct px_err *err);
int store_commit(struct store_conn *c, struct px_err *err);
void store_rollback(struct store_conn *c);

/*
 * Run fn(c, arg, err) inside one transaction of the given mode on a pooled
 * connection and commit. When fn or the commit fails with PX_EBUSY (PG:
 * serialization failure or deadlock; SQLite: busy past its timeout) the
 * transaction is rolled back and run again, up to STORE_TX_ATTEMPTS times in
 * all, after a random pause of up to 2^(n+1) ms before attempt n. If every
 * attempt is busy, PX_EBUSY is returned (HTTP 503: the client may retry).
 * Any other failure rolls back and is returned.
 * fn does database work only (it may run more than once) and must not commit
 * or roll back itself; results leave through arg.
 */
#define STORE_TX_ATTEMPTS 8
typedef int (*store_tx_fn)(struct store_conn *c, void *arg, struct px_err *err);
int store_tx(struct store *st, enum store_tx mode, store_tx_fn fn, void *arg, struct px_err *err);

/*
 * The connection's prepared copy of q (prepared now if first use). The
 * statement belongs to the connection: do not finalize it; store_reset() it
 * when done so that it can be reused.
 */
int store_prepare(struct store_conn *c, struct store_sql *q, struct store_stmt **out,
		  struct px_err *err);

/* Parameters are numbered from 1; text is copied by the driver. NULL text binds NULL. */
void store_bind_null(struct store_stmt *s, int idx);
void store_bind_int(struct store_stmt *s, int idx, int64_t v);
void store_bind_text(struct store_stmt *s, int idx, const char *v);
void store_bind_textn(struct store_stmt *s, int idx, const char *v, size_t len);

/* STORE_ROW, STORE_DONE, or a negative PX_E* (PX_ECONFLICT for a unique violation, PX_EBUSY for a retryable failure). */
int store_step(struct store_stmt *s, struct px_err *err);
void store_reset(struct store_stmt *s);

/* Number of result columns (0 for a statement that returns none). */
int store_columns(struct store_stmt *s);

/* Columns are numbered from 0; text stays valid until the next step or reset. NULL reads as 0 / "". */
bool store_col_null(struct store_stmt *s, int col);
int64_t store_col_int(struct store_stmt *s, int col);
const char *store_col_text(struct store_stmt *s, int col);
const char *store_col_textn(struct store_stmt *s, int col, size_t *len);

/*
 * Run q to completion with the given text/int arguments, for statements
 * returning no rows or whose rows are ignored. `types` has one letter per
 * argument: 'i' int64_t, 't' const char * (NULL binds NULL), 'n' NULL.
 * Resets the statement. *changes is not reported: use RETURNING if needed.
 */
int store_run(struct store_conn *c, struct store_sql *q, struct px_err *err, const char *types, ...);

/*
 * The read half of store_run: run q with the arguments of `types` and copy
 * the first row's columns out. `types` is the bind letters of store_run, then
 * ':' and one letter per result column, each taking the next argument(s):
 *	'i' int64_t *;  'd' int *;
 *	'b' char *buf, size_t cap (text copied, cut to fit, NUL-terminated);
 *	's' char ** (a malloc'd copy the caller frees, NULL for SQL NULL; a
 *	    previous value in *out is freed first);
 *	'-' column skipped.
 * Returns STORE_ROW when there was a row (outputs written), STORE_DONE when
 * none (outputs untouched), or a negative PX_E*. Resets the statement.
 *	store_get(c, &Q, err, "i:db", id, &year, region, sizeof(region));
 */
int store_get(struct store_conn *c, struct store_sql *q, struct px_err *err, const char *types, ...);

/* Copy the current row's columns out of s as store_get's column letters say; returns 0. */
int store_cols(struct store_stmt *s, const char *cols, ...);

/*
 * Run q with the arguments of `types` (store_run's letters) and call fn for
 * each row; fn reads the row with store_col_*() or store_cols() and returns 0
 * to go on, or stops the walk with a negative PX_E* (an error) or a positive
 * value (found what it looked for), which store_each returns. Returns
 * STORE_DONE (0) after the last row. Resets the statement.
 */
typedef int (*store_row_fn)(struct store_stmt *s, void *arg, struct px_err *err);
int store_each(struct store_conn *c, struct store_sql *q, store_row_fn fn, void *arg, struct px_err *err,
	       const char *types, ...);

/*
 * Copy a consistent snapshot of the database to `dest`. SQLite: the online
 * backup API, dest is a database file. PostgreSQL: `pg_dump --format=custom`
 * (found on PATH), dest is an archive for pg_restore.
 */
int store_backup(struct store *st, const char *dest, struct px_err *err);

/*
 * A counter of this process's committed writes: it changes after every commit
 * of a STORE_TX_WRITE / STORE_TX_SERIAL transaction and every store_run
 * outside a transaction. Readers that keep answers in memory key them by it
 * (writes by other processes are not counted: such readers also bound the age
 * of what they keep).
 */
uint64_t store_generation(const struct store *st);
/* Which store of this process a connection belongs to (1, 2, ... in order of store_open; never reused). */
uint64_t store_serial(const struct store_conn *c);

/* Current time in microseconds since the Unix epoch (the one clock of the store layer). */
int64_t store_now_us(void);

#endif
