/*
 * sqlite.c - the SQLite driver of the store (the default: one file, WAL).
 *
 * Each connection is opened with foreign keys on, WAL journaling,
 * synchronous=FULL (an acknowledged write survives power loss) and a busy
 * timeout; write transactions start IMMEDIATE so that two writers never
 * deadlock on a lock upgrade, and they queue for their turn in process
 * (store.c, single_writer) rather than in SQLite's busy handler, which sleeps
 * in steps of up to 100 ms and wakes no one when the lock frees; the busy
 * timeout remains for writers in other processes. SQL arrives with $1..$N parameters, which
 * SQLite treats as named parameters: the driver maps each number to its
 * index once, at prepare time.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

/* The transaction statements, prepared once per connection (sqlite3_exec parses them every time). */
enum { TX_BEGIN, TX_BEGIN_IMMEDIATE, TX_COMMIT, TX_ROLLBACK, TX_STMTS };
static const char *const tx_sql[TX_STMTS] = { "BEGIN", "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK" };

struct sqlite_conn {
	struct store_conn base;
	sqlite3 *db;
	sqlite3_stmt *tx[TX_STMTS];
};

struct sqlite_stmt {
	struct store_stmt base;
	sqlite3_stmt *stmt;
	sqlite3 *db;
	int param_index[STORE_MAX_PARAMS + 1]; /* $n -> sqlite index, 0 if absent */
};

#define SQLITE_BUSY_MS 10000

static bool sqlite_accepts(const char *url)
{
	return url && *url;
}

static int sqlite_error(sqlite3 *db, int rc, struct px_err *err)
{
	switch (rc & 0xff) {
	case SQLITE_CONSTRAINT:
		if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
			return px_err_set(err, PX_ECONFLICT, "duplicate", NULL, "already exists");
		return px_err_set(err, PX_ECONFLICT, "constraint", NULL, "constraint failed: %s",
				  sqlite3_errmsg(db));
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return px_err_set(err, PX_EBUSY, "db_busy", NULL, "database is busy");
	default:
		return px_err_set(err, PX_EIO, "db_error", NULL, "sqlite: %s", sqlite3_errmsg(db));
	}
}

static int sqlite_connect(const char *url, struct store_conn **out, struct px_err *err)
{
	static const char *const pragmas =
		"PRAGMA journal_mode=WAL;"
		"PRAGMA synchronous=FULL;"
		"PRAGMA foreign_keys=ON;"
		"PRAGMA cache_size=-16000;"
		"PRAGMA temp_store=MEMORY;";
	struct sqlite_conn *c = calloc(1, sizeof(*c));
	int rc;

	if (!c)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	rc = sqlite3_open_v2(url, &c->db,
			     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		px_err_set(err, PX_EIO, "db_open", "db", "cannot open database '%s': %s", url,
			   c->db ? sqlite3_errmsg(c->db) : "out of memory");
		goto out_free;
	}
	sqlite3_extended_result_codes(c->db, 1);
	sqlite3_busy_timeout(c->db, SQLITE_BUSY_MS);
	rc = sqlite3_exec(c->db, pragmas, NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		px_err_set(err, PX_EIO, "db_open", "db", "cannot configure database '%s': %s", url,
			   sqlite3_errmsg(c->db));
		goto out_free;
	}
	*out = &c->base;
	return 0;

out_free:
	sqlite3_close(c->db);
	free(c);
	return err ? err->code : PX_EIO;
}

static void sqlite_disconnect(struct store_conn *base)
{
	struct sqlite_conn *c = (struct sqlite_conn *)base;
	for (int i = 0; i < TX_STMTS; i++)
		sqlite3_finalize(c->tx[i]);
	sqlite3_close(c->db);
	free(c);
}

static int sqlite_exec_script(struct store_conn *base, const char *sql, struct px_err *err)
{
	struct sqlite_conn *c = (struct sqlite_conn *)base;
	char *msg = NULL;
	int rc = sqlite3_exec(c->db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		px_err_set(err, PX_EIO, "db_error", NULL, "sqlite: %s", msg ? msg : "script failed");
		sqlite3_free(msg);
		return PX_EIO;
	}
	return 0;
}

/* Run one transaction statement: SQLITE_OK or its error, as sqlite3_exec would return. */
static int tx_run(struct sqlite_conn *c, int which)
{
	int rc;
	if (!c->tx[which] &&
	    (rc = sqlite3_prepare_v3(c->db, tx_sql[which], -1, SQLITE_PREPARE_PERSISTENT, &c->tx[which], NULL)))
		return rc;
	rc = sqlite3_step(c->tx[which]);
	sqlite3_reset(c->tx[which]);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int sqlite_begin(struct store_conn *base, enum store_tx mode, struct px_err *err)
{
	struct sqlite_conn *c = (struct sqlite_conn *)base;
	int rc = tx_run(c, mode == STORE_TX_READ ? TX_BEGIN : TX_BEGIN_IMMEDIATE);
	return rc == SQLITE_OK ? 0 : sqlite_error(c->db, rc, err);
}

static int sqlite_commit(struct store_conn *base, struct px_err *err)
{
	struct sqlite_conn *c = (struct sqlite_conn *)base;
	int rc = tx_run(c, TX_COMMIT);
	return rc == SQLITE_OK ? 0 : sqlite_error(c->db, rc, err);
}

static int sqlite_rollback(struct store_conn *base)
{
	struct sqlite_conn *c = (struct sqlite_conn *)base;
	return tx_run(c, TX_ROLLBACK) == SQLITE_OK ? 0 : PX_EIO;
}

static int sqlite_prepare(struct store_conn *base, const char *sql, struct store_stmt **out,
			  struct px_err *err)
{
	struct sqlite_conn *c = (struct sqlite_conn *)base;
	struct sqlite_stmt *s = calloc(1, sizeof(*s));
	int rc;

	if (!s)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	rc = sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->stmt, NULL);
	if (rc != SQLITE_OK) {
		px_err_set(err, PX_EINTERNAL, "bad_sql", NULL, "sqlite: %s in '%.80s'",
			   sqlite3_errmsg(c->db), sql);
		free(s);
		return PX_EINTERNAL;
	}
	s->db = c->db;
	for (int i = 1; i <= STORE_MAX_PARAMS; i++) {
		char name[16];
		snprintf(name, sizeof(name), "$%d", i);
		s->param_index[i] = sqlite3_bind_parameter_index(s->stmt, name);
	}
	*out = &s->base;
	return 0;
}

