// w0150-award-closing: the award's later pages in Chromium, on a rehearsal
// server whose public address is set (serve --public-url). The steps no page
// is about here are made through the API calls the API stories use (t0900).
//   the member unit answers the opinion it is asked for (county stage);
//   the office asks for more material, the applicant answers it with a PDF;
//   the office sees the charts (quota per county, scores per reviewer with the
//   disagreeing panel flagged), the leader records the deliberation, the
//   office records the approval and issues the certificates; the applicant
//   downloads the certificate; the public opens its QR URL on a phone and
//   sees it valid. Each page is shot on the desktop and on a 390×844 phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startServer, signedIn, ok, PASSWORD } from '../api/lib/server.mjs';
import { residentId } from '../api/lib/ident.mjs';
import { openProgramme, registerOrg, submitted, setClock, advance, sheet, expertAccounts, poolCsv, pdf } from '../api/lib/award.mjs';
import { launch, WEB_DIR, shot } from './lib/browser.mjs';

const PUBLIC = 'https://zlj.qingyuan.example.gov.cn';
const DEPARTMENTS = ['应急管理', '人力资源社会保障', '生态环境', '税务', '食品安全', '产品质量', '信用监管'];
const PHONE = { width: 390, height: 844 };
let srv, b, office, qingcheng, applicant, pid;
const app = {};
const t0 = Date.now();

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxweb-'));
  srv = await startServer({ dir, args: ['--rehearsal', '--files-dir', join(dir, 'files'), '--web-dir', WEB_DIR, '--public-url', PUBLIC] });
  b = await launch();
  office = await signedIn(srv.url, 'office');
  qingcheng = await signedIn(srv.url, 'qingcheng');
  applicant = await signedIn(srv.url, 'applicant');
  pid = await openProgramme(office, '2025-09-22');
  app.A1 = await submitted(applicant, pid, { organisation: (await registerOrg(applicant, { founded_on: '2010-03-01', name: '清远华星精密制造有限公司' })).id });
  app.A2 = await submitted(qingcheng, pid, { organisation: (await registerOrg(qingcheng, { founded_on: '2009-05-20', name: '清远恒通物流有限公司' })).id });
});
after(async () => {
  await b?.close();
  const r = await srv.stop();
  srv.cleanup();
  console.log(`browser story: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  assert.equal(r.code, 0);
});

async function page(login, viewport = { width: 1280, height: 860 }) {
  const ctx = await b.browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
  const p = await ctx.newPage();
  p.setDefaultTimeout(30000);
  if (login) {
    await p.goto(srv.url + '/signin');
    await p.fill('input[name=login]', login);
    await p.fill('input[name=password]', PASSWORD);
    await p.click('[data-test=signin]');
    await p.waitForURL(/\/app\/todo/);
  }
  return p;
}
const confirmBox = (p) => p.locator('.el-message-box .el-button--primary').click();
const noSidewaysScroll = (p) => p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

test('a person registers for the individual award on a phone and sees where the application stands', async () => {
  const p = await page('applicant2', PHONE);
  await p.goto(srv.url + '/app/apply');
  await p.locator('[data-test=applicant-kind]').getByText('个人申报').click();
  const id = residentId('441881', '19800512', 31);
  await p.fill('input[name=id_number]', id.slice(0, 17) + (id[17] === '1' ? '2' : '1'));
  await p.fill('input[name=person_name]', '陈建华');
  await p.fill('input[name=employer]', '英德市绿源茶业股份有限公司');
  await p.fill('input[name=quality_since]', '2012-03-01');
  await p.fill('input[name=mobile]', '13800138000');
  await p.click('[data-test=register-person]');
  await p.locator('.el-form-item__error').getByText('居民身份证号码不正确').waitFor();
  await p.fill('input[name=id_number]', id);
  await p.click('[data-test=register-person]');
  await p.locator('[data-field=position]').waitFor();
  assert.match(await p.locator('[data-test=timeline]').innerText(), /草稿[\s\S]*已提交[\s\S]*获奖/);
  assert.equal(await noSidewaysScroll(p), true, 'no sideways scrolling');
  await shot(p, 'applicant-person-phone');
  const mine = ok(await (await signedIn(srv.url, 'applicant2')).get(`/api/v1/programmes/${pid}/applications`)).applications;
  assert.deepEqual(mine.map((a) => [a.track, a.state, a.name]), [['individual', 'draft', '陈建华']]);
  assert.ok(!JSON.stringify(mine).includes(id), 'the ID number is shown masked only');
  await p.context().close();
});

test('the member unit answers the opinion it is asked for', async () => {
  await setClock(office, '2025-09-26');
  await advance(office, pid, 'county');
  for (const id of [app.A1, app.A2]) ok(await qingcheng.post(`/api/v1/applications/${id}/county-check`, { result: 'pass', note: '材料完整' }));
  const p = await page('member');
  // 我的待办 leads to the opinions page
  await p.locator('[data-test=todo-list]').getByText('出具部门意见').click();
  await p.waitForURL(/\/app\/opinions$/);
  const row = p.locator(`[data-test=opinion-${app.A1}]`);
  await row.waitFor();
  assert.match(await row.innerText(), /清远华星精密制造有限公司/);
  await row.locator('textarea[name=opinion_text]').fill('近3年无生产安全事故');
  await row.locator(`[data-test=give-${app.A1}]`).click();
  await p.locator('.el-message--success').getByText('意见已提交').waitFor();
  await row.locator('[data-test=opinion-given]').getByText('无异议：近3年无生产安全事故').waitFor();
  await shot(p, 'member-opinions');
  await p.context().close();
  const view = ok(await qingcheng.get(`/api/v1/applications/${app.A1}`));
  const mine = view.opinions.filter((o) => o.department === '应急管理');
  assert.deepEqual(mine.map((o) => [o.verdict, o.text]), [['no_objection', '近3年无生产安全事故']]);

  const phone = await page('member', PHONE);
  await phone.goto(srv.url + '/app/opinions');
  await phone.locator(`[data-test=opinion-${app.A2}]`).waitFor();
  assert.equal(await noSidewaysScroll(phone), true, 'no sideways scrolling');
  await shot(phone, 'member-opinions-phone');
  await phone.context().close();

  // the county records one department's opinion with its verdict through its dialog
  const c = await page('qingcheng');
  await c.goto(srv.url + '/app/county');
  await c.locator(`[data-test=opinion-${app.A2}]`).click();
  await c.locator('[data-test=department]').click();
  await c.locator('.el-select-dropdown__item').getByText('税务', { exact: true }).click();
  await c.locator('.el-dialog textarea[name=opinion_text]').fill('无欠税');
  await c.click('[data-test=save-opinion]');
  await c.locator('.el-message--success').getByText('部门意见已录入').waitFor();
  await c.context().close();
  const tax = ok(await qingcheng.get(`/api/v1/applications/${app.A2}`)).opinions.filter((o) => o.department === '税务');
  assert.deepEqual(tax.map((o) => [o.verdict, o.text]), [['no_objection', '无欠税']]);
  // the other departments, and the county's notice and recommendation, as in t0900
  for (const id of [app.A1, app.A2])
    for (const department of DEPARTMENTS.filter((d) => (id !== app.A1 || d !== '应急管理') && (id !== app.A2 || d !== '税务')))
      ok(await qingcheng.post(`/api/v1/applications/${id}/opinions`, { department, verdict: 'no_objection', text: '无不良记录' }), 201);
  await setClock(office, '2025-09-29');
  ok(await qingcheng.post(`/api/v1/programmes/${pid}/county-notice`, {}), 201);
  await setClock(office, '2025-10-13');
  ok(await qingcheng.post(`/api/v1/programmes/${pid}/recommendations`, { applications: [app.A1, app.A2] }));
});

test('the office asks for more material; the applicant answers it with a PDF', async () => {
  await setClock(office, '2025-10-27');
  await advance(office, pid, 'qualification');
  const o = await page('office');
  await o.goto(srv.url + '/app/qualification');
  await o.locator(`[data-test=ask-${app.A1}]`).click();
  await o.locator('.el-message-box input').fill('请补充近3年质量抽检报告。');
  await confirmBox(o);
  await o.locator('[data-test=office-supplements]').getByText('请补充近3年质量抽检报告。').waitFor();
  // due 5 working days on (t0900 step 5), shown with its weekday
  await o.locator('[data-test=office-supplements]').getByText('2025-11-03（周一）').waitFor();

  const p = await page('applicant');
  await p.locator('[data-test=todo-list]').getByText('答复补正要求').click();
  await p.waitForURL(/\/app\/apply$/);
  const box = p.locator('[data-test=supplements]');
  await box.getByText('请补充近3年质量抽检报告。').waitFor();
  const file = join(srv.dir, '质量抽检报告.pdf');
  writeFileSync(file, pdf(64 * 1024));
  await p.setInputFiles('[data-test=supplement-upload]', file);
  await p.locator('.el-message--success').getByText('补正材料已上传').waitFor();
  await p.locator('[data-test=documents]').getByText('质量抽检报告.pdf').waitFor();
  await box.locator('textarea[name=supplement_answer]').fill('已补充2022—2024年质量抽检报告，见附件。');
  await shot(p, 'applicant-supplement');
  await box.locator('[data-test=supplement-answer]').click();
  await box.locator('[data-test=supplement-done]').getByText(/已补充2022—2024年质量抽检报告/).waitFor();
  await p.context().close();
  const s = ok(await office.get(`/api/v1/applications/${app.A1}/supplements`)).supplements;
  assert.deepEqual(s.map((x) => [x.state, x.answered_on]), [['answered', '2025-10-27']]);

  const phone = await page('applicant', PHONE);
  await phone.goto(srv.url + '/app/apply');
  await phone.locator('[data-test=supplement-done]').waitFor();
  await shot(phone, 'applicant-supplement-phone');
  assert.equal(await noSidewaysScroll(phone), true, 'no sideways scrolling');
  await phone.context().close();

  await o.reload();
  await o.locator(`[data-test=accept-${app.A1}]`).click();
  await o.locator('.el-message--success').getByText('资格审查已通过').waitFor();
  await o.context().close();
  // the member unit is asked again in the qualification review, under its unit's name
  const m = await page('member');
  await m.goto(srv.url + '/app/opinions');
  const q = m.locator(`[data-test=opinion-${app.A2}]`);
  await q.getByText('资格审查征求意见').waitFor();
  await q.getByText('说明情况').click();
  await q.locator('textarea[name=opinion_text]').fill('该企业2024年有一起轻微事故，已整改。');
  await q.locator(`[data-test=give-${app.A2}]`).click();
  await q.locator('[data-test=opinion-given]').getByText(/说明情况：该企业2024年有一起轻微事故/).waitFor();
  await m.context().close();
  const qo = ok(await office.get(`/api/v1/applications/${app.A2}/qualification/opinions`)).opinions;
  assert.deepEqual(qo.map((o) => [o.department, o.verdict]), [['清远市应急管理局', 'note']]);
  ok(await office.post(`/api/v1/applications/${app.A2}/qualification`, { result: 'accept', reason: '符合申报条件' }));
  ok(await office.post(`/api/v1/programmes/${pid}/acceptance-notice`, {}), 201);
});

// The draw and the experts' sheets through the API; the first reviewer of A2 scores far below the others.
async function draw(stage) {
  const c = ok(await office.post(`/api/v1/programmes/${pid}/draws`, { stage }), 201);
  ok(await office.post(`/api/v1/draws/${c.id}/run`, { seed: c.seed }));
}
async function review(stage, logins, totals) {
  const seen = {};
  for (const login of logins) {
    const e = await signedIn(srv.url, login);
    const mine = ok(await e.get('/api/v1/reviews/mine'));
    for (const x of mine.assignments.filter((a) => !a.review && (!a.stage || a.stage === stage))) {
      const id = x.application.id;
      seen[id] = (seen[id] || 0) + 1;
      const pct = id === app.A2 && seen[id] === 1 ? 50 : totals[id];
      ok(await e.post(`/api/v1/assignments/${x.assignment}/review`, {
        scores: sheet(mine.rubrics[x.rubric], pct * (mine.rubrics[x.rubric].total ?? 1000) / 100),
        opinion: '材料真实完整。', suggestions: '建议加强质量数据分析。', integrity: true }), 201);
    }
  }
}

test('the office sees the charts: per county against quota, and scores per reviewer with the disagreement flagged', async () => {
  await setClock(office, '2025-11-10');
  await advance(office, pid, 'material');
  const logins = ['x01', 'x02', 'x03', 'x04', 'x05', 'x06', 'x07'];
  await expertAccounts(office, logins);
  ok(await office.post('/api/v1/experts/import', { csv: poolCsv(logins.map((l, i) => [`E0${i + 1}`, `专家${i + 1}`, `单位${i + 1}`, '440100', 'C;M', '', l])) }), 201);
  await draw('material');
  // the review progress: the office withdraws a reviewer, the replacement is drawn on the page
  const w = await page('office');
  await w.goto(srv.url + '/app/results');
  const progress = w.locator('[data-test=review-progress]');
  await progress.getByText('已提交 0 / 6 份评分').waitFor();
  await progress.locator('tr', { hasText: '清远恒通物流有限公司' }).getByText('申请回避').first().click();
  await w.locator('.el-message-box input').fill('与申报对象存在利害关系');
  await confirmBox(w);
  await w.locator('.el-message--success').getByText('已回避并补抽').waitFor();
  await progress.getByText('已回避').waitFor();
  await progress.getByText(/已由 #\d+ 替换/).waitFor();
  await progress.getByText('已提交 0 / 6 份评分').waitFor();
  await w.locator('.el-overlay.is-message-box').waitFor({ state: 'hidden' });
  await shot(w, 'office-review-progress');
  await w.context().close();
  const gz = await signedIn(srv.url, 'gzoffice');
  for (const path of [`/api/v1/programmes/${pid}/review-progress`, `/api/v1/programmes/${pid}/certificates`]) {
    const r = await gz.get(path);
    assert.deepEqual([r.status, r.json.error.code], [404, 'not_found'], `${path}: another region's office`);
  }
  await review('material', logins, { [app.A1]: 90, [app.A2]: 85 });
  await setClock(office, '2025-11-24');
  await advance(office, pid, 'shortlist');

  const o = await page('office');
  await o.goto(srv.url + '/app/office');
  await o.locator('[data-test=quota-chart] svg').waitFor();
  await o.locator('[data-test=overdue-supplements]').waitFor();
  await shot(o, 'office-dashboard-overdue');
  await o.goto(srv.url + '/app/results');
  const table = o.locator('[data-test=results-table]');
  await table.getByText('清远恒通物流有限公司').waitFor();
  const flagged = table.locator('tr', { hasText: '清远恒通物流有限公司' }).locator('[data-test=disagreement]');
  await flagged.waitFor();
  assert.match(await flagged.innerText(), /分歧（1 个离群）/);
  assert.equal(await table.locator('tr', { hasText: '清远华星精密制造有限公司' }).locator('[data-test=disagreement]').count(), 0);
  await o.locator('[data-test=score-chart] svg').waitFor();
  const columns = await o.locator('[data-test=score-chart] svg text').evaluateAll((ns) => ns.map((n) => n.textContent));
  assert.ok(columns.filter((x) => /^E0\d$/.test(x)).length >= 3, `a column per reviewer: ${columns}`);
  await o.locator('[data-test=score-chart]').scrollIntoViewIfNeeded();
  await shot(o, 'office-results');
  // the shortlist is chosen on the results
  for (const id of [app.A1, app.A2]) await o.locator(`[data-test=pick-${id}]`).click();
  await o.click('[data-test=shortlist]');
  await confirmBox(o);
  await table.getByText('入围现场评审').first().waitFor();
  await o.context().close();
  assert.deepEqual(await Promise.all([app.A1, app.A2].map(async (id) => ok(await office.get(`/api/v1/applications/${id}`)).state)), ['shortlisted', 'shortlisted']);
  await setClock(office, '2025-11-26');
  await advance(office, pid, 'onsite');
  await draw('onsite');
  await review('onsite', logins, { [app.A1]: 92, [app.A2]: 80 });
  await setClock(office, '2025-12-08');
  await advance(office, pid, 'deliberation');
});

