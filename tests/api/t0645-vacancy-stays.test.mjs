// t0645-vacancy-stays: a proposed winner disqualified after the leadership
// group's deliberation leaves its place vacant (空缺): the next candidate,
// left out by the cap, does not move up (清强市办〔2025〕20号 七(八) takes away
// the proposed winner's qualification and sends the list as noticed for
// approval; 二 lets places stay vacant). Six organisations above the bar
// compete for five places; the fifth proposed winner's objection is
// verified through the API; the sixth stays cap_reached.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, Client } from './lib/server.mjs';
import { addOrganisation, addApplication, addStageResult, putStage, usccFor } from './lib/fixture.mjs';
import { createProgramme, setClock } from './lib/award.mjs';

// [material, on-site] on 0..100: finals 90, 85, 80, 75, 70, 65 - all above the bar of 60
const SCORES = [[90, 90], [85, 85], [80, 80], [75, 75], [70, 70], [65, 65]];
let srv, office, leader, pid;
const O = [];

before(async () => {
  srv = await startServer({ args: ['--rehearsal'] });
  office = await signedIn(srv.url, 'office');
  leader = await signedIn(srv.url, 'leader');
  pid = await createProgramme(office);
  SCORES.forEach(([m, o], i) => {
    const org = addOrganisation(srv.db, { uscc: usccFor('441802', 300 + i), name: `清远第${i + 1}优质企业有限公司`,
      region: '441802' });
    O.push(addApplication(srv.db, { programme: pid, organisation: org, region: '441802', state: 'shortlisted' }));
    addStageResult(srv.db, O[i], 'material', m * 100);
    addStageResult(srv.db, O[i], 'onsite', o * 100);
  });
  putStage(srv.db, pid, 'deliberation');
  await setClock(office, '2025-12-09');
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

const orgs = async () => {
  const r = await leader.get(`/api/v1/programmes/${pid}/ranking`);
  assert.equal(r.status, 200, r.text);
  return r.json.tracks[0];
};

test('the cap of five leaves the sixth out; the group proposes the five', async () => {
  const t = await orgs();
  assert.deepEqual(t.entries.map((e) => [e.application, e.placed, e.reason]),
    [...O.slice(0, 5).map((id) => [id, true, 'placed']), [O[5], false, 'cap_reached']]);
  const r = await leader.post(`/api/v1/programmes/${pid}/deliberation`,
    { applications: O.slice(0, 5), minutes: '领导小组集体审议，确定拟奖建议名单。' });
  assert.equal(r.status, 201, r.text);
});

test('a proposed winner disqualified afterwards leaves a vacancy nobody moves up into', async () => {
  let r = await new Client(srv.url).post(`/api/v1/applications/${O[4]}/objections`, { name: '赵某', contact: '13700001234',
    text: '该企业近3年发生重大质量事故。' });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  assert.equal((await office.post(`/api/v1/objections/${id}/forward`, {})).status, 200);
  r = await office.post(`/api/v1/objections/${id}/decide`, { outcome: 'verified', breaks_eligibility: true,
    decision: '经集体审议，异议属实，取消拟奖资格。' });
  assert.equal(r.status, 200, r.text);

  const t = await orgs();
  assert.deepEqual(t.entries.map((e) => [e.application, e.rank, e.state, e.placed, e.reason]), [
    ...O.slice(0, 4).map((a, i) => [a, i + 1, 'proposed', true, 'placed']),
    [O[4], 5, 'disqualified', false, 'vacated'],
    [O[5], 6, 'not_proposed', false, 'cap_reached'],
  ]);
  assert.equal(t.entries[4].vacated, true);
  assert.deepEqual([t.cap, t.placed, t.vacant], [5, 4, 1]);
});
