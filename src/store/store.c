/*
 * store.c - the driver-independent half of the store: choosing a driver from
 * the URL, the connection pool, per-connection statement caches, the
 * convenience runner, and migrations (store/migrate.h).
 */
#include "store/store.h"

#include <pthread.h>
#include <stdarg.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/migrate.h"
#include "store/store_int.h"

static const struct store_driver *const drivers[] = {
	&store_pg_driver,     /* postgres://, postgresql:// */
	&store_sqlite_driver, /* anything else is a file path */
};

struct store {
	const struct store_driver *drv;
	pthread_mutex_t lock;
	pthread_cond_t freed;
	struct store_conn *free_list;
	struct store_conn **all;
	int n;
	_Atomic uint64_t generation; /* committed write transactions, see store_generation() */
	uint64_t serial;             /* this process's count of opened stores, see store_serial() */
	/* the writer turn of single_writer drivers: a queue of waiting writers */
	pthread_mutex_t wlock;
	pthread_cond_t wfree;
	bool writer;                 /* a connection holds the turn */
};

#define WRITER_WAIT_MS 10000

static atomic_int next_slot = 0;
static _Atomic uint64_t next_serial = 0;

int64_t store_now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

const struct store_driver *store_driver_of(const struct store *st)
{
	return st->drv;
}

int store_open(const char *url, int pool, struct store **out, struct px_err *err)
{
	const struct store_driver *drv = NULL;
	struct store *st;
	int rc;

	if (!url || !*url)
		return px_err_set(err, PX_EINVAL, "bad_db_url", "db", "empty database location");
	if (pool < 1 || pool > 256)
		return px_err_set(err, PX_EINVAL, "bad_pool", "pool", "pool size %d out of 1..256", pool);
	for (size_t i = 0; i < sizeof(drivers) / sizeof(drivers[0]) && !drv; i++)
		if (drivers[i]->accepts(url))
			drv = drivers[i];
	st = calloc(1, sizeof(*st));
	if (!st || !(st->all = calloc((size_t)pool, sizeof(*st->all)))) {
		free(st);
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	}
	st->drv = drv;
	st->serial = atomic_fetch_add(&next_serial, 1) + 1;
	pthread_mutex_init(&st->lock, NULL);
	pthread_cond_init(&st->freed, NULL);
	pthread_mutex_init(&st->wlock, NULL);
	pthread_cond_init(&st->wfree, NULL);
	for (st->n = 0; st->n < pool; st->n++) {
		struct store_conn *c;
		rc = drv->connect(url, &c, err);
		if (rc)
			goto out_close;
		c->st = st;
		c->drv = drv;
		c->next_free = st->free_list;
		st->free_list = c;
		st->all[st->n] = c;
	}
	*out = st;
	return 0;

out_close:
	store_close(st);
	return rc;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	for (int i = 0; i < st->n; i++) {
		struct store_conn *c = st->all[i];
		for (int s = 0; s <= STORE_MAX_STATEMENTS; s++)
			if (c->stmts[s])
				st->drv->finalize(c->stmts[s]);
		st->drv->disconnect(c);
	}
	pthread_mutex_destroy(&st->lock);
	pthread_cond_destroy(&st->freed);
	pthread_mutex_destroy(&st->wlock);
	pthread_cond_destroy(&st->wfree);
	free(st->all);
	free(st);
}

void store_url_redacted(const char *url, char *out, size_t cap)
{
	const char *p = strstr(url, "://"), *auth_end, *at = NULL;
	size_t o = 0;

#define PUT(ch) do { if (o + 1 < cap) out[o++] = (ch); } while (0)
	if (!cap)
		return;
	if (!p) {
		snprintf(out, cap, "%s", url);
		return;
	}
	auth_end = p + 3 + strcspn(p + 3, "/?#");
	for (const char *q = p + 3; q < auth_end; q++)
		if (*q == '@')
			at = q;
	for (const char *q = url; *q; q++) {
		PUT(*q);
		if (at && q > p + 2 && q < at && *q == ':') { /* user:PASSWORD@ */
			for (const char *r = "***"; *r; r++)
				PUT(*r);
			q = at - 1;
		} else if (q >= auth_end && *q == '=' && q - url >= 8 &&
			   !strncmp(q - 8, "password", 8) && (q - 9 < url || q[-9] == '?' || q[-9] == '&')) {
			for (const char *r = "***"; *r; r++)
				PUT(*r);
			q += strcspn(q + 1, "&#");
		}
	}
	out[o] = '\0';
#undef PUT
}

