// t0510-county: the county stage of the Qingyuan 2025 award (清强市办〔2025〕20号, step 2
// 推荐). The 清城区 bureau checks its applications (returning one for
// completion), asks the consulted departments for their opinions, publishes
// its applicants for 5 working days, then recommends in rank order within its
// quota (组织奖 2, 个人奖 2) before 2025-10-25. 英德市 sees none of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, Client } from './lib/server.mjs';
import { startAwardServer, openProgramme, registerOrg, submitted, setClock, advance, calendarEnd, MANUFACTURING } from './lib/award.mjs';

const DEPARTMENTS = ['应急管理', '人力资源社会保障', '生态环境', '税务', '食品安全', '产品质量', '信用监管'];
let srv, office, qingcheng, yingde, member, applicant, pid;
let a1, a2, a3, a4, ya; // 清城区 organisations a1..a3, a4 returned then fixed; 英德市 ya
let noticeEnd;

before(async () => {
  srv = await startAwardServer();
  office = await signedIn(srv.url, 'office');
  qingcheng = await signedIn(srv.url, 'qingcheng');
  yingde = await signedIn(srv.url, 'yingde');
  member = await signedIn(srv.url, 'member'); // 清远市应急管理局
  applicant = await signedIn(srv.url, 'applicant');
  pid = await openProgramme(office, '2025-09-22');
  const own = await registerOrg(applicant, { founded_on: '2010-01-01' });
  a1 = await submitted(applicant, pid, { organisation: own.id });
  a2 = await submitted(qingcheng, pid, { organisation: (await registerOrg(qingcheng)).id });
  a3 = await submitted(qingcheng, pid, { organisation: (await registerOrg(qingcheng)).id });
  a4 = await submitted(qingcheng, pid, { organisation: (await registerOrg(qingcheng)).id });
  ya = await submitted(yingde, pid, { organisation: (await registerOrg(yingde, { region: '441881' })).id });
  await setClock(office, '2025-09-26');
  await advance(office, pid, 'county');
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

const check = (c, id, body) => c.post(`/api/v1/applications/${id}/county-check`, body);
const opinion = (c, id, department, verdict = 'no_objection', text = '经核查，无不良记录') =>
  c.post(`/api/v1/applications/${id}/opinions`, { department, verdict, text });

test('the county checks its own applications only', async () => {
  let r = await check(yingde, a1, { result: 'pass' });
  assert.equal(r.status, 404, 'another county\'s application does not exist for 英德市');
  r = await check(office, a1, { result: 'pass' });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'forbidden_role');
  r = await check(qingcheng, a1, { result: 'maybe' });
  assert.equal(r.json.error.code, 'invalid_result');
  r = await check(qingcheng, a4, { result: 'return' });
  assert.deepEqual(r.json.error, { code: 'missing_field', field: 'note', message: 'say what the applicant must complete or correct' });

  for (const id of [a1, a2, a3]) {
    r = await check(qingcheng, id, { result: 'pass', note: '材料完整、真实' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.state, 'county_checked');
  }
  r = await check(qingcheng, a1, { result: 'pass' });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'wrong_state');
});

test('a returned application is completed and submitted again during the county stage', async () => {
  let r = await check(qingcheng, a4, { result: 'return', note: '请补充近3年产品质量监督抽查报告' });
  assert.equal(r.json.state, 'returned');
  assert.equal(r.json.county_note, '请补充近3年产品质量监督抽查报告');
  r = await qingcheng.request('PUT', `/api/v1/applications/${a4}/form`, { body: { ...MANUFACTURING, sampling_pass_rate: 100 } });
  assert.equal(r.status, 200, r.text);
  r = await qingcheng.post(`/api/v1/applications/${a4}/submit`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'submitted');
  r = await check(qingcheng, a4, { result: 'pass' });
  assert.equal(r.json.state, 'county_checked');
  assert.equal(r.json.county_note, null);
});

test('the consulted departments give opinions; a member unit speaks for its own department', async () => {
  let r = await opinion(qingcheng, a1, '教育');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'unknown_department');
  r = await opinion(qingcheng, a1, '税务', 'maybe');
  assert.equal(r.json.error.code, 'invalid_verdict');
  r = await opinion(member, a1, '税务');
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'not_your_department');
  r = await opinion(member, a1, '应急管理', 'no_objection', '近3年无生产安全事故');
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.department, '应急管理');
  r = await opinion(yingde, a1, '税务');
  assert.equal(r.status, 404);

  for (const id of [a1, a2, a3, a4])
    for (const d of DEPARTMENTS.slice(id === a1 ? 1 : 0)) {
      r = await opinion(qingcheng, id, d, id === a2 && d === '生态环境' ? 'objection' : 'no_objection');
      assert.equal(r.status, 201, r.text);
    }
  r = await qingcheng.get(`/api/v1/applications/${a2}`);
  assert.equal(r.json.opinions.length, 7);
  assert.equal(r.json.opinions.find((o) => o.department === '生态环境').verdict, 'objection');
  r = await applicant.get(`/api/v1/applications/${a1}`);
  assert.equal(r.json.opinions, undefined, 'the applicant does not see the departments\' opinions');
});

