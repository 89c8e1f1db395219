// t0500-apply: applying for the Qingyuan 2025 government quality award
// (清强市办〔2025〕20号, step 1 申报). Organisations and individuals register with checked
// identifiers, fill in the form of the template, run their internal public
// notice for 5 working days, attest that they have no record, upload evidence
// PDFs and submit; eligibility is judged by the template's rules, by the
// closing date of the application stage (2025-10-20).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { signedIn, Client, rawRequest } from './lib/server.mjs';
import { orgUscc, residentId } from './lib/ident.mjs';
import { startAwardServer, databaseBytes, openProgramme, registerOrg, MANUFACTURING, INDIVIDUAL, pdf, upload, submitted } from './lib/award.mjs';

let srv, office, applicant, applicant2, qingcheng, yingde, pid;
let org, aid, personId;
const ID_NUMBER = residentId('441802', '1978-04-12', 231);
const responses = []; // every body seen, to prove the resident ID never leaves the server

function keep(r) { responses.push(r.text); return r; }

before(async () => {
  srv = await startAwardServer();
  office = await signedIn(srv.url, 'office');
  applicant = await signedIn(srv.url, 'applicant');
  applicant2 = await signedIn(srv.url, 'applicant2');
  qingcheng = await signedIn(srv.url, 'qingcheng');
  yingde = await signedIn(srv.url, 'yingde');
  pid = await openProgramme(office, '2025-09-22');
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

test('an organisation registers with a checked USCC, industry and county', async () => {
  let r = await applicant.post('/api/v1/organisations', { uscc: '91441802000000011A', name: '清远某制造有限公司',
    industry: 'C', region: '441802', founded_on: '2012-06-01' });
  assert.equal(r.status, 400);
  assert.deepEqual(r.json.error, { code: 'invalid_uscc', message: "check character should be 'M'", field: 'uscc' });
  r = await applicant.post('/api/v1/organisations', { uscc: orgUscc('441802', 1), name: 'x', industry: 'Z',
    region: '441802', founded_on: '2012-06-01' });
  assert.equal(r.json.error.code, 'invalid_industry');
  assert.equal(r.json.error.field, 'industry');
  r = await applicant.post('/api/v1/organisations', { uscc: orgUscc('441802', 1), name: 'x', industry: 'C',
    region: '441800', founded_on: '2012-06-01' });
  assert.equal(r.json.error.code, 'region_not_county', 'a city is not a county: a county bureau checks every applicant');
  r = await applicant.post('/api/v1/organisations', { uscc: orgUscc('441802', 1), name: 'x', industry: 'C',
    region: '440000', founded_on: '2012-06-01' });
  assert.equal(r.json.error.code, 'region_not_county', 'nor is a province');
  r = await applicant.post('/api/v1/organisations', { uscc: orgUscc('441802', 1), name: 'x', industry: 'C',
    region: '441899', founded_on: '2012-06-01' });
  assert.equal(r.json.error.code, 'unknown_region');
  r = await applicant.post('/api/v1/organisations', { uscc: orgUscc('441802', 1), name: 'x', industry: 'C',
    region: '441802', founded_on: '2025-09-23' });
  assert.equal(r.json.error.code, 'date_in_future');

  r = await applicant.post('/api/v1/organisations', { uscc: orgUscc('441802', 1), name: '清远某制造有限公司',
    industry: 'C', region: '441802', founded_on: '2012-06-01' });
  assert.equal(r.status, 202, r.text);
  assert.deepEqual(r.json, { registration: 'received', kind: 'organisation' });
  r = await applicant.get('/api/v1/applicants/mine');
  assert.equal(r.json.person, null);
  org = r.json.organisation;
  assert.deepEqual(org, { id: org.id, uscc: '91441802000000011M', name: '清远某制造有限公司', industry: 'C',
    industry_name: '制造业', region: '441802', founded_on: '2012-06-01', bound: true });

  // one applicant identity per account; one registration per USCC
  r = await applicant.post('/api/v1/organisations', { uscc: orgUscc('441802', 2), name: '另一家', industry: 'C',
    region: '441802', founded_on: '2012-06-01' });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'account_has_applicant');
  r = await office.post('/api/v1/organisations', { uscc: orgUscc('441802', 1), name: '冒名', industry: 'C',
    region: '441802', founded_on: '2012-06-01' });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'organisation_exists');

  // the county registers applicants of its county only
  r = await yingde.post('/api/v1/organisations', { uscc: orgUscc('441802', 3), name: '越界', industry: 'C',
    region: '441802', founded_on: '2012-06-01' });
  assert.equal(r.status, 403);
  // who sees it: its account and the staff of its region
  assert.equal((await applicant.get(`/api/v1/organisations/${org.id}`)).status, 200);
  assert.equal((await applicant2.get(`/api/v1/organisations/${org.id}`)).status, 404);
  assert.equal((await yingde.get(`/api/v1/organisations/${org.id}`)).status, 404);
  assert.equal((await qingcheng.get(`/api/v1/organisations/${org.id}`)).status, 200);
});

