// t0900-award-story: the whole Qingyuan 2025 government quality award (seed
// 004) through the HTTP API, from registration to a verified certificate,
// with no shortcut into the database. Dates are set on the rehearsal clock and
// every period is checked against the official calendar. It runs on SQLite
// and, as t0900-award-story-pg, on PostgreSQL.
//
//   清城区: A1 (the applicant's own firm), A2 (won in 2022: allowed), A3 (over quota),
//           Young (founded 2023: ineligible), Banned (won in 2024: ineligible), P2 (4 years of quality work)
//   英德市: B1 (applicant2's firm), B2 (disqualified by a verified objection), P1 (an individual)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signedIn, Client, cli, ok, fails } from './lib/server.mjs';
import { orgUscc, residentId } from './lib/ident.mjs';
import { startAwardServer, openProgramme, registerOrg, prepared, submitted, setClock, advance, calendarEnd, sheet,
  expertAccounts, poolCsv } from './lib/award.mjs';

const DEPARTMENTS = ['应急管理', '人力资源社会保障', '生态环境', '税务', '食品安全', '产品质量', '信用监管'];
let srv, office, leader, qingcheng, yingde, applicant, applicant2, pub, pid;
const app = {}, org = {}, experts = {};

before(async () => {
  srv = await startAwardServer();
  office = await signedIn(srv.url, 'office');
  leader = await signedIn(srv.url, 'leader');
  qingcheng = await signedIn(srv.url, 'qingcheng');
  yingde = await signedIn(srv.url, 'yingde');
  applicant = await signedIn(srv.url, 'applicant');
  applicant2 = await signedIn(srv.url, 'applicant2');
  pub = new Client(srv.url);
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

// Fetch a binary download into the test directory; returns its path.
async function download(client, path, type) {
  const res = await fetch(srv.url + path, { headers: { cookie: client.cookie } });
  assert.equal(res.status, 200, await res.clone().text());
  assert.match(res.headers.get('content-type'), type);
  const file = join(srv.dir, path.replace(/\W+/g, '_'));
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return file;
}
const stateOf = async (id) => ok(await office.get(`/api/v1/applications/${id}`)).state;

test('1. the office opens the programme; past winners are on record', async () => {
  pid = await openProgramme(office, '2025-09-22');
  const p = ok(await pub.get(`/api/v1/programmes/${pid}`));
  assert.deepEqual(p.tracks.map((t) => [t.name, t.cap]), [['组织奖', 5], ['个人奖', 10]]);
  assert.equal(p.stages.find((s) => s.code === 'county').closes, '2025-10-25');
  assert.equal(p.quotas.length, 8);
  for (const [year, n] of [[2024, 901], [2022, 902]])
    ok(await office.post('/api/v1/past-winners', { family: 'qingyuan-quality-award', year,
      uscc: orgUscc('441802', n), track: 'organisation', source: `${year}年通报` }), 201);
});

test('2. applicants register and apply; eligibility is checked rule by rule', async () => {
  org.A1 = await registerOrg(applicant, { founded_on: '2010-03-01', name: '清远华星精密制造有限公司' });
  app.A1 = await submitted(applicant, pid, { organisation: org.A1.id });
  let r = await qingcheng.post('/api/v1/organisations', { uscc: orgUscc('441802', 902), name: '清远恒通物流有限公司',
    industry: 'G', region: '441802', founded_on: '2009-05-20' });
  app.A2 = await submitted(qingcheng, pid, { organisation: ok(r, 201).id });
  app.A3 = await submitted(qingcheng, pid, { organisation: (await registerOrg(qingcheng, { founded_on: '2014-01-01' })).id });
  org.B1 = await registerOrg(applicant2, { region: '441881', founded_on: '2008-08-08', name: '英德市绿源茶业股份有限公司', industry: 'A' });
  app.B1 = await submitted(applicant2, pid, { organisation: org.B1.id });
  app.B2 = await submitted(yingde, pid, { organisation: (await registerOrg(yingde, { region: '441881', founded_on: '2012-02-02' })).id });
  r = await yingde.post('/api/v1/persons', { id_number: residentId('441881', '19800512', 31), name: '陈建华',
    employer: '英德市绿源茶业股份有限公司', region: '441881', quality_since: '2012-03-01', mobile: '13800138000' });
  const p1 = ok(r, 201);
  assert.ok(!JSON.stringify(p1).includes(residentId('441881', '19800512', 31)), 'the ID number is never returned');
  app.P1 = await submitted(yingde, pid, { person: p1.id });

  // refused: too young, banned, too little quality work - each naming its rule
  const young = (await registerOrg(qingcheng, { founded_on: '2023-06-01' })).id;
  r = await qingcheng.post('/api/v1/organisations', { uscc: orgUscc('441802', 901), name: '清远已获奖企业有限公司',
    industry: 'C', region: '441802', founded_on: '2005-01-01' });
  const banned = ok(r, 201).id;
  r = await qingcheng.post('/api/v1/persons', { id_number: residentId('441802', '19900101', 12), name: '李丽萍',
    employer: '清远某公司', region: '441802', quality_since: '2021-09-01' });
  const p2 = ok(r, 201).id;
  // each complete in everything else, so that eligibility is what refuses it
  for (const [body, rule] of [[{ organisation: young }, 'operating_years'], [{ organisation: banned }, 'win_ban'],
    [{ person: p2 }, 'quality_work_years']]) {
    const a = await prepared(qingcheng, pid, body);
    fails(await qingcheng.post(`/api/v1/applications/${a}/submit`, {}), 409, 'ineligible', rule);
    const view = ok(await qingcheng.get(`/api/v1/applications/${a}`));
    assert.equal(view.state, 'draft');
    const failed = view.eligibility.filter((e) => e.result === 'fail').map((e) => e.rule);
    assert.deepEqual(failed, [rule], JSON.stringify(view.eligibility));
  }
  // applicants and counties see only their own
  fails(await applicant2.get(`/api/v1/applications/${app.A1}`), 404, 'not_found');
  fails(await yingde.get(`/api/v1/applications/${app.A1}`), 404, 'not_found');
  ok(await qingcheng.get(`/api/v1/applications/${app.A1}`));
});

test('3. counties check, consult, notify for 5 working days and recommend within quota', async () => {
  await setClock(office, '2025-09-26');
  await advance(office, pid, 'county');
  for (const [county, ids] of [[qingcheng, [app.A1, app.A2, app.A3]], [yingde, [app.B1, app.B2, app.P1]]])
    for (const id of ids) {
      ok(await county.post(`/api/v1/applications/${id}/county-check`, { result: 'pass', note: '材料完整' }));
      for (const department of DEPARTMENTS)
        ok(await county.post(`/api/v1/applications/${id}/opinions`, { department, verdict: 'no_objection', text: '无不良记录' }), 201);
    }
  fails(await yingde.post(`/api/v1/applications/${app.A1}/county-check`, { result: 'pass' }), 404, 'not_found');
  await setClock(office, '2025-09-29');
  for (const county of [qingcheng, yingde]) {
    const n = ok(await county.post(`/api/v1/programmes/${pid}/county-notice`, {}), 201);
    assert.equal(n.ends_on, calendarEnd('2025-09-29', 5));
    assert.equal(n.ends_on, '2025-10-11'); // across the National Day holidays and the working Saturday
  }
  fails(await qingcheng.post(`/api/v1/programmes/${pid}/recommendations`, { applications: [app.A1] }), 409, 'notice_running');
  await setClock(office, '2025-10-13');
  const over = await qingcheng.post(`/api/v1/programmes/${pid}/recommendations`, { applications: [app.A1, app.A2, app.A3] });
  fails(over, 409, 'quota_exceeded');
  assert.equal(await stateOf(app.A1), 'county_checked', 'nothing was written');
  ok(await qingcheng.post(`/api/v1/programmes/${pid}/recommendations`, { applications: [app.A1, app.A2] }));
  const yr = ok(await yingde.post(`/api/v1/programmes/${pid}/recommendations`, { applications: [app.B1, app.B2, app.P1] }));
  console.log(JSON.stringify(yr));
  assert.deepEqual(await Promise.all([app.A1, app.A2, app.A3, app.P1].map(stateOf)),
    ['recommended', 'recommended', 'not_recommended', 'recommended']);
  const table = ok(await office.get(`/api/v1/programmes/${pid}/recommendations`));
  assert.equal(table.rows.length, 5);
  assert.ok(!JSON.stringify(table).includes(residentId('441881', '19800512', 31)));
  const own = ok(await yingde.get(`/api/v1/programmes/${pid}/recommendations`));
  assert.equal(own.rows.length, 3, 'a county sees its own recommendations');
  // the summary table (附件8) as the county files it: a real workbook, identifiers masked
  const xlsx = await download(yingde, `/api/v1/programmes/${pid}/recommendations.xlsx`, /spreadsheetml/);
  const strings = spawnSync('unzip', ['-p', xlsx, 'xl/sharedStrings.xml'], { encoding: 'utf8' }).stdout;
  assert.ok(strings.includes('推荐名单汇总表') && strings.includes('英德市绿源茶业股份有限公司'), strings.slice(0, 300));
  assert.ok(!strings.includes('清远华星'), 'another county\'s applicant is not in it');
  assert.ok(!strings.includes(residentId('441881', '19800512', 31)));
  // the use case picks the recommender: the county's own list is signed by the county
  assert.ok(strings.includes('推荐单位（盖章）：英德市'), strings.slice(0, 600));
  const all = spawnSync('unzip', ['-p', await download(office, `/api/v1/programmes/${pid}/recommendations.xlsx`,
    /spreadsheetml/), 'xl/sharedStrings.xml'], { encoding: 'utf8' }).stdout;
  assert.ok(all.includes('推荐单位（盖章）：各县（市、区）市场监管局'), all.slice(0, 600));
});

test('4. an objection is forwarded and answered on working-day deadlines', async () => {
  await setClock(office, '2025-10-14');
  const o = ok(await pub.post(`/api/v1/applications/${app.A1}/objections`,
    { name: '王某', contact: '13912345678', text: '该企业2023年曾发生质量事故。' }), 201);
  assert.equal(o.forward_due, calendarEnd('2025-10-14', 3));
  ok(await office.post(`/api/v1/objections/${o.id}/forward`, {}));
  ok(await qingcheng.post(`/api/v1/objections/${o.id}/reply`, { text: '经复核，无该事故记录。' }));
  ok(await office.post(`/api/v1/objections/${o.id}/decide`, { outcome: 'unfounded', breaks_eligibility: false,
    decision: '经集体审议，异议不成立。' }));
  assert.equal(await stateOf(app.A1), 'recommended', 'review goes on');
  const list = ok(await office.get(`/api/v1/programmes/${pid}/objections`)).objections;
  assert.ok(!JSON.stringify(list).includes('13912345678'), 'the objector\'s contact is masked');
});

test('5. the office reviews qualifications, asks for more and notifies the acceptance list', async () => {
  await setClock(office, '2025-10-27');
  await advance(office, pid, 'qualification');
  for (const id of [app.A1, app.A2, app.B1, app.B2, app.P1])
    ok(await office.post(`/api/v1/applications/${id}/qualification`, { result: 'accept', reason: '符合申报条件' }));
  const s = ok(await office.post(`/api/v1/applications/${app.A1}/supplements`, { request: '请补充近3年质量抽检报告。' }), 201);
  assert.equal(s.due_on, calendarEnd('2025-10-28', 5));
  ok(await applicant.post(`/api/v1/supplements/${s.id}/answer`, { answer: '已补充，见附件。' }));
  const n = ok(await office.post(`/api/v1/programmes/${pid}/acceptance-notice`, {}), 201);
  assert.equal(n.ends_on, calendarEnd('2025-10-27', 5));
  fails(await office.post(`/api/v1/programmes/${pid}/advance`, { to: 'material' }), 409, 'notice_running');
  await setClock(office, '2025-11-10');
  await advance(office, pid, 'material');
});

// The pool: ten experts of nine employers; E01 works for A1 (detected conflict), E02 declared B1.
const POOL = [
  ['E01', '黄国栋', '清远华星精密制造有限公司', '441802', 'C;M', '', 'x01'],
  ['E02', '刘志强', '华南理工大学', '440100', 'C;M', orgUscc('441881', 0) && '', 'x02'],
  ['E03', '梁海燕', '广东工业大学', '440100', 'C;M', '', 'x03'],
  ['E04', '何伟明', '清远职业技术学院', '441802', 'C;G', '', 'x04'],
  ['E05', '罗晓东', '广东省标准化研究院', '440100', 'C;A', '', 'x05'],
  ['E06', '郭淑芬', '广东省质量监督检测中心', '440100', 'C;E', '', 'x06'],
  ['E07', '谢永红', '中国质量认证中心广州分中心', '440100', 'C;G', '', 'x07'],
  ['E08', '邓振宇', '清远市质量计量监督检测所', '441802', 'C;A', '', 'x08'],
  ['E09', '冯嘉欣', '广州大学', '440100', 'C;M', '', 'x09'],
  ['E10', '陈秀兰', '广州大学', '440100', 'C;M', '', 'x10'],
];

async function runDraw(stage) {
  const c = ok(await office.post(`/api/v1/programmes/${pid}/draws`, { stage }), 201);
  const before = ok(await pub.get(`/api/v1/draws/${c.id}`));
  assert.deepEqual([before.seed_commit, before.seed], [c.seed_commit, null], 'the commitment is public, the seed sealed');
  assert.equal(before.inputs_hash, c.inputs_hash, 'the inputs hash is published with the commitment');
  ok(await office.post(`/api/v1/draws/${c.id}/run`, { seed: c.seed }));
  const d = ok(await pub.get(`/api/v1/draws/${c.id}`));
  assert.equal(createHash('sha256').update(Buffer.from(d.seed, 'hex')).digest('hex'), c.seed_commit);
  // anyone re-runs the published draw with the CLI
  const input = join(srv.dir, `${stage}-input.json`), result = join(srv.dir, `${stage}-result.json`);
  writeFileSync(input, JSON.stringify(d.input));
  writeFileSync(result, JSON.stringify(d.result));
  const v = cli(['verify-draw', '--input', input, '--seed', d.seed, '--commit', d.seed_commit, '--result', result]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
  assert.match(v.stdout, /OK/);
  return d;
}

async function reviewAll(totals) {
  for (const [, login] of Object.entries(experts)) {
    const e = await signedIn(srv.url, login);
    const mine = ok(await e.get('/api/v1/reviews/mine'));
    for (const x of mine.assignments) {
      if (x.review) continue;
      const total = totals[x.application.id] * (mine.rubrics[x.rubric].total ?? 1000) / 100;
      ok(await e.post(`/api/v1/assignments/${x.assignment}/review`, {
        scores: sheet(mine.rubrics[x.rubric], total), opinion: '材料真实完整。',
        suggestions: '建议加强质量数据分析。', integrity: true }), 201);
    }
  }
}

test('6. experts drawn double-random score the materials; conflicts are respected', async () => {
  await expertAccounts(office, POOL.map((r) => r[6]));
  POOL[1][5] = org.B1.uscc; // E02 declares a conflict with B1
  ok(await office.post('/api/v1/experts/import', { csv: poolCsv(POOL) }), 201);
  for (const r of POOL) experts[r[0]] = r[6];
  const d = await runDraw('material');
  const panel = Object.fromEntries(d.result.assignments.map((a) => [a.application, a.experts]));
  assert.ok(!panel[`A${app.A1}`].includes('E01'), 'no expert of the applicant\'s own organisation');
  assert.ok(!panel[`A${app.B1}`].includes('E02'), 'a declared conflict is respected');
  for (const p of Object.values(panel)) assert.ok(!(p.includes('E09') && p.includes('E10')), 'one per employer');
  // an expert sees only their assignments and not the others' scores before their own
  const someone = await signedIn(srv.url, experts[panel[`A${app.A2}`][0]]);
  fails(await someone.get(`/api/v1/applications/${app.A2}/reviews?stage=material`), 403, 'review_first');
  const before = ok(await office.get(`/api/v1/programmes/${pid}/review-progress`));
  assert.equal(before.stage, 'material');
  assert.deepEqual([before.assignments.length, before.assignments.filter((a) => a.reviewed).length], [15, 0]);
  assert.ok(before.assignments.every((a) => a.state === 'active' && /^E\d\d$/.test(a.expert)));
  fails(await office.get(`/api/v1/programmes/${pid}/review-progress?stage=county`), 400, 'not_review_stage');
  fails(await leader.get(`/api/v1/programmes/${pid}/review-progress`), 403, 'forbidden_role');
  await reviewAll({ [app.A1]: 88, [app.A2]: 80, [app.B1]: 72, [app.B2]: 85, [app.P1]: 78 });
  const after = ok(await office.get(`/api/v1/programmes/${pid}/review-progress?stage=material`)).assignments;
  assert.ok(after.every((a) => a.reviewed && /^\d{4}-\d\d-\d\dT/.test(a.submitted_at)), JSON.stringify(after[0]));
  await setClock(office, '2025-11-24');
  await advance(office, pid, 'shortlist');
  const report = ok(await applicant.get(`/api/v1/applications/${app.A1}/review-report?stage=material`));
  assert.equal(report.score, '88.00');
  // the material review report with its improvement suggestions, as a PDF for the applicant
  const pdf = await download(applicant, `/api/v1/applications/${app.A1}/review-report.pdf?stage=material`, /pdf/);
  const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
  assert.ok(text.includes('清远华星精密制造有限公司') && text.includes('建议加强质量数据分析'), text.slice(0, 300));
  // heading from the stage title and the family's text, signer from the template's organiser
  assert.ok(text.includes('材料评审报告') && text.includes('清远市质量强市工作领导小组办公室'), text.slice(0, 600));
  fails(await applicant2.get(`/api/v1/applications/${app.A1}/review-report.pdf`), 404, 'not_found');
});

test('7. the best of the good go on site; the others get their feedback', async () => {
  ok(await office.post(`/api/v1/programmes/${pid}/shortlist`, { applications: [app.A1, app.A2, app.B2, app.P1] }), 201);
  const fb = ok(await applicant2.get(`/api/v1/applications/${app.B1}/feedback`));
  assert.equal(fb.state, 'not_shortlisted');
  assert.ok(fb.feedback.suggestions.length > 0);
  await setClock(office, '2025-11-26');
  await advance(office, pid, 'onsite');
  await runDraw('onsite');
  await reviewAll({ [app.A1]: 90, [app.A2]: 40, [app.B2]: 86, [app.P1]: 80 });
  await setClock(office, '2025-12-08');
  await advance(office, pid, 'deliberation');
});

test('8. the ranking weighs material 40 % and on site 60 %; places below the bar stay vacant', async () => {
  const r = ok(await leader.get(`/api/v1/programmes/${pid}/ranking`));
  const [orgs, people] = r.tracks;
  assert.deepEqual(orgs.entries.map((e) => [e.application, e.final, e.reason]), [
    [app.A1, '89.20', 'placed'], [app.B2, '85.60', 'placed'], [app.A2, '56.00', 'below_bar']]);
  assert.deepEqual([orgs.cap, orgs.placed, orgs.vacant], [5, 2, 3]);
  assert.deepEqual(people.entries.map((e) => [e.application, e.final]), [[app.P1, '79.20']]);
  fails(await office.post(`/api/v1/programmes/${pid}/deliberation`, { applications: [app.A1], minutes: 'x' }), 403, 'forbidden_role');
  ok(await leader.post(`/api/v1/programmes/${pid}/deliberation`,
    { applications: [app.A1, app.B2, app.P1], minutes: '领导小组集体审议通过。' }), 201);
});

test('9. the proposed winners are notified; a verified objection disqualifies', async () => {
  await advance(office, pid, 'proposed');
  await setClock(office, '2025-12-11');
  const n = ok(await office.post(`/api/v1/programmes/${pid}/proposed-notice`, {}), 201);
  assert.equal(n.ends_on, calendarEnd('2025-12-11', 5));
  await setClock(office, '2025-12-12');
  const o = ok(await pub.post(`/api/v1/applications/${app.B2}/objections`,
    { name: '李某', contact: '13700137000', text: '该企业2024年有失信记录。' }), 201);
  ok(await office.post(`/api/v1/objections/${o.id}/forward`, {}));
  ok(await yingde.post(`/api/v1/objections/${o.id}/reply`, { text: '经核查，情况属实。' }));
  ok(await office.post(`/api/v1/objections/${o.id}/decide`, { outcome: 'verified', breaks_eligibility: true,
    decision: '异议属实，取消其参评资格。' }));
  assert.equal(await stateOf(app.B2), 'disqualified');
  await setClock(office, '2025-12-18');
  await advance(office, pid, 'approval');
});

test('10. the city government approves; certificates are issued and verifiable by anyone', async () => {
  const a = ok(await office.post(`/api/v1/programmes/${pid}/approval`,
    { document_no: '清府函〔2025〕188号', approved_on: '2025-12-24', minutes: '市政府审定' }), 201);
  assert.deepEqual(a.winners.sort((x, y) => x - y), [app.A1, app.P1].sort((x, y) => x - y));
  await setClock(office, '2025-12-29');
  await advance(office, pid, 'publication');
  const certs = ok(await office.post(`/api/v1/programmes/${pid}/certificates`, {}), 201).certificates;
  const mine = certs.find((c) => c.application === app.A1);
  assert.equal(mine.no, 'QYZLJ-2025-ORG-001');
  const v = ok(await pub.get(`/api/v1/certificates/verify/${mine.code}`));
  assert.deepEqual([v.valid, v.holder, v.award], [true, '清远华星精密制造有限公司', '组织奖']);
  const pdf = Buffer.from(await (await fetch(`${srv.url}/api/v1/certificates/${mine.id}/pdf`,
    { headers: { cookie: applicant.cookie } })).arrayBuffer());
  assert.equal(createHash('sha256').update(pdf).digest('hex'), v.sha256);
  fails(await applicant2.get(`/api/v1/certificates/${mine.id}/pdf`), 404, 'not_found');
  // the application names its certificate and the URL its QR code carries (no --public-url: the path alone)
  const named = ok(await applicant.get(`/api/v1/applications/${app.A1}`)).certificate;
  assert.deepEqual(named, { id: mine.id, no: mine.no, code: mine.code, issued_on: '2025-12-29', verify_url: `/verify/${mine.code}` });
  assert.equal(ok(await applicant2.get(`/api/v1/applications/${app.B1}`)).certificate, null);
  const listed = ok(await office.get(`/api/v1/programmes/${pid}/certificates`)).certificates;
  assert.deepEqual(listed.map((c) => [c.no, c.verify_url]), certs.map((c) => [c.no, `/verify/${c.code}`]));
  fails(await leader.get(`/api/v1/programmes/${pid}/certificates`), 403, 'forbidden_role');
  const qr = await fetch(`${srv.url}/api/v1/certificates/verify/${mine.code.toLowerCase()}/qr.svg`);
  assert.equal(qr.status, 200);
  assert.match(await qr.text(), /^<svg xmlns/);
  fails(await pub.get('/api/v1/certificates/verify/AAAA-BBBB-CCCC/qr.svg'), 404, 'certificate_not_found');
  const w = ok(await pub.get(`/api/v1/programmes/${pid}/winners`));
  assert.deepEqual(w.tracks.map((t) => [t.winners.length, t.vacant]), [[1, 4], [1, 9]]);
});

test('11. every step left an intact audit chain, and the lists export', () => {
  const v = cli(['audit', 'verify', '--db', srv.db]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
  const out = join(srv.dir, 'lists.xlsx');
  const e = cli(['export', '--db', srv.db, '--programme', String(pid), '--what',
    'applicants,recommendations,assignments,scores,winners', '--format', 'xlsx', '--out', out]);
  assert.equal(e.status, 0, e.stderr);
  assert.match(e.stderr, /winners: 2 rows/);
  const unzip = spawnSync('unzip', ['-p', out, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
  assert.ok(unzip.stdout.includes('清远华星精密制造有限公司'));
  // cells a person reads show labels, not the stored codes
  const cells = [...unzip.stdout.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]);
  for (const label of ['组织奖', '个人奖', '制造业', '获奖', '材料评审']) assert.ok(cells.includes(label), label);
  for (const code of ['organisation', 'individual', 'manufacturing', 'winner', 'submitted', 'active'])
    assert.ok(!cells.includes(code), code);
  // the applicants sheet: its first row's track cell holds a label
  const sheet = spawnSync('unzip', ['-p', out, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' }).stdout;
  assert.match(sheet, /<c r="B3"[^>]*t="s"/);
});
