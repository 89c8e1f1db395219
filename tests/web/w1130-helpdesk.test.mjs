// w1130-helpdesk: the help desk in Chromium. An enterprise records a problem
// on a phone; the provider it is routed to responds and resolves it from its
// desk; the enterprise finds the rating link on the problem and rates the
// resolution from a browser that is signed in to nothing; the office sees the
// figures and the chart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, PASSWORD } from '../api/lib/server.mjs';
import { expertAccounts, setClock } from '../api/lib/award.mjs';
import { usccFor, addOrganisation } from '../api/lib/fixture.mjs';
import { launch, WEB_DIR, shot, signedInPage } from './lib/browser.mjs';

let srv, b;
const PHONE = { width: 390, height: 844 };

before(async () => {
  srv = await startServer({ args: ['--rehearsal', '--web-dir', WEB_DIR] });
  const office = await signedIn(srv.url, 'office');
  await expertAccounts(office, ['qm1']);
  addOrganisation(srv.db, { uscc: usccFor('441802', 1), name: '清远市清城精工机械有限公司', owner: 'applicant' });
  const r = await office.post('/api/v1/helpdesk/providers', { name: '清远市计量检定测试所', kind: 'institution', region: '441800',
    fields: ['metrology'], login: 'qm1' });
  assert.equal(r.status, 201, r.text);
  await setClock(office, '2022-09-29');
  b = await launch();
});
after(async () => {
  await b?.close();
  const r = await srv.stop();
  srv.cleanup();
  assert.equal(r.code, 0);
});

async function page(login, viewport = { width: 1280, height: 860 }) {
  const p = login ? await signedInPage(b.browser, srv.url, login, PASSWORD, viewport)
    : await (await b.browser.newContext({ viewport, locale: 'zh-CN' })).newPage();
  p.setDefaultTimeout(30000);
  return p;
}

test('an enterprise records a problem on a phone and sees it routed with its due date', async () => {
  const p = await page('applicant', PHONE);
  await p.goto(srv.url + '/app/helpdesk');
  await p.click('[data-test=record]');
  await p.click('.el-dialog .el-select');
  await p.locator('.el-select-dropdown__item:visible', { hasText: '计量' }).click();
  await p.fill('.el-dialog input[name=title]', '量具未按期检定');
  await p.fill('.el-dialog textarea[name=detail]', '车间卡尺和千分尺超过检定周期，尺寸检验结果不可信。');
  await p.click('[data-test=record-submit]');
  await p.locator('[data-test=problem]', { hasText: '清远市计量检定测试所' }).waitFor();
  assert.match(await p.locator('[data-test=problem]').innerText(), /2022-10-08/);
  await shot(p, 'w1130-enterprise-phone');
});

test('the provider responds and resolves from its desk', async () => {
  const p = await page('qm1');
  await p.goto(srv.url + '/app/helpdesk');
  await p.click('[data-test=problems] .el-table__body tr >> nth=0');
  await p.fill('textarea[name=text]', '已受理，将于国庆后上门诊断。');
  await p.click('[data-test=respond]');
  await p.locator('[data-test=problem]', { hasText: '办理中' }).waitFor();
  await p.fill('textarea[name=text]', '已完成量具检定并建立台账。');
  await p.click('[data-test=resolve]');
  await p.locator('[data-test=problem]', { hasText: '已办结' }).waitFor();
  assert.equal(await p.locator('[data-test=rate-link]').count(), 0, 'the solver never sees the rating link');
  await shot(p, 'w1130-provider');
});

test('the enterprise passes the link on and the resolution is rated without signing in', async () => {
  const ent = await page('applicant', PHONE);
  await ent.goto(srv.url + '/app/helpdesk');
  await ent.click('[data-test=problems] .el-table__body tr >> nth=0');
  const link = await ent.locator('[data-test=rate-link] a').getAttribute('href');
  assert.match(link, /\/rate\/[0-9a-f]{64}$/);
  const pub = await page(null, PHONE);
  await pub.goto(link);
  await pub.click('[data-test=score] .el-rate__item >> nth=4');
  await pub.fill('textarea[name=comment]', '响应及时。');
  await pub.click('[data-test=rate]');
  await pub.locator('[data-test=rate-done]').waitFor();
  await shot(pub, 'w1130-rate-phone');
});

test('the office sees the figures by field', async () => {
  const p = await page('office');
  await p.goto(srv.url + '/app/helpdesk');
  const stats = p.locator('[data-test=desk-stats]');
  await stats.locator('[data-test=quota-chart] svg').waitFor();
  assert.match(await stats.innerText(), /已解决\s*1/);
  await shot(p, 'w1130-office');
});
