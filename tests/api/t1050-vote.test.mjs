// t1050-vote: the public vote (网络人气冲榜) as any programme with a vote stage
// runs it: the award template with its shortlist stage made a vote stage and
// the vote's settings in its section. A voter proves a mobile number with a
// one-time code from the `file` SMS gateway (expiry, single use, attempts,
// throttles), casts ballots within the caps (one vote per candidate per day,
// N per track per day), over the address rate limit is asked for a fresh
// code, and gets receipts. Suspicious votes are quarantined with their rule
// (one device for many voters, a run of sequential numbers, a burst from one
// address), kept, listed for the office, released or confirmed (audited);
// counts and the public exclusion report leave out what is not valid.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, signedIn, ok, fails, cli } from './lib/server.mjs';
import { sql, addOrganisation, addPerson, addApplication, putStage, usccFor, editConfig } from './lib/fixture.mjs';
import { createProgramme, setClock } from './lib/award.mjs';
import { Voter, lastCode, verify } from './lib/vote.mjs';

let srv, office, gz, pid, smsLog;
const orgs = [];
let person;

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxvote-'));
  smsLog = join(dir, 'sms.log');
  writeFileSync(join(dir, 'sms.json'), JSON.stringify({ driver: 'file', path: smsLog,
    templates: { otp: '您的投票验证码为${code}，5分钟内有效。' } }));
  srv = await startServer({ dir, args: ['--rehearsal', '--sms', join(dir, 'sms.json'), '--trust-proxy', '127.0.0.1',
    '--per-address', '0'] });
  office = await signedIn(srv.url, 'office');
  gz = await signedIn(srv.url, 'gzoffice');
  pid = await createProgramme(office);
  await setClock(office, '2025-11-24');
  const db = srv.db;
  editConfig(db, pid, (c) => {
    const s = c.stages.find((x) => x.code === 'shortlist');
    s.kind = 'vote';
    s.title = '网络人气投票';
    delete s.max;
    c.section = { vote: { per_track_per_day: 3, address_burst: 8, address_interval_s: 3600,
      quarantine_address_per_hour: 4, velocity_factor: 2, velocity_floor: 10 } };
  });
  sql(db, `UPDATE stage SET kind = 'vote' WHERE programme_id = ${pid} AND code = 'shortlist'`);
  putStage(db, pid, 'shortlist');
  for (let i = 1; i <= 5; i++) {
    const org = addOrganisation(db, { uscc: usccFor('441802', i), name: `清远品牌${i}有限公司` });
    orgs.push(addApplication(db, { programme: pid, organisation: org, region: '441802', state: 'accepted' }));
  }
  const p = addPerson(db, { name: '王芳', employer: '清远职业技术学院' });
  person = addApplication(db, { programme: pid, person: p, region: '441802', state: 'accepted' });
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

