// t0620-ranking-publication: from the on-site review to the certificates of
// the Qingyuan 2025 award (清强市办〔2025〕20号 七(六) to (九), 八). Seven organisations
// and twelve individuals come shortlisted with their material review scores
// (put in place by the stage fixture). The on-site review is drawn and
// scored; the final score weighs material 40 % and on-site 60 %; the ranking
// keeps the caps (5 organisations, 10 individuals), leaves places vacant
// below the bar of 60 and breaks ties by the declared order (on-site score
// first). The leadership group fixes the proposed list, which is publicly
// notified for 5 working days; an application disqualified by a verified
// objection is not approved; the winners get certificates that anyone can
// verify, whose PDF only the winner and the office may fetch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, signedIn, Client } from './lib/server.mjs';
import { sql, lit, addOrganisation, addPerson, addApplication, addStageResult, putStage, setState, usccFor, editConfig } from './lib/fixture.mjs';
import { createProgramme, setClock, calendarEnd, sheet, expertAccounts, applicantAccount, poolCsv } from './lib/award.mjs';

let srv, office, leader, pid, certificates, files;
const storedPath = (sha) => join(files, sha.slice(0, 2), sha);
const EXPERTS = 12;
const login = (i) => `r${String(i).padStart(2, '0')}`;
// [material, on-site] scores on 0..100 (final = 0.4 m + 0.6 o)
const ORGS = [[90, 90], [85, 85], [80, 70], [65, 80], [59, 60], [50, 55], [40, 50]];
const PEOPLE = [...Array.from({ length: 11 }, (_, i) => [95 - 2 * i, 95 - 2 * i]), [55, 55]];
const O = [], I = [], onsite = {};

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxtest-'));
  files = join(dir, 'files'); // where certificates' PDFs are kept, by SHA-256

  srv = await startServer({ dir, args: ['--rehearsal', '--files-dir', files] });
  office = await signedIn(srv.url, 'office');
  leader = await signedIn(srv.url, 'leader');
  pid = await createProgramme(office);
  await expertAccounts(office, Array.from({ length: EXPERTS }, (_, i) => login(i + 1)));
  const db = srv.db;
  ORGS.forEach(([m, o], i) => {
    const id = addOrganisation(db, { uscc: usccFor('441802', 100 + i), name: `清远第${i + 1}质量示范企业有限公司`,
      region: '441802', owner: ['applicant', 'applicant2'][i] });
    O.push(addApplication(db, { programme: pid, organisation: id, region: '441802', state: 'shortlisted' }));
    addStageResult(db, O[i], 'material', m * 100);
    onsite[O[i]] = o * 10; // points on the 1000-point rubric
  });
  PEOPLE.forEach(([m, o], i) => {
    const id = addPerson(db, { name: `质量工作者${i + 1}`, employer: `清远第${i + 1}质量工作单位`, region: '441803' });
    I.push(addApplication(db, { programme: pid, person: id, region: '441803', state: 'shortlisted' }));
    addStageResult(db, I[i], 'material', m * 100);
    onsite[I[i]] = o; // points on the 100-point rubric
  });
  putStage(db, pid, 'onsite');
  await setClock(office, '2025-11-26');
  const rows = Array.from({ length: EXPERTS }, (_, i) => [`R${String(i + 1).padStart(2, '0')}`, `现场评审员${i + 1}`,
    `评审机构${i + 1}`, '441800', 'C', '', login(i + 1)]);
  assert.equal((await office.post('/api/v1/experts/import', { csv: poolCsv(rows) })).status, 201);
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

test('the on-site review is drawn among the shortlisted applications', async () => {
  let r = await office.post(`/api/v1/programmes/${pid}/draws`, { stage: 'onsite' });
  assert.equal(r.status, 201, r.text);
  r = await office.post(`/api/v1/draws/${r.json.id}/run`, { seed: r.json.seed });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.input.applications.length, ORGS.length + PEOPLE.length);
  assert.deepEqual([r.json.input.panel, r.json.input.max_load], [3, 6]);
  assert.ok(Object.values(r.json.result.loads).every((n) => n <= 6));
});

