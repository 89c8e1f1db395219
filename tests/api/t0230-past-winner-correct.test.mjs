// t0230-past-winner-correct: a past-winner record entered with a wrong year,
// track or identifier is corrected in place by the office that keeps it
// (PUT /api/v1/past-winners/{id}), audited with the old and the new values,
// and the win ban counts the corrected record from then on. Another region's
// office meets the record as if it did not exist (404); a removed record can
// no longer be corrected.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn } from './lib/server.mjs';
import { sql } from './lib/fixture.mjs';
import { residentId } from './lib/ident.mjs';
import { startAwardServer, openProgramme, registerOrg, prepared } from './lib/award.mjs';

let srv, office, gz, qingcheng, pid, org, wid;

before(async () => {
  srv = await startAwardServer();
  office = await signedIn(srv.url, 'office');
  gz = await signedIn(srv.url, 'gzoffice');
  qingcheng = await signedIn(srv.url, 'qingcheng');
  pid = await openProgramme(office, '2025-09-22');
  org = await registerOrg(qingcheng, { founded_on: '2005-01-01' });
  const r = await office.post('/api/v1/past-winners', { family: 'qingyuan-quality-award', year: 2024, uscc: org.uscc,
    track: 'organisation', source: '清府函〔2024〕100号' });
  assert.equal(r.status, 201, r.text);
  wid = r.json.id;
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

const body = (o) => ({ family: 'qingyuan-quality-award', year: 2021, uscc: org.uscc, track: 'organisation',
  source: '清府函〔2021〕66号', reason: '年份录入错误', ...o });

async function submitFails() {
  const aid = await prepared(qingcheng, pid, { organisation: org.id });
  const r = await qingcheng.post(`/api/v1/applications/${aid}/submit`, {});
  return [aid, r];
}

test('the 2024 record bars the organisation; the corrected year 2021 lets it submit', async () => {
  const [aid, r] = await submitFails();
  assert.equal(r.status, 409, r.text);
  assert.deepEqual([r.json.error.code, r.json.error.field], ['ineligible', 'win_ban']);

  let c = await office.request('PUT', `/api/v1/past-winners/${wid}`, { body: body() });
  assert.equal(c.status, 200, c.text);
  assert.deepEqual(c.json, { id: wid, family: 'qingyuan-quality-award', year: 2021, corrected: true });
  c = await office.get('/api/v1/past-winners');
  const w = c.json.past_winners.find((x) => x.id === wid);
  assert.deepEqual([w.year, w.source], [2021, '清府函〔2021〕66号']);

  const s = await qingcheng.post(`/api/v1/applications/${aid}/submit`, {});
  assert.equal(s.status, 200, s.text);
  assert.equal(s.json.state, 'submitted');
});

test('the correction is audited with the old and the new values and the reason', async () => {
  const row = sql(srv.db, "SELECT payload FROM audit WHERE action = 'past_winner.correct' ORDER BY seq");
  const p = JSON.parse(row);
  assert.deepEqual(p.old, { family: 'qingyuan-quality-award', year: 2024, uscc: org.uscc, id_masked: null,
    track: 'organisation', source: '清府函〔2024〕100号' });
  assert.deepEqual(p.new, { family: 'qingyuan-quality-award', year: 2021, uscc: org.uscc, id_masked: null,
    track: 'organisation', source: '清府函〔2021〕66号' });
  assert.equal(p.reason, '年份录入错误');
});

test('a record turned into a person keeps only the masked ID number in the audit', async () => {
  const id = residentId('441802', '1980-05-12', 31);
  const r = await office.request('PUT', `/api/v1/past-winners/${wid}`, { body: body({ uscc: undefined, id_number: id,
    track: 'individual', year: 2020 }) });
  assert.equal(r.status, 200, r.text);
  const payloads = sql(srv.db, "SELECT payload FROM audit WHERE action = 'past_winner.correct' ORDER BY seq").split('\n');
  const p = JSON.parse(payloads[payloads.length - 1]);
  assert.equal(p.new.id_masked, id.slice(0, 6) + '********' + id.slice(14));
  assert.equal(p.new.uscc, null);
  assert.equal(p.old.uscc, org.uscc);
  assert.ok(!payloads.join('').includes(id), 'the ID number is never audited in clear');
  const l = await office.get('/api/v1/past-winners');
  assert.equal(l.json.past_winners.find((x) => x.id === wid).id_masked, p.new.id_masked);
  // back to the organisation for the tests below
  assert.equal((await office.request('PUT', `/api/v1/past-winners/${wid}`, { body: body() })).status, 200);
});

test('a correction is checked as a new record is', async () => {
  let r = await office.request('PUT', `/api/v1/past-winners/${wid}`, { body: body({ year: 1970 }) });
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'out_of_range', 'year']);
  r = await office.request('PUT', `/api/v1/past-winners/${wid}`, { body: body({ id_number: '123' }) });
  assert.deepEqual([r.status, r.json.error.code], [400, 'missing_field']);
  r = await office.request('PUT', `/api/v1/past-winners/${wid}`, { body: body({ reason: undefined }) });
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'missing_field', 'reason']);
  r = await qingcheng.request('PUT', `/api/v1/past-winners/${wid}`, { body: body() });
  assert.equal(r.status, 403, 'a county does not keep the register');
});

test('another region\'s office meets the record as absent; a removed record is gone', async () => {
  let r = await gz.request('PUT', `/api/v1/past-winners/${wid}`, { body: body({ year: 2024 }) });
  assert.equal(r.status, 404, r.text);
  assert.equal(sql(srv.db, `SELECT year FROM past_winner WHERE id = ${wid}`), '2021');
  r = await office.post(`/api/v1/past-winners/${wid}/remove`, { reason: '重复录入' });
  assert.equal(r.status, 200, r.text);
  r = await office.request('PUT', `/api/v1/past-winners/${wid}`, { body: body() });
  assert.equal(r.status, 404, r.text);
  r = await office.request('PUT', '/api/v1/past-winners/999999', { body: body() });
  assert.equal(r.status, 404, r.text);
});
