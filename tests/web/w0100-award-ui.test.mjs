// w0100-award-ui: the award told through the browser as each role clicks
// it, in Chromium against a rehearsal server. Steps the UI does not carry
// yet are made through the same API calls the API stories use (t0900).
//   the applicant registers, meets a field error, uploads, submits;
//   the county is refused over quota and recommends within it; another
//   county cannot open the application by URL; the office draws; an expert
//   scores on the rubric; the office issues certificates; the public
//   verifies one by its QR URL and files an objection, on a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { signedIn, Client, PASSWORD } from '../api/lib/server.mjs';
import { orgUscc } from '../api/lib/ident.mjs';
import { startServer } from '../api/lib/server.mjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openProgramme, registerOrg, submitted, setClock, advance, sheet, expertAccounts, poolCsv, pdf, MANUFACTURING } from '../api/lib/award.mjs';
import { launch, WEB_DIR, shot } from './lib/browser.mjs';

let srv, b, office, qingcheng, pid;
const app = {};
const t0 = Date.now();

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxweb-'));
  srv = await startServer({ dir, args: ['--rehearsal', '--files-dir', join(dir, 'files'), '--web-dir', WEB_DIR] });
  b = await launch();
  office = await signedIn(srv.url, 'office');
  qingcheng = await signedIn(srv.url, 'qingcheng');
  pid = await openProgramme(office, '2025-09-22');
});
after(async () => {
  await b?.close();
  const r = await srv.stop();
  srv.cleanup();
  console.log(`browser story: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  assert.equal(r.code, 0);
});

async function page(login, viewport) {
  const ctx = await b.browser.newContext({ viewport: viewport ?? { width: 1280, height: 860 }, locale: 'zh-CN' });
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
const toast = (p) => p.locator('.el-message--error').last();

test('a signed-out visitor of a staff page is sent to sign in, and back after', async () => {
  const p = await page();
  await p.goto(srv.url + '/app/county');
  await p.waitForURL(/\/signin\?next=(%2F|\/)app(%2F|\/)county$/);
  await p.fill('input[name=login]', 'qingcheng');
  await p.fill('input[name=password]', 'wrong-password-123');
  await p.click('[data-test=signin]');
  await assert.doesNotReject(p.locator('[data-test=signin-error]').waitFor());
  assert.match(await p.locator('[data-test=signin-error]').innerText(), /账号或密码不正确/);
  await p.fill('input[name=password]', PASSWORD);
  await p.click('[data-test=signin]');
  await p.waitForURL(/\/app\/county$/);
  await p.context().close();
});

test('the applicant registers, sees a field error beside its field, uploads evidence and submits', async () => {
  const p = await page('applicant');
  await p.locator('[data-test=todo-list]').waitFor();
  await shot(p, 'applicant-todo');
  await p.goto(srv.url + '/app/apply');
  const uscc = orgUscc('441802', 777);
  await p.fill('input[name=uscc]', uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0'));
  assert.match(await p.locator('[data-test=uscc-check]').innerText(), /未通过/);
  await p.fill('input[name=uscc]', uscc);
  assert.match(await p.locator('[data-test=uscc-check]').innerText(), /通过/);
  await p.fill('input[name=orgname]', '清远华星精密制造有限公司');
  await p.fill('input[name=founded_on]', '2010-03-01');
  await p.click('[data-test=register-btn]');
  await p.locator('[data-field=main_products]').waitFor();
  for (const [k, v] of Object.entries(MANUFACTURING)) {
    const box = p.locator(`[data-field=${k}]`).locator('input, textarea').first();
    await box.fill(String(k === 'contact_mobile' ? '1380013' : v));
    await box.blur();
  }
  await p.click('[data-test=save]');
  const err = p.locator('[data-field=contact_mobile] .el-form-item__error');
  await err.waitFor();
  assert.match(await err.innerText(), /手机号码不正确/);
  await p.locator('[data-field=contact_mobile] input').fill(MANUFACTURING.contact_mobile);
  await p.click('[data-test=save]');
  await err.waitFor({ state: 'detached' });
  // submit refused with its reason: no evidence yet
  await p.click('[data-test=submit]');
  await p.locator('[data-test=refusal]').waitFor();
  assert.match(await p.locator('[data-test=refusal]').innerText(), /证明材料/);
  const file = join(srv.dir, '营业执照.pdf');
  writeFileSync(file, pdf(300 * 1024));
  await p.setInputFiles('[data-test=upload]', file);
  await p.locator('[data-test=documents]').getByText('营业执照.pdf').waitFor();
  await p.fill('input[name=notice_from]', '2025-09-08');
  await p.fill('input[name=notice_to]', '2025-09-12');
  await p.fill('input[name=notice_note]', '公司公告栏');
  await p.click('[data-test=save-notice]');
  await p.getByText('2025-09-08（周一）').waitFor();
  await p.click('[data-test=attest]');
  await p.locator('[data-test=attest].is-checked').waitFor();
  await p.click('[data-test=submit]');
  await p.locator('[data-test=app-state]').getByText('已提交').waitFor();
  await shot(p, 'applicant-apply');
  const list = (await (await signedIn(srv.url, 'applicant')).get(`/api/v1/programmes/${pid}/applications`)).json.applications;
  app.A1 = list[0].id;
  assert.equal(list[0].state, 'submitted');
  await p.context().close();
});

test('the county is refused over its quota and recommends within it; another county cannot open the application', async () => {
  app.A2 = await submitted(qingcheng, pid, { organisation: (await registerOrg(qingcheng, { founded_on: '2009-05-20' })).id });
  app.A3 = await submitted(qingcheng, pid, { organisation: (await registerOrg(qingcheng, { founded_on: '2014-01-01' })).id });
  await setClock(office, '2025-09-26');
  await advance(office, pid, 'county');
  const p = await page('qingcheng');
  await p.goto(srv.url + '/app/county');
  await p.locator(`[data-test=pass-${app.A1}]`).click();
  await p.locator(`[data-test=opinions-${app.A1}]`).click();
  await p.locator('.el-message--success').getByText('各部门均无异议').waitFor();
  // the other two as in t0900, through the API
  const programme = (await office.get(`/api/v1/programmes/${pid}`)).json;
  const departments = programme.stages.find((s) => s.code === 'county').consult;
  assert.equal(departments.length, 7);
  for (const id of [app.A2, app.A3]) {
    assert.equal((await qingcheng.post(`/api/v1/applications/${id}/county-check`, { result: 'pass', note: '材料完整' })).status, 200);
    for (const department of departments)
      assert.equal((await qingcheng.post(`/api/v1/applications/${id}/opinions`, { department, verdict: 'no_objection', text: '无不良记录' })).status, 201);
  }
  await setClock(office, '2025-09-29');
  await p.reload();
  await p.click('[data-test=county-notice]');
  await p.locator('.el-message-box .el-button--primary').click();
  await p.locator('[data-test=notice-ends]').getByText('2025-10-11（周六）').waitFor();
  await setClock(office, '2025-10-13');
  await p.reload();
  for (const id of [app.A1, app.A2, app.A3]) await p.locator(`[data-test=pick-${id}]`).click();
  assert.match(await p.locator('[data-test=quota-meter]').first().innerText(), /已选 3 \/ 名额 2/);
  await p.click('[data-test=recommend]');
  await p.locator('.el-message-box .el-button--primary').click();
  await toast(p).waitFor();
  assert.match(await toast(p).innerText(), /超出本地推荐名额/);
  await shot(p, 'county-applications');
  await p.locator(`[data-test=pick-${app.A3}]`).click();
  await p.click('[data-test=recommend]');
  await p.locator('.el-message-box .el-button--primary').click();
  await p.locator('[data-test=county-table]').getByText('已推荐').first().waitFor();
  const states = await Promise.all([app.A1, app.A2, app.A3].map(async (id) => (await office.get(`/api/v1/applications/${id}`)).json.state));
  assert.deepEqual(states, ['recommended', 'recommended', 'not_recommended']);
  await p.context().close();

  const y = await page('yingde');
  await y.goto(srv.url + `/app/applications/${app.A1}`);
  await y.locator('[data-test=app-error]').waitFor();
  assert.match(await y.locator('[data-test=app-error]').innerText(), /没有找到，或您无权查看/);
  assert.equal(await y.locator('[data-test=app-view]').count(), 0);
  await y.context().close();
});

test('the office draws the experts; an expert scores on the rubric with a running total', async () => {
  await setClock(office, '2025-10-27');
  await advance(office, pid, 'qualification');
  for (const id of [app.A1, app.A2])
    assert.equal((await office.post(`/api/v1/applications/${id}/qualification`, { result: 'accept', reason: '符合申报条件' })).status, 200);
  assert.equal((await office.post(`/api/v1/programmes/${pid}/acceptance-notice`, {})).status, 201);
  await setClock(office, '2025-11-10');
  await advance(office, pid, 'material');
  const logins = ['x01', 'x02', 'x03', 'x04', 'x05', 'x06', 'x07'];
  await expertAccounts(office, logins);
  const rows = logins.map((l, i) => [`E0${i + 1}`, `专家${i + 1}`, `单位${i + 1}`, '440100', 'C;M', '', l]);
  assert.equal((await office.post('/api/v1/experts/import', { csv: poolCsv(rows) })).status, 201);

  const p = await page('office');
  await p.goto(srv.url + '/app/office');
  await p.locator('[data-test=quota-chart] svg').waitFor();
  await p.click('[data-test=commit-draw]');
  await p.locator('[data-test=run-draw]').waitFor();
  await shot(p, 'office-dashboard');
  await p.click('[data-test=run-draw]');
  await p.locator('.el-message-box .el-button--primary').click();
  await p.locator('[data-test=run-draw]').waitFor({ state: 'detached' });
  await p.context().close();

  // the first expert with an assignment scores through the page
  let who;
  for (const l of logins) {
    const c = await signedIn(srv.url, l);
    if ((await c.get('/api/v1/reviews/mine')).json.assignments.length) { who = l; break; }
  }
  const e = await page(who);
  await e.goto(srv.url + '/app/reviews');
  await e.locator('[data-test=assignments] [data-test^=score-]').first().click();
  const inputs = e.locator('[data-test=sheet] [data-item] input');
  const n = await inputs.count();
  assert.ok(n > 3);
  await inputs.nth(0).fill('1'); await inputs.nth(0).blur();
  await inputs.nth(1).fill('2'); await inputs.nth(1).blur();
  await e.locator('[data-test=running-total]').getByText('3.0').waitFor();
  // submitting without the pledge is refused with its reason
  await e.click('[data-test=submit-review]');
  await e.locator('.el-message-box .el-button--primary').click();
  await toast(e).waitFor();
  assert.match(await toast(e).innerText(), /廉洁|尚有评分项未打分/);
  await shot(e, 'expert-reviews');
  // nothing of the other experts before submitting: no panel button, and the API answers review_first
  assert.equal(await e.locator('[data-test^=panel-]').count(), 0);
  const mine = (await (await signedIn(srv.url, who)).get('/api/v1/reviews/mine')).json.assignments[0];
  const early = await e.evaluate(async (u) => { const r = await fetch(u); return [r.status, (await r.json()).error?.code]; },
    `/api/v1/applications/${mine.application.id}/reviews?stage=${mine.stage}`);
  assert.deepEqual(early, [403, 'review_first']);
  // every item with its points, the opinion, the pledge: the sheet is submitted
  for (let i = 0; i < n; i++) { await inputs.nth(i).fill('1'); await inputs.nth(i).blur(); }
  await e.locator('[data-test=running-total]').getByText(`${n}.0`).waitFor();
  await e.fill('textarea[name=opinion]', '质量管理体系健全，绩效指标持续改进。');
  await e.fill('textarea[name=suggestions]', '加强供应链质量协同。');
  await e.click('[data-test=integrity]');
  await e.click('[data-test=submit-review]');
  await e.locator('.el-message-box .el-button--primary').click();
  await e.locator('.el-message--success').getByText('已提交评分').first().waitFor();
  await e.locator('[data-test=sheet]').waitFor({ state: 'detached' });
  // after submitting: the panel's reviews, anonymised, the expert's own marked
  await e.click(`[data-test=panel-${mine.assignment}]`);
  const panel = e.locator('[data-test=panel]');
  await panel.getByText('本人').waitFor();
  assert.match(await panel.innerText(), /R1/);
  assert.doesNotMatch(await panel.innerText(), new RegExp(who));
  await shot(e, 'expert-submitted');
  await e.context().close();
});

test('the public verifies a certificate by its QR URL and files an objection, on a phone', async () => {
  const p = await page(undefined, { width: 390, height: 844 });
  await p.goto(srv.url + '/');
  await p.locator('[data-test=programme]').waitFor();
  assert.equal(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), true, 'no sideways scrolling');
  await shot(p, 'public-phone');
  await p.goto(srv.url + `/notices/${pid}`);
  await p.locator('[data-test=notice]').first().waitFor();
  await p.locator('[data-test=object]').first().click();
  await p.fill('input[name=name]', '王某');
  await p.fill('input[name=contact]', '1361234');
  await p.fill('textarea[name=text]', '该企业2023年曾发生质量事故。');
  await p.click('[data-test=file-objection]');
  await p.locator('.el-dialog .el-form-item__error').getByText('手机号码不正确').waitFor();
  await p.fill('input[name=contact]', '13612345678');
  await p.click('[data-test=file-objection]');
  await p.locator('.el-message--success').getByText('异议已受理').waitFor();
  await p.goto(srv.url + '/verify/NOPE-NOPE-NOPE');
  await p.locator('[data-test=verify-result]').getByText('查无此证书').waitFor();
  await p.context().close();
});
