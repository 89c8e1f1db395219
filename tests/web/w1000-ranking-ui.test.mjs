// w1000-ranking-ui: the Guangzhou 2022 brand ranking through the browser.
//   a district bureau registers a brand of its district in two tracks (a third
//   cannot be ticked) and finds it in its list beside its contact of attachment 2;
//   a member of the promotion group scores it on the five criteria and then
//   sees the panel's sheets; the public reads the five published lists with
//   the weights, on a phone.
// Steps the story needs but does not show (accounts, the other sheets,
// advancing stages) go through the API as in t1000.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startServer, signedIn, PASSWORD } from '../api/lib/server.mjs';
import { orgUscc } from '../api/lib/ident.mjs';
import { TEMPLATE, DISTRICTS, UNITS, account, setClock, advance, sheet } from '../api/lib/ranking.mjs';
import { launch, WEB_DIR, shot } from './lib/browser.mjs';

let srv, b, gz, pid;
const members = [], judges = [];

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxweb-'));
  srv = await startServer({ dir, args: ['--rehearsal', '--web-dir', WEB_DIR] });
  b = await launch();
  gz = await signedIn(srv.url, 'gzoffice');
  await account(gz, 'gz-tianhe', 'county', '天河区市场监管局', DISTRICTS.tianhe);
  for (let i = 0; i < UNITS.length; i++) members.push(await account(gz, `gz-m${i}`, 'member', UNITS[i]));
  for (let i = 0; i < 7; i++) judges.push(await account(gz, `gz-e${i}`, 'expert', `广州质量品牌专家${i}`));
  const r = await gz.post('/api/v1/programmes', { template: TEMPLATE });
  assert.equal(r.status, 201, r.text);
  pid = r.json.id;
  await setClock(gz, '2022-07-20');
  await advance(gz, pid, 'registration');
});
after(async () => {
  await b?.close();
  const r = await srv.stop();
  srv.cleanup();
  assert.equal(r.code, 0);
});

async function page(login, viewport) {
  const ctx = await b.browser.newContext({ viewport: viewport ?? { width: 1280, height: 900 }, locale: 'zh-CN' });
  const p = await ctx.newPage();
  p.setDefaultTimeout(30000);
  if (login) {
    await p.goto(srv.url + '/signin');
    await p.fill('input[name=login]', login);
    await p.fill('input[name=password]', PASSWORD);
    await p.click('[data-test=signin]');
    await p.waitForURL(/\/app\//);
  }
  return p;
}

let aid;
test('a district bureau registers a brand of its district in at most two tracks', async () => {
  const p = await page('gz-tianhe');
  await p.click('text=品牌报名');
  await p.waitForURL(/\/app\/brands\/register$/);
  await p.fill('input[data-test=uscc]', orgUscc(DISTRICTS.tianhe, 901));
  await p.fill('input[data-test=org-name]', '广州天河云帆科技有限公司');
  await p.fill('[data-test=founded] input', '2012-05-01');
  await p.keyboard.press('Enter');
  await p.fill('input[data-test=brand]', '云帆');
  await p.fill('textarea[data-test=description]', '坚持质量品牌战略');
  await p.fill('input[data-test=contact]', '陈经理');
  await p.click('[data-test=tracks] >> text=行业领引品牌');
  await p.click('[data-test=tracks] >> text=新晋科技品牌');
  // a third track cannot be ticked
  assert.ok(await p.locator('[data-test=tracks] label.is-disabled', { hasText: '网络人气品牌' }).count() === 1);
  await p.click('[data-test=attest]');
  await p.click('[data-test=register]');
  const done = p.locator('[data-test=registered]');
  await done.waitFor();
  assert.match(await done.innerText(), /云帆 · 行业领引品牌、新晋科技品牌/);
  await shot(p, 'w1000-registered');
  await p.click('text=报名企业');
  await p.waitForURL(/\/app\/brands\/applicants$/);
  const districts = p.locator('[data-test=districts]');
  await districts.locator('text=38211973').waitFor();
  assert.match(await districts.innerText(), /天河区市场监管局（质量发展科）/);
  const rows = p.locator('[data-test=registrations] .el-table__row');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().innerText(), /云帆[\s\S]*广州天河云帆科技有限公司/);
  const list = await gz.get(`/api/v1/programmes/${pid}/ranking/registrations`);
  aid = list.json.registrations[0].id;
});