test('the leader records the deliberation on the ranking with its vacancies', async () => {
  const p = await page('leader');
  await p.goto(srv.url + '/app/ranking');
  await p.locator('[data-test=ranking]').first().getByText('清远华星精密制造有限公司').waitFor();
  assert.match(await p.locator('h3').first().innerText(), /空缺 3 名/);
  await shot(p, 'leader-ranking');
  await p.click('[data-test=deliberate]');
  await confirmBox(p);
  await p.locator('.el-message--success').waitFor();
  await p.context().close();
  const d = ok(await office.get(`/api/v1/applications/${app.A1}`));
  assert.equal(d.state, 'proposed');
});

test('the office records the approval and issues the certificates; the applicant downloads one; the public opens its QR URL', async () => {
  await advance(office, pid, 'proposed');
  await setClock(office, '2025-12-11');
  ok(await office.post(`/api/v1/programmes/${pid}/proposed-notice`, {}), 201);
  await setClock(office, '2025-12-18');
  await advance(office, pid, 'approval');

  const o = await page('office');
  await o.goto(srv.url + '/app/office');
  await o.fill('input[name=document_no]', '清府函〔2025〕188号');
  await o.fill('input[name=approved_on]', '2025-12-24');
  await o.click('[data-test=approve]');
  await o.locator('.el-message--success').waitFor();
  await setClock(office, '2025-12-29');
  await advance(office, pid, 'publication');
  await o.goto(srv.url + '/app/award-certificates');
  await o.click('[data-test=issue-certificates]');
  await confirmBox(o);
  const row = o.locator('[data-test=certificates] tr', { hasText: '清远华星精密制造有限公司' });
  await row.getByText('QYZLJ-2025-ORG-001').waitFor();
  await row.locator('img').waitFor();
  assert.ok(await row.locator('img').evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR image loads');
  await shot(o, 'office-certificates');
  await o.context().close();

  const p = await page('applicant');
  await p.goto(srv.url + '/app/apply');
  const cert = p.locator('[data-test=certificate]');
  await cert.waitFor();
  const url = await cert.locator('[data-test=verify-url]').getAttribute('href');
  const code = ok(await office.get(`/api/v1/applications/${app.A1}`)).certificate.code;
  assert.equal(url, `${PUBLIC}/verify/${code}`, 'the public address, not the server\'s own');
  await p.locator('[data-test=reports]').getByText('下载评审报告（PDF）').first().waitFor();
  await shot(p, 'applicant-certificate');
  const [download] = await Promise.all([p.waitForEvent('download'), cert.locator('[data-test=certificate-pdf]').click()]);
  const file = join(srv.dir, 'certificate.pdf');
  await download.saveAs(file);
  const bytes = readFileSync(file);
  const v = ok(await (await signedIn(srv.url, 'office')).get(`/api/v1/certificates/verify/${code}`));
  assert.equal(createHash('sha256').update(bytes).digest('hex'), v.sha256);
  // the PDF prints the URL its QR code carries
  const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
  assert.ok(text.includes(`${PUBLIC}/verify/${code}`.replace(/\s+/g, '')), text.slice(0, 400));
  await p.context().close();

  // the QR code opens the public verification page: here the public address is this test's server
  const phone = await page(undefined, PHONE);
  await phone.goto(srv.url + new URL(url).pathname);
  const result = phone.locator('[data-test=verify-result]');
  await result.getByText('证书有效').waitFor();
  assert.match(await result.innerText(), /清远华星精密制造有限公司/);
  assert.match(await result.innerText(), /QYZLJ-2025-ORG-001/);
  assert.equal(await noSidewaysScroll(phone), true, 'no sideways scrolling');
  await shot(phone, 'public-verify-phone');
  await phone.context().close();
  // and its QR image is the same URL's
  const svg = await fetch(`${srv.url}/api/v1/certificates/verify/${code}/qr.svg`);
  assert.equal(svg.status, 200);
  assert.match(svg.headers.get('content-type'), /image\/svg\+xml/);
  assert.equal((await fetch(`${srv.url}/api/v1/certificates/verify/NOPE-NOPE-NOPE/qr.svg`)).status, 404);
});

test('the office downloads from the exports page and verifies the audit chain', async () => {
  const o = await page('office');
  await o.goto(srv.url + '/app/exports');
  const xlsx = o.locator('[data-test=recommendations-xlsx]');
  await xlsx.waitFor();
  await o.locator('[data-test=export-certificates]').getByText('清远华星精密制造有限公司').waitFor();
  const links = await o.evaluate(async () => {
    const hrefs = [...document.querySelectorAll('[data-test=exports-page] a, [data-test=export-certificates] a, [data-test=export-reports] a')].map((a) => a.getAttribute('href'));
    const out = [];
    for (const h of hrefs.slice(0, 4)) { const r = await fetch(h); out.push([h, r.status, r.headers.get('content-type')]); }
    return out;
  });
  assert.ok(links.length >= 3, JSON.stringify(links));
  for (const [h, status, type] of links) {
    assert.equal(status, 200, h);
    assert.match(type, /spreadsheetml|application\/pdf/, h);
  }
  const dl = o.waitForEvent('download');
  await o.locator('[data-test=export-applications] [data-test=export]').click();
  assert.equal((await dl).suggestedFilename(), 'applications.csv');
  await shot(o, 'office-exports');

  await o.goto(srv.url + '/app/audit');
  await o.locator('[data-test=audit-head-hash]').getByText(/^[0-9a-f]{64}$/).waitFor();
  await o.click('[data-test=audit-verify]');
  const result = o.locator('[data-test=audit-result]');
  await result.getByText('审计链完整').waitFor();
  const rows = Number(await o.locator('[data-test=audit-rows]').innerText());
  const headSeq = (await (await fetch(`${srv.url}/api/v1/audit/head`)).json()).seq;
  assert.ok(rows > 50 && rows <= headSeq, `${rows} of ${headSeq}`);
  await shot(o, 'office-audit');
  await o.context().close();
});
