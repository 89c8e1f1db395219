// t1010-ranking-tracks-composite: the Guangzhou 2022 brand ranking (广州市质量强市办 2022-07-18 通知)
// with real votes cast through the public vote (codes by the `file` SMS
// gateway, voter sessions, ballots), then both panels, then the composite.
// A brand that chose two tracks (消费知名品牌 and 网络人气品牌) stands in the
// vote of each and its votes count in each (one vote per brand per voter per
// day, whichever list it was cast from); the vote share is normalised within
// each track (the same 4 votes give 100 in one track, 80 in the other); the
// promotion group and the expert panel score; the weights of the template
// (vote 30 %, promotion 30 %, expert 40 %) combine them; the Top 20 of a track
// are cut under the declared tie-breaks (expert_desc before promotion_desc,
// then submitted_asc); a brand ranks only in the tracks it chose; the
// published counts verify against the chain (verify-tally).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, signedIn, ok, fails, cli } from './lib/server.mjs';
import { DISTRICTS, UNITS, account, setClock, advance, districtOrg, registration, sheet } from './lib/ranking.mjs';
import { Voter, verify } from './lib/vote.mjs';

let srv, gz, tianhe, yuexiu, pid, smsLog;
const promotion = [], experts = [];
const id = {}; // brand -> application id
const plan = new Map(); // application id -> {p, e}

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxrank-'));
  smsLog = join(dir, 'sms.log');
  writeFileSync(join(dir, 'sms.json'), JSON.stringify({ driver: 'file', path: smsLog,
    templates: { otp: '您的投票验证码为${code}，5分钟内有效。' } }));
  srv = await startServer({ dir, args: ['--rehearsal', '--sms', join(dir, 'sms.json'), '--trust-proxy', '127.0.0.1',
    '--per-address', '0'] });
  gz = await signedIn(srv.url, 'gzoffice');
  await account(gz, 'gz-tianhe', 'county', '天河区市场监管局', DISTRICTS.tianhe);
  await account(gz, 'gz-yuexiu', 'county', '越秀区市场监管局', DISTRICTS.yuexiu);
  tianhe = await signedIn(srv.url, 'gz-tianhe');
  yuexiu = await signedIn(srv.url, 'gz-yuexiu');
  for (let i = 0; i < UNITS.length; i++) promotion.push(await account(gz, `gz-m${i}`, 'member', UNITS[i]));
  for (let i = 0; i < 7; i++) experts.push(await account(gz, `gz-e${i}`, 'expert', `广州质量品牌专家${i}`));
  pid = ok(await gz.post('/api/v1/programmes', { template: 'guangzhou-top100-brands-2022' }), 201).id;
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

test('registration: a brand in two tracks, 21 brands of the online track, one of each other track', async () => {
  await setClock(gz, '2022-07-18');
  await advance(gz, pid, 'registration');
  const url = `/api/v1/programmes/${pid}/ranking/registrations`;
  const reg = async (bureau, region, brand, tracks) =>
    (id[brand] = ok(await bureau.post(url, registration(await districtOrg(bureau, region), tracks, brand)), 201).id);
  await reg(tianhe, DISTRICTS.tianhe, '双榜', ['consumer', 'online']); // its first track is consumer
  await reg(yuexiu, DISTRICTS.yuexiu, '老字号', ['heritage']);
  await reg(tianhe, DISTRICTS.tianhe, '消费一号', ['consumer']);
  for (let i = 0; i <= 20; i++) await reg(i % 2 ? yuexiu : tianhe, i % 2 ? DISTRICTS.yuexiu : DISTRICTS.tianhe, `网红${i}`, ['online']);
  const o = ok(await gz.get(`${url}?track=online`));
  assert.equal(o.registrations.length, 22);
});

async function voter(n, address) {
  const v = new Voter(srv.url, { address });
  await verify(v, smsLog, n);
  return v;
}

