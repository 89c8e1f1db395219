// t1210-keyworks: the key works of a city's quality month (Qingdao 2022's
// 十大质量提升重点活动), told on the Qingyuan accounts. The office records a
// work with its lead unit, co-units and milestones; each milestone asks the
// lead unit for its progress through the reporting engine; a milestone due
// on Friday 30 September 2022 is not overdue on the day and is overdue from
// 1 October, its working days overdue counted on the official calendar (the
// National Day holiday, then the 调休 Saturday 8 October); the lead unit
// reports and marks it done; the roll-up per lead unit and the leaders'
// board, also as a workbook; another region's office meets none of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, signedIn, ok, fails, PASSWORD } from './lib/server.mjs';
import { setClock } from './lib/award.mjs';
import { accountId } from './lib/fixture.mjs';

let srv, office, member, leader, gz, member2, work, named;
const WORK = {
  title: '开展企业品牌价值测评工作',
  summary: '联合市民营经济（中小企业）发展工作领导小组办公室，开展首届企业品牌价值评价活动。',
  co_units: ['市民营经济（中小企业）发展工作领导小组办公室', '市质量发展促进会'],
  milestones: [{ title: '印发测评工作方案', due_on: '2022-09-30' }, { title: '发布测评结果', due_on: '2022-12-30' }],
};