test('on-site scores go through the review endpoint; the stage closes with their results', async () => {
  let r = await office.get(`/api/v1/programmes/${pid}/ranking`);
  assert.deepEqual([r.status, r.json.error.code], [409, 'ranking_not_ready']);
  for (let i = 1; i <= EXPERTS; i++) {
    const e = await signedIn(srv.url, login(i));
    const mine = (await e.get('/api/v1/reviews/mine')).json;
    for (const x of mine.assignments) {
      assert.equal(x.stage, 'onsite');
      const s = await e.post(`/api/v1/assignments/${x.assignment}/review`, {
        scores: sheet(mine.rubrics[x.rubric], onsite[x.application.id]), opinion: '现场核实情况与申报材料一致。',
        suggestions: '建议推广质量管理经验。', integrity: true });
      assert.equal(s.status, 201, s.text);
    }
  }
  r = await office.post(`/api/v1/programmes/${pid}/advance`, { to: 'deliberation' });
  assert.deepEqual([r.status, r.json.stage], [200, 'deliberation'], r.text);
  r = await office.get(`/api/v1/programmes/${pid}/results?stage=onsite`);
  assert.equal(r.json.results.find((x) => x.application === O[0]).score, '90.00');
});

test('the ranking: final scores by weight, caps as maxima, vacant places below the bar, ties by on-site score', async () => {
  const r = await leader.get(`/api/v1/programmes/${pid}/ranking`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.rule.weights, { material: 'material', material_permille: 400, onsite: 'onsite', onsite_permille: 600 });
  assert.equal(r.json.rule.bar, '60.00');
  assert.deepEqual(r.json.rule.tie_break, ['onsite_desc', 'material_desc', 'submitted_asc', 'id_asc']);
  const [orgs, people] = r.json.tracks;
  assert.deepEqual([orgs.code, orgs.cap, orgs.placed, orgs.vacant], ['organisation', 5, 4, 1]);
  assert.deepEqual(orgs.entries.map((e) => [e.application, e.rank, e.final, e.placed, e.reason]), [
    [O[0], 1, '90.00', true, 'placed'],
    [O[1], 2, '85.00', true, 'placed'],
    [O[3], 3, '74.00', true, 'placed'],   // 65 x 0.4 + 80 x 0.6: ties with O[2], higher on-site score
    [O[2], 4, '74.00', true, 'placed'],   // 80 x 0.4 + 70 x 0.6
    [O[4], 5, '59.60', false, 'below_bar'],
    [O[5], 6, '53.00', false, 'below_bar'],
    [O[6], 7, '46.00', false, 'below_bar'],
  ]);
  assert.ok(orgs.entries.every((e) => !e.tie_unbroken));
  assert.deepEqual([people.code, people.cap, people.placed, people.vacant], ['individual', 10, 10, 0]);
  assert.deepEqual(people.entries.map((e) => e.reason), [...Array(10).fill('placed'), 'cap_reached', 'below_bar']);
  assert.deepEqual(people.entries.map((e) => e.application), I);
  assert.equal(people.entries[10].final, '75.00', 'above the bar but past the cap of 10');
  const county = await signedIn(srv.url, 'qingcheng');
  assert.equal((await county.get(`/api/v1/programmes/${pid}/ranking`)).status, 403);
});