test('the vote: a brand is a candidate in each track it chose, one vote a day whichever list it is cast from', async () => {
  await setClock(gz, '2022-08-15');
  await advance(gz, pid, 'vote');
  const v1 = await voter('13912340101', '10.10.1.1');
  const online = ok(await v1.get(`/api/v1/programmes/${pid}/vote/candidates?track=online`)).candidates.map((c) => c.id);
  assert.equal(online.length, 22);
  assert.ok(online.includes(id['双榜']), 'the brand stands in its second track');
  const consumer = ok(await v1.get(`/api/v1/programmes/${pid}/vote/candidates?track=consumer`)).candidates.map((c) => c.id);
  assert.deepEqual(consumer.sort((a, b) => a - b), [id['双榜'], id['消费一号']].sort((a, b) => a - b));
  const tech = ok(await v1.get(`/api/v1/programmes/${pid}/vote/candidates?track=tech`)).candidates;
  assert.deepEqual(tech, []);
  const cast = (v, track, brands) => v.post(`/api/v1/programmes/${pid}/votes`, { track, candidates: brands.map((b) => id[b]) });
  // in the second track
  let r = ok(await cast(v1, 'online', ['双榜', '网红0', '网红1']), 201);
  assert.equal(r.state, 'counted');
  // once a day per brand, from either list; never in a track it did not choose
  fails(await cast(v1, 'consumer', ['双榜']), 409, 'already_voted', 'candidates');
  fails(await cast(v1, 'heritage', ['双榜']), 400, 'not_a_candidate', 'candidates');
  fails(await cast(v1, 'online', ['老字号']), 400, 'not_a_candidate', 'candidates');
  const v2 = await voter('13722220202', '10.20.2.2');
  ok(await cast(v2, 'online', ['双榜', '网红0']), 201);
  const v3 = await voter('13633330303', '10.30.3.3');
  ok(await cast(v3, 'consumer', ['双榜', '消费一号']), 201);
  const v4 = await voter('13544440404', '10.40.4.4');
  ok(await cast(v4, 'consumer', ['消费一号', '双榜']), 201);
  for (const [n, a] of [['13855550505', '10.50.5.5'], ['15866660606', '10.60.6.6'], ['18977770707', '10.70.7.7']])
    ok(await cast(await voter(n, a), 'consumer', ['消费一号']), 201);
  // the counts: the brand's 4 votes stand in both its tracks
  r = ok(await gz.post(`/api/v1/programmes/${pid}/vote/snapshots`, {}), 201);
  const counts = ok(await gz.get(`/api/v1/programmes/${pid}/vote/counts`)).tracks;
  const valid = (track, brand) => counts[track].find((c) => c.id === id[brand])?.valid;
  assert.equal(valid('online', '双榜'), 4);
  assert.equal(valid('consumer', '双榜'), 4);
  assert.equal(valid('consumer', '消费一号'), 5);
  assert.equal(valid('online', '网红0'), 2);
  assert.equal(valid('online', '网红1'), 1);
  assert.equal(counts.heritage.find((c) => c.id === id['双榜']), undefined);
  const ex = ok(await gz.get(`/api/v1/programmes/${pid}/vote/exclusions`));
  const exTrack = (track) => ex.tracks[track].map((c) => c.id);
  assert.ok(exTrack('online').includes(id['双榜']) && exTrack('consumer').includes(id['双榜']));
});

test('both panels score every brand once, whatever its tracks', async () => {
  await advance(gz, pid, 'review');
  const url = `/api/v1/programmes/${pid}/ranking/panels`;
  ok(await gz.request('PUT', `${url}/promotion`, { body: { accounts: promotion } }));
  ok(await gz.request('PUT', `${url}/expert`, { body: { accounts: experts } }));
  plan.set(id['双榜'], { p: 80, e: 80 });
  plan.set(id['消费一号'], { p: 80, e: 80 });
  plan.set(id['老字号'], { p: 50, e: 50 });
  plan.set(id['网红0'], { p: 70, e: 70 });
  plan.set(id['网红1'], { p: 70, e: 70 });
  for (let i = 2; i <= 18; i++) plan.set(id[`网红${i}`], { p: 60, e: 40 + i });
  plan.set(id['网红19'], { p: 60, e: 42 }); // as 网红2, registered later
  plan.set(id['网红20'], { p: 68, e: 36 }); // the same score as 网红2, a higher promotion, a lower expert score
  const members = [], judges = [];
  for (let i = 0; i < 10; i++) members.push(await signedIn(srv.url, `gz-m${i}`));
  for (let i = 0; i < 7; i++) judges.push(await signedIn(srv.url, `gz-e${i}`));
  const sheetOf = ok(await members[0].get(`/api/v1/programmes/${pid}/ranking/sheet`));
  assert.equal(sheetOf.candidates.length, 24); // the two-track brand once
  const scores = `/api/v1/programmes/${pid}/ranking/scores`;
  for (const [app, { p, e }] of plan) {
    for (const m of members) ok(await m.post(scores, { application: app, scores: sheet(p) }), 201);
    for (const j of judges) ok(await j.post(scores, { application: app, scores: sheet(e) }), 201);
  }
  await setClock(gz, '2022-09-01');
  await advance(gz, pid, 'publication');
});

