// t0520-objections: objections (异议) to applicants of the Qingyuan 2025 award
// (清强市办〔2025〕20号, section 9). Anyone objects in writing; the office forwards the
// objection to the applicant's county within 3 working days; the county
// answers within 3 working days of the forwarding; the office decides
// collectively. Review goes on meanwhile; a verified objection that breaks an
// eligibility condition disqualifies. Deadlines run on the official calendar.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, Client } from './lib/server.mjs';
import { startAwardServer, openProgramme, registerOrg, submitted, setClock, advance, calendarEnd } from './lib/award.mjs';

const CONTACT = '13612345678';
let srv, office, qingcheng, yingde, applicant, pid, a1, a2, draft;
let o1, o2, o3;
const seen = [];

before(async () => {
  srv = await startAwardServer();
  office = await signedIn(srv.url, 'office');
  qingcheng = await signedIn(srv.url, 'qingcheng');
  yingde = await signedIn(srv.url, 'yingde');
  applicant = await signedIn(srv.url, 'applicant');
  pid = await openProgramme(office, '2025-09-22');
  a1 = await submitted(applicant, pid, { organisation: (await registerOrg(applicant)).id });
  a2 = await submitted(qingcheng, pid, { organisation: (await registerOrg(qingcheng)).id });
  const r = await yingde.post(`/api/v1/programmes/${pid}/applications`,
    { track: 'organisation', form: 'service', organisation: (await registerOrg(yingde, { region: '441881' })).id });
  draft = r.json.id;
  await setClock(office, '2025-09-26');
  await advance(office, pid, 'county');
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

const objection = { name: '王某', contact: CONTACT, text: '该企业2024年发生一般生产安全事故，被应急管理部门行政处罚。',
  evidence: '清应急罚〔2024〕12号行政处罚决定书' };
const list = async (c) => { const r = await c.get(`/api/v1/programmes/${pid}/objections`); seen.push(r.text); return r; };

test('anyone objects in writing, without signing in; forwarding is due 3 working days later', async () => {
  await setClock(office, '2025-09-30');
  const pub = new Client(srv.url);
  let r = await pub.post(`/api/v1/applications/${a1}/objections`, { ...objection, contact: '12345' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'invalid_mobile');
  assert.equal(r.json.error.field, 'contact');
  r = await pub.post(`/api/v1/applications/${a1}/objections`, { ...objection, text: '异'.repeat(1667) });
  assert.equal(r.json.error.code, 'too_long');
  assert.equal(r.json.error.field, 'text');
  r = await pub.post(`/api/v1/applications/${a1}/objections`, { name: '王某', text: 'x' });
  assert.equal(r.json.error.code, 'missing_field');
  r = await pub.post(`/api/v1/applications/${draft}/objections`, objection);
  assert.equal(r.status, 404, 'a draft is nobody\'s business yet');

  r = await pub.post(`/api/v1/applications/${a1}/objections`, objection);
  assert.equal(r.status, 201, r.text);
  seen.push(r.text);
  o1 = r.json.id;
  // 09-30 is day 1; 10-01..10-08 are the National Day holidays; 10-09 and 10-10 follow
  assert.equal(calendarEnd('2025-09-30', 3), '2025-10-10');
  assert.deepEqual(r.json, { id: o1, application: a1, filed_on: '2025-09-30', forward_due: '2025-10-10', outcome: 'pending' });

  // a signed-in objector needs the CSRF token of its session like any state change
  r = await applicant.request('POST', `/api/v1/applications/${a2}/objections`, { body: objection, csrf: false });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'csrf_failed');
  // review goes on: the application is where it was
  r = await applicant.get(`/api/v1/applications/${a1}`);
  assert.equal(r.json.state, 'submitted');
  assert.equal(r.json.objections, undefined, 'the applicant is not shown objections');
});

test('the office sees the objection and when forwarding is overdue; the county only once forwarded', async () => {
  let r = await list(office);
  assert.equal(r.status, 200);
  const row = r.json.objections.find((o) => o.id === o1);
  assert.equal(row.filer_contact_masked, '136****5678');
  assert.equal(row.applicant.length > 0, true);
  assert.equal(row.region, '441802');
  assert.deepEqual(row.overdue, { forward: false, reply: false });
  assert.deepEqual((await list(qingcheng)).json.objections, [], 'not forwarded yet');
  assert.equal((await applicant.get(`/api/v1/programmes/${pid}/objections`)).status, 403);

  await setClock(office, '2025-10-10');
  r = await list(office);
  assert.deepEqual(r.json.objections.find((o) => o.id === o1).overdue, { forward: false, reply: false }, 'due today');
  await setClock(office, '2025-10-13');
  r = await list(office);
  assert.deepEqual(r.json.objections.find((o) => o.id === o1).overdue, { forward: true, reply: false });
  r = await office.get(`/api/v1/applications/${a1}`);
  assert.deepEqual(r.json.objections, { total: 1, pending: 1, verified: 0, unfounded: 0 });
});

test('forwarding gives the county 3 working days to answer', async () => {
  let r = await qingcheng.post(`/api/v1/objections/${o1}/forward`, {});
  assert.equal(r.status, 403);
  r = await office.post(`/api/v1/objections/${o1}/decide`, { outcome: 'unfounded', breaks_eligibility: false, decision: '经集体审议' });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'not_forwarded');
  r = await office.post(`/api/v1/objections/${o1}/forward`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.forwarded_on, '2025-10-13');
  assert.equal(calendarEnd('2025-10-13', 3), '2025-10-15');
  assert.equal(r.json.reply_due, '2025-10-15');
  assert.deepEqual(r.json.overdue, { forward: false, reply: false });
  r = await office.post(`/api/v1/objections/${o1}/forward`, {});
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'already_forwarded');

  // only the county of the applicant's region sees and answers it
  assert.deepEqual((await list(yingde)).json.objections, []);
  r = await yingde.post(`/api/v1/objections/${o1}/reply`, { text: '越权答复' });
  assert.equal(r.status, 404);
  r = await list(qingcheng);
  assert.deepEqual(r.json.objections.map((o) => o.id), [o1]);
  await setClock(office, '2025-10-15');
  r = await qingcheng.post(`/api/v1/objections/${o1}/reply`, { text: '经复核，处罚对象为同名的另一企业，与申请人无关。' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.replied_on, '2025-10-15');
  assert.deepEqual(r.json.overdue, { forward: false, reply: false });
  r = await qingcheng.post(`/api/v1/objections/${o1}/reply`, { text: '再次答复' });
  assert.equal(r.json.error.code, 'already_replied');
});

test('an answer not given within 3 working days is flagged overdue', async () => {
  await setClock(office, '2025-10-13');
  let r = await new Client(srv.url).post(`/api/v1/applications/${a2}/objections`,
    { name: '李某', contact: '13500001111', text: '该企业存在税务失信记录。' });
  assert.equal(r.status, 201);
  o2 = r.json.id;
  assert.equal(r.json.forward_due, calendarEnd('2025-10-13', 3));
  await setClock(office, '2025-10-14');
  r = await office.post(`/api/v1/objections/${o2}/forward`, {});
  assert.equal(r.json.reply_due, '2025-10-16');
  await setClock(office, '2025-10-17');
  r = await list(office);
  assert.deepEqual(r.json.objections.find((o) => o.id === o2).overdue, { forward: false, reply: true });
  assert.deepEqual(r.json.objections.find((o) => o.id === o1).overdue, { forward: false, reply: false });
  r = await list(qingcheng);
  assert.equal(r.json.objections.find((o) => o.id === o2).overdue.reply, true);
});

test('the office decides collectively; a verified objection breaking a condition disqualifies', async () => {
  let r = await office.post(`/api/v1/objections/${o1}/decide`, { outcome: 'unfounded', breaks_eligibility: true, decision: 'x' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'breaks_needs_verified');
  r = await office.post(`/api/v1/objections/${o1}/decide`, { outcome: 'maybe', breaks_eligibility: false, decision: 'x' });
  assert.equal(r.json.error.code, 'invalid_outcome');
  r = await qingcheng.post(`/api/v1/objections/${o1}/decide`, { outcome: 'unfounded', breaks_eligibility: false, decision: 'x' });
  assert.equal(r.status, 403);

  r = await office.post(`/api/v1/objections/${o1}/decide`, { outcome: 'unfounded', breaks_eligibility: false,
    decision: '经市质量强市办集体审议，异议不成立。' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.outcome, 'unfounded');
  assert.equal(r.json.decided_on, '2025-10-17');
  assert.equal((await office.get(`/api/v1/applications/${a1}`)).json.state, 'submitted');

  r = await office.post(`/api/v1/objections/${o2}/decide`, { outcome: 'verified', breaks_eligibility: true,
    decision: '经集体审议，异议属实，属申报条件禁止性规定，取消参评资格。' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.breaks_eligibility, true);
  assert.deepEqual(r.json.overdue, { forward: false, reply: false }, 'a decided objection is overdue no more');
  r = await office.get(`/api/v1/applications/${a2}`);
  assert.equal(r.json.state, 'disqualified');
  assert.deepEqual(r.json.objections, { total: 1, pending: 0, verified: 1, unfounded: 0 });
  r = await office.post(`/api/v1/objections/${o2}/decide`, { outcome: 'unfounded', breaks_eligibility: false, decision: 'x' });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'already_decided');

  // a verified objection that breaks no condition leaves the application in the procedure
  r = await new Client(srv.url).post(`/api/v1/applications/${a1}/objections`, { name: '赵某', contact: '13700002222', text: '材料有笔误。' });
  o3 = r.json.id;
  await office.post(`/api/v1/objections/${o3}/forward`, {});
  r = await office.post(`/api/v1/objections/${o3}/decide`, { outcome: 'verified', breaks_eligibility: false, decision: '属实，但不属于禁止性规定。' });
  assert.equal(r.status, 200);
  assert.equal((await office.get(`/api/v1/applications/${a1}`)).json.state, 'submitted');
});

test('the objector\'s contact number is shown only masked', async () => {
  for (const body of seen) {
    assert.ok(!body.includes(CONTACT), body);
    assert.ok(!body.includes('13500001111'));
  }
});

test('a flood of objections from one address is throttled', async () => {
  const pub = new Client(srv.url);
  let accepted = 0, r;
  for (let i = 0; i < 12; i++) {
    r = await pub.post(`/api/v1/applications/${a1}/objections`, { name: '刷屏者', contact: '13900000000', text: `第${i}条` });
    if (r.status !== 201) break;
    accepted++;
  }
  assert.equal(r.status, 429);
  assert.equal(r.json.error.code, 'rate_limited');
  assert.ok(Number(r.headers.get('retry-after')) > 0);
  assert.ok(accepted < 10, 'the burst of 10 per address includes the objections filed before');
});
