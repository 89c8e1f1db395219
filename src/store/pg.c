/*
 * pg.c - the PostgreSQL driver of the store (scale-out: many stateless
 * pingxuan nodes, one PostgreSQL server), on libpq.
 *
 * URLs are libpq's connection URIs (postgres:// and postgresql://, any of
 * libpq's parameters in the query string, e.g. ?host=/run/postgresql for a
 * Unix socket). A connection defaults to connect_timeout=10 (the URL may set
 * another) and always speaks UTF-8. Messages name the host, port, database and
 * user, never the URL itself, so a password in it never reaches a log.
 *
 * Every statement is prepared once per connection under a name unique to the
 * connection (PQprepare, parameter types inferred by the server) and run with
 * text parameters and text results (PQexecPrepared). The first store_step()
 * executes and fetches the whole result; later steps walk its rows. A
 * connection found broken when a transaction begins is re-established on the
 * spot (nothing has run yet); one that breaks inside a transaction fails it,
 * and a statement outside a transaction that finds it broken fails, the next
 * one reconnecting. Statements are prepared again on first use after that.
 *
 * PostgreSQL aborts a transaction at its first failing statement: after any
 * error inside a transaction the caller must roll back (the store's use cases
 * always do). SQLSTATEs map onto the store's codes: 23505 -> PX_ECONFLICT
 * "duplicate", other 23xxx -> PX_ECONFLICT "constraint", 40001, 40P01 and
 * 55P03 -> PX_EBUSY "db_busy" (retry the transaction, see store_tx()), a lost
 * connection -> PX_EIO "db_unreachable".
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "store/store_int.h"

extern char **environ;

/* Arbitrary constant: the advisory lock key that serialises migrations. */
#define PG_MIGRATION_LOCK "SELECT pg_advisory_xact_lock(7215300041)"
#define PG_CONNECT_TIMEOUT "10"

struct pg_conn {
	struct store_conn base;
	PGconn *pg;
	unsigned gen;         /* bumped by every reconnect: server-side statements are gone */
	unsigned next_name;   /* statement names px1, px2 ... are unique per connection */
	char *dump_conninfo;  /* the URL's settings without the password, for pg_dump */
	char *password;       /* the URL's password or NULL, for pg_dump's environment */
};

struct pg_stmt {
	struct store_stmt base;
	struct pg_conn *c;
	char *sql;
	char name[24];
	unsigned gen;         /* the connection generation it is prepared in */
	int nparams, nfields;
	char *values[STORE_MAX_PARAMS];  /* NULL = SQL NULL; owned[i] says whether to free */
	bool owned[STORE_MAX_PARAMS];
	char ints[STORE_MAX_PARAMS][24]; /* text of integer parameters */
	PGresult *res;
	int row, nrows;
	bool executed;
};

static bool pg_accepts(const char *url)
{
	return !strncmp(url, "postgres://", 11) || !strncmp(url, "postgresql://", 13);
}

static void quiet_notices(void *arg, const char *message)
{
	(void)arg;
	(void)message; /* "relation already exists, skipping" and the like */
}

/* First line of a libpq message, without trailing blanks. */
static void first_line(const char *msg, char *out, size_t cap)
{
	size_t n = msg ? strcspn(msg, "\n") : 0;
	while (n > 0 && isspace((unsigned char)msg[n - 1]))
		n--;
	if (n >= cap)
		n = cap - 1;
	if (n)
		memcpy(out, msg, n);
	out[n] = '\0';
}

/* "host:port" or "socket DIR port N", for messages; the password never appears. */
static void where_of(PGconn *pg, char *out, size_t cap)
{
	const char *host = pg ? PQhost(pg) : NULL, *port = pg ? PQport(pg) : NULL;
	const char *db = pg ? PQdb(pg) : NULL, *user = pg ? PQuser(pg) : NULL;
	if (!host || !*host)
		host = "localhost";
	if (!port || !*port)
		port = "5432";
	if (host[0] == '/')
		snprintf(out, cap, "socket %s port %s, database '%s', user '%s'", host, port,
			 db ? db : "", user ? user : "");
	else
		snprintf(out, cap, "%s:%s, database '%s', user '%s'", host, port, db ? db : "",
			 user ? user : "");
}