before(async () => {
  srv = await startServer({ args: ['--rehearsal'] });
  office = await signedIn(srv.url, 'office');
  member = await signedIn(srv.url, 'member');
  leader = await signedIn(srv.url, 'leader');
  gz = await signedIn(srv.url, 'gzoffice');
  ok(await office.post('/api/v1/accounts', { login: 'member2', display_name: '科技局联络员', password: PASSWORD,
    role: 'member', unit: '清远市科学技术局', region: '441800' }), 201);
  member2 = await signedIn(srv.url, 'member2');
  await setClock(office, '2022-09-28');
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

test('the office records a work with its lead unit, co-units and milestones; the input is checked', async () => {
  const lead = accountId(srv.db, 'member');
  const base = { ...WORK, lead };
  fails(await office.post('/api/v1/keyworks', { ...base, title: '' }), 400, 'invalid_text', 'title');
  fails(await office.post('/api/v1/keyworks', { ...base, lead: accountId(srv.db, 'leader') }), 400, 'unknown_unit', 'lead');
  fails(await office.post('/api/v1/keyworks', { ...base, lead: undefined }), 400, 'invalid_text', 'lead_name');
  fails(await office.post('/api/v1/keyworks', { ...base, milestones: [{ title: '方案', due_on: '2022-09-31' }] }), 400, 'bad_date', 'milestones[0].due_on');
  fails(await office.post('/api/v1/keyworks', { ...base, co_units: ['市科技局', 7] }), 400, 'invalid_text', 'co_units[1]');
  fails(await member.post('/api/v1/keyworks', base), 403, 'forbidden_role');
  work = ok(await office.post('/api/v1/keyworks', base), 201);
  assert.deepEqual([work.seq, work.lead, work.co_units, work.counts], [1, { name: '清远市应急管理局', account: lead }, WORK.co_units,
    { total: 2, done: 0, open: 2, overdue: 0 }]);
  assert.deepEqual(work.milestones.map((m) => [m.seq, m.due_on, m.state, m.overdue]), [[1, '2022-09-30', 'open', false], [2, '2022-12-30', 'open', false]]);
  // every milestone asks the lead unit for its progress: a request of the reporting engine, due on the deadline
  const rq = ok(await office.get(`/api/v1/report-requests/${work.milestones[0].request}`));
  assert.deepEqual([rq.deadline.due_on, rq.title], ['2022-09-30', '重点工作进展报送：开展企业品牌价值测评工作（印发测评工作方案）']);
  fails(await office.post('/api/v1/keyworks', base), 409, 'duplicate_work', 'title');
  named = ok(await office.post('/api/v1/keyworks', { title: '启动首届青岛国际品质生活博览会招展工作', lead_name: '青岛日报报业集团',
    milestones: [{ title: '发布全球招展公告', due_on: '2022-10-31' }] }), 201);
  assert.deepEqual([named.seq, named.lead, named.milestones[0].request], [2, { name: '青岛日报报业集团', account: 0 }, null]);
  const added = ok(await office.post(`/api/v1/keyworks/${named.id}/milestones`, { title: '品博会开幕', due_on: '2022-12-16' }), 201);
  assert.deepEqual(added.milestones.map((m) => m.seq), [1, 2]);
});

test('a milestone is overdue exactly the day after its deadline, counted on the official calendar', async () => {
  const m1 = async () => ok(await office.get(`/api/v1/keyworks/${work.id}`)).milestones[0];
  await setClock(office, '2022-09-30'); // Friday: the deadline itself
  let m = await m1();
  assert.deepEqual([m.overdue, m.deadline.workdays_left, m.deadline.overdue], [false, 1, false]);
  await setClock(office, '2022-10-01'); // National Day: overdue, no working day yet
  m = await m1();
  assert.deepEqual([m.overdue, m.deadline.workdays_overdue], [true, 0]);
  await setClock(office, '2022-10-08'); // the 调休 Saturday is a working day
  m = await m1();
  assert.deepEqual([m.overdue, m.deadline.workdays_overdue], [true, 1]);
  const list = ok(await office.get('/api/v1/keyworks'));
  assert.deepEqual(list.works.map((w) => [w.title, w.counts.overdue, w.next.due_on]),
    [[WORK.title, 1, '2022-09-30'], ['启动首届青岛国际品质生活博览会招展工作', 0, '2022-10-31']]);
});

test('the lead unit reports its progress through the reporting engine and marks the milestone done', async () => {
  const mine = ok(await member.get('/api/v1/keyworks/mine'));
  assert.deepEqual(mine.works.map((w) => [w.id, w.milestones.length]), [[work.id, 2]]);
  const req = mine.works[0].milestones[0].request;
  fails(await member.post(`/api/v1/report-requests/${req}/submission`, { content: { progress: '进行中', percent: 120 } }), 400, 'invalid_content', 'percent');
  assert.deepEqual(ok(await member.post(`/api/v1/report-requests/${req}/submission`,
    { content: { progress: '测评工作方案已报市政府审定，10月8日印发。', percent: 100, done: true, done_on: '2022-10-08' } }), 201),
  { state: 'submitted', version: 1, nil: false, late: true });
  let w = ok(await office.get(`/api/v1/keyworks/${work.id}`));
  assert.deepEqual(w.milestones[0].report, { state: 'submitted', submitted_on: '2022-10-08', late: true, nil: false, version: 1 });
  fails(await member2.post(`/api/v1/keyworks/${work.id}/milestones/1/done`, { done_on: '2022-10-08' }), 403, 'not_lead_unit');
  fails(await member.post(`/api/v1/keyworks/${work.id}/milestones/1/done`, { done_on: '2022-10-09' }), 400, 'date_in_future', 'done_on');
  fails(await member.post(`/api/v1/keyworks/${work.id}/milestones/9/done`, { done_on: '2022-10-08' }), 404, 'unknown_milestone', 'seq');
  w = ok(await member.post(`/api/v1/keyworks/${work.id}/milestones/1/done`, { done_on: '2022-10-08' }));
  assert.deepEqual([w.milestones[0].state, w.milestones[0].done_on, w.milestones[0].overdue, w.milestones[0].late, w.counts],
    ['done', '2022-10-08', false, true, { total: 2, done: 1, open: 1, overdue: 0 }]);
  fails(await office.post(`/api/v1/keyworks/${work.id}/milestones/1/done`, { done_on: '2022-10-08' }), 409, 'already_done', 'seq');
  fails(await member.post(`/api/v1/keyworks/${work.id}/milestones`, { title: 'x', due_on: '2022-11-01' }), 403, 'forbidden_role');
});

async function download(client, path) {
  const res = await fetch(srv.url + path, { headers: { cookie: client.cookie } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  const file = join(srv.dir, 'keyworks.xlsx');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return spawnSync('unzip', ['-p', file, 'xl/sharedStrings.xml'], { encoding: 'utf8' }).stdout;
}

test('the roll-up per lead unit and the leaders\' board, also as a workbook', async () => {
  await setClock(office, '2022-11-01'); // the named unit's 10-31 milestone is now overdue
  const owners = ok(await leader.get('/api/v1/keywork-owners'));
  assert.deepEqual(owners.owners.map((o) => [o.lead, o.works, o.milestones, o.done, o.open, o.overdue]),
    [['清远市应急管理局', 1, 2, 1, 1, 0], ['青岛日报报业集团', 1, 2, 0, 2, 1]]);
  const board = ok(await leader.get('/api/v1/keywork-board'));
  assert.deepEqual(board.totals, { works: 2, milestones: 4, done: 1, open: 3, overdue: 1 });
  assert.deepEqual(board.overdue.map((o) => [o.work_title, o.title, o.due_on, o.workdays_overdue]),
    [['启动首届青岛国际品质生活博览会招展工作', '发布全球招展公告', '2022-10-31', 1]]);
  const strings = await download(leader, '/api/v1/keywork-board.xlsx');
  for (const s of ['质量提升重点工作推进情况', WORK.title, '青岛日报报业集团', '逾期工作日'])
    assert.ok(strings.includes(s), s);
  fails(await member.get('/api/v1/keywork-board'), 403, 'forbidden_role');
  fails(await member.get('/api/v1/keywork-owners'), 403, 'forbidden_role');
});

test('another region\'s office meets none of it', async () => {
  fails(await gz.get(`/api/v1/keyworks/${work.id}`), 404, 'not_found');
  fails(await gz.post(`/api/v1/keyworks/${work.id}/milestones`, { title: '节点', due_on: '2022-12-01' }), 404, 'not_found');
  fails(await gz.post(`/api/v1/keyworks/${work.id}/milestones/2/done`, { done_on: '2022-10-08' }), 404, 'not_found');
  fails(await gz.get(`/api/v1/report-requests/${work.milestones[1].request}`), 404, 'not_found');
  assert.deepEqual(ok(await gz.get('/api/v1/keyworks')).works, []);
  assert.deepEqual(ok(await gz.get('/api/v1/keywork-owners')).owners, []);
  const board = ok(await gz.get('/api/v1/keywork-board'));
  assert.deepEqual([board.totals.works, board.overdue], [0, []]);
  assert.ok(!(await download(gz, '/api/v1/keywork-board.xlsx')).includes(WORK.title));
});