test('the county publishes its checked applicants for 5 working days, identifiers masked', async () => {
  await setClock(office, '2025-09-29');
  let r = await qingcheng.post(`/api/v1/programmes/${pid}/county-notice`, { starts_on: '2025-09-28' });
  assert.equal(r.json.error.code, 'starts_in_past');
  r = await qingcheng.post(`/api/v1/programmes/${pid}/county-notice`, {});
  assert.equal(r.status, 201, r.text);
  // 09-29, 09-30, then the National Day holidays, 10-09, 10-10 and the working Saturday 10-11
  noticeEnd = calendarEnd('2025-09-29', 5);
  assert.equal(noticeEnd, '2025-10-11');
  assert.equal(r.json.starts_on, '2025-09-29');
  assert.equal(r.json.ends_on, noticeEnd);
  assert.equal(r.json.region, '441802');
  assert.equal(r.json.title, '2025年清远市政府质量奖推荐对象公示（清城区）');
  assert.deepEqual(r.json.list.map((x) => x.application).sort(), [a1, a2, a3, a4].sort());
  for (const row of r.json.list) {
    assert.deepEqual(Object.keys(row).sort(), ['application', 'identifier_masked', 'name', 'track', 'track_name']);
    assert.match(row.identifier_masked, /^914418\*{10}[0-9A-Z]{2}$/);
  }
  // the public reads it; nobody new to notify
  const pub = await new Client(srv.url).get(`/api/v1/programmes/${pid}/notices`);
  assert.equal(pub.json.notices[0].ends_on, '2025-10-11');
  r = await qingcheng.post(`/api/v1/programmes/${pid}/county-notice`, {});
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'nothing_to_notify');
});

test('nothing is recommended while the notice runs', async () => {
  await setClock(office, '2025-10-11');
  const r = await qingcheng.post(`/api/v1/programmes/${pid}/recommendations`, { applications: [a1] });
  assert.equal(r.status, 409);
  assert.deepEqual(r.json.error, { code: 'notice_running', field: 'stage',
    message: "the public notice of stage 'county' runs until 2025-10-11" });
});

test('over the quota nothing is written; an objection of a department blocks', async () => {
  await setClock(office, '2025-10-13');
  let r = await qingcheng.post(`/api/v1/programmes/${pid}/recommendations`, { applications: [a1, a3, a4] });
  assert.equal(r.status, 409);
  assert.deepEqual(r.json.error, { code: 'quota_exceeded', field: 'applications',
    message: "track 'organisation' of 441802 has a quota of 2; 0 recommended before, 3 more listed" });
  r = await qingcheng.post(`/api/v1/programmes/${pid}/recommendations`, { applications: [a2] });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'objection_unresolved');
  assert.equal(r.json.error.field, '生态环境');
  // the department's latest opinion counts: withdrawn, the objection no longer blocks (the quota still does)
  r = await opinion(qingcheng, a2, '生态环境', 'no_objection', '整改已完成，撤回异议');
  assert.equal(r.status, 201);
  r = await qingcheng.post(`/api/v1/programmes/${pid}/recommendations`, { applications: [a2, a1, a4] });
  assert.equal(r.json.error.code, 'quota_exceeded');
  r = await qingcheng.post(`/api/v1/programmes/${pid}/recommendations`, { applications: [a1, a1] });
  assert.equal(r.json.error.code, 'duplicate_application');
  r = await qingcheng.post(`/api/v1/programmes/${pid}/recommendations`, { applications: [ya] });
  assert.equal(r.status, 404, '英德市\'s application is not 清城区\'s to recommend');
  r = await office.get(`/api/v1/programmes/${pid}/recommendations`);
  assert.deepEqual(r.json.rows, []);
  r = await qingcheng.get(`/api/v1/applications/${a1}`);
  assert.equal(r.json.state, 'county_checked');
});

test('the county recommends in rank order; the rest are not recommended', async () => {
  let r = await qingcheng.post(`/api/v1/programmes/${pid}/recommendations`,
    { applications: [{ application: a4, note: '省级专精特新企业' }, a1] });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.rows.map((x) => [x.application, x.rank]), [[a4, 1], [a1, 2]]);
  const states = async (id) => (await qingcheng.get(`/api/v1/applications/${id}`)).json.state;
  assert.equal(await states(a4), 'recommended');
  assert.equal(await states(a1), 'recommended');
  assert.equal(await states(a2), 'not_recommended');
  assert.equal(await states(a3), 'not_recommended');
  r = await applicant.get(`/api/v1/applications/${a1}`);
  assert.deepEqual(r.json.recommendation, { rank: 2, note: '' });

  // the summary table (附件8): every column, personal numbers masked
  r = await office.get(`/api/v1/programmes/${pid}/recommendations`);
  assert.deepEqual(r.json.columns.map((c) => c.title), ['序号', '县（市、区）', '申报类别', '名称',
    '统一社会信用代码/身份证号（脱敏）', '所属行业', '联系人', '联系电话（脱敏）', '推荐排序', '备注']);
  const first = r.json.rows[0];
  assert.deepEqual({ ...first, name: undefined, identifier_masked: undefined }, {
    seq: 1, application: a4, region: '441802', county: '清城区', track: 'organisation',
    category: '组织奖（制造业）', name: undefined, identifier_masked: undefined,
    industry: '制造业', contact: '张经理', contact_mobile_masked: '138****8000', rank: 1, note: '省级专精特新企业' });
  assert.match(first.identifier_masked, /^914418\*{10}..$/);
  assert.ok(!r.text.includes('13800138000'));
  assert.deepEqual((await yingde.get(`/api/v1/programmes/${pid}/recommendations`)).json.rows, []);
  assert.equal((await member.get(`/api/v1/programmes/${pid}/recommendations`)).status, 403);

  // the quota is used up: nothing more for the organisation track
  r = await qingcheng.post(`/api/v1/programmes/${pid}/recommendations`, { applications: [a3] });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'wrong_state');
});

test('recommendations after 2025-10-25 are refused', async () => {
  await setClock(office, '2025-10-27');
  const r = await yingde.post(`/api/v1/programmes/${pid}/recommendations`, { applications: [] });
  assert.equal(r.status, 409);
  assert.deepEqual(r.json.error, { code: 'deadline_passed', field: 'stage',
    message: "recommendations were due by 2025-10-25 (stage 'county')" });
});