test('only the leadership group deliberates, and only over placed candidates; places may stay vacant', async () => {
  const list = [O[0], O[1], O[3], O[2], ...I.slice(0, 9)];
  const minutes = '2025年12月9日领导小组第3次会议集体审议，同意拟奖建议名单。';
  let r = await office.post(`/api/v1/programmes/${pid}/deliberation`, { applications: list, minutes });
  assert.deepEqual([r.status, r.json.error.code], [403, 'forbidden_role']);
  r = await leader.post(`/api/v1/programmes/${pid}/deliberation`, { applications: [...list, O[4]], minutes });
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [409, 'not_placed', `applications[${list.length}]`]);
  assert.match(r.json.error.message, /below_bar/);
  r = await leader.post(`/api/v1/programmes/${pid}/deliberation`, { applications: [I[10]], minutes });
  assert.deepEqual([r.status, r.json.error.code], [409, 'not_placed']);
  assert.match(r.json.error.message, /cap_reached/);
  r = await leader.post(`/api/v1/programmes/${pid}/deliberation`, { applications: list });
  assert.deepEqual([r.status, r.json.error.code], [400, 'missing_field']);
  r = await leader.post(`/api/v1/programmes/${pid}/deliberation`, { applications: list, minutes });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.proposed, list);
  assert.deepEqual(r.json.not_proposed.sort((a, b) => a - b), [O[4], O[5], O[6], I[9], I[10], I[11]].sort((a, b) => a - b));
  assert.deepEqual(r.json.vacant, { organisation: 1, individual: 1 });
  r = await leader.post(`/api/v1/programmes/${pid}/deliberation`, { applications: [], minutes });
  assert.deepEqual([r.status, r.json.error.code], [409, 'already_decided']);
  const row = sql(srv.db, `SELECT kind, list FROM decision WHERE programme_id = ${pid} AND kind = 'deliberation'`);
  assert.equal(row, `deliberation|${JSON.stringify(list)}`);
});

test('the proposed winners are notified for 5 working days on the official calendar', async () => {
  let r = await office.post(`/api/v1/programmes/${pid}/advance`, { to: 'proposed' });
  assert.equal(r.status, 200, r.text);
  await setClock(office, '2025-12-11');
  r = await office.post(`/api/v1/programmes/${pid}/proposed-notice`, {});
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.ends_on, calendarEnd('2025-12-11', 5));
  assert.equal(r.json.ends_on, '2025-12-17');
  assert.equal(r.json.title, '2025年清远市政府质量奖拟奖名单公示');
  assert.equal(r.json.list.length, 13);
  assert.ok(r.json.list.every((e) => !('final' in e)));
  // one notice shape: what publishing answers is what the public reads, alone or in the list
  const published = r.json;
  assert.deepEqual([published.programme, published.stage, published.region], [pid, 'proposed', '441800']);
  assert.ok(Number.isInteger(published.id) && Number.isInteger(published.audit_head.seq), r.text);
  const pub = new Client(srv.url);
  assert.deepEqual((await pub.get(`/api/v1/notices/${published.id}`)).json, published);
  const listed = (await pub.get(`/api/v1/programmes/${pid}/notices`)).json.notices;
  assert.deepEqual(listed.find((n) => n.id === published.id), published);
  assert.deepEqual(Object.keys(listed[listed.length - 1]).sort(), Object.keys(published).sort());
  r = await office.post(`/api/v1/programmes/${pid}/proposed-notice`, {});
  assert.deepEqual([r.status, r.json.error.code], [409, 'notice_published']);
  r = await office.post(`/api/v1/programmes/${pid}/advance`, { to: 'approval' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'notice_running']);
  await setClock(office, '2025-12-18');
  r = await office.post(`/api/v1/programmes/${pid}/advance`, { to: 'approval' });
  assert.deepEqual([r.status, r.json.stage], [200, 'approval']);
});

