// t1300-campaign: the Shenzhen 2015 quality month (深质强办〔2015〕17号) told
// through the API. The office runs the campaign from its template (theme
// 质量成就未来, the ten slogans, four focuses, 26 units, six city-wide
// activities, deadlines 2015-08-10 / September / 2015-10-15), opens its
// reporting requests to the units that have accounts, units plan and the
// office approves activities for the public calendar; units report with
// photos, one reports nothing (a nil report), a report is returned and
// resubmitted with every version kept, a late report is accepted and marked
// 迟报, deadlines are counted in working days on the 2015 official calendar
// (中秋 09-27, 国庆 10-01..07, 调休 10-10), and units that have not
// submitted are reminded before and after the deadline.
import { test, before, after } from 'node:test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { startServer, signedIn, ok, fails, Client, cli } from './lib/server.mjs';
import { setClock } from './lib/award.mjs';
import { TEMPLATE, szOffice, unitAccounts, photo, uploadPhotos } from './lib/campaign.mjs';

let srv, office, u, pid, req = {};

before(async () => {
  srv = await startServer({ args: ['--rehearsal'] });
  office = await szOffice(srv);
  u = await unitAccounts(srv, office, [['fgw', '市发展改革委'], ['futian', '福田区'], ['luohu', '罗湖区'], ['dapeng', '大鹏新区']]);
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

test('the campaign carries the theme, slogans, focuses, units, city-wide activities and deadlines of the notice', async () => {
  pid = ok(await office.post('/api/v1/programmes', { template: TEMPLATE }), 201).id;
  const c = ok(await new Client(srv.url).get(`/api/v1/programmes/${pid}/campaign`));
  assert.equal(c.theme, '质量成就未来');
  assert.equal(c.slogans.length, 10);
  assert.equal(c.slogans[0], '质量成就未来');
  assert.deepEqual(c.focuses, ['质量宣传', '质量提升', '质量整治', '群众性质量活动']);
  assert.equal(c.units.length, 26);
  assert.equal(c.units.filter((x) => x.kind === 'member').length, 17);
  assert.deepEqual(c.units.filter((x) => x.kind === 'district').map((x) => x.name),
    ['福田区', '罗湖区', '盐田区', '宝安区', '龙岗区', '光明新区', '坪山新区', '龙华新区', '大鹏新区']);
  assert.equal(c.city_activities.length, 6);
  assert.equal(c.city_activities[0].starts_on, '2015-09-02');
  assert.deepEqual(c.deadlines.map((d) => [d.code, d.deadline.due_on]),
    [['coordinators', '2015-08-10'], ['activities', '2015-09-30'], ['summary', '2015-10-15']]);
  const logo = await new Client(srv.url).get(`/api/v1/programmes/${pid}/campaign/logo`);
  assert.equal(logo.status, 200);
  assert.equal(logo.headers.get('content-type'), 'image/png');
});

test('the office opens the requests to the units with accounts; another region meets nothing', async () => {
  await setClock(office, '2015-08-03');
  const gz = await signedIn(srv.url, 'gzoffice');
  fails(await gz.post(`/api/v1/programmes/${pid}/campaign/requests`, {}), 404, 'not_found');
  const r = ok(await office.post(`/api/v1/programmes/${pid}/campaign/requests`, {}), 201);
  assert.deepEqual(r.requests.map((x) => x.code), ['coordinators', 'activities', 'summary']);
  assert.equal(r.units_without_account.length, 22);
  for (const x of r.requests) req[x.code] = x.id;
  // opening again opens nothing new
  const again = ok(await office.post(`/api/v1/programmes/${pid}/campaign/requests`, {}), 201);
  assert.deepEqual(again.requests.map((x) => x.id), r.requests.map((x) => x.id));
  fails(await gz.get(`/api/v1/report-requests/${req.coordinators}/status`), 404, 'not_found');
  const qy = await signedIn(srv.url, 'member');
  fails(await qy.get(`/api/v1/report-requests/${req.coordinators}`), 404, 'not_found');
  const todo = ok(await u.futian.client.get('/api/v1/reporting/mine'));
  assert.deepEqual(todo.requests.map((x) => [x.code, x.state]), [['coordinators', 'missing'], ['activities', 'missing'], ['summary', 'missing']]);
  // 2015-08-03 (Mon) .. 08-10 (Mon): six working days
  assert.deepEqual(todo.requests[0].deadline, { due_on: '2015-08-10', today: '2015-08-03', workdays_left: 6,
    workdays_overdue: 0, overdue: false });
});

test('units plan activities; the office approves them for the public calendar with logo and slogan', async () => {
  const plan = { title: '“关注质量、关爱生活，质量成就未来”主题活动', focus: '质量宣传', starts_on: '2015-09-10',
    ends_on: '2015-09-10', place: '福田区市民中心', organiser: '福田区', co_organisers: '福田区市场监管局',
    description: '引导社会各界重视质量，促进质量提升。', audience: 800 };
  fails(await u.futian.client.post(`/api/v1/programmes/${pid}/activities`, { ...plan, focus: '质量评比' }), 400, 'unknown_focus', 'focus');
  fails(await u.futian.client.post(`/api/v1/programmes/${pid}/activities`, { ...plan, ends_on: '2015-09-09' }), 400, 'bad_dates', 'ends_on');
  fails(await (await signedIn(srv.url, 'member')).post(`/api/v1/programmes/${pid}/activities`, plan), 404, 'not_found');
  const a1 = ok(await u.futian.client.post(`/api/v1/programmes/${pid}/activities`, plan), 201);
  assert.equal(a1.state, 'planned');
  assert.equal(a1.unit_name, '福田区');
  const a2 = ok(await u.luohu.client.post(`/api/v1/programmes/${pid}/activities`, { ...plan, title: '“质量安全”进社区活动',
    focus: '群众性质量活动', place: '罗湖区各社区', organiser: '罗湖区', starts_on: '2015-09-12', ends_on: '2015-09-20' }), 201);
  assert.equal(ok(await office.get(`/api/v1/programmes/${pid}/activities`)).activities.length, 2);
  assert.deepEqual(ok(await u.futian.client.get(`/api/v1/programmes/${pid}/activities`)).activities.map((x) => x.id), [a1.id]);
  fails(await u.futian.client.post(`/api/v1/campaign-activities/${a1.id}/approve`, {}), 403, 'forbidden_role');
  assert.equal(ok(await office.post(`/api/v1/campaign-activities/${a1.id}/approve`, {})).state, 'approved');
  const cal = ok(await new Client(srv.url).get(`/api/v1/programmes/${pid}/activity-calendar`));
  assert.equal(cal.activities.filter((x) => x.kind === 'city').length, 6);
  const mine = cal.activities.filter((x) => x.kind === 'unit');
  assert.deepEqual(mine.map((x) => x.title), [a1.title]); // a2 is not approved
  assert.ok(cal.activities.every((x) => x.slogan === '质量成就未来' && x.logo === `/api/v1/programmes/${pid}/campaign/logo`));
  req.a1 = a1.id; req.a2 = a2.id;
});

test('coordinators: on time and late (迟报) are both accepted, the late one marked; the missing are reminded after the deadline', async () => {
  const names = { coordinators: [{ name: '张明', position: '科长', office_tel: '0755-88120000' }] };
  let r = ok(await u.futian.client.post(`/api/v1/report-requests/${req.coordinators}/submission`, { content: names }), 201);
  assert.deepEqual(r, { state: 'submitted', version: 1, nil: false, late: false });
  fails(await u.futian.client.post(`/api/v1/report-requests/${req.coordinators}/submission`, { content: names }), 409, 'already_submitted');
  fails(await u.luohu.client.post(`/api/v1/report-requests/${req.coordinators}/submission`, { content: {} }), 400, 'missing_field', 'coordinators');
  fails(await u.luohu.client.post(`/api/v1/report-requests/${req.coordinators}/submission`,
    { content: { coordinators: [{ position: '科长' }] } }), 400, 'missing_field', 'coordinators[0].name');
  await setClock(office, '2015-08-11');
  r = ok(await u.luohu.client.post(`/api/v1/report-requests/${req.coordinators}/submission`, { content: names }), 201);
  assert.equal(r.late, true);
  const st = ok(await office.get(`/api/v1/report-requests/${req.coordinators}/status`));
  assert.deepEqual(st.totals, { expected: 4, submitted: 2, on_time: 1, late: 1, nil: 0, returned: 0, missing: 2 });
  assert.deepEqual(st.deadline, { due_on: '2015-08-10', today: '2015-08-11', workdays_left: 0, workdays_overdue: 1, overdue: true });
  const row = (login) => st.units.find((x) => x.unit === u[login].id);
  assert.equal(row('luohu').late, true);
  assert.equal(row('luohu').first_submitted_on, '2015-08-11');
  assert.equal(row('fgw').missing, true);
  const sent = ok(await office.post(`/api/v1/report-requests/${req.coordinators}/reminders`, {}));
  assert.equal(sent.channel, 'app');
  assert.deepEqual(sent.sent.map((x) => [x.unit, x.kind]).sort(), [[u.fgw.id, 'after'], [u.dapeng.id, 'after']].sort());
  // once a day
  assert.deepEqual(ok(await office.post(`/api/v1/report-requests/${req.coordinators}/reminders`, {})).sent, []);
  const todo = ok(await u.fgw.client.get('/api/v1/reporting/mine'));
  assert.equal(todo.reminders.length, 1);
  assert.match(todo.reminders[0].message, /已逾期1个工作日/);
  assert.equal(ok(await u.futian.client.get('/api/v1/reporting/mine')).reminders.length, 0);
  fails(await u.fgw.client.post(`/api/v1/report-requests/${req.coordinators}/reminders`, {}), 403, 'forbidden_role');
});

test('activity reports: reminders are due from three working days before the deadline', async () => {
  await setClock(office, '2015-09-25'); // Fri: 09-25, 09-28, 09-29, 09-30 (09-27 中秋 is a Sunday)
  let r = ok(await office.post(`/api/v1/report-requests/${req.activities}/reminders`, { only_due: true }));
  assert.deepEqual(r.sent, []);
  assert.equal(r.deadline.workdays_left, 4);
  await setClock(office, '2015-09-28');
  r = ok(await office.post(`/api/v1/report-requests/${req.activities}/reminders`, { only_due: true }));
  assert.equal(r.sent.length, 4);
  assert.ok(r.sent.every((x) => x.kind === 'before'));
  assert.match(r.sent[0].message, /还剩3个工作日/);
  // the summary, seen the same day: 09-28..30, 10-08, 10-09, 10-10 (调休), 10-12..15
  const s = ok(await u.futian.client.get(`/api/v1/report-requests/${req.summary}`));
  assert.equal(s.deadline.workdays_left, 10);
  assert.equal(s.mine.state, 'missing');
});

test('a report with photos, a nil report, a return with its reason and a resubmission, every version kept', async () => {
  fails(await uploadPhotos(u.futian.client, req.activities, [['notes.txt', Buffer.from('hello'), 'text/plain']]), 400, 'not_image');
  const up = ok(await uploadPhotos(u.futian.client, req.activities, [['现场.png', photo()]]), 201);
  assert.equal(up.files[0].mime, 'image/png');
  const fid = up.files[0].id;
  const report = { activities: [{ activity: req.a1, held: true, held_on: '2015-09-10', participants: 820,
    media: ['https://www.sznews.com/news/content/2015-09/11/content_12345.htm'], photos: [fid] }],
  typical_case: '福田区市民中心开展质量宣传，发放资料三千份。' };
  fails(await u.futian.client.post(`/api/v1/report-requests/${req.activities}/submission`,
    { content: { activities: [{ activity: req.a1 }] } }), 400, 'missing_field', 'activities[0].held');
  fails(await u.futian.client.post(`/api/v1/report-requests/${req.activities}/submission`,
    { content: { ...report, activities: [{ ...report.activities[0], media: ['javascript:alert(1)'] }] } }), 400, 'invalid_content', 'activities[0].media[0]');
  fails(await u.luohu.client.post(`/api/v1/report-requests/${req.activities}/submission`, { content: report }), 400, 'unknown_file');
  // the unit's photo, downloaded by the office; another unit does not see it
  const img = await office.get(`/api/v1/report-files/${fid}`);
  assert.equal(img.status, 200);
  fails(await u.luohu.client.get(`/api/v1/report-files/${fid}`), 404, 'not_found');
  // a draft first, then the submission turns it into version 1
  assert.equal(ok(await u.futian.client.request('PUT', `/api/v1/report-requests/${req.activities}/draft`, { body: { content: report } })).state, 'draft');
  let r = ok(await u.futian.client.post(`/api/v1/report-requests/${req.activities}/submission`, { content: report }), 201);
  assert.deepEqual(r, { state: 'submitted', version: 1, nil: false, late: false });
  // nothing to report, said explicitly
  fails(await u.dapeng.client.post(`/api/v1/report-requests/${req.activities}/submission`, { nil: true, content: report }), 400, 'nil_with_content');
  r = ok(await u.dapeng.client.post(`/api/v1/report-requests/${req.activities}/submission`, { nil: true }), 201);
  assert.equal(r.nil, true);
  // the office returns futian's report with a reason
  fails(await office.post(`/api/v1/report-requests/${req.activities}/return`, { unit: u.fgw.id, reason: '请补充' }), 409, 'nothing_to_return');
  fails(await office.post(`/api/v1/report-requests/${req.activities}/return`, { unit: u.futian.id }), 400, 'missing_field', 'reason');
  ok(await office.post(`/api/v1/report-requests/${req.activities}/return`, { unit: u.futian.id, reason: '请补充活动照片说明和参与人数来源' }));
  const mine = ok(await u.futian.client.get(`/api/v1/report-requests/${req.activities}`)).mine;
  assert.equal(mine.state, 'returned');
  assert.equal(mine.return_reason, '请补充活动照片说明和参与人数来源');
  let st = ok(await office.get(`/api/v1/report-requests/${req.activities}/status`));
  assert.deepEqual(st.totals, { expected: 4, submitted: 1, on_time: 2, late: 0, nil: 1, returned: 1, missing: 2 });
  const fixed = { ...report, activities: [{ ...report.activities[0], note: '参与人数以签到表为准' }] };
  r = ok(await u.futian.client.post(`/api/v1/report-requests/${req.activities}/submission`, { content: fixed }), 201);
  assert.deepEqual(r, { state: 'resubmitted', version: 2, nil: false, late: false });
  const v = ok(await office.get(`/api/v1/report-requests/${req.activities}/versions?unit=${u.futian.id}`));
  assert.deepEqual(v.versions.map((x) => [x.version, x.state]), [[1, 'returned'], [2, 'resubmitted']]);
  assert.equal(v.versions[0].return_reason, '请补充活动照片说明和参与人数来源');
  assert.equal(v.versions[1].content.activities[0].note, '参与人数以签到表为准');
  fails(await u.luohu.client.get(`/api/v1/report-requests/${req.activities}/versions?unit=${u.futian.id}`), 404, 'not_found');
  st = ok(await office.get(`/api/v1/report-requests/${req.activities}/status`));
  assert.deepEqual(st.totals, { expected: 4, submitted: 2, on_time: 2, late: 0, nil: 1, returned: 0, missing: 2 });
});

test('the summary after 15 October is accepted and marked late', async () => {
  await setClock(office, '2015-10-16');
  const r = ok(await u.luohu.client.post(`/api/v1/report-requests/${req.summary}/submission`,
    { content: { summary: '罗湖区“质量月”活动总结：举办黄金珠宝品牌推广活动……', figures: [{ label: '活动场次', value: 12 }] } }), 201);
  assert.deepEqual(r, { state: 'submitted', version: 1, nil: false, late: true });
  const st = ok(await office.get(`/api/v1/report-requests/${req.summary}/status`));
  assert.equal(st.totals.late, 1);
  assert.equal(st.deadline.workdays_overdue, 1);
  const leader = await signedIn(srv.url, 'leader'); // Qingyuan's leadership: another region
  fails(await leader.get(`/api/v1/report-requests/${req.summary}/status`), 404, 'not_found');
});

test('`pingxuan remind` sends the due reminders, once a day, for a cron job', async () => {
  let r = cli(['remind', '--db', srv.db, '--request', String(req.summary), '--today', '2015-10-16']);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => l.split('\t'));
  assert.deepEqual(lines.map((l) => Number(l[0])).sort(), [u.fgw.id, u.futian.id, u.dapeng.id].sort());
  assert.ok(lines.every((l) => l[1] === 'after' && /已逾期1个工作日/.test(l[2])));
  assert.match(r.stderr, /3 reminders sent \(app\)/);
  r = cli(['remind', '--db', srv.db, '--request', String(req.summary), '--today', '2015-10-16']);
  assert.equal(r.stdout, '');
  // after the deadline each working day: not on Saturday 10-17, again on Monday 10-19
  r = cli(['remind', '--db', srv.db, '--request', String(req.summary), '--today', '2015-10-17']);
  assert.equal(r.stdout, '');
  r = cli(['remind', '--db', srv.db, '--request', String(req.summary), '--today', '2015-10-19']);
  assert.match(r.stdout, /已逾期2个工作日/);
  // before it: 10-10 (a Saturday made a working day, 调休) leaves 5 working days, not yet due; 10-13 leaves 3
  r = cli(['remind', '--db', srv.db, '--request', String(req.summary), '--today', '2015-10-10']);
  assert.equal(r.stdout, '');
  r = cli(['remind', '--db', srv.db, '--request', String(req.summary), '--today', '2015-10-13']);
  assert.ok(r.stdout.trim().split('\n').every((l) => l.split('\t')[1] === 'before' && /还剩3个工作日/.test(l)), r.stdout);
  assert.equal(cli(['remind', '--db', srv.db]).status, 2);
  // every request of the programme at once, due or not (--all): the units that have not submitted each
  r = cli(['remind', '--db', srv.db, '--programme', String(pid), '--all', '--today', '2015-10-20']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim().split('\n').length, 2 + 2 + 3, r.stdout);
  const todo = ok(await u.dapeng.client.get('/api/v1/reporting/mine'));
  assert.ok(todo.reminders.some((m) => m.request === req.summary && m.sent_on === '2015-10-16'));
});

test('the bulletin is compiled from the reports, edited by the office, and issued with its number and hash', async () => {
  fails(await office.get(`/api/v1/programmes/${pid}/documents/memo`), 404, 'not_found');
  fails(await u.futian.client.get(`/api/v1/programmes/${pid}/documents/bulletin`), 403, 'forbidden_role');
  let b = ok(await office.get(`/api/v1/programmes/${pid}/documents/bulletin`));
  assert.equal(b.issued, false);
  assert.equal(b.issuer, '深圳市质量强市工作领导小组办公室');
  assert.equal(b.title, '关于2015年深圳市“质量月”活动开展情况的通报');
  const h1 = b.blocks.filter((x) => x.kind === 'heading1').map((x) => x.text);
  assert.deepEqual(h1, ['一、总体情况', '二、各重点活动开展情况', '三、各单位活动情况', '四、典型案例', '五、迟报、未报送单位', '六、下一步工作']);
  const text = b.blocks.map((x) => x.text || '').join('\n');
  assert.match(text, /以“质量成就未来”为主题/);
  assert.match(text, /福田区：“关注质量、关爱生活，质量成就未来”主题活动（2015-09-10，福田区市民中心），已举办。参与820人次。/);
  assert.match(text, /福田区：福田区市民中心开展质量宣传/); // the typical case
  const h2 = b.blocks.filter((x) => x.kind === 'heading2').map((x) => x.text);
  for (const name of ['（一）质量宣传', '（四）群众性质量活动', '（一）市发展改革委', '（十八）福田区', '（十九）罗湖区', '（二十六）大鹏新区'])
    assert.ok(h2.includes(name), name);
  // tables as the official-document writers read them: head and rows of strings
  assert.deepEqual(b.blocks.filter((x) => x.kind === 'table')[0].rows[0], ['宣传报道协调人员名单', '4', '2', '1', '1', '0', '2']);
  const late = b.blocks.filter((x) => x.kind === 'table')[1];
  assert.deepEqual(late.head, ['报送事项', '迟报单位', '未报送单位']);
  assert.deepEqual(late.rows, [['宣传报道协调人员名单', '罗湖区', '市发展改革委、大鹏新区'],
    ['“质量月”活动情况及典型案例', '无', '市发展改革委、罗湖区'], ['“质量月”活动总结', '罗湖区', '市发展改革委、福田区、大鹏新区']]);
  b = ok(await office.request('PUT', `/api/v1/programmes/${pid}/documents/bulletin`, { body: { closing: '各单位要总结经验，建立质量宣传长效机制。' } }));
  assert.equal(b.blocks[b.blocks.length - 1].text, '各单位要总结经验，建立质量宣传长效机制。');
  fails(await office.post(`/api/v1/programmes/${pid}/documents/bulletin/issue`, { number: '深质强办〔2015〕30号', issued_on: '2015-10-32' }), 400, 'bad_date', 'issued_on');
  b = ok(await office.post(`/api/v1/programmes/${pid}/documents/bulletin/issue`, { number: '深质强办〔2015〕30号', issued_on: '2015-10-20' }), 201);
  assert.equal(b.issued, true);
  assert.equal(b.number, '深质强办〔2015〕30号');
  assert.match(b.sha256, /^[0-9a-f]{64}$/);
  fails(await office.post(`/api/v1/programmes/${pid}/documents/bulletin/issue`, { number: '深质强办〔2015〕31号', issued_on: '2015-10-21' }), 409, 'already_issued');
  fails(await office.request('PUT', `/api/v1/programmes/${pid}/documents/bulletin`, { body: { closing: '改' } }), 409, 'already_issued');
  // the issued text stays as issued when reports change later
  assert.deepEqual(ok(await office.get(`/api/v1/programmes/${pid}/documents/bulletin`)).blocks, b.blocks);
  const v = ok(await office.get(`/api/v1/programmes/${pid}/documents/volume`));
  assert.equal(v.title, '2015年深圳市“质量月”活动宣传报道资料汇编');
  assert.equal(v.blocks[0].text, '一、宣传报道');
});

test('the issued bulletin downloads as a GB/T 9704 PDF and a .docx that an independent reader opens', async () => {
  const get = async (format) => {
    const res = await fetch(`${srv.url}/api/v1/programmes/${pid}/documents/bulletin/file?format=${format}`, { headers: { cookie: office.cookie } });
    assert.equal(res.status, 200);
    const file = join(mkdtempSync(join(tmpdir(), 'pxdoc-')), `bulletin.${format}`);
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    return { file, type: res.headers.get('content-type') };
  };
  fails(await office.get(`/api/v1/programmes/${pid}/documents/bulletin/file?format=odt`), 400, 'unknown_format', 'format');
  const docx = await get('docx');
  assert.match(docx.type, /wordprocessingml/);
  // python-docx (Debian's python3-docx) reads every paragraph and table cell back
  const py = spawnSync('/usr/bin/python3', ['-c', `import docx, json, sys
d = docx.Document(sys.argv[1])
cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
print(json.dumps({"paras": [p.text for p in d.paragraphs], "cells": cells, "width": d.sections[0].page_width.mm}))`, docx.file], { encoding: 'utf8' });
  assert.equal(py.status, 0, py.stderr);
  const read = JSON.parse(py.stdout);
  for (const unit of ['（一）市发展改革委', '（十八）福田区', '（十九）罗湖区', '（二十六）大鹏新区', '五、迟报、未报送单位'])
    assert.ok(read.paras.some((x) => x.includes(unit)), unit);
  assert.ok(read.paras.some((x) => x.includes('深质强办〔2015〕30号')));
  assert.ok(read.cells.includes('市发展改革委、福田区、大鹏新区'), 'the late and missing table');
  assert.equal(Math.round(read.width), 210);
  const pdf = await get('pdf');
  assert.equal(pdf.type, 'application/pdf');
  const info = spawnSync('pdfinfo', [pdf.file], { encoding: 'utf8' });
  assert.match(info.stdout, /Page size:\s+595\.\d* x 841\.\d* pts \(A4\)/);
  assert.ok(Number(/Pages:\s+(\d+)/.exec(info.stdout)[1]) >= 2);
  const fonts = spawnSync('pdffonts', [pdf.file], { encoding: 'utf8' });
  assert.match(fonts.stdout, /Noto\S*CJK\S*.* yes yes /, 'the CJK fonts are embedded');
  assert.equal((await (await signedIn(srv.url, 'gzoffice')).get(`/api/v1/programmes/${pid}/documents/bulletin/file`)).status, 404);
});

test('units given an account later join the requests already opened', async () => {
  const more = await unitAccounts(srv, office, [['yantian', '盐田区']]);
  const r = ok(await office.post(`/api/v1/programmes/${pid}/campaign/requests`, {}), 201);
  assert.deepEqual(r.requests.map((x) => x.units_added), [1, 1, 1]);
  assert.equal(r.units_without_account.length, 21);
  assert.deepEqual(ok(await office.post(`/api/v1/programmes/${pid}/campaign/requests`, {}), 201).requests.map((x) => x.units_added), [0, 0, 0]);
  const st = ok(await office.get(`/api/v1/report-requests/${req.summary}/status`));
  assert.equal(st.totals.expected, 5);
  assert.equal(st.units.find((x) => x.unit === more.yantian.id).missing, true);
  assert.equal(ok(await more.yantian.client.get('/api/v1/reporting/mine')).requests.length, 3);
});