static int unreachable(PGconn *pg, const char *what, struct px_err *err)
{
	char where[160], why[160];
	where_of(pg, where, sizeof(where));
	first_line(pg ? PQerrorMessage(pg) : "out of memory", why, sizeof(why));
	return px_err_set(err, PX_EIO, "db_unreachable", "db", "%s PostgreSQL at %s: %s", what, where,
			  why[0] ? why : "connection lost");
}

/* Map a failed result (or a NULL one) onto the store's codes. */
static int pg_fail(struct pg_conn *c, PGresult *res, struct px_err *err)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	char msg[200];

	first_line(primary ? primary : PQerrorMessage(c->pg), msg, sizeof(msg));
	if (PQstatus(c->pg) != CONNECTION_OK || (state && (!strncmp(state, "08", 2) ||
							   !strncmp(state, "57P", 3))))
		return unreachable(c->pg, "lost the connection to", err);
	if (!state)
		state = "";
	if (!strcmp(state, "23505"))
		return px_err_set(err, PX_ECONFLICT, "duplicate", NULL, "already exists");
	if (!strncmp(state, "23", 2))
		return px_err_set(err, PX_ECONFLICT, "constraint", NULL, "constraint failed: %s", msg);
	if (!strcmp(state, "40001") || !strcmp(state, "40P01") || !strcmp(state, "55P03") ||
	    !strcmp(state, "57014"))
		return px_err_set(err, PX_EBUSY, "db_busy", NULL, "database is busy (%s): retry", msg);
	if (!strncmp(state, "22", 2))
		return px_err_set(err, PX_EINVAL, "invalid_value", NULL, "postgresql: %s", msg);
	if (!strcmp(state, "25P02"))
		return px_err_set(err, PX_EINTERNAL, "tx_aborted", NULL,
				  "statement in a failed transaction: roll back first");
	if (!strncmp(state, "42", 2))
		return px_err_set(err, PX_EINTERNAL, "bad_sql", NULL, "postgresql: %s", msg);
	return px_err_set(err, PX_EIO, "db_error", NULL, "postgresql: %s [%s]", msg, state);
}

/* Run a command that returns no rows (BEGIN, COMMIT, a script). */
static int pg_command(struct pg_conn *c, const char *sql, struct px_err *err)
{
	PGresult *res = PQexec(c->pg, sql);
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	int rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? 0 : pg_fail(c, res, err);
	PQclear(res);
	return rc;
}

/* Reconnect a broken connection (only between transactions). */
static int pg_alive(struct pg_conn *c, struct px_err *err)
{
	if (PQstatus(c->pg) == CONNECTION_OK)
		return 0;
	PQreset(c->pg);
	c->gen++;
	if (PQstatus(c->pg) != CONNECTION_OK)
		return unreachable(c->pg, "cannot reconnect to", err);
	PQsetNoticeProcessor(c->pg, quiet_notices, NULL);
	return 0;
}

/* Append ` key='value'` (libpq conninfo quoting) to a growing string. */
static int conninfo_add(char **s, size_t *len, const char *key, const char *val)
{
	size_t need = *len + strlen(key) + 2 * strlen(val) + 8;
	char *n = realloc(*s, need), *p;
	if (!n)
		return -1;
	*s = n;
	p = n + *len;
	if (*len)
		*p++ = ' ';
	p += snprintf(p, need - (size_t)(p - n), "%s='", key);
	for (const char *v = val; *v; v++) {
		if (*v == '\'' || *v == '\\')
			*p++ = '\\';
		*p++ = *v;
	}
	*p++ = '\'';
	*p = '\0';
	*len = (size_t)(p - n);
	return 0;
}

/* Split the URL into a conninfo without the password and the password. */
static int parse_url(const char *url, struct pg_conn *c, struct px_err *err)
{
	char *msg = NULL;
	size_t len = 0;
	PQconninfoOption *opts = PQconninfoParse(url, &msg);
	int rc = 0;

	if (!opts) {
		char why[160];
		first_line(msg ? msg : "out of memory", why, sizeof(why));
		/* libpq quotes the offending part, which may hold the password: keep it out */
		for (size_t n = strcspn(why, "\""); n < sizeof(why); n--) {
			why[n] = '\0';
			if (!n || !isspace((unsigned char)why[n - 1]))
				break;
		}
		PQfreemem(msg);
		return px_err_set(err, PX_EINVAL, "bad_db_url", "db", "invalid PostgreSQL URL: %s", why);
	}
	for (PQconninfoOption *o = opts; o->keyword && !rc; o++) {
		if (!o->val || !*o->val)
			continue;
		if (!strcmp(o->keyword, "password")) {
			if (!(c->password = strdup(o->val)))
				rc = -1;
		} else if (conninfo_add(&c->dump_conninfo, &len, o->keyword, o->val)) {
			rc = -1;
		}
	}
	PQconninfoFree(opts);
	if (!rc && !c->dump_conninfo && !(c->dump_conninfo = strdup("")))
		rc = -1;
	return rc ? px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory") : 0;
}

