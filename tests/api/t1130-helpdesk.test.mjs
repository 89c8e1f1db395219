// t1130-helpdesk: the quality-problem help desk of 湘市监办发〔2022〕71号 三(四),
// told on the Qingyuan accounts of every test database. The office keeps its
// providers; problems in the nine fields are routed at once to the narrowest
// provider serving the field, with due dates in working days on the 2022
// calendar (the National Day holiday and its 调休 Saturday); the provider
// responds, visits (一对一) and resolves; the enterprise rates through a link
// without signing in, which the solver cannot use; it may reopen within ten
// working days; review suggestions become problems in one step; figures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, Client } from './lib/server.mjs';
import { expertAccounts, setClock, createProgramme } from './lib/award.mjs';
import { sql, lit, usccFor, addOrganisation, addApplication, accountId } from './lib/fixture.mjs';

let srv, office, applicant;
const prov = {}, prob = {};

before(async () => {
  srv = await startServer({ args: ['--rehearsal'] });
  office = await signedIn(srv.url, 'office');
  await expertAccounts(office, ['metro1', 'qm1', 'qm2']);
  applicant = await signedIn(srv.url, 'applicant');
  addOrganisation(srv.db, { uscc: usccFor('441802', 1), name: '清远市清城精工机械有限公司', owner: 'applicant' });
  await setClock(office, '2022-09-29'); // a Thursday before the National Day holiday
});
after(async () => {
  const r = await srv.stop();
  srv.cleanup();
  assert.equal(r.code, 0);
});

const addProvider = (c, body) => c.post('/api/v1/helpdesk/providers', body);
const record = (c, field, title = '产品尺寸一致性差', extra = {}) =>
  c.post('/api/v1/problems', { field, title, detail: '批量生产中关键尺寸波动超出公差，需要测量系统分析与过程能力提升。', ...extra });

test('the office keeps its providers; bad fields, non-expert logins and other regions are refused', async () => {
  let r = await addProvider(office, { name: '清远市计量检定测试所', kind: 'institution', region: '441800', fields: ['metrology', 'standardisation'], login: 'metro1' });
  assert.equal(r.status, 201, r.text);
  prov.city = r.json.id;
  r = await addProvider(office, { name: '清城区质量诊断专家 李工', kind: 'expert', region: '441802', fields: ['quality_management', 'metrology'], login: 'qm1' });
  prov.county = r.json.id;
  r = await addProvider(office, { name: '清远市品牌促进会', kind: 'institution', region: '441800', fields: ['quality_management'], login: 'qm2' });
  prov.brand = r.json.id;
  r = await addProvider(office, { name: 'x', kind: 'institution', region: '441800', fields: ['marketing'] });
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'invalid_field', 'fields']);
  r = await addProvider(office, { name: 'x', kind: 'institution', region: '441800', fields: ['metrology'], login: 'qingcheng' });
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'login_not_expert', 'login']);
  r = await addProvider(office, { name: 'x', kind: 'institution', region: '441800', fields: ['metrology'], login: 'metro1' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'login_taken']);
  const gz = await signedIn(srv.url, 'gzoffice');
  r = await addProvider(gz, { name: 'x', kind: 'institution', region: '441802', fields: ['metrology'] });
  assert.deepEqual([r.status, r.json.error.code], [403, 'outside_region']);
  assert.deepEqual((await gz.get('/api/v1/helpdesk/providers')).json.providers, []);
  assert.equal((await office.get('/api/v1/helpdesk/providers')).json.providers.length, 3);
});

test('a problem is routed at once to the narrowest provider of its field, with due dates in working days', async () => {
  let r = await record(applicant, 'metrology');
  assert.equal(r.status, 201, r.text);
  prob.metrology = r.json.id;
  assert.equal(r.json.state, 'assigned');
  assert.equal(r.json.provider.id, prov.county, 'the county provider before the city institute');
  assert.equal(r.json.opened_on, '2022-09-29');
  assert.equal(r.json.respond_by, '2022-10-08', '09-30 and the 调休 Saturday after the holiday');
  assert.equal(r.json.resolve_by, '2022-11-01');
  assert.equal(r.json.field_name, '计量');
  assert.equal(r.json.organisation.uscc_masked.includes('*'), true);
  r = await record(applicant, 'standardisation', '企业标准缺少关键指标');
  prob.standard = r.json.id;
  assert.equal(r.json.provider.id, prov.city);
  r = await record(applicant, 'brand_building', '品牌定位不清晰');
  prob.brand = r.json.id;
  assert.deepEqual([r.json.state, r.json.provider], ['unassigned', undefined]);
  r = await record(applicant, 'marketing');
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'invalid_field', 'field']);
  r = await record(office, 'metrology', '代企业登记', { organisation: 999999 });
  assert.deepEqual([r.status, r.json.error.field], [404, 'organisation']);
});

