// t1320-reporting-request: the reporting engine on its own, as the provincial
// programme's local summaries (due 30 November) will use it: the Qingyuan
// office asks its member unit for a summary with a form of its own, the form
// and the units are checked, the unit drafts and submits, the leadership
// reads the status table; nobody else reaches it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, ok, fails } from './lib/server.mjs';
import { setClock } from './lib/award.mjs';
import { accountId } from './lib/fixture.mjs';

let srv, office, member, id;
const form = { fields: [{ key: 'summary', type: 'textarea', label: '工作总结', required: true, max: 4000 },
  { key: 'measures', type: 'int', label: '出台措施（项）' }] };

before(async () => {
  srv = await startServer({ args: ['--rehearsal'] });
  office = await signedIn(srv.url, 'office');
  member = await signedIn(srv.url, 'member');
  await setClock(office, '2025-11-24');
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

test('the office opens a request; its form and units are checked', async () => {
  const m = accountId(srv.db, 'member');
  const base = { code: 'summary', title: '2025年质量工作总结', due_on: '2025-11-30', units: [m], form };
  fails(await office.post('/api/v1/report-requests', { ...base, form: { fields: [{ key: 'a', type: 'colour' }] } }), 400, 'bad_form');
  fails(await office.post('/api/v1/report-requests', { ...base, units: [accountId(srv.db, 'qingcheng')] }), 400, 'unknown_unit', 'units');
  fails(await office.post('/api/v1/report-requests', { ...base, units: [m, m] }), 400, 'duplicate_unit', 'units');
  fails(await office.post('/api/v1/report-requests', { ...base, due_on: '2025-11-31' }), 400, 'bad_date', 'due_on');
  fails(await member.post('/api/v1/report-requests', base), 403, 'forbidden_role');
  const r = ok(await office.post('/api/v1/report-requests', base), 201);
  id = r.id;
  // 2025-11-24 (Mon) .. 11-30 (Sun): five working days
  assert.deepEqual(r.deadline, { due_on: '2025-11-30', today: '2025-11-24', workdays_left: 5, workdays_overdue: 0, overdue: false });
});

test('the unit drafts and submits; the leadership reads the status; others meet nothing', async () => {
  fails(await member.request('PUT', `/api/v1/report-requests/${id}/draft`, { body: { content: { measures: -1 } } }), 400, 'invalid_content', 'measures');
  fails(await member.post(`/api/v1/report-requests/${id}/submission`, { content: { measures: 6 } }), 400, 'missing_field', 'summary');
  assert.equal(ok(await member.request('PUT', `/api/v1/report-requests/${id}/draft`, { body: { content: { summary: '初稿' } } })).version, 1);
  assert.equal(ok(await member.request('PUT', `/api/v1/report-requests/${id}/draft`, { body: { content: { summary: '第二稿' } } })).version, 1);
  const r = ok(await member.post(`/api/v1/report-requests/${id}/submission`, { content: { summary: '全年推进质量强市工作……', measures: 6 } }), 201);
  assert.deepEqual(r, { state: 'submitted', version: 1, nil: false, late: false });
  const leader = await signedIn(srv.url, 'leader');
  const st = ok(await leader.get(`/api/v1/report-requests/${id}/status`));
  assert.deepEqual(st.totals, { expected: 1, submitted: 1, on_time: 1, late: 0, nil: 0, returned: 0, missing: 0 });
  fails(await leader.post(`/api/v1/report-requests/${id}/reminders`, {}), 403, 'forbidden_role');
  const county = await signedIn(srv.url, 'qingcheng');
  fails(await county.get(`/api/v1/report-requests/${id}/status`), 403, 'forbidden_role');
  const gz = await signedIn(srv.url, 'gzoffice');
  fails(await gz.get(`/api/v1/report-requests/${id}`), 404, 'not_found');
  fails(await gz.post(`/api/v1/report-requests/${id}/return`, { unit: accountId(srv.db, 'member'), reason: '退回' }), 404, 'not_found');
  const v = ok(await office.get(`/api/v1/report-requests/${id}/versions?unit=${accountId(srv.db, 'member')}`));
  assert.deepEqual(v.versions.map((x) => [x.version, x.state, x.content.summary]), [[1, 'submitted', '全年推进质量强市工作……']]);
});