test('the approval makes winners of the proposed; a disqualified application is not approved', async () => {
  // stage fixture: an objection under review, then a verified one (t0520 and t0900 run them through the API)
  sql(srv.db, 'INSERT INTO objection (programme_id, application_id, filer_name, text, filed_on, filed_at, forward_due, outcome) ' +
    `VALUES (${pid}, ${O[0]}, '匿名', '质疑其近3年质量事故情况', '2025-12-15', 0, '2025-12-18', 'pending')`);
  setState(srv.db, O[1], 'disqualified');
  const body = { document_no: '清府函〔2025〕188号', approved_on: '2025-12-24', minutes: '市政府常务会议审定' };
  let r = await office.post(`/api/v1/programmes/${pid}/approval`, body);
  assert.deepEqual([r.status, r.json.error.code], [409, 'objection_pending']);
  sql(srv.db, `UPDATE objection SET outcome = 'unfounded' WHERE application_id = ${O[0]}`);
  r = await office.post(`/api/v1/programmes/${pid}/approval`, { ...body, approved_on: '24/12/2025' });
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'bad_date', 'approved_on']);
  r = await office.post(`/api/v1/programmes/${pid}/approval`, { approved_on: '2025-12-24' });
  assert.deepEqual([r.status, r.json.error.field], [400, 'document_no']);
  r = await new Client(srv.url).get(`/api/v1/programmes/${pid}/winners`);
  assert.deepEqual([r.status, r.json.error.code], [404, 'not_published']);
  // the disqualified proposed winner's place stays vacant (七(八), 二): nobody moves up into it
  r = await leader.get(`/api/v1/programmes/${pid}/ranking`);
  const orgs = r.json.tracks[0];
  assert.deepEqual(orgs.entries.slice(0, 5).map((e) => [e.application, e.rank, e.state, e.placed, e.reason]), [
    [O[0], 1, 'proposed', true, 'placed'],
    [O[1], 2, 'disqualified', false, 'vacated'],
    [O[3], 3, 'proposed', true, 'placed'],
    [O[2], 4, 'proposed', true, 'placed'],
    [O[4], 5, 'not_proposed', false, 'below_bar'],
  ]);
  assert.deepEqual([orgs.placed, orgs.vacant], [3, 2]);
  r = await office.post(`/api/v1/programmes/${pid}/approval`, body);
  assert.equal(r.status, 201, r.text);
  assert.ok(!r.json.winners.includes(O[1]), 'disqualified by a verified objection');
  assert.deepEqual(r.json.winners.sort((a, b) => a - b), [O[0], O[2], O[3], ...I.slice(0, 9)].sort((a, b) => a - b));
  r = await office.post(`/api/v1/programmes/${pid}/approval`, body);
  assert.deepEqual([r.status, r.json.error.code], [409, 'already_decided']);
  r = await office.post(`/api/v1/programmes/${pid}/advance`, { to: 'publication' });
  assert.equal(r.status, 200, r.text);
});

test('every winner gets a numbered certificate with a verification code anyone can check', async () => {
  // the certificate's wording is the template's text (the stage fixture edits the frozen template)
  editConfig(srv.db, pid, (c) => { c.texts = { ...c.texts, 'certificate.body': '经{issuer}批准，{holder}荣获{programme}{award}。特发此证书。' }; });
  const r = await office.post(`/api/v1/programmes/${pid}/certificates`, {});
  assert.equal(r.status, 201, r.text);
  certificates = r.json.certificates;
  assert.equal(certificates.length, 12);
  const byApp = Object.fromEntries(certificates.map((c) => [c.application, c]));
  assert.deepEqual([O[0], O[3], O[2]].map((a) => byApp[a].no), ['QYZLJ-2025-ORG-001', 'QYZLJ-2025-ORG-002', 'QYZLJ-2025-ORG-003'],
    'numbered in the order of the ranking');
  assert.equal(byApp[I[0]].no, 'QYZLJ-2025-IND-001');
  assert.ok(certificates.every((c) => /^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/.test(c.code)));
  assert.equal(new Set(certificates.map((c) => c.code)).size, 12);
  const again = await office.post(`/api/v1/programmes/${pid}/certificates`, {});
  assert.equal(again.json.certificates.length, 12, 'issuing again adds nothing');
  // the write transaction records the certificates only; their PDFs are rendered after its commit
  // (rendering inside a transaction is refused: io_in_transaction) and recorded in a later one
  assert.ok(certificates.every((c) => /^[0-9a-f]{64}$/.test(c.sha256) && c.pdf === 'ready'));
  const trail = sql(srv.db, "SELECT action FROM audit WHERE action LIKE 'certificate.%' ORDER BY seq").split('\n');
  assert.deepEqual(trail, [...Array(12).fill('certificate.issue'), ...Array(12).fill('certificate.pdf')]);

  const pub = new Client(srv.url);
  const one = byApp[O[0]];
  let v = await pub.get(`/api/v1/certificates/verify/${one.code}`);
  assert.equal(v.status, 200, v.text);
  assert.deepEqual([v.json.valid, v.json.no, v.json.holder, v.json.award, v.json.programme, v.json.issued_on],
    [true, 'QYZLJ-2025-ORG-001', '清远第1质量示范企业有限公司', '组织奖', '2025年清远市政府质量奖', '2025-12-18']);
  v = await pub.get(`/api/v1/certificates/verify/${one.code.replace(/-/g, '').toLowerCase()}`);
  assert.equal(v.status, 200, 'case and dashes do not matter');
  const wrong = one.code.slice(0, -1) + (one.code.endsWith('A') ? 'B' : 'A');
  v = await pub.get(`/api/v1/certificates/verify/${wrong}`);
  assert.deepEqual([v.status, v.json.error.code], [404, 'certificate_not_found']);
  v = await pub.get('/api/v1/certificates/verify/not-a-code');
  assert.equal(v.status, 404);
});

