// t0400-two-nodes: two pingxuan processes on different ports share one
// PostgreSQL database, as N nodes behind nginx do. Nodes start together and
// migrate once; a session opened on one node is valid on the other (sessions
// live in the database); writes arriving on both nodes at once keep the audit
// chain linear - seqs 1..N without gaps or forks - and `audit verify` passes.
// PostgreSQL only: without PX_TEST_PG_URL the test is skipped, saying so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, makeDatabase, Client, signedIn, cli, PASSWORD } from './lib/server.mjs';
import { PG_URL, sql, createPgDatabase, dropPgDatabase } from './lib/db.mjs';

// every write below comes from 127.0.0.1 at once: lift the per-address connection cap
// (serve --per-address), which t0110-exhaustion tests on its own; ninety password hashes
// at once can keep a connection waiting for a worker past the header and body deadlines
// on a loaded machine, which t0115 and t0235 test on their own
const PER_ADDRESS_OFF = ['--per-address', '0', '--header-deadline', '300', '--body-deadline', '300'];

const SKIP = 'PostgreSQL only: set PX_TEST_PG_URL (CTest runs this as api/t0400-two-nodes-pg)';

if (!PG_URL) {
  console.log(`# t0400-two-nodes skipped: ${SKIP}`);
  test('two nodes share one PostgreSQL database', { skip: SKIP }, () => {});
} else {
  let dir, db, a, b;
  const extra = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pxnodes-'));
    db = makeDatabase(dir);
    const node = () => startServer({ db, dir, args: PER_ADDRESS_OFF });
    [a, b] = await Promise.all([node(), node()]);
  });

  after(async () => {
    for (const n of [a, b]) if (n) await n.stop();
    for (const e of extra) dropPgDatabase(e);
    dropPgDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  test('two nodes started at once on an empty database migrate it once', async () => {
    const empty = createPgDatabase();
    extra.push(empty);
    const nodes = await Promise.all([startServer({ db: empty, dir }), startServer({ db: empty, dir })]);
    for (const n of nodes) {
      const r = await n.stop();
      assert.equal(r.code, 0, n.log());
    }
    assert.equal(sql(empty, 'SELECT count(*) || \' \' || max(version) FROM schema_version'),
      sql(db, 'SELECT count(*) || \' \' || max(version) FROM schema_version'));
  });

  test('the nodes listen on different ports', () => {
    assert.notEqual(a.url, b.url);
  });

  test('a session opened on one node is valid on the other', async () => {
    const onA = await signedIn(a.url, 'office');
    const onB = new Client(b.url);
    onB.cookie = onA.cookie;
    onB.csrf = onA.csrf;
    let r = await onB.get('/api/v1/session');
    assert.equal(r.status, 200);
    assert.equal(r.json.account.login, 'office');
    r = await onB.post('/api/v1/accounts', { login: 'made-on-b', display_name: 'B', password: PASSWORD,
      role: 'county', unit: '清新区市场监管局', region: '441803' });
    assert.equal(r.status, 201, r.text);
    r = await onB.del('/api/v1/session');
    assert.equal(r.status, 200);
    r = await onA.get('/api/v1/session');
    assert.equal(r.status, 401); // signed out on B is signed out everywhere
  });

  test('writes on both nodes at once keep the audit chain linear and verifiable', async () => {
    const PER_NODE = 40;
    const before = (await new Client(a.url).get('/api/v1/audit/head')).json.seq;
    const officeA = await signedIn(a.url, 'office');
    const officeB = await signedIn(b.url, 'office');
    const jobs = [];
    for (const [node, office] of [['a', officeA], ['b', officeB]]) {
      for (let i = 0; i < PER_NODE; i++) {
        // half share one new unit: both nodes race to create it
        const unit = i % 2 ? '两节点共用单位' : `单位-${node}-${i}`;
        jobs.push(office.post('/api/v1/accounts', { login: `n${node}-${i}`, display_name: `N ${node} ${i}`,
          password: PASSWORD, role: 'county', unit, region: '441802' }));
      }
      for (let i = 0; i < 5; i++) jobs.push(new Client(node === 'a' ? a.url : b.url).login('member'));
    }
    const results = await Promise.all(jobs);
    for (const r of results) assert.equal(r.status, 201, r.text);
    const writes = 2 * (PER_NODE + 5) + 2; // + the two office sign-ins
    const headA = (await new Client(a.url).get('/api/v1/audit/head')).json;
    const headB = (await new Client(b.url).get('/api/v1/audit/head')).json;
    assert.deepEqual(headA, headB);
    assert.equal(headA.seq, before + writes);

    // seqs 1..N, no gaps, no forks (every row's prev is the row before's hash)
    assert.equal(sql(db, 'SELECT count(*) || \' \' || min(seq) || \' \' || max(seq) FROM audit'),
      `${headA.seq} 1 ${headA.seq}`);
    assert.equal(sql(db, 'SELECT count(*) FROM audit a JOIN audit p ON p.seq = a.seq - 1 WHERE a.prev <> p.hash'), '0');
    assert.equal(sql(db, 'SELECT count(DISTINCT prev) FROM audit'), String(headA.seq));
    assert.equal(sql(db, "SELECT count(*) FROM unit WHERE name = '两节点共用单位'"), '1');
    assert.equal(sql(db, "SELECT count(*) FROM account WHERE login LIKE 'n_-%'"), String(2 * PER_NODE));

    const v = cli(['audit', 'verify', '--db', db]);
    assert.equal(v.status, 0, v.stdout + v.stderr);
    assert.match(v.stdout, new RegExp(`^audit: ${headA.seq} rows, chain intact, head ${headA.seq} ${headA.hash}`));
  });

  test('both nodes stop cleanly', async () => {
    for (const n of [a, b]) {
      const r = await n.stop();
      assert.equal(r.code, 0, n.log());
    }
  });
}
