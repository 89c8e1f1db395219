// t0600-qualification: the office's qualification review of the Qingyuan
// 2025 award (清强市办〔2025〕20号 七(三)). Three applications arrive recommended by
// their counties (put in place by the stage fixture); member units give
// opinions, the office asks for supplementary material with a deadline in
// working days, accepts or rejects each application, and publishes the
// acceptance list for 5 working days; the stage cannot close before the
// notice has run its course.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, Client } from './lib/server.mjs';
import { sql, addOrganisation, addPerson, addApplication, putStage, usccFor } from './lib/fixture.mjs';
import { createProgramme, setClock, calendarEnd, applicantAccount } from './lib/award.mjs';

let srv, office, pid;
const app = {};

before(async () => {
  srv = await startServer({ args: ['--rehearsal'] });
  office = await signedIn(srv.url, 'office');
  pid = await createProgramme(office);
  // stage fixture: what the apply and county stages would have produced
  const db = srv.db;
  const hx = addOrganisation(db, { uscc: usccFor('441802', 1), name: '清远华星精密制造有限公司', region: '441802', owner: 'applicant' });
  const yd = addOrganisation(db, { uscc: usccFor('441881', 2), name: '英德市绿源茶业股份有限公司', industry: 'A', region: '441881', owner: 'applicant2' });
  const lz = addOrganisation(db, { uscc: usccFor('441882', 3), name: '连州市山水旅游服务有限公司', industry: 'N', region: '441882' });
  const li = addPerson(db, { name: '李明华', employer: '清远华星精密制造有限公司', region: '441802' });
  app.hx = addApplication(db, { programme: pid, organisation: hx, region: '441802', data: { main_products: '精密齿轮' } });
  app.yd = addApplication(db, { programme: pid, organisation: yd, region: '441881', form: 'service' });
  app.li = addApplication(db, { programme: pid, person: li, region: '441802' });
  app.lz = addApplication(db, { programme: pid, organisation: lz, region: '441882', state: 'not_recommended' });
  putStage(db, pid, 'qualification');
  await setClock(office, '2025-10-27');
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

test('the office lists the recommended applications; member units read them, counties may not', async () => {
  const r = await office.get(`/api/v1/programmes/${pid}/qualification`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.stage, 'qualification');
  assert.deepEqual(r.json.applications.map((a) => a.id).sort(), [app.hx, app.yd, app.li].sort());
  assert.ok(r.json.applications.every((a) => a.state === 'recommended' && a.opinions === 0));
  const member = await signedIn(srv.url, 'member');
  assert.equal((await member.get(`/api/v1/programmes/${pid}/qualification`)).status, 200);
  const county = await signedIn(srv.url, 'qingcheng');
  const c = await county.get(`/api/v1/programmes/${pid}/qualification`);
  assert.deepEqual([c.status, c.json.error.code], [403, 'forbidden_role']);
  assert.equal((await new Client(srv.url).get(`/api/v1/programmes/${pid}/qualification`)).status, 401);
});

test('member units are consulted: their opinions are recorded under their unit', async () => {
  const member = await signedIn(srv.url, 'member');
  let r = await member.post(`/api/v1/applications/${app.hx}/qualification/opinions`, { verdict: 'no_objection' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.department, '清远市应急管理局');
  assert.equal(r.json.stage, 'qualification');
  r = await member.post(`/api/v1/applications/${app.li}/qualification/opinions`, { verdict: 'objection' });
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'missing_field', 'text']);
  r = await member.post(`/api/v1/applications/${app.li}/qualification/opinions`, { verdict: 'maybe', text: 'x' });
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'bad_verdict', 'verdict']);
  r = await member.post(`/api/v1/applications/${app.li}/qualification/opinions`,
    { verdict: 'note', text: '近3年无安全生产行政处罚记录' });
  assert.equal(r.status, 201);
  r = await office.post(`/api/v1/applications/${app.hx}/qualification/opinions`, { verdict: 'note', text: 'x' });
  assert.deepEqual([r.status, r.json.error.code], [403, 'forbidden_role']);
  r = await office.get(`/api/v1/applications/${app.hx}/qualification/opinions`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.opinions.map((o) => [o.department, o.verdict]), [['清远市应急管理局', 'no_objection']]);
  const list = await office.get(`/api/v1/programmes/${pid}/qualification`);
  assert.equal(list.json.applications.find((a) => a.id === app.li).opinions, 1);
});

