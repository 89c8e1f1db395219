// t0640-disqualify-withdraws: a verified objection that breaks an eligibility
// condition (清强市办〔2025〕20号 九(三)) disqualifies the application during
// its material review; its open review assignments are withdrawn (state
// withdrawn, audited as assignment.withdraw), so the experts stop seeing it
// and the stage no longer waits for scores nobody should give. A review
// already submitted stays on record.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, Client } from './lib/server.mjs';
import { sql, addOrganisation, addApplication, putStage, usccFor } from './lib/fixture.mjs';
import { createProgramme, setClock, sheet, expertAccounts, poolCsv } from './lib/award.mjs';

const EXPERTS = 6;
const login = (i) => `w${String(i).padStart(2, '0')}`;
let srv, office, pid, good, bad, panels;

before(async () => {
  srv = await startServer({ args: ['--rehearsal'] });
  office = await signedIn(srv.url, 'office');
  pid = await createProgramme(office);
  await expertAccounts(office, Array.from({ length: EXPERTS }, (_, i) => login(i + 1)));
  const db = srv.db;
  const org = (n, name) => addOrganisation(db, { uscc: usccFor('441802', 40 + n), name, region: '441802' });
  good = addApplication(db, { programme: pid, organisation: org(1, '清远守信质量有限公司'), region: '441802', state: 'accepted' });
  bad = addApplication(db, { programme: pid, organisation: org(2, '清远失信制造有限公司'), region: '441802', state: 'accepted' });
  putStage(db, pid, 'material');
  await setClock(office, '2025-11-10');
  const rows = Array.from({ length: EXPERTS }, (_, i) => [`W${i + 1}`, `材料评审员${i + 1}`, `评审单位${i + 1}`, '441800',
    'C', '', login(i + 1)]);
  assert.equal((await office.post('/api/v1/experts/import', { csv: poolCsv(rows) })).status, 201);
  let r = await office.post(`/api/v1/programmes/${pid}/draws`, { stage: 'material' });
  assert.equal(r.status, 201, r.text);
  r = await office.post(`/api/v1/draws/${r.json.id}/run`, { seed: r.json.seed });
  assert.equal(r.status, 200, r.text);
  panels = Object.fromEntries(r.json.result.assignments.map((a) => [a.application, a.experts]));
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

const expertOf = async (code) => signedIn(srv.url, login(Number(code.slice(1))));
const reviewOne = async (e, x, mine, total) => e.post(`/api/v1/assignments/${x.assignment}/review`, {
  scores: sheet(mine.rubrics[x.rubric], total), opinion: '材料完整。', suggestions: '建议加强质量改进。', integrity: true });

test('disqualifying an application withdraws its open assignments; a submitted review stays', async () => {
  const panel = panels[`A${bad}`];
  assert.equal(panel.length, 3);
  // the first expert of the panel scores before the objection is decided
  const first = await expertOf(panel[0]);
  let mine = (await first.get('/api/v1/reviews/mine')).json;
  const scored = mine.assignments.find((x) => x.application.id === bad);
  assert.equal((await reviewOne(first, scored, mine, 600)).status, 201);

  let r = await new Client(srv.url).post(`/api/v1/applications/${bad}/objections`, { name: '李某', contact: '13600001111',
    text: '该企业2024年发生较大质量安全事故。' });
  assert.equal(r.status, 201, r.text);
  const objection = r.json.id;
  assert.equal((await office.post(`/api/v1/objections/${objection}/forward`, {})).status, 200);
  r = await office.post(`/api/v1/objections/${objection}/decide`, { outcome: 'verified', breaks_eligibility: true,
    decision: '经集体审议，异议属实，属申报条件禁止性规定，取消参评资格。' });
  assert.equal(r.status, 200, r.text);
  assert.equal((await office.get(`/api/v1/applications/${bad}`)).json.state, 'disqualified');

  const rows = sql(srv.db, `SELECT id || ':' || state FROM assignment WHERE application_id = ${bad} ORDER BY id`).split('\n');
  assert.equal(rows.length, 3);
  const states = rows.map((x) => x.split(':')[1]);
  assert.deepEqual(states.sort(), ['active', 'withdrawn', 'withdrawn'], 'the scored assignment stays on record');
  assert.equal(sql(srv.db, `SELECT state FROM assignment WHERE id = ${scored.assignment}`), 'active');
  const withdrawn = rows.filter((x) => x.endsWith(':withdrawn')).map((x) => `assignment:${x.split(':')[0]}`).sort();
  const audited = sql(srv.db, "SELECT object FROM audit WHERE action = 'assignment.withdraw' ORDER BY object").split('\n');
  assert.deepEqual(audited, withdrawn);

  // nobody is drawn in place of a withdrawn assignment
  const gone = rows.find((x) => x.endsWith(':withdrawn')).split(':')[0];
  r = await office.post(`/api/v1/assignments/${gone}/replace`, {});
  assert.deepEqual([r.status, r.json.error.code], [409, 'assignment_withdrawn']);

  // the other experts of the panel see it no more and cannot score it
  for (const code of panel.slice(1)) {
    const e = await expertOf(code);
    mine = (await e.get('/api/v1/reviews/mine')).json;
    assert.ok(!mine.assignments.some((x) => x.application.id === bad), `${code} still sees the disqualified application`);
  }
});

test('the stage closes once the remaining applications are scored', async () => {
  for (const code of panels[`A${good}`]) {
    const e = await expertOf(code);
    const mine = (await e.get('/api/v1/reviews/mine')).json;
    const x = mine.assignments.find((a) => a.application.id === good);
    assert.equal((await reviewOne(e, x, mine, 800)).status, 201);
  }
  const r = await office.post(`/api/v1/programmes/${pid}/advance`, { to: 'shortlist' });
  assert.deepEqual([r.status, r.json.stage], [200, 'shortlist'], r.text);
});
