// t0615-draw-commitment: a committed draw cannot be steered (docs/draw.md,
// "Commitment"). The commitment publishes the inputs hash with the seed's
// commitment; the seed is handed to the office once and is nowhere in the
// database until the run; a run with another seed, or on inputs that changed
// since the commitment (an expert imported, an expert removed, a conflict
// declared by a recusal), is refused; such a commitment is abandoned in public
// and a new one made; the draw that runs is reproduced by `pingxuan
// verify-draw` from what is published.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, signedIn, Client, cli } from './lib/server.mjs';
import { isPg } from './lib/db.mjs';
import { sql, addOrganisation, addApplication, putStage, setState, usccFor } from './lib/fixture.mjs';
import { createProgramme, setClock, poolCsv } from './lib/award.mjs';

let srv, office, pid, pub;
const apps = [];
const sha256 = (hex) => createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex');
const expert = (i) => [`E${String(i).padStart(2, '0')}`, `专家${i}`, `评审机构${i}`, '441800', 'C', '', ''];
const commit = async (stage = 'material') => {
  const r = await office.post(`/api/v1/programmes/${pid}/draws`, { stage });
  assert.equal(r.status, 201, r.text);
  return r.json;
};
const run = (c, seed = c.seed) => office.post(`/api/v1/draws/${c.id}/run`, { seed });
const abandon = (c, body) => office.post(`/api/v1/draws/${c.id}/abandon`, body);

// Every place the database keeps text: the seed must be in none of them before the run.
function seedStored(seed) {
  const rows = sql(srv.db, `SELECT count(*) FROM draw WHERE seed IS NOT NULL AND replaces IS NULL AND drawn_at IS NULL
    AND abandoned_at IS NULL`);
  const audited = sql(srv.db, `SELECT count(*) FROM audit WHERE payload LIKE '%${seed}%'`);
  const anywhere = sql(srv.db, `SELECT count(*) FROM draw WHERE coalesce(seed, '') || coalesce(input, '') ||
    coalesce(result, '') LIKE '%${seed}%'`);
  let files = false;
  if (!isPg(srv.db))
    for (const f of [srv.db, `${srv.db}-wal`])
      if (existsSync(f) && readFileSync(f).includes(Buffer.from(seed))) files = true;
  return { rows: Number(rows), audited: Number(audited), anywhere: Number(anywhere), files };
}
const NOWHERE = { rows: 0, audited: 0, anywhere: 0, files: false };

