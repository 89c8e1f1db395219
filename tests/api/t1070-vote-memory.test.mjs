// t1070-vote-memory: what a node keeps in memory for the vote stays true. The counts answer is
// kept ready per programme with its ETag (304 to a client holding it) and a committed ballot shows
// in the next read at once. The caps are checked in the writer's memory, and the database arbitrates:
// a vote stored by another process (or node) that this node's memory does not know is refused by
// the unique indexes, and the ballot gets the same refusal as if the node had known (already_voted,
// track_daily_cap), the next ballots going through; a candidate entered by another process can be
// voted for at once, one withdrawn there is refused within a second.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, signedIn, ok, fails } from './lib/server.mjs';
import { sql, addOrganisation, addApplication, usccFor } from './lib/fixture.mjs';
import { Voter, verify, voteProgramme } from './lib/vote.mjs';

const DAY = '2025-11-24';
let srv, office, pid, orgs, smsLog, phones = 0;

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxvotemem-'));
  smsLog = join(dir, 'sms.log');
  writeFileSync(join(dir, 'sms.json'), JSON.stringify({ driver: 'file', path: smsLog }));
  srv = await startServer({ dir, args: ['--rehearsal', '--sms', join(dir, 'sms.json'), '--trust-proxy', '127.0.0.1',
    '--per-address', '0'] });
  office = await signedIn(srv.url, 'office');
  ({ pid, orgs } = await voteProgramme(srv.db, office, { settings: { per_track_per_day: 3 }, n: 5, today: DAY }));
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

async function voter() {
  phones++;
  const v = new Voter(srv.url, { address: `10.70.${phones}.1` });
  await verify(v, smsLog, `1360070${String(phones * 37).padStart(4, '0')}`);
  return v;
}
const cast = (v, candidate) => v.post(`/api/v1/programmes/${pid}/votes`, { track: 'organisation', candidates: [candidate] });
const counts = (headers = {}) => fetch(`${srv.url}/api/v1/programmes/${pid}/vote/counts`, { headers });
const valid = (body, id) => body.tracks.organisation.find((c) => c.id === id).valid;

// A vote written straight into the table, as another node would commit it.
function storeElsewhere(voterHash, candidate, slot, receipt) {
  sql(srv.db, 'INSERT INTO vote (programme_id, track_code, application_id, voter_hash, day, slot, receipt, state, cast_at) ' +
    `VALUES (${pid}, 'organisation', ${candidate}, '${voterHash}', '${DAY}', ${slot}, '${receipt}', 'counted', 1)`);
}
const voterHash = (receipt) => sql(srv.db, `SELECT voter_hash FROM vote WHERE receipt = '${receipt}'`);

test('the counts answer is kept with its ETag, and a committed ballot shows in the next read', async () => {
  const first = await counts();
  assert.equal(first.status, 200);
  const etag = first.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]{16}"$/);
  assert.equal(first.headers.get('content-type'), 'application/json; charset=utf-8');
  const body = await first.json();
  assert.equal(valid(body, orgs[0]), 0);
  const held = await counts({ 'if-none-match': etag });
  assert.equal(held.status, 304);
  assert.equal(await held.text(), '');

  ok(await cast(await voter(), orgs[0]), 201);
  const after1 = await counts({ 'if-none-match': etag });
  assert.equal(after1.status, 200, 'the ballot committed: the kept answer was made again');
  assert.notEqual(after1.headers.get('etag'), etag);
  assert.equal(valid(await after1.json(), orgs[0]), 1);
  ok(await cast(await voter(), orgs[0]), 201);
  assert.equal(valid(await (await counts()).json(), orgs[0]), 2);
});

test('counts read while ballots commit: each answer whole, the last one the stored votes, as a fresh render', async () => {
  const voters = [];
  for (let i = 0; i < 12; i++) voters.push(await voter());
  const ballots = voters.flatMap((v, i) => [0, 1, 2].map((k) => cast(v, orgs[(i + k) % 5])));
  let reading = true;
  const reads = (async () => {
    const seen = [];
    while (reading) {
      const r = await counts();
      assert.equal(r.status, 200);
      seen.push(await r.json());
    }
    return seen;
  })();
  const rs = await Promise.all(ballots);
  reading = false;
  assert.ok(rs.every((r) => r.status === 201), rs.map((r) => r.text).join('\n'));
  assert.ok((await reads).every((b) => b.policy === 'live' && b.tracks.organisation.length === 5));
  const stored = Object.fromEntries(sql(srv.db, `SELECT application_id, count(*) FROM vote WHERE programme_id = ${pid} ` +
    "AND state = 'counted' GROUP BY application_id").split('\n').map((l) => l.split('|').map(Number)));
  const now = await counts();
  const body = await now.json();
  for (const id of orgs) assert.equal(valid(body, id), stored[id] ?? 0, `candidate ${id}`);
  await sleep(1100); // rendered afresh from the database: the same bytes, the same ETag
  const fresh = await counts();
  assert.equal(fresh.headers.get('etag'), now.headers.get('etag'));
  assert.deepEqual(await fresh.json(), body);
});

test('a vote another node stored: the unique indexes refuse the ballot, with the refusal of the caps', async () => {
  const v = await voter();
  const r = ok(await cast(v, orgs[1]), 201);
  const hash = voterHash(r.votes[0].receipt);
  storeElsewhere(hash, orgs[2], 2, 'ELSEWHERE001');
  // this node saw the voter with one vote; the database knows two
  fails(await cast(v, orgs[2]), 409, 'already_voted', 'candidates');
  ok(await cast(v, orgs[3]), 201);
  fails(await cast(v, orgs[4]), 409, 'track_daily_cap', 'track');
  assert.deepEqual(sql(srv.db, `SELECT slot FROM vote WHERE voter_hash = '${hash}' ORDER BY slot`).split('\n'), ['1', '2', '3']);

  // the track's slots taken elsewhere: the ballot meets vote_track_slot
  const w = await voter();
  const hw = voterHash(ok(await cast(w, orgs[0]), 201).votes[0].receipt);
  storeElsewhere(hw, orgs[1], 2, 'ELSEWHERE002');
  storeElsewhere(hw, orgs[2], 3, 'ELSEWHERE003');
  fails(await cast(w, orgs[3]), 409, 'track_daily_cap', 'track');
  assert.equal(sql(srv.db, `SELECT count(*) FROM vote WHERE voter_hash = '${hw}'`), '3');
  // a ballot of another voter in the same batch as a refused one goes through
  const [x, y] = [await voter(), await voter()];
  storeElsewhere(voterHash(ok(await cast(x, orgs[0]), 201).votes[0].receipt), orgs[4], 2, 'ELSEWHERE004');
  const rs = await Promise.all([cast(x, orgs[4]), cast(y, orgs[4])]);
  assert.deepEqual(rs.map((q) => q.status), [409, 201], rs.map((q) => q.text).join('\n'));
  assert.equal(rs[0].json.error.code, 'already_voted');
});

test('a candidate entered by another process is voted for at once; one withdrawn there is refused within a second', async () => {
  const org = addOrganisation(srv.db, { uscc: usccFor('441802', 70), name: '清远新晋品牌有限公司' });
  const late = addApplication(srv.db, { programme: pid, organisation: org, region: '441802', state: 'accepted' });
  const v = await voter();
  ok(await cast(v, late), 201);
  sql(srv.db, `UPDATE application SET state = 'withdrawn' WHERE id = ${late}`);
  await sleep(1100);
  fails(await cast(await voter(), late), 400, 'not_a_candidate', 'candidates');
});