test('a code is sent once a minute, expires, serves once and dies after five wrong entries', async () => {
  const v = new Voter(srv.url, { address: '10.1.0.1' });
  fails(await v.post('/api/v1/vote/codes', { phone: '12345' }), 400, 'invalid_mobile', 'phone');
  ok(await v.post('/api/v1/vote/codes', { phone: '13800138000' }), 202);
  const again = await v.post('/api/v1/vote/codes', { phone: '13800138000' });
  fails(again, 429, 'code_too_soon', 'phone');
  assert.ok(Number(again.headers.get('retry-after')) > 0);
  const code = await lastCode(smsLog, '13800138000');
  assert.match(code, /^\d{6}$/);
  // the number is stored only as a keyed hash, the code too
  assert.equal(sql(srv.db, "SELECT count(*) FROM vote_code WHERE phone_hash LIKE '%13800138000%' OR code_hash = '" + code + "'"), '0');
  const wrong = code === '000000' ? '111111' : '000000';
  fails(await v.post('/api/v1/vote/sessions', { phone: '13800138000', code: wrong }), 401, 'code_invalid', 'code');
  ok(await v.post('/api/v1/vote/sessions', { phone: '13800138000', code }), 201);
  assert.ok(v.cookies.px_voter && v.cookies.px_device);
  fails(await v.post('/api/v1/vote/sessions', { phone: '13800138000', code }), 401, 'code_invalid', 'code');

  // five wrong entries kill a code, even the right one after them
  const w = new Voter(srv.url, { address: '10.1.0.2' });
  ok(await w.post('/api/v1/vote/codes', { phone: '13700137000' }), 202);
  const good = await lastCode(smsLog, '13700137000');
  const bad = good === '000000' ? '111111' : '000000';
  for (let i = 0; i < 5; i++)
    fails(await w.post('/api/v1/vote/sessions', { phone: '13700137000', code: bad }), 401, 'code_invalid');
  fails(await w.post('/api/v1/vote/sessions', { phone: '13700137000', code: good }), 429, 'code_attempts_exhausted');

  // an expired code is refused (five minutes: moved back in the database)
  const x = new Voter(srv.url, { address: '10.1.0.3' });
  ok(await x.post('/api/v1/vote/codes', { phone: '13600136000' }), 202);
  sql(srv.db, `UPDATE vote_code SET expires_at = expires_at - ${301 * 1000000}, sent_at = sent_at - ${301 * 1000000}`);
  fails(await x.post('/api/v1/vote/sessions', { phone: '13600136000', code: await lastCode(smsLog, '13600136000') }),
    401, 'code_expired');
});

test('ballots keep the caps, get receipts, and the candidates come shuffled per voter', async () => {
  const v = new Voter(srv.url, { address: '10.2.0.1' });
  fails(await v.post(`/api/v1/programmes/${pid}/votes`, { track: 'organisation', candidates: [orgs[0]] }), 401,
    'voter_session_required');
  await verify(v, smsLog, '13912345678');
  const list = ok(await v.get(`/api/v1/programmes/${pid}/vote/candidates?track=organisation`));
  assert.deepEqual(list.candidates.map((c) => c.id).sort((a, b) => a - b), orgs);
  const again = ok(await v.get(`/api/v1/programmes/${pid}/vote/candidates?track=organisation`));
  assert.deepEqual(again.candidates, list.candidates, 'one voter sees one order');

  let r = ok(await v.post(`/api/v1/programmes/${pid}/votes`, { track: 'organisation', candidates: [orgs[0]] }), 201);
  assert.equal(r.state, 'counted');
  const receipt = r.votes[0].receipt;
  assert.match(receipt, /^[0-9A-Z]{12}$/);
  fails(await v.post(`/api/v1/programmes/${pid}/votes`, { track: 'organisation', candidates: [orgs[0]] }), 409,
    'already_voted', 'candidates');
  fails(await v.post(`/api/v1/programmes/${pid}/votes`, { track: 'organisation', candidates: [person] }), 400,
    'not_a_candidate', 'candidates');
  fails(await v.post(`/api/v1/programmes/${pid}/votes`, { track: 'organisation', candidates: [orgs[1], orgs[1]] }), 400,
    'bad_ballot', 'candidates');
  ok(await v.post(`/api/v1/programmes/${pid}/votes`, { track: 'organisation', candidates: [orgs[1], orgs[2]] }), 201);
  // three a day in this track (section.vote.per_track_per_day), all or none
  fails(await v.post(`/api/v1/programmes/${pid}/votes`, { track: 'organisation', candidates: [orgs[3]] }), 409,
    'track_daily_cap', 'track');
  ok(await v.post(`/api/v1/programmes/${pid}/votes`, { track: 'individual', candidates: [person] }), 201);

  r = ok(await v.get(`/api/v1/vote/receipts/${receipt}`));
  assert.equal(r.state, 'counted');
  assert.equal(r.candidate.id, orgs[0]);
  assert.equal(r.day, '2025-11-24');
  fails(await v.get('/api/v1/vote/receipts/ZZZZZZZZZZZZ'), 404, 'no_such_receipt');

  // the next day the caps start again; after the stage's closing date (2025-11-25) the vote is over
  await setClock(office, '2025-11-25');
  ok(await v.post(`/api/v1/programmes/${pid}/votes`, { track: 'organisation', candidates: [orgs[0], orgs[3]] }), 201);
  await setClock(office, '2025-11-26');
  fails(await v.post(`/api/v1/programmes/${pid}/votes`, { track: 'organisation', candidates: [orgs[1]] }), 409,
    'stage_closed', 'stage');
  await setClock(office, '2025-11-24');
  // the caps are unique indexes: a second insert of the same vote is refused by the database
  assert.throws(() => sql(srv.db, 'INSERT INTO vote (programme_id, track_code, application_id, voter_hash, day, slot, ' +
    `receipt, state, cast_at) SELECT programme_id, track_code, application_id, voter_hash, day, 9, 'DUPLICATE001', state, ` +
    `cast_at FROM vote WHERE receipt = '${receipt}'`));
});