test('a person is registered by resident ID, kept only as a keyed hash and a masked copy', async () => {
  let r = keep(await office.post('/api/v1/persons', { id_number: ID_NUMBER.slice(0, 17) + (ID_NUMBER[17] === '0' ? '1' : '0'),
    name: '李质量', employer: '清远某制造有限公司', region: '441802', quality_since: '2008-03-01' }));
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'invalid_resident_id');
  assert.equal(r.json.error.field, 'id_number');
  r = keep(await office.post('/api/v1/persons', { id_number: ID_NUMBER, name: '李质量', employer: '清远某制造有限公司',
    region: '441802', quality_since: '2008-03-01', mobile: '1391234567' }));
  assert.equal(r.json.error.code, 'invalid_mobile');
  assert.equal(r.json.error.field, 'mobile');
  r = keep(await office.post('/api/v1/persons', { id_number: ID_NUMBER, name: '李质量', employer: '清远某制造有限公司',
    region: '441802', quality_since: '1970-01-01' }));
  assert.equal(r.json.error.code, 'before_birth');

  r = keep(await office.post('/api/v1/persons', { id_number: ID_NUMBER, name: '李质量', employer: '清远某制造有限公司',
    region: '441802', quality_since: '2008-03-01', mobile: '13912345678' }));
  assert.equal(r.status, 201, r.text);
  personId = r.json.id;
  assert.deepEqual(r.json, { id: personId, id_masked: '441802********' + ID_NUMBER.slice(14),
    name: '李质量', employer: '清远某制造有限公司', region: '441802', quality_since: '2008-03-01',
    mobile_masked: '139****5678', bound: false });
  r = keep(await office.post('/api/v1/persons', { id_number: ID_NUMBER.toLowerCase(), name: '重复', employer: 'x',
    region: '441802', quality_since: '2008-03-01' }));
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'person_exists');
  r = keep(await qingcheng.get(`/api/v1/persons/${personId}`));
  assert.equal(r.json.id_masked, ID_NUMBER.slice(0, 6) + '********' + ID_NUMBER.slice(14));
  assert.equal((await yingde.get(`/api/v1/persons/${personId}`)).status, 404);
});

test('a draft takes a form of its track and an applicant of the track\'s kind', async () => {
  let r = await applicant.post(`/api/v1/programmes/${pid}/applications`, { track: 'organisation', form: 'individual', organisation: org.id });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'form_not_in_track');
  r = await applicant.post(`/api/v1/programmes/${pid}/applications`, { track: 'organisation', form: 'manufacturing', person: personId });
  assert.equal(r.json.error.code, 'wrong_applicant_kind');
  r = await applicant.post(`/api/v1/programmes/${pid}/applications`, { track: 'bronze', form: 'manufacturing', organisation: org.id });
  assert.equal(r.json.error.code, 'unknown_track');
  // nobody applies with an organisation that is not theirs
  r = await applicant2.post(`/api/v1/programmes/${pid}/applications`, { track: 'organisation', form: 'manufacturing', organisation: org.id });
  assert.equal(r.status, 404);

  r = await applicant.post(`/api/v1/programmes/${pid}/applications`, { track: 'organisation', form: 'manufacturing', organisation: org.id });
  assert.equal(r.status, 201, r.text);
  aid = r.json.id;
  assert.equal(r.json.state, 'draft');
  assert.equal(r.json.region, '441802');
  r = await applicant.post(`/api/v1/programmes/${pid}/applications`, { track: 'organisation', form: 'service', organisation: org.id });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'application_exists');
});

