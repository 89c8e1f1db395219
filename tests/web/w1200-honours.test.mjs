// w1200-honours: the honours register in Chromium - the office pastes a CSV,
// a faulty one lists its rows, a clean one shows in the register; the public
// opens an enterprise's honours page on a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, PASSWORD } from '../api/lib/server.mjs';
import { usccFor } from '../api/lib/fixture.mjs';
import { xlsx } from '../api/lib/xlsx.mjs';
import { launch, WEB_DIR, shot, signedInPage } from './lib/browser.mjs';

let srv, b, p;
const A = usccFor('441802', 11);
const rows = [`${A},清远华星精密制造有限公司,441802,china_top_brand,,2021,华星牌精密轴承,中国名牌产品名单`,
  `${A},清远华星精密制造有限公司,441802,well_known_trademark,,2019,华星,驰名商标认定批复`];
const csv = (r) => ['uscc,name,region,kind,level,year,title,source', ...r].join('\n');

before(async () => {
  srv = await startServer({ args: ['--rehearsal', '--web-dir', WEB_DIR] });
  b = await launch();
  p = await signedInPage(b.browser, srv.url, 'office', PASSWORD);
  p.setDefaultTimeout(30000);
});
after(async () => { await b?.close(); const r = await srv.stop(); srv.cleanup(); assert.equal(r.code, 0); });

test('the office imports honours: a faulty file lists its rows, a clean one shows', async () => {
  await p.goto(srv.url + '/app/honours');
  await p.click('[data-test=import]');
  await p.fill('textarea[name=csv]', csv([rows[0].replace('2021', '2041')]));
  await p.click('[data-test=import-submit]');
  await p.locator('[data-test=faults] .el-table__body tr').first().waitFor();
  assert.match(await p.locator('[data-test=faults]').innerText(), /2\s+year/);
  await p.fill('textarea[name=csv]', csv(rows));
  await p.click('[data-test=import-submit]');
  await p.locator('[data-test=honour-list] .el-table__body', { hasText: '华星牌精密轴承' }).waitFor();
  await shot(p, 'w1200-honours-office');
});

test('the public opens an enterprise\'s honours on a phone', async () => {
  const ctx = await b.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  const q = await ctx.newPage();
  await q.goto(`${srv.url}/honours/${A}`);
  await q.locator('[data-test=enterprise-honours]', { hasText: '中国驰名商标' }).waitFor();
  await shot(q, 'w1200-enterprise-phone');
});

test('the office imports honours from an .xlsx file', async () => {
  await p.click('[data-test=import]');
  const sheet = [['uscc', 'name', 'region', 'kind', 'level', 'year', 'title', 'source'],
    [A, '清远华星精密制造有限公司', '441802', 'haopin_shandong', '', 2022, '华星好品', '首批“好品山东”品牌名单']];
  await p.setInputFiles('[data-test=csv-file]', { name: '荣誉.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(xlsx(sheet), 'base64') });
  await p.locator('[data-test=xlsx-chosen]', { hasText: '荣誉.xlsx' }).waitFor();
  await shot(p, 'w1200-honours-xlsx-chosen');
  await p.click('[data-test=import-submit]');
  await p.locator('[data-test=honour-list] .el-table__body', { hasText: '华星好品' }).waitFor();
});