before(async () => {
  srv = await startServer({ args: ['--rehearsal'] });
  office = await signedIn(srv.url, 'office');
  pub = new Client(srv.url);
  pid = await createProgramme(office);
  for (let i = 1; i <= 4; i++) {
    const region = '441802';
    const o = addOrganisation(srv.db, { uscc: usccFor(region, 20 + i), name: `清远申报企业${i}有限公司`, region });
    apps.push(addApplication(srv.db, { programme: pid, organisation: o, region, state: 'accepted' }));
  }
  putStage(srv.db, pid, 'material');
  await setClock(office, '2025-11-10');
  const r = await office.post('/api/v1/experts/import', { csv: poolCsv([1, 2, 3, 4, 5, 6].map(expert)) });
  assert.equal(r.status, 201, r.text);
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

test('the commitment publishes the inputs hash; the seed goes to the office once and is stored nowhere', async () => {
  const c = await commit();
  assert.match(c.inputs_hash, /^[0-9a-f]{64}$/);
  assert.match(c.seed, /^[0-9a-f]{64}$/);
  assert.equal(sha256(c.seed), c.seed_commit, 'the seed handed out opens the commitment');
  assert.equal(c.algorithm, 'px-draw-v1');
  const p = (await pub.get(`/api/v1/draws/${c.id}`)).json;
  assert.deepEqual([p.state, p.seed_commit, p.inputs_hash, p.seed, p.result],
    ['committed', c.seed_commit, c.inputs_hash, null, null]);
  // anyone recomputes the published hash from the published input
  writeFileSync(join(srv.dir, 'committed.json'), JSON.stringify(p.input));
  const h = cli(['draw', '--inputs-hash', '--input', join(srv.dir, 'committed.json')]);
  assert.equal(h.stdout.trim(), c.inputs_hash, h.stderr);
  assert.deepEqual(seedStored(c.seed), NOWHERE);
  const list = (await pub.get(`/api/v1/programmes/${pid}/draws`)).json.draws;
  assert.deepEqual(list.map((d) => [d.id, d.state, d.inputs_hash]), [[c.id, 'committed', c.inputs_hash]]);
  const audit = JSON.parse(sql(srv.db, `SELECT payload FROM audit WHERE action = 'draw.commit' AND object = 'draw:${c.id}'`));
  assert.deepEqual([audit.seed_commit, audit.inputs_hash, audit.seed], [c.seed_commit, c.inputs_hash, undefined]);
  srv.pending = c;
});

test('a run with a wrong, malformed or missing seed is refused and draws nothing', async () => {
  const c = srv.pending;
  const other = 'ab'.repeat(32);
  let r = await run(c, other);
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'seed_mismatch', 'seed']);
  r = await run(c, c.seed.slice(2));
  assert.deepEqual([r.status, r.json.error.code], [400, 'invalid_seed']);
  r = await office.post(`/api/v1/draws/${c.id}/run`, {});
  assert.deepEqual([r.status, r.json.error.code], [400, 'missing_field']);
  const county = await signedIn(srv.url, 'qingcheng');
  assert.equal((await county.post(`/api/v1/draws/${c.id}/run`, { seed: c.seed })).status, 403);
  assert.equal((await pub.get(`/api/v1/draws/${c.id}`)).json.state, 'committed');
  assert.equal(sql(srv.db, `SELECT count(*) FROM assignment WHERE draw_id = ${c.id}`), '0');
});

test('an expert imported after the commitment: the run is refused; the commitment is abandoned in public', async () => {
  const c = srv.pending;
  let r = await office.post('/api/v1/experts/import', { csv: poolCsv([expert(7)]) });
  assert.equal(r.status, 201, r.text);
  r = await run(c);
  assert.deepEqual([r.status, r.json.error.code], [409, 'draw_inputs_changed']);
  assert.match(r.json.error.message, /expert 'E07' joined the pool/);
  assert.equal(sql(srv.db, `SELECT count(*) FROM assignment WHERE draw_id = ${c.id}`), '0');
  r = await office.post(`/api/v1/programmes/${pid}/draws`, { stage: 'material' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'draw_pending'], 'no second commitment while one stands');
  r = await abandon(c, { reason: '提交承诺后新增专家E07，输入已变化', seed: 'cd'.repeat(32) });
  assert.deepEqual([r.status, r.json.error.code], [400, 'seed_mismatch']);
  r = await abandon(c, { reason: '提交承诺后新增专家E07，输入已变化', seed: c.seed });
  assert.equal(r.status, 200, r.text);
  const p = (await pub.get(`/api/v1/draws/${c.id}`)).json;
  assert.deepEqual([p.state, p.abandon_reason, p.seed, p.result], ['abandoned', '提交承诺后新增专家E07，输入已变化', c.seed, null],
    'the abandonment and the seed it reveals are public');
  r = await run(c);
  assert.deepEqual([r.status, r.json.error.code], [409, 'draw_abandoned']);
  r = await abandon(c, { reason: 'again' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'draw_abandoned']);
  const actions = sql(srv.db, `SELECT action FROM audit WHERE object = 'draw:${c.id}' ORDER BY seq`).split('\n');
  assert.deepEqual(actions, ['draw.commit', 'draw.abandon']);
});