test('a problem is read by the staff of its region, its provider and its enterprise only', async () => {
  const id = prob.metrology;
  const status = async (login) => (await (await signedIn(srv.url, login)).get(`/api/v1/problems/${id}`)).status;
  assert.equal(await status('qingcheng'), 200);
  assert.equal(await status('qm1'), 200);
  assert.equal(await status('yingde'), 404, 'another county');
  assert.equal(await status('gzoffice'), 404, 'another city');
  assert.equal(await status('applicant2'), 404, 'another enterprise');
  assert.equal(await status('metro1'), 404, 'a provider it is not routed to');
  const mine = (await (await signedIn(srv.url, 'qm1')).get('/api/v1/problems')).json;
  assert.deepEqual(mine.problems.map((p) => p.id), [prob.metrology]);
});

test('the provider responds once; a problem past its due date without response is overdue on the calendar', async () => {
  const qm1 = await signedIn(srv.url, 'qm1');
  const metro1 = await signedIn(srv.url, 'metro1');
  let r = await metro1.post(`/api/v1/problems/${prob.metrology}/respond`, { text: '已受理' });
  assert.equal(r.status, 404);
  r = await qm1.post(`/api/v1/problems/${prob.metrology}/respond`, { text: '已受理，10月10日上门诊断。' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.state, r.json.responded_on], ['responded', '2022-09-29']);
  r = await qm1.post(`/api/v1/problems/${prob.metrology}/respond`, { text: 'again' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'wrong_state']);
  await setClock(office, '2022-10-08');
  let list = (await office.get('/api/v1/problems?overdue=1')).json;
  assert.deepEqual(list.problems, [], 'the due day itself is not late');
  await setClock(office, '2022-10-09');
  list = (await office.get('/api/v1/problems?overdue=1')).json;
  assert.deepEqual(list.problems.map((p) => p.id).sort(), [prob.standard, prob.brand].sort());
  assert.ok(list.problems.every((p) => p.response_overdue));
  const one = (await office.get(`/api/v1/problems/${prob.metrology}`)).json;
  assert.equal(one.response_overdue, false);
  const providers = (await office.get('/api/v1/helpdesk/providers')).json.providers;
  assert.equal(providers.find((p) => p.id === prov.city).open, 1);
});

test('one-to-one visits are recorded; the resolution gives the enterprise a rating link the solver cannot use', async () => {
  const qm1 = await signedIn(srv.url, 'qm1');
  let r = await qm1.post(`/api/v1/problems/${prob.metrology}/visit`, { date: '2022-10-12', findings: 'x', advice: 'y' });
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'date_in_future', 'date']);
  r = await qm1.post(`/api/v1/problems/${prob.metrology}/visit`, { date: '2022-10-09', findings: '量具未按期检定，测量系统分析缺失。', advice: '建立量具台账，开展 MSA。' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.visits.length, 1);
  r = await qm1.post(`/api/v1/problems/${prob.metrology}/resolve`, { text: '完成量具检定与 MSA，过程能力 Cpk 由 0.9 提升至 1.4。' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.state, r.json.resolved_on, r.json.reopen_by], ['resolved', '2022-10-09', '2022-10-21'], 'ten working days from Monday 10-10');
  assert.equal(r.json.rate_token, undefined, 'the solver never sees the link');
  const mine = (await applicant.get(`/api/v1/problems/${prob.metrology}`)).json;
  assert.match(mine.rate_token, /^[0-9a-f]{64}$/);
  prob.token = mine.rate_token;
  r = await qm1.post(`/api/v1/ratings/${prob.token}`, { score: 5 });
  assert.deepEqual([r.status, r.json.error.code], [403, 'rater_is_solver']);
  const anyone = new Client(srv.url);
  r = await anyone.post(`/api/v1/ratings/${prob.token}`, { score: 6 });
  assert.equal(r.status, 400);
  r = await anyone.post(`/api/v1/ratings/${'0'.repeat(64)}`, { score: 4 });
  assert.deepEqual([r.status, r.json.error.code], [404, 'rating_link_unknown']);
  r = await anyone.post(`/api/v1/ratings/${prob.token}`, { score: 4, comment: '响应及时，指导具体。' });
  assert.equal(r.status, 200, r.text);
  r = await anyone.post(`/api/v1/ratings/${prob.token}`, { score: 5 });
  assert.deepEqual([r.status, r.json.error.code], [409, 'already_rated']);
  const done = (await office.get(`/api/v1/problems/${prob.metrology}`)).json;
  assert.deepEqual([done.state, done.rating, done.rating_comment], ['closed', 4, '响应及时，指导具体。']);
  const audit = sql(srv.db, `SELECT action FROM audit WHERE object = 'hd_problem:${prob.metrology}' ORDER BY seq`);
  assert.deepEqual(audit.split('\n'), ['helpdesk.record', 'helpdesk.respond', 'helpdesk.visit', 'helpdesk.resolve', 'helpdesk.rate']);
});