test('a member of the promotion group scores on the five criteria, then sees the panel', async () => {
  await setClock(gz, '2022-08-15');
  await advance(gz, pid, 'vote');
  await advance(gz, pid, 'review');
  let r = await gz.request('PUT', `/api/v1/programmes/${pid}/ranking/panels/promotion`, { body: { accounts: members } });
  assert.equal(r.status, 200, r.text);
  r = await gz.request('PUT', `/api/v1/programmes/${pid}/ranking/panels/expert`, { body: { accounts: judges } });
  assert.equal(r.status, 200, r.text);
  const p = await page('gz-m0');
  await p.click('text=榜单评分');
  await p.waitForURL(/\/app\/brands\/scoring$/);
  const row = p.locator('[data-test=sheet] .el-table__row').first();
  await row.waitFor();
  assert.match(await p.locator('[data-test=sheet]').innerText(), /质量品牌战略[\s\S]*履行社会责任[\s\S]*质量文化/);
  const inputs = row.locator('.el-input-number input');
  assert.equal(await inputs.count(), 5);
  for (let k = 0; k < 5; k++) {
    await inputs.nth(k).fill('16');
    await inputs.nth(k).press('Tab');
  }
  await row.locator('[data-test=give]').click();
  await p.locator('[data-test=sheet] .el-table__row', { hasText: '80' }).first().waitFor();
  await row.locator('text=查看本组评分').click();
  await row.locator('text=80').last().waitFor();
  await shot(p, 'w1000-scoring');
  const mine = await signedIn(srv.url, 'gz-m0');
  r = await mine.get(`/api/v1/applications/${aid}/ranking-scores`);
  assert.deepEqual(r.json.sheets.map((s) => s.total), ['80']);
});

test('the public reads the five lists with their weights on a phone', async () => {
  for (let i = 1; i < 10; i++) {
    const c = await signedIn(srv.url, `gz-m${i}`);
    const r = await c.post(`/api/v1/programmes/${pid}/ranking/scores`, { application: aid, scores: sheet(70) });
    assert.equal(r.status, 201, r.text);
  }
  for (let i = 0; i < 7; i++) {
    const c = await signedIn(srv.url, `gz-e${i}`);
    const r = await c.post(`/api/v1/programmes/${pid}/ranking/scores`, { application: aid, scores: sheet(90) });
    assert.equal(r.status, 201, r.text);
  }
  await setClock(gz, '2022-09-01');
  await advance(gz, pid, 'publication');
  const r = await gz.post(`/api/v1/programmes/${pid}/ranking/publish`, {});
  assert.equal(r.status, 201, r.text);
  const p = await page(null, { width: 390, height: 844 });
  await p.goto(`${srv.url}/brands/${pid}`);
  await p.locator('[data-test=weights]').waitFor();
  assert.match(await p.locator('[data-test=weights]').innerText(), /300‰[\s\S]*300‰[\s\S]*400‰/);
  for (const name of ['行业领引品牌', '消费知名品牌', '新晋科技品牌', '网络人气品牌', '老字号新活力及驰名商标品牌'])
    assert.equal(await p.locator('.el-tabs__item', { hasText: name }).count(), 1, name);
  const first = p.locator('[data-test=list] .el-table__row').first();
  await first.waitFor();
  assert.match(await first.innerText(), /1[\s\S]*云帆[\s\S]*广州天河云帆科技有限公司/);
  await p.locator('[data-test=district-chart] svg').waitFor();
  assert.match(await p.locator('[data-test=district-chart]').innerHTML(), /天河区/);
  await shot(p, 'w1000-lists-phone');
});