test('an expert removed after the commitment: the run is refused', async () => {
  const c = await commit();
  assert.notEqual(c.seed, srv.pending.seed);
  assert.deepEqual(seedStored(c.seed), NOWHERE);
  const id = (await office.get('/api/v1/experts')).json.experts.find((e) => e.code === 'E07').id;
  let r = await office.post(`/api/v1/experts/${id}/remove`, { reason: '本人申请退出专家库' });
  assert.equal(r.status, 200, r.text);
  r = await run(c);
  assert.deepEqual([r.status, r.json.error.code], [409, 'draw_inputs_changed']);
  assert.match(r.json.error.message, /expert 'E07' left the pool/);
  r = await abandon(c, { reason: '提交承诺后专家E07退出' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.state, r.json.seed], ['abandoned', null], 'abandoned without revealing the seed');
});

test('the draw on unchanged inputs runs with its seed and anyone reproduces it', async () => {
  const c = await commit();
  let r = await run(c);
  assert.equal(r.status, 200, r.text);
  const d = (await pub.get(`/api/v1/draws/${c.id}`)).json;
  assert.deepEqual([d.state, d.seed, d.seed_commit, d.inputs_hash, d.result.inputs_hash],
    ['drawn', c.seed, c.seed_commit, c.inputs_hash, c.inputs_hash]);
  assert.equal(sql(srv.db, `SELECT count(*) FROM assignment WHERE draw_id = ${c.id}`), String(3 * apps.length));
  const input = join(srv.dir, 'input.json'), result = join(srv.dir, 'result.json');
  writeFileSync(input, JSON.stringify(d.input));
  writeFileSync(result, JSON.stringify(d.result));
  const v = cli(['verify-draw', '--input', input, '--seed', d.seed, '--commit', d.seed_commit,
    '--inputs-hash', c.inputs_hash, '--result', result]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
  assert.match(v.stdout, /^OK/);
  const wrong = cli(['verify-draw', '--input', input, '--seed', d.seed, '--commit', d.seed_commit,
    '--inputs-hash', 'ef'.repeat(32), '--result', result]);
  assert.equal(wrong.status, 1, 'another committed inputs hash does not verify');
  assert.match(wrong.stdout, /differs: inputs_hash/);
  r = await run(c);
  assert.deepEqual([r.status, r.json.error.code], [409, 'draw_done']);
  r = await abandon(c, { reason: 'too late' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'draw_done']);
  srv.material = d;
});

test('a conflict declared by a recusal after the commitment: the run is refused', async () => {
  for (const a of apps.slice(0, 2)) setState(srv.db, a, 'shortlisted');
  putStage(srv.db, pid, 'onsite');
  const c = await commit('onsite');
  // the recusal belongs to the material review; the stage is put back for it
  // as a stand-in for any conflict declared between commitment and run
  putStage(srv.db, pid, 'material');
  const x = sql(srv.db, `SELECT x.id || ' ' || e.code FROM assignment x JOIN expert e ON e.id = x.expert_id
    WHERE x.draw_id = ${srv.material.id} AND x.application_id = ${apps[0]} ORDER BY x.id LIMIT 1`).split(' ');
  let r = await office.post(`/api/v1/assignments/${x[0]}/recuse`, { reason: '与申报企业存在合作关系' });
  assert.equal(r.status, 200, r.text);
  putStage(srv.db, pid, 'onsite');
  r = await run(c);
  assert.deepEqual([r.status, r.json.error.code], [409, 'draw_inputs_changed']);
  assert.match(r.json.error.message, new RegExp(`expert '${x[1]}' changed`));
  assert.equal((await abandon(c, { reason: '提交承诺后专家声明回避' })).status, 200);
  const again = await commit('onsite');
  assert.notEqual(again.inputs_hash, c.inputs_hash);
  r = await run(again);
  assert.equal(r.status, 200, r.text);
  assert.ok(!r.json.result.assignments.find((a) => a.application === `A${apps[0]}`).experts.includes(x[1]),
    'the recused expert is not drawn for that applicant again');
});