test('over the address rate limit a voter verifies a fresh code, never a silent block', async () => {
  // address_burst 8 from 10.3.0.1: voters of that address, sessions aged past their freshness
  const voters = [];
  for (let i = 0; i < 3; i++) {
    const v = new Voter(srv.url, { address: '10.3.0.1' });
    await verify(v, smsLog, `1350000${String(i * 100).padStart(4, '0')}`);
    voters.push(v);
  }
  sql(srv.db, `UPDATE vote_session SET verified_at = verified_at - ${600 * 1000000}`);
  await sleep(1100); // a node keeps a session it read for a second
  let n = 0;
  const states = [];
  for (const v of voters)
    for (let k = 0; k < 3; k++) {
      const r = await v.post(`/api/v1/programmes/${pid}/votes`, { track: 'organisation', candidates: [orgs[k]] });
      if (n < 8) states.push(ok(r, 201).state);
      else fails(r, 403, 'code_required', 'code');
      n++;
    }
  // past quarantine_address_per_hour (4) the votes of the address are kept in quarantine
  assert.deepEqual(states, ['counted', 'counted', 'counted', 'counted', 'quarantined', 'quarantined', 'quarantined',
    'quarantined']);
  // a fresh code lets the voter on (a minute later: the number's send throttle)
  sql(srv.db, `UPDATE vote_code SET sent_at = sent_at - ${61 * 1000000}`);
  await verify(voters[2], smsLog, '13500000200');
  ok(await voters[2].post(`/api/v1/programmes/${pid}/votes`, { track: 'organisation', candidates: [orgs[2]] }), 201);
});

