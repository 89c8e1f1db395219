// db.mjs - the API tests' databases in either dialect. Without
// PX_TEST_PG_URL a test database is a SQLite file in the test's temp
// directory; with it (the *-pg tests of CTest set it to the throw-away cluster
// of scripts/pg-cluster.sh) every test database is a fresh PostgreSQL
// database on that server. sql() and copyDatabase() let a test look into or
// tamper with a database whatever its dialect (sqlite3 or psql).
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export const PG_URL = process.env.PX_TEST_PG_URL || '';

export function isPg(db) {
  return /^postgres(ql)?:\/\//.test(db);
}

// The URL with its database name replaced (libpq URI: scheme://authority/dbname?params).
export function withDbName(url, name) {
  const m = /^(postgres(?:ql)?:\/\/[^/?#]*)(\/[^?#]*)?(.*)$/.exec(url);
  if (!m) throw new Error('not a PostgreSQL URL');
  return `${m[1]}/${name}${m[3]}`;
}

export function dbNameOf(url) {
  const m = /^postgres(?:ql)?:\/\/[^/?#]*\/([^?#]*)/.exec(url);
  return m ? decodeURIComponent(m[1]) : '';
}

function run(cmd, args, input) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input: input ?? '' });
  if (r.error) throw r.error;
  return r;
}

function psql(url, statement) {
  return run('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '--dbname', url, '-c', statement]);
}

// Run SQL (one or more statements) on db; returns stdout trimmed, rows one a line.
export function sql(db, statement) {
  const r = isPg(db) ? psql(db, statement) : run('sqlite3', [db, statement]);
  if (r.status !== 0) throw new Error(`sql failed on ${isPg(db) ? 'postgresql' : 'sqlite'}: ${r.stderr}`);
  return r.stdout.trim();
}

// A new empty PostgreSQL database on the server of PG_URL, as a URL.
export function createPgDatabase(template) {
  const name = 'px_' + randomBytes(6).toString('hex');
  const from = template ? ` TEMPLATE "${dbNameOf(template)}"` : '';
  sql(PG_URL, `CREATE DATABASE "${name}"${from}`);
  return withDbName(PG_URL, name);
}

export function dropPgDatabase(url) {
  if (PG_URL && isPg(url)) sql(PG_URL, `DROP DATABASE IF EXISTS "${dbNameOf(url)}" WITH (FORCE)`);
}

// Where a test database lives: PX_TEST_DB_URL, a fresh PostgreSQL database, or DIR/test.db.
export function newDatabaseLocation(dir) {
  if (process.env.PX_TEST_DB_URL) return process.env.PX_TEST_DB_URL;
  return PG_URL ? createPgDatabase() : join(dir, 'test.db');
}

// A copy of db named after name (SQLite: DIR/name.db; PG: a database made from it as template).
export function copyDatabase(db, dir, name) {
  if (!isPg(db)) {
    const copy = join(dir, name + '.db');
    copyFileSync(db, copy);
    return copy;
  }
  return createPgDatabase(db);
}