static void pg_disconnect(struct store_conn *base)
{
	struct pg_conn *c = (struct pg_conn *)base;
	PQfinish(c->pg);
	free(c->dump_conninfo);
	if (c->password) {
		memset(c->password, 0, strlen(c->password));
		free(c->password);
	}
	free(c);
}

static int pg_connect(const char *url, struct store_conn **out, struct px_err *err)
{
	/* Entries before dbname may be overridden by the URL, entries after it may not. */
	static const char *const keys[] = { "connect_timeout", "fallback_application_name", "dbname",
					    "client_encoding", NULL };
	const char *vals[] = { PG_CONNECT_TIMEOUT, "pingxuan", url, "UTF8", NULL };
	struct pg_conn *c = calloc(1, sizeof(*c));
	int rc;

	if (!c)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	if ((rc = parse_url(url, c, err)))
		goto fail;
	c->pg = PQconnectdbParams(keys, vals, 1);
	if (!c->pg || PQstatus(c->pg) != CONNECTION_OK) {
		rc = unreachable(c->pg, "cannot connect to", err);
		goto fail;
	}
	PQsetNoticeProcessor(c->pg, quiet_notices, NULL);
	*out = &c->base;
	return 0;

fail:
	pg_disconnect(&c->base);
	return rc;
}

static int pg_exec_script(struct store_conn *base, const char *sql, struct px_err *err)
{
	return pg_command((struct pg_conn *)base, sql, err); /* PQexec runs every statement of it */
}

static int pg_begin(struct store_conn *base, enum store_tx mode, struct px_err *err)
{
	struct pg_conn *c = (struct pg_conn *)base;
	static const char *const sql[] = {
		[STORE_TX_READ] = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
		[STORE_TX_WRITE] = "BEGIN", /* read committed */
		[STORE_TX_SERIAL] = "BEGIN ISOLATION LEVEL SERIALIZABLE",
	};
	int rc = pg_alive(c, err);
	if (!rc)
		rc = pg_command(c, sql[mode], err);
	if (rc == PX_EIO && PQstatus(c->pg) != CONNECTION_OK) {
		/* the connection died while idle (server restart, failover): nothing ran yet, so
		 * reconnect and begin again */
		px_err_clear(err);
		if (!(rc = pg_alive(c, err)))
			rc = pg_command(c, sql[mode], err);
	}
	return rc;
}