static void sqlite_finalize(struct store_stmt *base)
{
	struct sqlite_stmt *s = (struct sqlite_stmt *)base;
	sqlite3_finalize(s->stmt);
	free(s);
}

static int param(struct sqlite_stmt *s, int idx)
{
	return idx >= 1 && idx <= STORE_MAX_PARAMS ? s->param_index[idx] : 0;
}

static void sqlite_bind_null(struct store_stmt *base, int idx)
{
	struct sqlite_stmt *s = (struct sqlite_stmt *)base;
	if (param(s, idx))
		sqlite3_bind_null(s->stmt, param(s, idx));
}

static void sqlite_bind_int(struct store_stmt *base, int idx, int64_t v)
{
	struct sqlite_stmt *s = (struct sqlite_stmt *)base;
	if (param(s, idx))
		sqlite3_bind_int64(s->stmt, param(s, idx), v);
}

static void sqlite_bind_text(struct store_stmt *base, int idx, const char *v, size_t len)
{
	struct sqlite_stmt *s = (struct sqlite_stmt *)base;
	if (param(s, idx))
		sqlite3_bind_text64(s->stmt, param(s, idx), v, len, SQLITE_TRANSIENT, SQLITE_UTF8);
}

static int sqlite_step(struct store_stmt *base, struct px_err *err)
{
	struct sqlite_stmt *s = (struct sqlite_stmt *)base;
	int rc = sqlite3_step(s->stmt);
	if (rc == SQLITE_ROW)
		return STORE_ROW;
	if (rc == SQLITE_DONE)
		return STORE_DONE;
	return sqlite_error(s->db, rc, err);
}

static void sqlite_reset(struct store_stmt *base)
{
	struct sqlite_stmt *s = (struct sqlite_stmt *)base;
	sqlite3_reset(s->stmt);
	sqlite3_clear_bindings(s->stmt);
}

static int sqlite_columns(struct store_stmt *base)
{
	return sqlite3_column_count(((struct sqlite_stmt *)base)->stmt);
}

static bool sqlite_col_null(struct store_stmt *base, int col)
{
	return sqlite3_column_type(((struct sqlite_stmt *)base)->stmt, col) == SQLITE_NULL;
}

static int64_t sqlite_col_int(struct store_stmt *base, int col)
{
	return sqlite3_column_int64(((struct sqlite_stmt *)base)->stmt, col);
}

static const char *sqlite_col_text(struct store_stmt *base, int col, size_t *len)
{
	struct sqlite_stmt *s = (struct sqlite_stmt *)base;
	const char *t = (const char *)sqlite3_column_text(s->stmt, col);
	*len = (size_t)sqlite3_column_bytes(s->stmt, col);
	return t;
}

static int sqlite_backup(struct store_conn *base, const char *dest, struct px_err *err)
{
	struct sqlite_conn *c = (struct sqlite_conn *)base;
	sqlite3 *out = NULL;
	sqlite3_backup *b;
	int rc = sqlite3_open_v2(dest, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		px_err_set(err, PX_EIO, "backup_open", "dest", "cannot create '%s'", dest);
		goto out;
	}
	b = sqlite3_backup_init(out, "main", c->db, "main");
	if (!b) {
		px_err_set(err, PX_EIO, "backup_failed", "dest", "sqlite: %s", sqlite3_errmsg(out));
		rc = SQLITE_ERROR;
		goto out;
	}
	do {
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		px_err_set(err, PX_EIO, "backup_failed", "dest", "sqlite: %s", sqlite3_errstr(rc));
out:
	sqlite3_close(out);
	return rc == SQLITE_DONE ? 0 : PX_EIO;
}

const struct store_driver store_sqlite_driver = {
	.name = "sqlite",
	.dialect = "sqlite",
	.accepts = sqlite_accepts,
	.connect = sqlite_connect,
	.disconnect = sqlite_disconnect,
	.exec_script = sqlite_exec_script,
	.begin = sqlite_begin,
	.commit = sqlite_commit,
	.rollback = sqlite_rollback,
	.prepare = sqlite_prepare,
	.finalize = sqlite_finalize,
	.bind_null = sqlite_bind_null,
	.bind_int = sqlite_bind_int,
	.bind_text = sqlite_bind_text,
	.step = sqlite_step,
	.reset = sqlite_reset,
	.columns = sqlite_columns,
	.col_null = sqlite_col_null,
	.col_int = sqlite_col_int,
	.col_text = sqlite_col_text,
	.backup = sqlite_backup,
	.single_writer = true,
};
