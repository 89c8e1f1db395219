// t0630-stage-windows: a stage's closing date closes it. The application
// stage of the Qingyuan 2025 award closes on 2025-10-20 (清强市办〔2025〕20号);
// a submission the day after is refused with the date, until the office of
// the programme extends the window, with a reason, audited and shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn } from './lib/server.mjs';
import { startAwardServer, openProgramme, registerOrg, prepared, setClock } from './lib/award.mjs';

let srv, office, applicant, applicant2, qingcheng, gz, pid, aid, aid2;

before(async () => {
  srv = await startAwardServer();
  office = await signedIn(srv.url, 'office');
  applicant = await signedIn(srv.url, 'applicant');
  applicant2 = await signedIn(srv.url, 'applicant2');
  qingcheng = await signedIn(srv.url, 'qingcheng');
  gz = await signedIn(srv.url, 'gzoffice');
  pid = await openProgramme(office, '2025-09-22');
  const org = await registerOrg(applicant);
  aid = await prepared(applicant, pid, { organisation: org.id });
  aid2 = await prepared(applicant2, pid, { organisation: (await registerOrg(applicant2)).id });
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

const extend = (c, body) => c.post(`/api/v1/programmes/${pid}/stages/application/extension`, body);

test('the programme shows each stage with its close and no extension', async () => {
  const r = await office.get(`/api/v1/programmes/${pid}`);
  assert.equal(r.status, 200, r.text);
  const st = r.json.stages.find((s) => s.code === 'application');
  assert.equal(st.closes, '2025-10-20');
  assert.equal(st.extended_to, null);
  assert.equal(st.extension_reason, null);
});

test('a submission the day after the close is refused with the date', async () => {
  await setClock(office, '2025-10-21');
  const r = await applicant.post(`/api/v1/applications/${aid}/submit`, {});
  assert.equal(r.status, 409, r.text);
  assert.deepEqual(r.json.error, { code: 'stage_closed', field: 'stage',
    message: "stage 'application' closed on 2025-10-20" });
  const a = await applicant.get(`/api/v1/applications/${aid}`);
  assert.equal(a.json.state, 'draft');
});

test('only the office of the programme extends a window, with a reason, to a later date', async () => {
  let r = await extend(qingcheng, { until: '2025-10-24', reason: '系统维护' });
  assert.equal(r.status, 403, r.text);
  r = await extend(gz, { until: '2025-10-24', reason: '系统维护' });
  assert.equal(r.status, 404, r.text);
  r = await extend(office, { until: '2025-10-24' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.code, 'missing_field');
  assert.equal(r.json.error.field, 'reason');
  r = await extend(office, { until: '2025-10-20', reason: '系统维护' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.code, 'extension_not_later');
  assert.equal(r.json.error.field, 'until');
  r = await office.post(`/api/v1/programmes/${pid}/stages/nosuch/extension`, { until: '2025-10-24', reason: '系统维护' });
  assert.equal(r.status, 404, r.text);
  assert.equal(r.json.error.code, 'unknown_stage');
});

test('an extended window accepts the submission and is shown', async () => {
  let r = await extend(office, { until: '2025-10-24', reason: '申报系统维护停机两天，顺延申报截止日期' });
  assert.equal(r.status, 200, r.text);
  const st = r.json.stages.find((s) => s.code === 'application');
  assert.equal(st.closes, '2025-10-20');
  assert.equal(st.extended_to, '2025-10-24');
  assert.equal(st.extension_reason, '申报系统维护停机两天，顺延申报截止日期');
  r = await applicant.post(`/api/v1/applications/${aid}/submit`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'submitted');
});

test('past the extension the window is closed again, naming the extended date', async () => {
  await setClock(office, '2025-10-25');
  const r = await applicant2.post(`/api/v1/applications/${aid2}/submit`, {});
  assert.equal(r.status, 409, r.text);
  assert.deepEqual(r.json.error, { code: 'stage_closed', field: 'stage',
    message: "stage 'application' closed on 2025-10-24 (extended)" });
});