test('a request for supplementary material is due after 5 working days, not counting the day of the request', async () => {
  let r = await office.post(`/api/v1/applications/${app.hx}/supplements`, { request: '请补充近三年产品质量监督抽查报告' });
  assert.equal(r.status, 201, r.text);
  // 2025-10-27 is a Monday: the period runs from Tuesday 10-28
  assert.equal(r.json.due_on, calendarEnd('2025-10-28', 5));
  assert.equal(r.json.due_on, '2025-11-03');
  assert.equal(r.json.state, 'open');
  app.hxSupplement = r.json.id;
  r = await office.post(`/api/v1/applications/${app.yd}/supplements`, { request: '请就2023年客户投诉处理情况作出说明' });
  assert.equal(r.status, 201);
  app.ydSupplement = r.json.id;
  r = await office.post(`/api/v1/applications/${app.lz}/supplements`, { request: 'x' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'wrong_state']);
  r = await office.post(`/api/v1/applications/${app.hx}/supplements`, { request: '' });
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'missing_field', 'request']);
  const county = await signedIn(srv.url, 'qingcheng');
  r = await county.post(`/api/v1/applications/${app.hx}/supplements`, { request: 'x' });
  assert.deepEqual([r.status, r.json.error.code], [403, 'forbidden_role']);
  const owner = await signedIn(srv.url, 'applicant');
  r = await owner.get(`/api/v1/applications/${app.hx}/supplements`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.supplements.map((s) => s.request), ['请补充近三年产品质量监督抽查报告']);
  r = await owner.get(`/api/v1/applications/${app.yd}/supplements`);
  assert.equal(r.status, 404, "another applicant's requests are invisible");
});

test('the applicant answers; an answer after the due date is recorded as late, unanswered ones are listed overdue', async () => {
  const owner = await signedIn(srv.url, 'applicant');
  const other = await signedIn(srv.url, 'applicant2');
  await setClock(office, '2025-10-31');
  let r = await owner.post(`/api/v1/supplements/${app.hxSupplement}/answer`, { answer: '已补充2022-2024年抽查报告（见附件）' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.state, r.json.late, r.json.answered_on], ['answered', false, '2025-10-31']);
  r = await owner.post(`/api/v1/supplements/${app.hxSupplement}/answer`, { answer: 'again' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'already_answered']);
  r = await owner.post(`/api/v1/supplements/${app.ydSupplement}/answer`, { answer: 'not mine' });
  assert.equal(r.status, 404, 'only the owner answers');

  await setClock(office, '2025-11-04');
  r = await office.get(`/api/v1/programmes/${pid}/supplements?overdue=1`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.supplements.map((s) => [s.id, s.state, s.due_on]), [[app.ydSupplement, 'overdue', '2025-11-03']]);
  r = await other.post(`/api/v1/supplements/${app.ydSupplement}/answer`, { answer: '说明材料见附件' });
  assert.equal(r.status, 200);
  assert.deepEqual([r.json.state, r.json.late, r.json.answered_on], ['answered_late', true, '2025-11-04']);
  r = await office.get(`/api/v1/programmes/${pid}/supplements?overdue=1`);
  assert.deepEqual(r.json.supplements, []);
  r = await office.get(`/api/v1/programmes/${pid}/supplements`);
  assert.deepEqual(r.json.supplements.map((s) => s.state).sort(), ['answered', 'answered_late']);
});

test('the acceptance list waits until every recommended application is decided', async () => {
  const r = await office.post(`/api/v1/programmes/${pid}/acceptance-notice`, {});
  assert.deepEqual([r.status, r.json.error.code], [409, 'undecided_applications']);
});