test('the enterprise may reopen within ten working days with a fresh link each time, never after', async () => {
  const metro1 = await signedIn(srv.url, 'metro1');
  await setClock(office, '2022-10-10');
  let r = await metro1.post(`/api/v1/problems/${prob.standard}/resolve`, { text: '已协助修订企业标准。' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.reopen_by, '2022-10-24');
  const first = (await applicant.get(`/api/v1/problems/${prob.standard}`)).json.rate_token;
  const anyone = new Client(srv.url);
  await setClock(office, '2022-10-24');
  r = await anyone.post(`/api/v1/ratings/${first}/reopen`, { reason: '修订后的标准仍缺少耐久性指标。' });
  assert.equal(r.status, 200, r.text);
  let p = (await office.get(`/api/v1/problems/${prob.standard}`)).json;
  assert.deepEqual([p.state, p.reopened, p.resolve_by, p.rate_token], ['assigned', 1, '2022-11-21', undefined]);
  r = await anyone.post(`/api/v1/ratings/${first}`, { score: 1 });
  assert.deepEqual([r.status, r.json.error.code], [404, 'rating_link_unknown'], 'the old link is spent');
  r = await metro1.post(`/api/v1/problems/${prob.standard}/resolve`, { text: '补充耐久性指标。' });
  const second = (await applicant.get(`/api/v1/problems/${prob.standard}`)).json.rate_token;
  assert.notEqual(second, first);
  await setClock(office, '2022-11-08'); // resolved 10-24: reopen until 11-07
  r = await anyone.post(`/api/v1/ratings/${second}/reopen`, { reason: '仍有问题' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'reopen_closed']);
});

test('the office routes an unassigned problem by hand, within its own providers', async () => {
  const gz = await signedIn(srv.url, 'gzoffice');
  let r = await gz.post(`/api/v1/problems/${prob.brand}/assign`, { provider: prov.brand });
  assert.equal(r.status, 404);
  r = await office.post(`/api/v1/problems/${prob.brand}/assign`, { provider: 999999 });
  assert.deepEqual([r.status, r.json.error.code], [400, 'unknown_provider']);
  r = await office.post(`/api/v1/problems/${prob.brand}/assign`, { provider: prov.brand });
  assert.deepEqual([r.status, r.json.state, r.json.provider.id], [200, 'assigned', prov.brand]);
});

test('the suggestions of a review report become problems in one step, once', async () => {
  const pid = await createProgramme(office);
  const org = addOrganisation(srv.db, { uscc: usccFor('441802', 2), name: '清远市清城电子科技有限公司' });
  const aid = addApplication(srv.db, { programme: pid, organisation: org, region: '441802', state: 'accepted' });
  const t = Date.now() * 1000;
  const draw = sql(srv.db, `INSERT INTO draw (programme_id, stage_code, seed_commit, committed_at, drawn_at) VALUES (${pid}, 'material', 'x', ${t}, ${t}) RETURNING id`);
  for (const [i, text] of ['建议建立质量成本核算体系。', '建议加强供应商质量管理。'].entries()) {
    const e = sql(srv.db, `INSERT INTO expert (code, name, employer, region, fields, created_at, owner_region) VALUES ('H${i}', '专家${i}', '单位${i}', '441800', '["C"]', ${t}, '441800') RETURNING id`);
    const x = sql(srv.db, `INSERT INTO assignment (draw_id, stage_code, application_id, expert_id, created_at) VALUES (${draw}, 'material', ${aid}, ${e}, ${t}) RETURNING id`);
    sql(srv.db, `INSERT INTO review (assignment_id, scores, total, opinion, suggestions, submitted_at) VALUES (${x}, '{}', 7000, '良好', ${lit(text)}, ${t})`);
  }
  sql(srv.db, `INSERT INTO stage_result (application_id, stage_code, score, detail, computed_at) VALUES (${aid}, 'material', 7000, '{"mean":"700.00"}', ${t})`);
  let r = await office.post(`/api/v1/applications/${aid}/problems`, { field: 'quality_management' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.problems.length, 2);
  const p = (await office.get(`/api/v1/problems/${r.json.problems[0]}`)).json;
  assert.deepEqual([p.source, p.detail, p.provider.id], ['review', '建议建立质量成本核算体系。', prov.county]);
  r = await office.post(`/api/v1/applications/${aid}/problems`, { field: 'quality_management' });
  assert.deepEqual([r.status, r.json.problems, r.json.skipped], [201, [], 2]);
  assert.equal((await (await signedIn(srv.url, 'qingcheng')).post(`/api/v1/applications/${aid}/problems`, { field: 'metrology' })).status, 403);
});

test('the figures count by field, city and provider in the reader\'s region', async () => {
  const s = (await office.get('/api/v1/helpdesk/stats')).json;
  assert.equal(s.target, 10000);
  assert.deepEqual([s.total.recorded, s.total.resolved], [5, 2]);
  assert.equal(s.total.mean_rating, 4);
  const byField = Object.fromEntries(s.by_field.map((f) => [f.name, f.recorded]));
  assert.deepEqual(byField, { 计量: 1, 标准化: 1, 品牌建设: 1, 质量管理: 2 });
  assert.deepEqual(s.by_city.map((c) => [c.key, c.recorded]), [['441800', 5]]);
  const yd = (await (await signedIn(srv.url, 'yingde')).get('/api/v1/helpdesk/stats')).json;
  assert.equal(yd.total.recorded, 0);
  assert.equal((await applicant.get('/api/v1/helpdesk/stats')).status, 403);
});
