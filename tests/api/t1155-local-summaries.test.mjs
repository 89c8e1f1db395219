// t1155-local-summaries: each city's local summary and typical cases (本地总结
// 与典型案例, 湘市监办发〔2022〕71号 四(三): "于 11 月 30 日前上报省局") are
// requested from the target dashboard through the reporting engine: the
// province office sends one request to a member account of each of its 14
// cities (市州), due 30 November of the year on the real calendar (2022-11-30
// is a Wednesday); a summary on that day is on time, one the day after is
// marked late (迟报); the dashboard shows each city's status; only a province
// office asks, and nobody reads outside their region.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, cli, ok, fails, PASSWORD } from './lib/server.mjs';

let srv, hunan, changsha, request;

function user(login, role, unit, region) {
  const r = cli(['user', 'add', '--db', srv.db, '--login', login, '--role', role, '--unit', unit, '--region', region,
    '--password-stdin'], PASSWORD + '\n');
  assert.equal(r.status, 0, r.stderr);
}

before(async () => {
  srv = await startServer({ args: ['--rehearsal'] });
  user('hnoffice', 'office', '湖南省市场监督管理局', '430000');
  user('csoffice', 'office', '长沙市市场监督管理局', '430100');
  user('gdoffice', 'office', '广东省市场监督管理局', '440000');
  hunan = await signedIn(srv.url, 'hnoffice');
  changsha = await signedIn(srv.url, 'csoffice');
  ok(await hunan.post('/api/v1/clock', { today: '2022-10-10' }));
});
after(async () => { const r = await srv.stop(); srv.cleanup(); assert.equal(r.code, 0); });

test('only the office of a province asks, and only when a city has a member account', async () => {
  fails(await changsha.post('/api/v1/targets/summaries', {}), 403, 'province_only');
  fails(await (await signedIn(srv.url, 'office')).post('/api/v1/targets/summaries', {}), 403, 'province_only');
  fails(await (await signedIn(srv.url, 'member')).post('/api/v1/targets/summaries', {}), 403, 'forbidden_role');
  fails(await hunan.post('/api/v1/targets/summaries', {}), 409, 'no_city_accounts', 'units');
  assert.equal(ok(await hunan.get('/api/v1/targets')).summaries, null);
});

test('one request to each city, due 30 November, a Wednesday on the calendar', async () => {
  user('csreport', 'member', '长沙市市场监督管理局质量发展处', '430100');
  user('zzreport', 'member', '株洲市市场监督管理局质量发展处', '430200');
  user('csreport2', 'member', '长沙市质量协会', '430100');
  const r = ok(await hunan.post('/api/v1/targets/summaries', {}), 201);
  request = r.request;
  assert.equal(r.year, 2022);
  assert.equal(r.due_on, '2022-11-30');
  assert.equal(new Date('2022-11-30T00:00:00Z').getUTCDay(), 3);
  assert.equal(r.cities.length, 14, 'every city (市州) of Hunan');
  assert.deepEqual(r.cities.filter((c) => c.unit).map((c) => c.region), ['430100', '430200']);
  assert.equal(r.units_added, 2, 'one account per city');
  const rq = ok(await hunan.get(`/api/v1/report-requests/${request}`));
  assert.equal(rq.due_on ?? rq.deadline?.due_on, '2022-11-30');
  const d = ok(await hunan.get('/api/v1/targets'));
  assert.equal(d.summaries.request, request);
  assert.equal(d.summaries.due_on, '2022-11-30');
  // today (Monday 10 October) through 30 November 2022: 16 working days in October, 22 in November, no holiday between
  assert.equal(d.summaries.deadline.workdays_left, 38);
  assert.deepEqual(d.summaries.totals, { on_time: 0, late: 0, returned: 0, missing: 2 });
  const cs = d.children.find((c) => c.region === '430100');
  assert.deepEqual(cs.summary, { state: 'missing', late: false, submitted_on: null });
  assert.equal(d.children.find((c) => c.region === '430300')?.summary, undefined, 'a city without an account is not asked');
  // asking again adds nothing
  const again = ok(await hunan.post('/api/v1/targets/summaries', {}), 201);
  assert.deepEqual([again.request, again.units_added], [request, 0]);
});

test('on 30 November a summary is on time; on 1 December it is marked late (迟报)', async () => {
  const cs = await signedIn(srv.url, 'csreport'), zz = await signedIn(srv.url, 'zzreport');
  const content = { summary: '本地质量品牌提升行动开展情况……', cases: [{ title: '某企业质量攻关', text: '案例内容' }] };
  fails(await cs.post(`/api/v1/report-requests/${request}/submission`, { content: { cases: [] } }), 400, 'missing_field', 'summary');
  ok(await hunan.post('/api/v1/clock', { today: '2022-11-30' }));
  ok(await cs.post(`/api/v1/report-requests/${request}/submission`, { content }), 201);
  let d = ok(await hunan.get('/api/v1/targets'));
  assert.equal(d.summaries.deadline.workdays_left, 1, 'the due day itself is left');
  assert.deepEqual(d.children.find((c) => c.region === '430100').summary, { state: 'submitted', late: false, submitted_on: '2022-11-30' });
  ok(await hunan.post('/api/v1/clock', { today: '2022-12-01' }));
  ok(await zz.post(`/api/v1/report-requests/${request}/submission`, { content }), 201);
  d = ok(await hunan.get('/api/v1/targets'));
  assert.deepEqual(d.children.find((c) => c.region === '430200').summary, { state: 'submitted', late: true, submitted_on: '2022-12-01' });
  assert.deepEqual(d.summaries.totals, { on_time: 1, late: 1, returned: 0, missing: 0 });
  assert.equal(d.summaries.deadline.overdue, true);
  // the city's own dashboard shows its summary
  assert.deepEqual(ok(await changsha.get('/api/v1/targets')).summary, { state: 'submitted', late: false, submitted_on: '2022-11-30' });
  // the engine's status table agrees
  const st = ok(await hunan.get(`/api/v1/report-requests/${request}/status`));
  assert.equal(st.totals.late, 1);
});

test('nobody reads outside their region', async () => {
  const gd = await signedIn(srv.url, 'gdoffice');
  fails(await gd.get('/api/v1/targets?region=430000'), 404, 'not_found', 'region');
  fails(await gd.get(`/api/v1/report-requests/${request}/status`), 404, 'not_found');
  fails(await changsha.get('/api/v1/targets?region=430200'), 404, 'not_found', 'region');
  // Guangdong's own request does not see Hunan's
  assert.equal(ok(await gd.get('/api/v1/targets')).summaries, null);
});