test('the form is checked field by field against the template', async () => {
  const put = (body) => applicant.request('PUT', `/api/v1/applications/${aid}/form`, { body });
  const cases = [
    [{ bogus: 1 }, 'unknown_field', 'bogus'],
    [{ employees: '120' }, 'wrong_type', 'employees'],
    [{ employees: 0 }, 'out_of_range', 'employees'],
    [{ sampling_pass_rate: 100.5 }, 'out_of_range', 'sampling_pass_rate'],
    [{ sampling_pass_rate: 99.555 }, 'too_precise', 'sampling_pass_rate'],
    [{ main_products: 'x'.repeat(201) }, 'too_long', 'main_products'],
    [{ contact: '张\n三' }, 'invalid_text', 'contact'],
    [{ contact_mobile: '1380013800' }, 'invalid_mobile', 'contact_mobile'],
    [{ self_score: 1001 }, 'out_of_range', 'self_score'],
  ];
  for (const [body, code, field] of cases) {
    const r = await put(body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.json.error.code, code, JSON.stringify(body));
    assert.equal(r.json.error.field, field);
  }
  // a partial form is a draft's right; a complete one shows the mobile masked
  let r = await put({ main_products: '高压电缆' });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.fields, { main_products: '高压电缆' });
  r = await put(MANUFACTURING);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.fields.contact_mobile, '138****8000');
  assert.equal(r.json.fields.sampling_pass_rate, 99.5);
  assert.ok(!r.text.includes('13800138000'));
  // another applicant cannot touch it, nor see it
  r = await applicant2.request('PUT', `/api/v1/applications/${aid}/form`, { body: MANUFACTURING });
  assert.equal(r.status, 404);
});

test('evidence PDFs stream to disk, are kept by SHA-256 and come back byte for byte', async () => {
  let r = await upload(applicant, aid, [['scan.jpg', Buffer.from('\xff\xd8\xff\xe0 not a pdf')]]);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'not_pdf');
  // 20 MiB per file
  r = await upload(applicant, aid, [['big.pdf', pdf(20 * 1024 * 1024 + 1)]]);
  assert.equal(r.status, 413);
  assert.equal(r.json.error.code, 'file_too_large');
  assert.match(r.json.error.message, /20971520 bytes/);

  const bytes = pdf(300 * 1024, 0x42);
  const sha = createHash('sha256').update(bytes).digest('hex');
  r = await upload(applicant, aid, [['../../etc/营业执照 副本.pdf', bytes], ['质量管理体系证书.pdf', pdf(1000, 0x43)]]);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.documents.length, 2);
  const doc = r.json.documents[0];
  assert.deepEqual(doc, { id: doc.id, purpose: 'evidence', sha256: sha, name: '营业执照 副本.pdf', size: bytes.length });
  // stored outside any web root, by hash, and no temporary file left behind
  const files = srv.files;
  assert.ok(existsSync(`${files}/${sha.slice(0, 2)}/${sha}`));
  assert.deepEqual(readdirSync(`${files}/tmp`), []);

  r = await fetch(`${srv.url}/api/v1/documents/${doc.id}`, { headers: { cookie: applicant.cookie } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(r.headers.get('content-disposition'),
    "attachment; filename=\"____________ ______.pdf\"; filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%20%E5%89%AF%E6%9C%AC.pdf");
  const back = Buffer.from(await r.arrayBuffer());
  assert.equal(createHash('sha256').update(back).digest('hex'), sha);
  // the county of the region may read it; another applicant and another county may not
  assert.equal((await qingcheng.get(`/api/v1/documents/${doc.id}`)).status, 200);
  assert.equal((await applicant2.get(`/api/v1/documents/${doc.id}`)).status, 404);
  assert.equal((await yingde.get(`/api/v1/documents/${doc.id}`)).status, 404);
  assert.equal((await new Client(srv.url).get(`/api/v1/documents/${doc.id}`)).status, 401);
});