test('suspicious votes are quarantined with their rule, kept, released or confirmed by the office', async () => {
  // one device, four voters: the fourth is past device_voters_max (3)
  const device = 'd'.repeat(64);
  const phones = ['13311110000', '13322220000', '13333330000', '13344440000'];
  const onDevice = [];
  for (const [i, phone] of phones.entries()) {
    const v = new Voter(srv.url, { address: `10.4.0.${i + 1}`, device });
    await verify(v, smsLog, phone);
    onDevice.push(v);
  }
  let r = ok(await onDevice[3].post(`/api/v1/programmes/${pid}/votes`, { track: 'organisation', candidates: [orgs[4]] }), 201);
  assert.equal(r.state, 'quarantined');
  const deviceReceipt = r.votes[0].receipt;
  r = ok(await onDevice[0].post(`/api/v1/programmes/${pid}/votes`, { track: 'organisation', candidates: [orgs[4]] }), 201);
  assert.equal(r.state, 'counted');

  // a run of five sequential numbers: the fifth is quarantined
  const run = [];
  for (let i = 1; i <= 5; i++) {
    const v = new Voter(srv.url, { address: `10.5.0.${i}` });
    await verify(v, smsLog, `1881234000${i}`);
    run.push(v);
  }
  r = ok(await run[4].post(`/api/v1/programmes/${pid}/votes`, { track: 'organisation', candidates: [orgs[4]] }), 201);
  assert.equal(r.state, 'quarantined');
  const seqReceipt = r.votes[0].receipt;
  r = ok(await run[0].post(`/api/v1/programmes/${pid}/votes`, { track: 'organisation', candidates: [orgs[4]] }), 201);
  assert.equal(r.state, 'counted');

  // a burst from one address: past quarantine_address_per_hour (4)
  const burst = [];
  for (let i = 0; i < 5; i++) {
    const v = new Voter(srv.url, { address: '10.6.0.9' });
    await verify(v, smsLog, `1770000${String(i * 1000).padStart(4, '0')}`);
    burst.push(v);
  }
  const states = [];
  for (const v of burst)
    states.push(ok(await v.post(`/api/v1/programmes/${pid}/votes`, { track: 'organisation', candidates: [orgs[3]] }), 201).state);
  assert.deepEqual(states, ['counted', 'counted', 'counted', 'counted', 'quarantined']);

  assert.equal(ok(await gz.get(`/api/v1/vote/receipts/${deviceReceipt}`)).state, 'quarantined');
  fails(await gz.get(`/api/v1/programmes/${pid}/vote/quarantine`), 404, 'not_found');
  const mon = ok(await office.get(`/api/v1/programmes/${pid}/vote/monitor`));
  const perState = (st) => mon.per_minute.filter((m) => m.state === st)
    .reduce((n, m) => n + m.votes, 0);
  assert.equal(perState('quarantined'), Number(sql(srv.db, `SELECT count(*) FROM vote WHERE programme_id = ${pid} ` +
    "AND state = 'quarantined'")));
  fails(await gz.get(`/api/v1/programmes/${pid}/vote/monitor`), 404, 'not_found');
  const q = ok(await office.get(`/api/v1/programmes/${pid}/vote/quarantine`));
  assert.deepEqual([...new Set(q.votes.map((v) => v.rule))].sort(), ['address_burst', 'device_shared', 'sequential_numbers']);
  assert.ok(q.votes.every((v) => v.reason && v.candidate_name && !('voter_hash' in v)));
  const byRule = Object.fromEntries(q.votes.filter((v) => v.candidate === orgs[4]).map((v) => [v.rule, v.id]));

  const before = ok(await office.get(`/api/v1/programmes/${pid}/vote/exclusions`));
  const c5 = before.tracks.organisation.find((c) => c.id === orgs[4]);
  assert.deepEqual({ ...c5, name: undefined }, { id: orgs[4], name: undefined, received: 4, quarantined: 2, invalid: 0,
    excluded: { device_shared: 1, sequential_numbers: 1 }, valid: 2 });

  fails(await office.post(`/api/v1/programmes/${pid}/vote/quarantine`, { votes: [byRule.device_shared], action: 'delete',
    reason: 'x' }), 400, 'bad_action', 'action');
  r = ok(await office.post(`/api/v1/programmes/${pid}/vote/quarantine`, { votes: [byRule.sequential_numbers],
    action: 'release', reason: '核实为同一单位员工的真实投票' }));
  assert.equal(r.action, 'release');
  ok(await office.post(`/api/v1/programmes/${pid}/vote/quarantine`, { votes: [byRule.device_shared],
    action: 'confirm', reason: '同一设备批量验证号码' }));
  fails(await office.post(`/api/v1/programmes/${pid}/vote/quarantine`, { votes: [byRule.device_shared],
    action: 'release', reason: '再议' }), 409, 'not_quarantined', 'votes');

  assert.equal(ok(await gz.get(`/api/v1/vote/receipts/${seqReceipt}`)).state, 'counted');
  assert.equal(ok(await gz.get(`/api/v1/vote/receipts/${deviceReceipt}`)).state, 'invalid');
  const report = ok(await gz.get(`/api/v1/programmes/${pid}/vote/exclusions`));
  const after5 = report.tracks.organisation.find((c) => c.id === orgs[4]);
  assert.equal(after5.received, 4);
  assert.equal(after5.valid, 3);
  assert.equal(after5.invalid, 1);
  assert.deepEqual(after5.excluded, { device_shared: 1 });
  const counts = ok(await gz.get(`/api/v1/programmes/${pid}/vote/counts`));
  assert.deepEqual(counts.tracks.organisation.find((c) => c.id === orgs[4]), { id: orgs[4], name: '清远品牌5有限公司', valid: 3 });
  // every vote is kept: nothing was deleted
  assert.equal(sql(srv.db, `SELECT count(*) FROM vote WHERE programme_id = ${pid} AND application_id = ${orgs[4]}`), '4');
});