test("a certificate's PDF is served only to the winner's account and the office", async () => {
  const cert = certificates.find((c) => c.application === O[0]);
  const owner = await signedIn(srv.url, 'applicant');
  let r = await owner.request('GET', `/api/v1/certificates/${cert.id}/pdf`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  assert.match(r.headers.get('content-disposition'), /QYZLJ-2025-ORG-001\.pdf/);
  const pdf = Buffer.from(await (await fetch(`${srv.url}/api/v1/certificates/${cert.id}/pdf`,
    { headers: { cookie: owner.cookie } })).arrayBuffer());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const sha = createHash('sha256').update(pdf).digest('hex');
  const verified = await new Client(srv.url).get(`/api/v1/certificates/verify/${cert.code}`);
  assert.equal(verified.json.sha256, sha, 'the public register names the hash of the very PDF served');
  // the certificate carries the holder, the number, the code and the date in Chinese, with fonts embedded
  const path = join(srv.dir, 'cert.pdf');
  writeFileSync(path, pdf);
  const text = spawnSync('pdftotext', [path, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
  assert.ok(text.includes('QYZLJ-2025-ORG-001'), text);
  assert.ok(text.includes(cert.code.replace(/\s+/g, '')), text);
  assert.ok(text.includes('清远市人民政府'), text);
  assert.ok(text.includes('清远第1质量示范企业有限公司荣获2025年清远市政府质量奖组织奖。特发此证书。'), text);
  assert.match(spawnSync('pdffonts', [path], { encoding: 'utf8' }).stdout, /Noto\S*CJK.* yes /);

  assert.equal((await office.get(`/api/v1/certificates/${cert.id}/pdf`)).status, 200);
  const other = await signedIn(srv.url, 'applicant2');
  assert.equal((await other.get(`/api/v1/certificates/${cert.id}/pdf`)).status, 404);
  assert.equal((await new Client(srv.url).get(`/api/v1/certificates/${cert.id}/pdf`)).status, 401);
  const expert = await signedIn(srv.url, 'r01');
  assert.equal((await expert.get(`/api/v1/certificates/${cert.id}/pdf`)).status, 403);
  // a stored file that no longer matches its hash is refused, not served
  writeFileSync(storedPath(sha), Buffer.concat([pdf, Buffer.from('tampered')]));
  r = await owner.get(`/api/v1/certificates/${cert.id}/pdf`);
  assert.deepEqual([r.status, r.json.error.code], [500, 'file_corrupt']);
});

test('the winners are public after publication, with the vacant places', async () => {
  const r = await new Client(srv.url).get(`/api/v1/programmes/${pid}/winners`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.document_no, r.json.approved_on], ['清府函〔2025〕188号', '2025-12-24']);
  const [orgs, people] = r.json.tracks;
  assert.deepEqual(orgs.winners.map((w) => w.certificate.no),
    ['QYZLJ-2025-ORG-001', 'QYZLJ-2025-ORG-002', 'QYZLJ-2025-ORG-003']);
  assert.deepEqual([orgs.cap, orgs.vacant, people.cap, people.vacant, people.winners.length], [5, 2, 10, 1, 9]);
});