// A raw request with a declared body that is never sent: only an answer given
// before reading the body can arrive.
const headersOnly = (lines) => rawRequest(srv.url, lines.join('\r\n') + '\r\n\r\n', 1500);

test('an upload is authorised before a byte of its body is accepted', async () => {
  const base = [`POST /api/v1/applications/${aid}/documents HTTP/1.1`, 'Host: x',
    'Content-Type: multipart/form-data; boundary=XyZ', 'Content-Length: 5000000', `Cookie: ${applicant.cookie}`];
  let out = await headersOnly(base);
  assert.match(out, /^HTTP\/1\.1 403/);
  assert.match(out, /"csrf_failed"/);
  out = await headersOnly([...base, `X-CSRF-Token: ${applicant.csrf}`, 'Content-Length: 900000000'].filter((l) => l !== 'Content-Length: 5000000'));
  assert.match(out, /^HTTP\/1\.1 413/);
  out = await headersOnly([`POST /api/v1/applications/${aid}/documents HTTP/1.1`, 'Host: x',
    'Content-Type: multipart/form-data; boundary=XyZ', 'Content-Length: 5000000', `Cookie: ${applicant2.cookie}`,
    `X-CSRF-Token: ${applicant2.csrf}`]);
  assert.match(out, /^HTTP\/1\.1 404/, 'another applicant\'s application does not exist for it');
  out = await headersOnly([`POST /api/v1/applications/${aid}/documents HTTP/1.1`, 'Host: x',
    'Content-Type: application/json', 'Content-Length: 5000000', `Cookie: ${applicant.cookie}`,
    `X-CSRF-Token: ${applicant.csrf}`]);
  assert.match(out, /^HTTP\/1\.1 415/);
});

test('submission needs the whole form, evidence, the internal notice and the attestation', async () => {
  // a fresh draft of a person, on the office's behalf (a paper application)
  let r = await office.post(`/api/v1/programmes/${pid}/applications`, { track: 'individual', form: 'individual', person: personId });
  assert.equal(r.status, 201, r.text);
  const pa = r.json.id;
  const submit = () => office.post(`/api/v1/applications/${pa}/submit`, {});
  r = await submit();
  assert.equal(r.status, 409);
  assert.deepEqual(r.json.error, { code: 'form_incomplete', message: "required field 'position' is empty", field: 'position' });
  r = keep(await office.request('PUT', `/api/v1/applications/${pa}/form`, { body: INDIVIDUAL }));
  assert.equal(r.json.fields.mobile, '139****5678');
  r = await submit();
  assert.equal(r.json.error.code, 'evidence_missing');
  r = await upload(office, pa, [['推荐表.pdf', pdf(3000)]]);
  assert.equal(r.status, 201);
  r = await submit();
  assert.equal(r.json.error.code, 'internal_notice_missing');

  // the internal notice: at least 5 working days, and over before it is recorded
  r = await office.post(`/api/v1/applications/${pa}/internal-notice`, { from: '2025-09-15', to: '2025-09-18' });
  assert.equal(r.status, 400);
  assert.deepEqual(r.json.error, { code: 'notice_too_short', field: 'to',
    message: 'the internal notice from 2025-09-15 to 2025-09-18 ran 4 working days; at least 5 are required' });
  r = await office.post(`/api/v1/applications/${pa}/internal-notice`, { from: '2025-09-16', to: '2025-09-22' });
  assert.equal(r.json.error.code, 'notice_not_ended');
  r = await office.post(`/api/v1/applications/${pa}/internal-notice`, { from: '2025-09-12', to: '2025-09-19', note: '单位公告栏' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.internal_notice, { from: '2025-09-12', to: '2025-09-19', workdays: 6, note: '单位公告栏' });
  r = await submit();
  assert.equal(r.json.error.code, 'attestation_missing');
  r = await office.post(`/api/v1/applications/${pa}/attest`, { no_record: true });
  assert.equal(r.json.attested_no_record, true);

  r = keep(await submit());
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'submitted');
  assert.deepEqual(r.json.eligibility.map((e) => [e.rule, e.result]),
    [['no_record', 'attested'], ['quality_work_years', 'pass'], ['win_ban', 'pass']]);
  const years = r.json.eligibility.find((e) => e.rule === 'quality_work_years');
  assert.equal(years.reason, '自2008-03-01，至2025-10-20已满5年 (quality work since 2008-03-01: 5 years by 2025-10-20)');
  // a submitted application is no longer the applicant's to change
  r = await office.request('PUT', `/api/v1/applications/${pa}/form`, { body: INDIVIDUAL });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'wrong_state');
});