static int pg_commit(struct store_conn *base, struct px_err *err)
{
	struct pg_conn *c = (struct pg_conn *)base;
	PGresult *res = PQexec(c->pg, "COMMIT");
	int rc = 0;

	if (!res || PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = pg_fail(c, res, err);
	else if (strcmp(PQcmdStatus(res), "COMMIT")) /* a failed transaction answers ROLLBACK */
		rc = px_err_set(err, PX_EINTERNAL, "tx_aborted", NULL,
				"transaction failed earlier and was rolled back");
	PQclear(res);
	return rc;
}

static int pg_rollback(struct store_conn *base)
{
	struct pg_conn *c = (struct pg_conn *)base;
	if (PQstatus(c->pg) != CONNECTION_OK)
		return PX_EIO;
	return pg_command(c, "ROLLBACK", NULL);
}

static int pg_lock_migrations(struct store_conn *base, struct px_err *err)
{
	return pg_command((struct pg_conn *)base, PG_MIGRATION_LOCK, err);
}

/* Prepare (again, after a reconnect) on the server. */
static int pg_server_prepare(struct pg_stmt *s, struct px_err *err)
{
	struct pg_conn *c = s->c;
	PGresult *res;
	int rc = 0;

	snprintf(s->name, sizeof(s->name), "px%u", ++c->next_name);
	res = PQprepare(c->pg, s->name, s->sql, 0, NULL);
	if (!res || PQresultStatus(res) != PGRES_COMMAND_OK) {
		rc = pg_fail(c, res, err);
		PQclear(res);
		if (err && rc == PX_EINTERNAL) {
			char why[sizeof(err->msg)];
			snprintf(why, sizeof(why), "%s", err->msg);
			px_err_set(err, PX_EINTERNAL, "bad_sql", NULL, "%.160s in '%.80s'", why, s->sql);
		}
		return rc;
	}
	PQclear(res);
	res = PQdescribePrepared(c->pg, s->name);
	if (!res || PQresultStatus(res) != PGRES_COMMAND_OK) {
		rc = pg_fail(c, res, err);
		PQclear(res);
		return rc;
	}
	s->nparams = PQnparams(res);
	s->nfields = PQnfields(res);
	PQclear(res);
	if (s->nparams > STORE_MAX_PARAMS)
		return px_err_set(err, PX_EINTERNAL, "bad_sql", NULL, "more than %d parameters in '%.80s'",
				  STORE_MAX_PARAMS, s->sql);
	s->gen = c->gen;
	return 0;
}

static void pg_finalize(struct store_stmt *base)
{
	struct pg_stmt *s = (struct pg_stmt *)base;
	PQclear(s->res);
	for (int i = 0; i < STORE_MAX_PARAMS; i++)
		if (s->owned[i])
			free(s->values[i]);
	free(s->sql);
	free(s); /* the server-side statement goes with the connection */
}

static int pg_prepare(struct store_conn *base, const char *sql, struct store_stmt **out,
		      struct px_err *err)
{
	struct pg_conn *c = (struct pg_conn *)base;
	struct pg_stmt *s = calloc(1, sizeof(*s));
	int rc;

	if (!s || !(s->sql = strdup(sql))) {
		free(s);
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	}
	s->c = c;
	if ((!c->base.in_tx && (rc = pg_alive(c, err))) || (rc = pg_server_prepare(s, err))) {
		pg_finalize(&s->base);
		return rc;
	}
	*out = &s->base;
	return 0;
}

static void set_value(struct pg_stmt *s, int idx, char *v, bool owned)
{
	if (s->owned[idx])
		free(s->values[idx]);
	s->values[idx] = v;
	s->owned[idx] = owned;
}

static void pg_bind_null(struct store_stmt *base, int idx)
{
	struct pg_stmt *s = (struct pg_stmt *)base;
	if (idx >= 1 && idx <= s->nparams)
		set_value(s, idx - 1, NULL, false);
}

static void pg_bind_int(struct store_stmt *base, int idx, int64_t v)
{
	struct pg_stmt *s = (struct pg_stmt *)base;
	if (idx < 1 || idx > s->nparams)
		return;
	snprintf(s->ints[idx - 1], sizeof(s->ints[idx - 1]), "%" PRId64, v);
	set_value(s, idx - 1, s->ints[idx - 1], false);
}

/* Text parameters end at the first NUL byte (libpq's text format). */
static void pg_bind_text(struct store_stmt *base, int idx, const char *v, size_t len)
{
	struct pg_stmt *s = (struct pg_stmt *)base;
	char *copy;
	if (idx < 1 || idx > s->nparams)
		return;
	copy = malloc(len + 1);
	if (copy) {
		memcpy(copy, v, len);
		copy[len] = '\0';
	}
	set_value(s, idx - 1, copy, true); /* out of memory binds NULL: a NOT NULL column refuses it */
}

static int pg_step(struct store_stmt *base, struct px_err *err)
{
	struct pg_stmt *s = (struct pg_stmt *)base;
	struct pg_conn *c = s->c;
	int rc;

	if (!s->executed) {
		ExecStatusType st;
		s->executed = true;
		s->row = -1;
		s->nrows = 0;
		if ((!c->base.in_tx && (rc = pg_alive(c, err))) ||
		    (s->gen != c->gen && (rc = pg_server_prepare(s, err))))
			return rc;
		s->res = PQexecPrepared(c->pg, s->name, s->nparams, (const char *const *)s->values, NULL,
					NULL, 0);
		st = s->res ? PQresultStatus(s->res) : PGRES_FATAL_ERROR;
		if (st == PGRES_TUPLES_OK)
			s->nrows = PQntuples(s->res);
		else if (st != PGRES_COMMAND_OK)
			return pg_fail(c, s->res, err);
	}
	return ++s->row < s->nrows ? STORE_ROW : STORE_DONE;
}

static void pg_reset(struct store_stmt *base)
{
	struct pg_stmt *s = (struct pg_stmt *)base;
	PQclear(s->res);
	s->res = NULL;
	s->executed = false;
	s->row = -1;
	s->nrows = 0;
	for (int i = 0; i < STORE_MAX_PARAMS; i++)
		set_value(s, i, NULL, false);
}

static int pg_columns(struct store_stmt *base)
{
	return ((struct pg_stmt *)base)->nfields;
}

static bool on_row(const struct pg_stmt *s, int col)
{
	return s->res && s->row >= 0 && s->row < s->nrows && col >= 0 && col < PQnfields(s->res);
}

static bool pg_col_null(struct store_stmt *base, int col)
{
	struct pg_stmt *s = (struct pg_stmt *)base;
	return !on_row(s, col) || PQgetisnull(s->res, s->row, col);
}

static int64_t pg_col_int(struct store_stmt *base, int col)
{
	struct pg_stmt *s = (struct pg_stmt *)base;
	const char *v;
	if (pg_col_null(base, col))
		return 0;
	v = PQgetvalue(s->res, s->row, col);
	if (v[0] == 't' && !v[1])
		return 1; /* a boolean expression */
	return strtoll(v, NULL, 10);
}

static const char *pg_col_text(struct store_stmt *base, int col, size_t *len)
{
	struct pg_stmt *s = (struct pg_stmt *)base;
	if (pg_col_null(base, col)) {
		*len = 0;
		return NULL;
	}
	*len = (size_t)PQgetlength(s->res, s->row, col);
	return PQgetvalue(s->res, s->row, col);
}

/*
 * pg_dump --format=custom into dest, without a shell and without the
 * password on the command line (it travels in PGPASSWORD).
 */
static int pg_backup(struct store_conn *base, const char *dest, struct px_err *err)
{
	struct pg_conn *c = (struct pg_conn *)base;
	char *argv[] = { "pg_dump", "--format=custom", "--no-password", "--file", (char *)dest,
			 "--dbname", c->dump_conninfo, NULL };
	size_t n = 0;
	char **envp, *pw = NULL;
	pid_t pid;
	int status = 0, rc;

	while (environ[n])
		n++;
	envp = calloc(n + 2, sizeof(*envp));
	if (!envp)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	for (size_t i = 0, j = 0; i < n; i++)
		if (strncmp(environ[i], "PGPASSWORD=", 11))
			envp[j++] = environ[i];
	if (c->password) {
		size_t len = strlen(c->password) + 12;
		if ((pw = malloc(len))) {
			snprintf(pw, len, "PGPASSWORD=%s", c->password);
			for (n = 0; envp[n]; n++)
				;
			envp[n] = pw;
		}
	}
	rc = posix_spawnp(&pid, "pg_dump", NULL, NULL, argv, envp);
	if (pw) {
		memset(pw, 0, strlen(pw));
		free(pw);
	}
	free(envp);
	if (rc)
		return px_err_set(err, PX_EIO, "backup_failed", "dest",
				  "cannot run pg_dump (install postgresql-client): %s", strerror(rc));
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return px_err_set(err, PX_EIO, "backup_failed", "dest", "lost pg_dump: %s",
					  strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return px_err_set(err, PX_EIO, "backup_failed", "dest",
				  "pg_dump failed (exit %d) writing '%s'",
				  WIFEXITED(status) ? WEXITSTATUS(status) : -1, dest);
	return 0;
}

const struct store_driver store_pg_driver = {
	.name = "pg",
	.dialect = "pg",
	.accepts = pg_accepts,
	.connect = pg_connect,
	.disconnect = pg_disconnect,
	.exec_script = pg_exec_script,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.bind_null = pg_bind_null,
	.bind_int = pg_bind_int,
	.bind_text = pg_bind_text,
	.step = pg_step,
	.reset = pg_reset,
	.columns = pg_columns,
	.col_null = pg_col_null,
	.col_int = pg_col_int,
	.col_text = pg_col_text,
	.backup = pg_backup,
	.lock_migrations = pg_lock_migrations,
};