struct store_conn *store_acquire(struct store *st)
{
	struct store_conn *c;
	pthread_mutex_lock(&st->lock);
	while (!st->free_list)
		pthread_cond_wait(&st->freed, &st->lock);
	c = st->free_list;
	st->free_list = c->next_free;
	pthread_mutex_unlock(&st->lock);
	return c;
}

void store_release(struct store_conn *c)
{
	struct store *st;
	if (!c)
		return;
	if (c->in_tx) /* a use case forgot to finish: never let a transaction leak to the next user */
		store_rollback(c);
	st = c->st;
	pthread_mutex_lock(&st->lock);
	c->next_free = st->free_list;
	st->free_list = c;
	pthread_cond_signal(&st->freed);
	pthread_mutex_unlock(&st->lock);
}

/*
 * Wait for the writer turn (single_writer drivers): writers wake one by one
 * as the turn frees, instead of polling the database lock. PX_EBUSY after
 * WRITER_WAIT_MS, as the engine's busy timeout would.
 */
static int writer_enter(struct store_conn *c, struct px_err *err)
{
	struct store *st = c->st;
	struct timespec until;
	int rc = 0;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += WRITER_WAIT_MS / 1000;
	pthread_mutex_lock(&st->wlock);
	while (st->writer && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&st->wfree, &st->wlock, &until);
	if (!st->writer) {
		st->writer = true;
		c->writing = true;
		rc = 0;
	}
	pthread_mutex_unlock(&st->wlock);
	return c->writing ? 0 : px_err_set(err, PX_EBUSY, "db_busy", NULL, "database is busy");
}

static void writer_leave(struct store_conn *c)
{
	struct store *st = c->st;
	if (!c->writing)
		return;
	pthread_mutex_lock(&st->wlock);
	st->writer = false;
	c->writing = false;
	pthread_cond_signal(&st->wfree);
	pthread_mutex_unlock(&st->wlock);
}

int store_begin(struct store_conn *c, enum store_tx mode, struct px_err *err)
{
	int rc;
	if (mode != STORE_TX_READ && c->drv->single_writer && (rc = writer_enter(c, err)))
		return rc;
	rc = c->drv->begin(c, mode, err);
	if (!rc) {
		c->in_tx = true;
		c->mode = mode;
	} else {
		writer_leave(c);
	}
	return rc;
}

int store_commit(struct store_conn *c, struct px_err *err)
{
	int rc = c->drv->commit(c, err);
	if (rc)
		c->drv->rollback(c);
	else if (c->mode != STORE_TX_READ)
		atomic_fetch_add(&c->st->generation, 1);
	c->in_tx = false;
	writer_leave(c);
	return rc;
}

uint64_t store_serial(const struct store_conn *c)
{
	return c->st->serial;
}

uint64_t store_generation(const struct store *st)
{
	return atomic_load(&((struct store *)st)->generation);
}

void store_rollback(struct store_conn *c)
{
	if (!c->in_tx)
		return;
	c->drv->rollback(c);
	c->in_tx = false;
	writer_leave(c);
}

/* A random pause before attempt n (1..): up to 2^(n+1) ms, at least 1 ms. */
static void retry_pause(int attempt)
{
	static _Thread_local uint64_t x;
	if (!x) /* per-thread xorshift, seeded apart by clock and stack address */
		x = (uint64_t)store_now_us() ^ ((uint64_t)(uintptr_t)&x << 16) ^ 0x9e3779b97f4a7c15u;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	long us = 1000 + (long)(x % (2000u << attempt));
	nanosleep(&(struct timespec){ us / 1000000, (us % 1000000) * 1000 }, NULL);
}

int store_tx(struct store *st, enum store_tx mode, store_tx_fn fn, void *arg, struct px_err *err)
{
	struct store_conn *c = store_acquire(st);
	int rc = PX_EBUSY;

	for (int attempt = 0; attempt < STORE_TX_ATTEMPTS && rc == PX_EBUSY; attempt++) {
		if (attempt)
			retry_pause(attempt);
		px_err_clear(err);
		rc = store_begin(c, mode, err);
		if (rc)
			continue;
		rc = fn(c, arg, err);
		if (rc) {
			store_rollback(c);
			continue;
		}
		rc = store_commit(c, err);
	}
	store_release(c);
	return rc;
}