test('an organisation founded on 2023-01-01 has not operated three years by 2025-10-20', async () => {
  const young = await registerOrg(applicant2, { region: '441881', founded_on: '2023-01-01', industry: 'H' });
  let r = await applicant2.post(`/api/v1/programmes/${pid}/applications`, { track: 'organisation', form: 'service', organisation: young.id });
  assert.equal(r.status, 201, r.text);
  const ya = r.json.id;
  await applicant2.request('PUT', `/api/v1/applications/${ya}/form`, { body: {
    services: '酒店服务', customer_satisfaction: 96, contact: '王经理', contact_mobile: '13700137000', employees: 50,
    revenue_10k: 800, quality_system: '服务认证', introduction: '简介', practice: '做法', self_score: 700 } });
  await applicant2.post(`/api/v1/applications/${ya}/internal-notice`, { from: '2025-09-08', to: '2025-09-12' });
  await applicant2.post(`/api/v1/applications/${ya}/attest`, { no_record: true });
  await upload(applicant2, ya, [['申报表.pdf', pdf()]]);
  r = await applicant2.post(`/api/v1/applications/${ya}/submit`, {});
  assert.equal(r.status, 409);
  assert.deepEqual(r.json.error, { code: 'ineligible', field: 'operating_years',
    message: "rule 'operating_years' is not met: founded 2023-01-01: less than 3 years by 2025-10-20; 3 years on 2026-01-01" });
  r = await applicant2.get(`/api/v1/applications/${ya}`);
  assert.equal(r.json.state, 'draft');
  const rule = r.json.eligibility.find((e) => e.rule === 'operating_years');
  assert.equal(rule.result, 'fail');
  assert.equal(rule.reason, '成立于2023-01-01，至2025-10-20不满3年（2026-01-01方满） (founded 2023-01-01: less than 3 years by 2025-10-20; 3 years on 2026-01-01)');
});

