// t0300-audit: every state change leaves a chained audit row; `pingxuan
// audit verify` names the first row that was edited, deleted, inserted or
// moved - here by editing the database directly (the SQLite file with
// sqlite3, or the PostgreSQL database with psql), as an intruder would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, Client, signedIn, cli, PASSWORD } from './lib/server.mjs';
import { sql, copyDatabase, dropPgDatabase } from './lib/db.mjs';

let srv, head;
before(async () => {
  srv = await startServer();
  const office = await signedIn(srv.url, 'office');
  for (const [login, region] of [['a-county', '441803'], ['b-county', '441821']]) {
    const r = await office.post('/api/v1/accounts', { login, display_name: login, password: PASSWORD,
      role: 'county', unit: login + ' unit', region });
    assert.equal(r.status, 201);
  }
  head = (await new Client(srv.url).get('/api/v1/audit/head')).json;
  const r = await srv.stop();
  assert.equal(r.code, 0);
});
const copies = [];
after(() => {
  for (const db of copies) dropPgDatabase(db);
  srv.cleanup();
});

function tampered(name, statement) {
  const db = copyDatabase(srv.db, srv.dir, name);
  copies.push(db);
  if (statement) sql(db, statement);
  return db;
}

test('the head is public and names the last row', () => {
  assert.match(head.hash, /^[0-9a-f]{64}$/);
  assert.equal(String(head.seq), sql(srv.db, 'SELECT max(seq) FROM audit'));
  assert.equal(head.hash, sql(srv.db, 'SELECT hash FROM audit ORDER BY seq DESC LIMIT 1'));
});

test('state changes are recorded with actor, action and object, and no password', () => {
  const rows = sql(srv.db, "SELECT actor || ' ' || action || ' ' || object FROM audit ORDER BY seq").split('\n');
  assert.ok(rows.includes('cli region.import region:*'));
  assert.ok(rows.some((r) => /^cli account.create account:\d+$/.test(r)));
  assert.ok(rows.some((r) => /^account:\d+ session.open account:\d+$/.test(r)));
  assert.ok(rows.some((r) => /^account:\d+ account.create account:\d+$/.test(r)));
  const payloads = sql(srv.db, 'SELECT payload FROM audit');
  assert.ok(!payloads.includes(PASSWORD));
  assert.ok(!payloads.includes('argon2'));
});

test('an intact chain verifies', () => {
  const r = cli(['audit', 'verify', '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^audit: ${head.seq} rows, chain intact, head ${head.seq} ${head.hash}`));
});

const cases = [
  ['edited action', 'UPDATE audit SET action = \'account.delete\' WHERE seq = 5', 5, /hash does not match/],
  ['edited payload', 'UPDATE audit SET payload = \'{"login":"someone-else"}\' WHERE seq = 4', 4, /payload does not match/],
  ['edited payload with its hash', "UPDATE audit SET payload = '', payload_hash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' WHERE seq = 4", 4, /hash does not match/],
  ['edited time', 'UPDATE audit SET at = at + 1 WHERE seq = 3', 3, /hash does not match/],
  ['deleted row', 'DELETE FROM audit WHERE seq = 6', 6, /missing/],
  ['inserted row', 'UPDATE audit SET seq = seq + 1000 WHERE seq >= 7; UPDATE audit SET seq = seq - 999 WHERE seq >= 1000; ' +
    "INSERT INTO audit SELECT 7, at, actor, action, object, payload, payload_hash, prev, hash FROM audit WHERE seq = 6", 7, /prev does not match/],
  ['swapped rows', 'UPDATE audit SET seq = -1 WHERE seq = 5; UPDATE audit SET seq = 5 WHERE seq = 6; UPDATE audit SET seq = 6 WHERE seq = -1', 5, /prev does not match/],
  ['last row cut off', 'DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)', 'last', /head names row/],
];

for (const [name, statement, row, problem] of cases) {
  test(`tampering is detected: ${name}`, () => {
    const db = tampered(name.replace(/\W+/g, '-'), statement);
    const r = cli(['audit', 'verify', '--db', db]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const at = row === 'last' ? head.seq : row;
    assert.match(r.stdout, new RegExp(`^audit: BROKEN at row ${at}: `));
    assert.match(r.stdout, problem);
  });
}

test('audit verify on a missing database is a clear error', () => {
  const r = cli(['audit', 'verify', '--db', join(srv.dir, 'nope', 'x.db')]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /error/);
});

test('GET /audit/verify: an office reads the rows checked and the head; a county is refused', async () => {
  const s = await startServer({ db: srv.db, dir: srv.dir });
  try {
    const office = await signedIn(s.url, 'office');
    const r = await office.get('/api/v1/audit/verify');
    assert.equal(r.status, 200);
    assert.equal(r.json.intact, true);
    assert.equal(r.json.broken, undefined);
    assert.ok(r.json.rows > head.seq);
    assert.equal(r.json.rows, r.json.head.seq);
    assert.match(r.json.head.hash, /^[0-9a-f]{64}$/);
    const county = await signedIn(s.url, 'a-county');
    const c = await county.get('/api/v1/audit/verify');
    assert.equal(c.status, 403);
    assert.equal(c.json.error.code, 'forbidden_role');
    assert.equal((await new Client(s.url).get('/api/v1/audit/verify')).status, 401);
  } finally {
    assert.equal((await s.stop()).code, 0);
  }
});

test('GET /audit/verify names the first broken row by its stable code', async () => {
  const db = tampered('http-edited', 'UPDATE audit SET action = \'account.delete\' WHERE seq = 5');
  const s = await startServer({ db, dir: srv.dir });
  try {
    const r = await (await signedIn(s.url, 'office')).get('/api/v1/audit/verify');
    assert.equal(r.status, 200);
    assert.equal(r.json.intact, false);
    assert.equal(r.json.broken.row, 5);
    assert.equal(r.json.broken.code, 'audit_hash_mismatch');
  } finally {
    assert.equal((await s.stop()).code, 0);
  }
});