test('a candidate far above its own pace gets its votes quarantined (velocity)', async () => {
  const org = addOrganisation(srv.db, { uscc: usccFor('441802', 99), name: '清远快涨品牌有限公司' });
  const fast = addApplication(srv.db, { programme: pid, organisation: org, region: '441802', state: 'accepted' });
  // within one minute: velocity_floor 10 x velocity_factor 2 = 20 votes pass, the 21st is quarantined
  if (new Date().getSeconds() > 40) await sleep((61 - new Date().getSeconds()) * 1000);
  const states = [];
  for (let i = 0; i < 21; i++) {
    const v = new Voter(srv.url, { address: `10.10.${i}.1` });
    await verify(v, smsLog, `1500${String(i * 1000).padStart(7, '0')}`);
    states.push(ok(await v.post(`/api/v1/programmes/${pid}/votes`, { track: 'organisation', candidates: [fast] }), 201).state);
  }
  assert.deepEqual(states, [...Array(20).fill('counted'), 'quarantined']);
  const q = ok(await office.get(`/api/v1/programmes/${pid}/vote/quarantine`));
  const hit = q.votes.find((x) => x.candidate === fast);
  assert.equal(hit.rule, 'velocity');
  assert.match(hit.reason, /2 times its votes a minute/);
});