test('a winner of 2024 is barred for two cycles; a winner of 2022 may apply in 2025', async () => {
  const won2024 = await registerOrg(qingcheng, { founded_on: '2005-01-01' });
  const won2022 = await registerOrg(qingcheng, { founded_on: '2005-01-01' });
  let r = await qingcheng.post('/api/v1/past-winners', { family: 'qingyuan-quality-award', year: 2024, uscc: won2024.uscc,
    track: 'organisation', source: '清远市人民政府通报' });
  assert.equal(r.status, 403, 'only the office records past winners');
  r = await office.post('/api/v1/past-winners', { family: 'qingyuan-quality-award', year: 2024, uscc: won2024.uscc,
    track: 'organisation', source: '清府函〔2024〕100号' });
  assert.equal(r.status, 201, r.text);
  r = await office.post('/api/v1/past-winners', { family: 'qingyuan-quality-award', year: 2022, uscc: won2022.uscc,
    track: 'organisation', source: '清府函〔2022〕88号' });
  assert.equal(r.status, 201);
  r = await office.post('/api/v1/past-winners', { family: 'qingyuan-quality-award', year: 2023, id_number: '123',
    track: 'individual', source: 'x' });
  assert.equal(r.json.error.code, 'invalid_resident_id');

  // the county applies on behalf of both (paper applications)
  let failed;
  try { await submitted(qingcheng, pid, { organisation: won2024.id }); } catch (e) { failed = e; }
  assert.ok(failed, 'the 2024 winner cannot submit');
  r = await qingcheng.get(`/api/v1/programmes/${pid}/applications?region=441802`);
  const barred = r.json.applications.find((a) => a.name === won2024.name);
  r = await qingcheng.post(`/api/v1/applications/${barred.id}/submit`, {});
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'ineligible');
  assert.equal(r.json.error.field, 'win_ban');
  assert.equal(r.json.error.message, "rule 'win_ban' is not met: won in 2024: no new application in the 2 cycles after winning, 2023 to 2024");

  const ok = await submitted(qingcheng, pid, { organisation: won2022.id });
  r = await qingcheng.get(`/api/v1/applications/${ok}`);
  assert.equal(r.json.state, 'submitted');
  assert.equal(r.json.eligibility.find((e) => e.rule === 'win_ban').reason, '2023—2024年未获本奖项 (no win of this award in 2023 to 2024)');
});

test('the applicant submits; each side sees only what is theirs', async () => {
  await applicant.post(`/api/v1/applications/${aid}/internal-notice`, { from: '2025-09-08', to: '2025-09-12' });
  await applicant.post(`/api/v1/applications/${aid}/attest`, { no_record: true });
  let r = await applicant.post(`/api/v1/applications/${aid}/submit`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'submitted');
  assert.match(r.json.submitted_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(r.json.opinions, undefined, 'the departments\' opinions are internal');
  r = await qingcheng.get(`/api/v1/applications/${aid}`);
  assert.deepEqual(r.json.opinions, []);
  assert.deepEqual(r.json.objections, { total: 0, pending: 0, verified: 0, unfounded: 0 });

  assert.equal((await applicant2.get(`/api/v1/applications/${aid}`)).status, 404);
  assert.equal((await yingde.get(`/api/v1/applications/${aid}`)).status, 404);
  const names = async (c, q = '') => (await c.get(`/api/v1/programmes/${pid}/applications${q}`)).json.applications.map((a) => a.id).sort();
  const all = await names(office);
  assert.ok(all.length >= 5);
  assert.deepEqual(await names(applicant), [aid]);
  const mine = await names(qingcheng);
  assert.ok(mine.includes(aid));
  for (const a of (await office.get(`/api/v1/programmes/${pid}/applications`)).json.applications)
    assert.equal(mine.includes(a.id), a.region === '441802');
  assert.deepEqual(await names(yingde, '?region=441802'), [], 'a county asking for another county gets nothing');
  r = await office.get(`/api/v1/programmes/${pid}/applications?state=submitted&region=441802`);
  assert.ok(r.json.applications.every((a) => a.state === 'submitted' && a.region === '441802'));
  assert.equal(r.json.applications.find((a) => a.id === aid).identifier_masked, '914418**********1M');
  r = await office.get(`/api/v1/programmes/${pid}/applications?state=bogus`);
  assert.equal(r.json.error.code, 'unknown_state');
});

test('the resident ID number never leaves the server nor rests in the database in clear', async () => {
  for (const body of responses) assert.ok(!body.includes(ID_NUMBER), body);
  const r = await office.get(`/api/v1/programmes/${pid}/applications`);
  assert.ok(!r.text.includes(ID_NUMBER));
  const bytes = databaseBytes(srv);
  assert.ok(bytes.includes(Buffer.from('李质量')), 'the check reads the data where it is');
  assert.ok(!bytes.includes(Buffer.from(ID_NUMBER)), 'not in the database');
  assert.ok(!bytes.includes(Buffer.from('13912345678')), 'nor the mobile number');
  assert.ok(!srv.log().includes(ID_NUMBER));
});