test('the composite: vote share within the track, panel scores, the template weights, Top 20 under the tie-breaks', async () => {
  const c = ok(await gz.get(`/api/v1/programmes/${pid}/ranking/composite`));
  assert.deepEqual(c.weights, { vote: 300, promotion: 300, expert: 400 });
  const track = (code) => c.tracks.find((t) => t.code === code).candidates;
  const brand = (code, b) => track(code).find((x) => x.brand === b);
  // 双榜: 4 votes in each of its tracks; online's largest count is its own (100), consumer's is 消费一号's 5 (80)
  assert.deepEqual(['votes', 'vote_score', 'promotion', 'expert', 'score'].map((k) => brand('online', '双榜')[k]),
    [4, '100.00', '80.00', '80.00', '86.00']); // 100 x 30 % + 80 x 30 % + 80 x 40 %
  assert.deepEqual(['votes', 'vote_score', 'score'].map((k) => brand('consumer', '双榜')[k]), [4, '80.00', '80.00']);
  assert.deepEqual(track('consumer').map((x) => [x.brand, x.votes, x.vote_score, x.score, x.rank, x.placed]),
    [['消费一号', 5, '100.00', '86.00', 1, true], ['双榜', 4, '80.00', '80.00', 2, true]]);
  assert.deepEqual(['votes', 'vote_score', 'score'].map((k) => brand('online', '网红0')[k]), [2, '50.00', '64.00']);
  assert.deepEqual(['votes', 'vote_score', 'score'].map((k) => brand('online', '网红1')[k]), [1, '25.00', '56.50']);
  // a brand ranks only in the tracks it chose
  for (const t of ['leading', 'tech', 'heritage'])
    assert.equal(track(t).find((x) => x.brand === '双榜'), undefined, t);
  assert.deepEqual(track('heritage').map((x) => x.brand), ['老字号']);
  // online: 22 brands, 20 placed; 网红2, 网红19 and 网红20 all score 34.80
  const online = track('online');
  assert.equal(online.length, 22);
  assert.deepEqual(online.slice(0, 3).map((x) => x.brand), ['双榜', '网红0', '网红1']);
  assert.deepEqual(online.slice(3, 19).map((x) => x.brand), Array.from({ length: 16 }, (_, i) => `网红${18 - i}`));
  assert.deepEqual(online.slice(19).map((x) => [x.brand, x.score, x.expert, x.rank, x.tied, x.placed]), [
    ['网红2', '34.80', '42.00', 20, false, true], // expert_desc, promotion_desc and votes equal: submitted_asc, earlier
    ['网红19', '34.80', '42.00', 21, false, false],
    ['网红20', '34.80', '36.00', 22, false, false], // expert_desc before promotion_desc: its 68 does not help
  ]);
  assert.equal(online.filter((x) => x.placed).length, 20);
});

test('the published lists carry the two-track brand in both; the counts verify against the chain', async () => {
  const lists = ok(await gz.post(`/api/v1/programmes/${pid}/ranking/publish`, {}), 201);
  const entries = (code) => lists.tracks.find((t) => t.code === code).entries;
  assert.equal(entries('online').length, 20);
  assert.equal(entries('online')[0].application, id['双榜']);
  assert.deepEqual(entries('consumer').map((e) => e.application), [id['消费一号'], id['双榜']]);
  const r = await gz.get(`/api/v1/programmes/${pid}/vote/log`);
  assert.equal(r.status, 200, r.text);
  const logFile = join(srv.dir, 'vote-log.jsonl');
  writeFileSync(logFile, r.text);
  const out = cli(['verify-tally', '--db', srv.db, '--programme', String(pid), '--log', logFile]);
  assert.equal(out.status, 0, out.stdout + out.stderr);
  assert.match(out.stdout, /^verify-tally: OK, 12 votes in \d+ batches, 0 decisions, 1 snapshots match the chain/);
});
