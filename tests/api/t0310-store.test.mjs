// t0310-store: what an operator sees of the database. `pingxuan backup`
// copies a live database (SQLite: a database file; PostgreSQL: a pg_dump
// archive) and the restored copy verifies; a schema older or newer than the
// binary, or a server that cannot be reached, is refused with a clear error
// that never shows a password.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, signedIn, Client, cli, BIN, PASSWORD } from './lib/server.mjs';
import { isPg, sql, copyDatabase, createPgDatabase, dropPgDatabase } from './lib/db.mjs';

let srv, head;
const made = [];

before(async () => {
  srv = await startServer();
  const office = await signedIn(srv.url, 'office');
  const r = await office.post('/api/v1/accounts', { login: 'backed-up', display_name: '备份', password: PASSWORD,
    role: 'county', unit: '清新区市场监管局', region: '441803' });
  assert.equal(r.status, 201, r.text);
  head = (await new Client(srv.url).get('/api/v1/audit/head')).json;
  // the server keeps running: backups are taken live
});

after(async () => {
  await srv.stop();
  for (const db of made) dropPgDatabase(db);
  srv.cleanup();
});

test('backup of a live database restores to a copy whose audit chain verifies', () => {
  const file = join(srv.dir, isPg(srv.db) ? 'backup.dump' : 'backup.db');
  const r = cli(['backup', '--db', srv.db, '--to', file]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^backup written to .* \(\d+ bytes, (SQLite database|pg_dump custom-format archive)\)/);
  let restored = file;
  if (isPg(srv.db)) {
    assert.equal(readFileSync(file).subarray(0, 5).toString(), 'PGDMP');
    restored = createPgDatabase();
    made.push(restored);
    const p = spawnSync('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', restored, file], { encoding: 'utf8' });
    assert.equal(p.status, 0, p.stderr);
  }
  const v = cli(['audit', 'verify', '--db', restored]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
  assert.match(v.stdout, new RegExp(`^audit: ${head.seq} rows, chain intact, head ${head.seq} ${head.hash}`));
  const list = cli(['user', 'list', '--db', restored]);
  assert.match(list.stdout, /backed-up/);
});

test('backup refuses to overwrite a file and names a missing database', () => {
  const file = join(srv.dir, 'taken');
  writeFileSync(file, 'keep me');
  let r = cli(['backup', '--db', srv.db, '--to', file]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /exists: choose a new file \[backup_exists\]/);
  assert.equal(readFileSync(file, 'utf8'), 'keep me');
  r = cli(['backup', '--db', join(srv.dir, 'nope.db'), '--to', join(srv.dir, 'x.db')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no database at/);
  assert.ok(!existsSync(join(srv.dir, 'nope.db')));
  assert.equal(cli(['backup', '--db', srv.db]).status, 2);
});

// serve must refuse and exit; should it start instead, the timeout ends it
function serve(db) {
  const r = spawnSync(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0'], { encoding: 'utf8', timeout: 30000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('the server stops cleanly (the copies below are taken from a stopped database)', async () => {
  const r = await srv.stop();
  assert.equal(r.code, 0, srv.log());
});

test('a schema newer than the binary is refused by serve and by every command', async () => {
  const db = copyDatabase(srv.db, srv.dir, 'newer');
  made.push(db);
  sql(db, 'INSERT INTO schema_version (version) VALUES (999)');
  const r = serve(db);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /schema version 999 is newer than this binary's \d+.*\[schema_too_new\]/);
  const u = cli(['user', 'list', '--db', db]);
  assert.equal(u.status, 1);
  assert.match(u.stderr, /upgrade pingxuan \[schema_too_new\]/);
  // but it can still be backed up
  const b = cli(['backup', '--db', db, '--to', join(srv.dir, 'newer.bak')]);
  assert.equal(b.status, 0, b.stderr);
  assert.match(b.stderr, /note: .*newer/);
});

test('a schema older than the binary is named, with the fix', () => {
  const db = copyDatabase(srv.db, srv.dir, 'older');
  made.push(db);
  sql(db, 'DELETE FROM schema_version');
  const u = cli(['user', 'list', '--db', db]);
  assert.equal(u.status, 1);
  assert.match(u.stderr, /schema version 0 is older than this binary's \d+: run 'pingxuan init' \[schema_too_old\]/);
});

test('an unreachable PostgreSQL server is a clear error naming host and port, never the password', () => {
  for (const args of [['user', 'list'], ['audit', 'verify'], ['serve', '--listen', '127.0.0.1:0', '--port-file', '/dev/null'], ['init'], ['backup', '--to', '/nonexistent/x']]) {
    const r = cli([...args, '--db', 'postgres://pxuser:s3cret-pw@127.0.0.1:1/pingxuan']);
    assert.equal(r.status, 1, args.join(' '));
    assert.match(r.stderr, /cannot connect to PostgreSQL at 127\.0\.0\.1:1, database 'pingxuan', user 'pxuser'.*\[db_unreachable\]/);
    assert.doesNotMatch(r.stdout + r.stderr, /s3cret/);
  }
  const bad = cli(['user', 'list', '--db', 'postgresql://pxuser:s3cret-pw@[::1/x']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /invalid PostgreSQL URL.*\[bad_db_url\]/);
  assert.doesNotMatch(bad.stderr, /s3cret/);
});