test('the office accepts or rejects with a reason, and may revise until the list is published', async () => {
  let r = await office.post(`/api/v1/applications/${app.li}/qualification`, { result: 'reject' });
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'missing_field', 'reason']);
  r = await office.post(`/api/v1/applications/${app.li}/qualification`, { result: 'later' });
  assert.deepEqual([r.status, r.json.error.code], [400, 'bad_result']);
  const county = await signedIn(srv.url, 'qingcheng');
  r = await county.post(`/api/v1/applications/${app.hx}/qualification`, { result: 'accept' });
  assert.equal(r.status, 403);
  r = await office.post(`/api/v1/applications/${app.lz}/qualification`, { result: 'accept' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'wrong_state']);

  r = await office.post(`/api/v1/applications/${app.hx}/qualification`, { result: 'accept' });
  assert.deepEqual([r.status, r.json.state], [200, 'accepted']);
  r = await office.post(`/api/v1/applications/${app.yd}/qualification`, { result: 'reject', reason: '补充材料逾期' });
  assert.deepEqual([r.status, r.json.state], [200, 'rejected']);
  r = await office.post(`/api/v1/applications/${app.yd}/qualification`, { result: 'accept', reason: '说明已核实' });
  assert.deepEqual([r.status, r.json.state], [200, 'accepted'], 'revised before publication');
  r = await office.post(`/api/v1/applications/${app.li}/qualification`,
    { result: 'reject', reason: '从事质量相关工作不满5年' });
  assert.deepEqual([r.status, r.json.state, r.json.reason], [200, 'rejected', '从事质量相关工作不满5年']);
});

test('the acceptance list is notified for 5 working days and the stage closes only after it', async () => {
  let r = await office.post(`/api/v1/programmes/${pid}/acceptance-notice`, {});
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.starts_on, '2025-11-04');
  assert.equal(r.json.ends_on, calendarEnd('2025-11-04', 5));
  assert.equal(r.json.workdays, 5);
  assert.equal(r.json.title, '2025年清远市政府质量奖受理名单');
  assert.deepEqual(r.json.list.map((e) => e.name).sort(), ['清远华星精密制造有限公司', '英德市绿源茶业股份有限公司'].sort());
  const ends = r.json.ends_on;

  const pub = await new Client(srv.url).get(`/api/v1/programmes/${pid}/notices`);
  assert.equal(pub.status, 200);
  const notice = pub.json.notices.find((n) => n.stage === 'qualification');
  assert.ok(notice, 'the public sees the notice');
  assert.equal(notice.region, '441800');
  assert.match(notice.audit_head.hash, /^[0-9a-f]{64}$/);
  assert.ok(!JSON.stringify(notice.list).includes('李明华'), 'a rejected applicant is not on the list');

  r = await office.post(`/api/v1/programmes/${pid}/acceptance-notice`, {});
  assert.deepEqual([r.status, r.json.error.code], [409, 'notice_published']);
  r = await office.post(`/api/v1/applications/${app.li}/qualification`, { result: 'accept' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'notice_published']);

  r = await office.post(`/api/v1/programmes/${pid}/advance`, { to: 'material' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'notice_running']);
  await setClock(office, ends);
  r = await office.post(`/api/v1/programmes/${pid}/advance`, { to: 'material' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'notice_running'], 'the last day is still part of the notice');
  const next = new Date(Date.parse(ends + 'T00:00:00Z') + 86400000).toISOString().slice(0, 10);
  await setClock(office, next);
  r = await office.post(`/api/v1/programmes/${pid}/advance`, { to: 'material' });
  assert.deepEqual([r.status, r.json.stage], [200, 'material']);
});

test('every step left an audit record', () => {
  const rows = sql(srv.db, "SELECT action || ' ' || object FROM audit ORDER BY seq").split('\n');
  for (const want of [`opinion.add application:${app.hx}`, `application.accepted application:${app.hx}`,
    `application.rejected application:${app.li}`, `supplement.request supplement:${app.hxSupplement}`,
    `supplement.answer supplement:${app.ydSupplement}`])
    assert.ok(rows.includes(want), want);
  assert.ok(rows.some((r) => r.startsWith('notice.publish notice:')));
  const late = sql(srv.db, `SELECT payload FROM audit WHERE action = 'supplement.answer' AND object = 'supplement:${app.ydSupplement}'`);
  assert.equal(JSON.parse(late).late, true);
});
