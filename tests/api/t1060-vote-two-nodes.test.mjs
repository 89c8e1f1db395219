// t1060-vote-two-nodes: two pingxuan nodes on one PostgreSQL database take
// the same voters' ballots at once. The caps are unique indexes of the vote
// table, so they hold across nodes: of the same ballot sent to both nodes
// together, one is counted; of more ballots than the track's daily cap sent
// to both at once, exactly the cap is counted. A voter session made on one
// node serves on the other, and both nodes publish the same counts.
// PostgreSQL only: without PX_TEST_PG_URL the test is skipped, saying so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, makeDatabase, signedIn, ok, cli } from './lib/server.mjs';
import { PG_URL, dropPgDatabase } from './lib/db.mjs';
import { sql, addOrganisation, addApplication, putStage, usccFor, editConfig } from './lib/fixture.mjs';
import { createProgramme, setClock } from './lib/award.mjs';
import { Voter, verify } from './lib/vote.mjs';

const SKIP = 'PostgreSQL only: set PX_TEST_PG_URL (CTest runs this as api/t1060-vote-two-nodes-pg)';

if (!PG_URL) {
  console.log(`# t1060-vote-two-nodes skipped: ${SKIP}`);
  test('two nodes keep the vote caps together', { skip: SKIP }, () => {});
} else {
  let dir, db, a, b, pid, smsLog;
  const orgs = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pxvotenodes-'));
    smsLog = join(dir, 'sms.log');
    writeFileSync(join(dir, 'sms.json'), JSON.stringify({ driver: 'file', path: smsLog }));
    db = makeDatabase(dir);
    const args = ['--rehearsal', '--per-address', '0', '--sms', join(dir, 'sms.json'), '--trust-proxy', '127.0.0.1'];
    [a, b] = await Promise.all([startServer({ db, dir, args }), startServer({ db, dir, args })]);
    const office = await signedIn(a.url, 'office');
    pid = await createProgramme(office);
    await setClock(office, '2025-11-24');
    await setClock(await signedIn(b.url, 'office'), '2025-11-24');
    editConfig(db, pid, (c) => {
      const s = c.stages.find((x) => x.code === 'shortlist');
      s.kind = 'vote';
      delete s.max;
      c.section = { vote: { per_track_per_day: 4 } };
    });
    sql(db, `UPDATE stage SET kind = 'vote' WHERE programme_id = ${pid} AND code = 'shortlist'`);
    putStage(db, pid, 'shortlist');
    for (let i = 1; i <= 8; i++) {
      const org = addOrganisation(db, { uscc: usccFor('441802', i), name: `品牌${i}有限公司` });
      orgs.push(addApplication(db, { programme: pid, organisation: org, region: '441802', state: 'accepted' }));
    }
  });

  after(async () => {
    for (const n of [a, b]) if (n) assert.equal((await n.stop()).code, 0, n.log());
    dropPgDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  // the same voter on both nodes: the session cookie of one serves on the other
  function twin(voter, url) {
    const t = new Voter(url, { address: voter.address });
    t.cookies = { ...voter.cookies };
    return t;
  }

  test('the same ballot sent to both nodes at once is counted once', async () => {
    for (let i = 0; i < 10; i++) {
      const onA = new Voter(a.url, { address: `10.9.${i}.1` });
      await verify(onA, smsLog, `1390000${String(i * 10).padStart(4, '0')}`);
      const onB = twin(onA, b.url);
      const ballot = { track: 'organisation', candidates: [orgs[i % 8]] };
      const rs = await Promise.all([onA.post(`/api/v1/programmes/${pid}/votes`, ballot),
        onB.post(`/api/v1/programmes/${pid}/votes`, ballot)]);
      assert.deepEqual(rs.map((r) => r.status).sort(), [201, 409], rs.map((r) => r.text).join(' '));
      assert.equal(rs.find((r) => r.status === 409).json.error.code, 'already_voted');
    }
  });

  test('ballots past the track cap sent to both nodes at once: exactly the cap is counted', async () => {
    for (let i = 0; i < 5; i++) {
      const onA = new Voter(a.url, { address: `10.8.${i}.1` });
      await verify(onA, smsLog, `1370000${String(i * 10).padStart(4, '0')}`);
      const onB = twin(onA, b.url);
      const rs = await Promise.all(orgs.map((c, k) => (k % 2 ? onA : onB).post(`/api/v1/programmes/${pid}/votes`,
        { track: 'organisation', candidates: [c] })));
      const counted = rs.filter((r) => r.status === 201).length;
      assert.equal(counted, 4, rs.map((r) => r.status + ' ' + r.text).join('\n'));
      assert.ok(rs.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.json.error.code === 'track_daily_cap'),
        rs.map((r) => r.text).join('\n'));
    }
  });

  test('both nodes publish the same counts, and the audit chain stays linear', async () => {
    const [ca, cb] = await Promise.all([a, b].map((n) => fetch(`${n.url}/api/v1/programmes/${pid}/vote/counts`).then((r) => r.json())));
    assert.deepEqual(ca, cb);
    const total = ca.tracks.organisation.reduce((s, c) => s + c.valid, 0);
    assert.equal(total, 10 + 5 * 4);
    assert.equal(Number(sql(db, `SELECT count(*) FROM vote WHERE programme_id = ${pid}`)), total);
    const r = cli(['audit', 'verify', '--db', db]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
}