int store_prepare(struct store_conn *c, struct store_sql *q, struct store_stmt **out,
		  struct px_err *err)
{
	int slot = __atomic_load_n(&q->slot, __ATOMIC_ACQUIRE);
	if (!slot) {
		int fresh = atomic_fetch_add(&next_slot, 1) + 1;
		int expected = 0;
		if (fresh > STORE_MAX_STATEMENTS)
			return px_err_set(err, PX_EINTERNAL, NULL, NULL, "too many distinct statements");
		if (!__atomic_compare_exchange_n(&q->slot, &expected, fresh, false,
						 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
			fresh = expected; /* another thread won; its slot stands */
		slot = fresh;
	}
	if (!c->stmts[slot]) {
		int rc = c->drv->prepare(c, q->sql, &c->stmts[slot], err);
		if (rc)
			return rc;
		c->stmts[slot]->conn = c;
	}
	*out = c->stmts[slot];
	return 0;
}

void store_bind_null(struct store_stmt *s, int idx)
{
	s->conn->drv->bind_null(s, idx);
}

void store_bind_int(struct store_stmt *s, int idx, int64_t v)
{
	s->conn->drv->bind_int(s, idx, v);
}

void store_bind_textn(struct store_stmt *s, int idx, const char *v, size_t len)
{
	if (!v)
		s->conn->drv->bind_null(s, idx);
	else
		s->conn->drv->bind_text(s, idx, v, len);
}

void store_bind_text(struct store_stmt *s, int idx, const char *v)
{
	store_bind_textn(s, idx, v, v ? strlen(v) : 0);
}

int store_step(struct store_stmt *s, struct px_err *err)
{
	return s->conn->drv->step(s, err);
}

void store_reset(struct store_stmt *s)
{
	s->conn->drv->reset(s);
}

int store_columns(struct store_stmt *s)
{
	return s->conn->drv->columns(s);
}

bool store_col_null(struct store_stmt *s, int col)
{
	return s->conn->drv->col_null(s, col);
}

int64_t store_col_int(struct store_stmt *s, int col)
{
	return s->conn->drv->col_int(s, col);
}

const char *store_col_textn(struct store_stmt *s, int col, size_t *len)
{
	size_t n = 0;
	const char *t = s->conn->drv->col_text(s, col, &n);
	if (len)
		*len = t ? n : 0;
	return t ? t : "";
}

const char *store_col_text(struct store_stmt *s, int col)
{
	return store_col_textn(s, col, NULL);
}

/* Bind the arguments of `types` (see store_run) from ap, parameters numbered from 1. */
static void bind_args(struct store_stmt *s, const char *types, va_list *ap)
{
	for (int i = 0; types[i]; i++) {
		switch (types[i]) {
		case 'i':
			store_bind_int(s, i + 1, va_arg(*ap, int64_t));
			break;
		case 't':
			store_bind_text(s, i + 1, va_arg(*ap, const char *));
			break;
		default:
			store_bind_null(s, i + 1);
			break;
		}
	}
}

/* Copy out the columns of the current row as `cols` says (see store_get). */
static void copy_cols(struct store_stmt *s, const char *cols, va_list *ap)
{
	for (int i = 0; cols[i]; i++) {
		switch (cols[i]) {
		case 'i':
			*va_arg(*ap, int64_t *) = store_col_int(s, i);
			break;
		case 'd':
			*va_arg(*ap, int *) = (int)store_col_int(s, i);
			break;
		case 'b': {
			char *buf = va_arg(*ap, char *);
			size_t cap = va_arg(*ap, size_t), n;
			const char *t = store_col_text(s, i);
			if (!cap)
				break;
			n = strnlen(t, cap - 1); /* as snprintf "%s": cut to the buffer, without formatting */
			memcpy(buf, t, n);
			buf[n] = '\0';
			break;
		}
		case 's': {
			char **out = va_arg(*ap, char **);
			size_t len;
			const char *t = store_col_textn(s, i, &len);
			free(*out);
			*out = store_col_null(s, i) ? NULL : strndup(t, len);
			break;
		}
		default: /* '-': a column the caller does not want */
			break;
		}
	}
}

int store_cols(struct store_stmt *s, const char *cols, ...)
{
	va_list ap;
	va_start(ap, cols);
	copy_cols(s, cols, &ap);
	va_end(ap);
	return 0;
}

/* Bind the arguments, step through every row (calling fn for each when given), reset. */
static int run_rows(struct store_conn *c, struct store_sql *q, store_row_fn fn, void *arg, struct px_err *err,
		    const char *types, va_list *ap)
{
	struct store_stmt *s;
	int rc = store_prepare(c, q, &s, err);
	if (rc)
		return rc;
	bind_args(s, types, ap);
	while ((rc = store_step(s, err)) == STORE_ROW)
		if (fn && (rc = fn(s, arg, err)))
			break;
	store_reset(s);
	if (!rc && !c->in_tx) /* an autocommitted statement may have written */
		atomic_fetch_add(&c->st->generation, 1);
	return rc;
}

int store_run(struct store_conn *c, struct store_sql *q, struct px_err *err, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	int rc = run_rows(c, q, NULL, NULL, err, types, &ap);
	va_end(ap);
	return rc;
}

int store_get(struct store_conn *c, struct store_sql *q, struct px_err *err, const char *types, ...)
{
	struct store_stmt *s;
	const char *cols = strchr(types, ':');
	char binds[STORE_MAX_PARAMS + 1];
	size_t nb = cols ? (size_t)(cols - types) : strlen(types);
	va_list ap;
	int rc;

	if (nb > STORE_MAX_PARAMS)
		return px_err_set(err, PX_EINTERNAL, NULL, NULL, "too many parameters");
	memcpy(binds, types, nb);
	binds[nb] = '\0';
	if ((rc = store_prepare(c, q, &s, err)))
		return rc;
	va_start(ap, types);
	bind_args(s, binds, &ap);
	rc = store_step(s, err);
	if (rc == STORE_ROW && cols)
		copy_cols(s, cols + 1, &ap);
	va_end(ap);
	store_reset(s);
	return rc;
}

int store_each(struct store_conn *c, struct store_sql *q, store_row_fn fn, void *arg, struct px_err *err,
	       const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	int rc = run_rows(c, q, fn, arg, err, types, &ap);
	va_end(ap);
	return rc;
}

int store_backup(struct store *st, const char *dest, struct px_err *err)
{
	struct store_conn *c = store_acquire(st);
	int rc = st->drv->backup(c, dest, err);
	store_release(c);
	return rc;
}

/* ---- migrations ---- */

static const struct store_migration *migrations_of(const struct store *st)
{
	return !strcmp(st->drv->dialect, "pg") ? store_migrations_pg : store_migrations_sqlite;
}

int store_schema_target(const struct store *st)
{
	int v = 0;
	for (const struct store_migration *m = migrations_of(st); m->version; m++)
		v = m->version;
	return v;
}

static struct store_sql Q_CREATE_VERSION = STORE_SQL(
	"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
static struct store_sql Q_GET_VERSION = STORE_SQL("SELECT max(version) FROM schema_version");
static struct store_sql Q_ADD_VERSION = STORE_SQL("INSERT INTO schema_version (version) VALUES ($1)");

static int read_version(struct store_conn *c, int *version, struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_GET_VERSION, &s, err);
	if (rc)
		return rc;
	rc = store_step(s, err);
	*version = rc == STORE_ROW ? (int)store_col_int(s, 0) : 0;
	store_reset(s);
	return rc < 0 ? rc : 0;
}

int store_migrate(struct store *st, int *from, int *to, struct px_err *err)
{
	struct store_conn *c = store_acquire(st);
	int version = 0, target = store_schema_target(st), rc;

	rc = store_begin(c, STORE_TX_WRITE, err);
	if (rc)
		goto out;
	if (c->drv->lock_migrations && (rc = c->drv->lock_migrations(c, err)))
		goto out_rollback;
	rc = c->drv->exec_script(c, Q_CREATE_VERSION.sql, err);
	if (!rc)
		rc = read_version(c, &version, err);
	if (rc)
		goto out_rollback;
	if (from)
		*from = version;
	if (version > target) {
		rc = px_err_set(err, PX_ECONFLICT, "schema_too_new", "db",
				"database schema version %d is newer than this binary's %d", version, target);
		goto out_rollback;
	}
	for (const struct store_migration *m = migrations_of(st); m->version; m++) {
		if (m->version <= version)
			continue;
		rc = c->drv->exec_script(c, m->sql, err);
		if (!rc)
			rc = store_run(c, &Q_ADD_VERSION, err, "i", (int64_t)m->version);
		if (rc)
			goto out_rollback;
		version = m->version;
	}
	rc = store_commit(c, err);
	if (!rc && to)
		*to = version;
	goto out;

out_rollback:
	store_rollback(c);
out:
	store_release(c);
	return rc;
}

int store_check_schema(struct store *st, struct px_err *err)
{
	struct store_conn *c = store_acquire(st);
	int version = 0, target = store_schema_target(st);
	int rc = store_begin(c, STORE_TX_READ, err);
	if (!rc) {
		rc = read_version(c, &version, err);
		store_rollback(c);
	}
	store_release(c);
	if (rc)
		return px_err_set(err, PX_EIO, "schema_missing", "db",
				  "database has no schema: run 'pingxuan init'");
	if (version < target)
		return px_err_set(err, PX_ECONFLICT, "schema_too_old", "db",
				  "database schema version %d is older than this binary's %d: run 'pingxuan init'",
				  version, target);
	if (version > target)
		return px_err_set(err, PX_ECONFLICT, "schema_too_new", "db",
				  "database schema version %d is newer than this binary's %d: upgrade pingxuan",
				  version, target);
	return 0;
}
