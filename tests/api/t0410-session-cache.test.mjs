// t0410-session-cache: a node keeps resolved sessions in memory for at most a
// second (app/people/session_cache.h). A sign-out takes effect at once on the
// node that signed out; a sign-out or a deactivated account on another node
// sharing the database takes effect here within the second. Two nodes on one
// database (SQLite in WAL mode, or PostgreSQL in the -pg variant).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, makeDatabase, signedIn, fails, sameSession } from './lib/server.mjs';
import { sql, isPg, dropPgDatabase } from './lib/db.mjs';

const BOUND_MS = 1000; // SESSION_CACHE_MAX_AGE_MS
let dir, db, a, b;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pxsesscache-'));
  db = makeDatabase(dir);
  [a, b] = await Promise.all([startServer({ db, dir }), startServer({ db, dir })]);
});

after(async () => {
  for (const n of [a, b]) if (n) assert.equal((await n.stop()).code, 0, n.log());
  if (isPg(db)) dropPgDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});


test('a sign-out takes effect at once on the node that signed out', async () => {
  const office = await signedIn(a.url, 'office');
  for (let i = 0; i < 3; i++) // resolved, then kept
    assert.equal((await office.get('/api/v1/session')).status, 200);
  assert.equal((await office.del('/api/v1/session')).status, 200);
  fails(await office.get('/api/v1/session'), 401, 'unauthenticated');
  fails(await office.get('/api/v1/programmes/1/applications'), 401, 'unauthenticated');
});

test('a sign-out on another node takes effect here within a second', async () => {
  const onA = await signedIn(a.url, 'office');
  const onB = sameSession(b, onA);
  assert.equal((await onB.get('/api/v1/session')).status, 200); // b keeps the session now
  assert.equal((await onA.del('/api/v1/session')).status, 200);
  const t0 = Date.now();
  await sleep(BOUND_MS + 150);
  fails(await onB.get('/api/v1/session'), 401, 'unauthenticated');
  assert.ok(Date.now() - t0 < 5000);
});

test('an account made inactive elsewhere is signed out here within a second', async () => {
  const county = await signedIn(a.url, 'qingcheng');
  const onB = sameSession(b, county);
  assert.equal((await onB.get('/api/v1/session')).status, 200);
  sql(db, "UPDATE account SET active = 0 WHERE login = 'qingcheng'"); // another process: the CLI, a third node
  await sleep(BOUND_MS + 150);
  fails(await onB.get('/api/v1/session'), 401, 'unauthenticated');
  fails(await county.get('/api/v1/session'), 401, 'unauthenticated');
  sql(db, "UPDATE account SET active = 1 WHERE login = 'qingcheng'");
});

test('a write on the node itself makes its kept sessions stale at once', async () => {
  const office = await signedIn(a.url, 'office');
  const county = await signedIn(a.url, 'qingcheng');
  assert.equal((await county.get('/api/v1/session')).status, 200);
  // the county's session ends in the database behind a's back; then a commits a write of its
  // own (the office signs out): every session a keeps is stale at once, the county's included
  sql(db, "DELETE FROM session WHERE account_id = (SELECT id FROM account WHERE login = 'qingcheng')");
  assert.equal((await office.del('/api/v1/session')).status, 200);
  fails(await county.get('/api/v1/session'), 401, 'unauthenticated');
});