test('counts are published live or as a daily snapshot hashed into the chain; the log verifies after the close', async () => {
  let snap = ok(await office.post(`/api/v1/programmes/${pid}/vote/snapshots`, {}), 201);
  assert.match(snap.snapshot.sha256, /^[0-9a-f]{64}$/);
  fails(await gz.post(`/api/v1/programmes/${pid}/vote/snapshots`, {}), 404, 'not_found');
  let live = ok(await gz.get(`/api/v1/programmes/${pid}/vote/counts`));
  assert.equal(live.policy, 'live');

  // the daily policy: the first read after publish_hour takes the day's snapshot; later votes wait for the next
  editConfig(srv.db, pid, (c) => { c.section.vote.publication = 'daily'; c.section.vote.publish_hour = 0; });
  await sleep(1100); // the counts are a public read kept in memory: a change by another process shows within a second
  const daily = ok(await gz.get(`/api/v1/programmes/${pid}/vote/counts`));
  assert.equal(daily.policy, 'daily');
  assert.equal(daily.snapshot.day, '2025-11-24');
  assert.equal(daily.snapshot.id, snap.snapshot.id, "the office's snapshot of the day is the day's");
  const v = new Voter(srv.url, { address: '10.7.0.1' });
  await verify(v, smsLog, '15912340000');
  ok(await v.post(`/api/v1/programmes/${pid}/votes`, { track: 'organisation', candidates: [orgs[4]] }), 201);
  const later = ok(await gz.get(`/api/v1/programmes/${pid}/vote/counts`));
  assert.deepEqual(later, daily, 'the published counts hold until the next day');
  live = ok(await gz.get(`/api/v1/programmes/${pid}/vote/exclusions`));
  assert.equal(live.tracks.organisation.find((c) => c.id === orgs[4]).valid,
    daily.tracks.organisation.find((c) => c.id === orgs[4]).valid + 1);
  await setClock(office, '2025-11-25');
  const next = ok(await gz.get(`/api/v1/programmes/${pid}/vote/counts`));
  assert.equal(next.snapshot.day, '2025-11-25');
  assert.equal(next.tracks.organisation.find((c) => c.id === orgs[4]).valid,
    daily.tracks.organisation.find((c) => c.id === orgs[4]).valid + 1);
  await setClock(office, '2025-11-24');

  // the pseudonymised log, once the vote is over
  fails(await gz.get(`/api/v1/programmes/${pid}/vote/log`), 409, 'vote_not_closed');
  putStage(srv.db, pid, 'onsite');
  fails(await v.post(`/api/v1/programmes/${pid}/votes`, { track: 'organisation', candidates: [orgs[3]] }), 409,
    'vote_not_open');
  const r = await gz.get(`/api/v1/programmes/${pid}/vote/log`);
  assert.equal(r.status, 200);
  const lines = r.text.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, Number(sql(srv.db, `SELECT count(*) FROM vote WHERE programme_id = ${pid}`)));
  assert.ok(lines.every((l) => /^[0-9a-f]{32}$/.test(l.voter) && !('voter_hash' in l)));
  assert.ok(!r.text.includes(sql(srv.db, 'SELECT voter_hash FROM vote LIMIT 1')), 'no keyed hash of a number in the log');
  const logFile = join(srv.dir, 'vote-log.jsonl');
  writeFileSync(logFile, r.text);
  let out = cli(['verify-tally', '--db', srv.db, '--programme', String(pid), '--log', logFile]);
  assert.equal(out.status, 0, out.stdout + out.stderr);
  assert.match(out.stdout, /^verify-tally: OK, \d+ votes in \d+ batches, 2 decisions, 2 snapshots match the chain/);

  // a log that tells another story is caught: one counted vote shown as invalid, or one vote moved
  const forged = lines.map((l) => ({ ...l }));
  forged.find((l) => l.state === 'counted').state = 'invalid';
  writeFileSync(logFile, forged.map((l) => JSON.stringify(l)).join('\n') + '\n');
  out = cli(['verify-tally', '--db', srv.db, '--programme', String(pid), '--log', logFile]);
  assert.equal(out.status, 1, out.stdout);
  assert.match(out.stdout, /NOT VERIFIED/);
  const moved = lines.map((l) => ({ ...l }));
  moved[0].candidate = moved[0].candidate === orgs[0] ? orgs[1] : orgs[0];
  writeFileSync(logFile, moved.map((l) => JSON.stringify(l)).join('\n') + '\n');
  out = cli(['verify-tally', '--db', srv.db, '--programme', String(pid), '--log', logFile]);
  assert.equal(out.status, 1, out.stdout);
  assert.match(out.stdout, /do not hash to the chain/);
});

test('each batch of votes is one audit record carrying its hash, and the chain verifies', async () => {
  const batches = Number(sql(srv.db, "SELECT count(*) FROM audit WHERE action = 'vote.batch'"));
  assert.ok(batches >= 1);
  assert.equal(sql(srv.db, 'SELECT count(*) FROM vote WHERE batch_id IS NULL'), '0');
  assert.equal(Number(sql(srv.db, "SELECT count(*) FROM audit WHERE action LIKE 'vote.quarantine.%'")), 2);
  // the running tally the counts are read from agrees with the vote table
  const byTable = sql(srv.db, "SELECT application_id || ':' || state || ':' || coalesce(rule, '') || ':' || count(*) FROM vote " +
    "GROUP BY application_id, state, coalesce(rule, '') ORDER BY 1");
  const byTally = sql(srv.db, "SELECT application_id || ':' || state || ':' || rule || ':' || votes FROM vote_tally " +
    'WHERE votes <> 0 ORDER BY 1');
  assert.equal(byTally, byTable);
  const r = cli(['audit', 'verify', '--db', srv.db]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('without an SMS gateway no code is sent: 503 sms_unavailable', async () => {
  const other = await startServer({ db: srv.db, args: ['--per-address', '0'] });
  try {
    const v = new Voter(other.url);
    fails(await v.post('/api/v1/vote/codes', { phone: '13800138001' }), 503, 'sms_unavailable');
  } finally {
    const r = await other.stop();
    assert.equal(r.code, 0, other.log());
  }
});
