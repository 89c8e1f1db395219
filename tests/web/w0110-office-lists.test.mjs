// w0110-office-lists: the office's list pages in Chromium — the expert pool
// imported from CSV (a faulty file lists its rows and imports nothing),
// searched, paged, exported as CSV and an expert removed with a reason; an
// account created from the accounts page, and one refused outside the region.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, PASSWORD } from '../api/lib/server.mjs';
import { poolCsv } from '../api/lib/award.mjs';
import { launch, WEB_DIR, shot, signedInPage } from './lib/browser.mjs';

let srv, b, p;
const code = (i) => `W${String(i).padStart(2, '0')}`;
const rows = Array.from({ length: 25 }, (_, i) => [code(i + 1), `专家${i + 1}`, `单位${i % 7}`, '441800', 'C;M', '', '']);

before(async () => {
  srv = await startServer({ args: ['--rehearsal', '--web-dir', WEB_DIR] });
  b = await launch();
  p = await signedInPage(b.browser, srv.url, 'office', PASSWORD);
  p.setDefaultTimeout(30000);
});
after(async () => {
  await b?.close();
  const r = await srv.stop();
  srv.cleanup();
  assert.equal(r.code, 0);
});

async function importCsv(text) {
  await p.click('[data-test=import]');
  await p.fill('textarea[name=csv]', text);
  await p.click('[data-test=import-submit]');
}

test('a faulty pool file lists each bad row with its line and imports nothing', async () => {
  await p.goto(srv.url + '/app/experts');
  const bad = rows.map((r) => [...r]);
  bad[2][3] = '999999';   // line 4: no such division
  await importCsv(poolCsv(bad));
  const faults = p.locator('[data-test=faults] .el-table__body tr');
  await faults.first().waitFor();
  assert.equal(await faults.count(), 1);
  assert.match(await faults.first().innerText(), /4\s+region/);
  await shot(p, 'w0110-office-import-faults');
  await p.keyboard.press('Escape');
  assert.equal(await p.locator('[data-test=expert-list] .el-table__body tr').count(), 0);
});

test('the pool imports, pages by 20, searches and exports what the search found', async () => {
  await importCsv(poolCsv(rows));
  await p.locator('.el-message--success').first().waitFor();
  const body = p.locator('[data-test=expert-list] .el-table__body tr');
  await p.waitForFunction(() => document.querySelectorAll('[data-test=expert-list] .el-table__body tr').length === 20);
  assert.match(await p.locator('[data-test=expert-list] .el-pagination').innerText(), /25/);
  await p.fill('[data-test=expert-list] input[name=q]', '单位3');
  await p.click('[data-test=expert-list] [data-test=search]');
  await p.waitForFunction(() => document.querySelectorAll('[data-test=expert-list] .el-table__body tr').length < 20);
  const found = await body.count();
  assert.equal(found, rows.filter((r) => r[2] === '单位3').length);
  const [dl] = await Promise.all([p.waitForEvent('download'), p.click('[data-test=expert-list] [data-test=export]')]);
  const csv = readFileSync(await dl.path(), 'utf8');
  assert.equal(csv.charCodeAt(0), 0xfeff, 'a byte-order mark, so Excel reads UTF-8');
  const lines = csv.slice(1).trim().split('\r\n');
  assert.equal(lines.length, found + 1);
  assert.match(lines[0], /"编号","名称","工作单位"/);
  await shot(p, 'w0110-office-experts');
});

test('an expert removed with a reason shows as removed', async () => {
  await p.click('[data-test=expert-list] .el-table__fixed-right .el-button--danger, [data-test=expert-list] .el-button--danger >> nth=0');
  await p.fill('.el-message-box input', '违反评审纪律');
  await p.click('.el-message-box .el-button--primary');
  await p.locator('[data-test=expert-list] .el-table__body', { hasText: '已移出：违反评审纪律' }).first().waitFor();
});

test('an account is created from the accounts page; another region is refused with its message', async () => {
  await p.goto(srv.url + '/app/accounts');
  const add = async (login, region) => {
    await p.click('[data-test=new-account]');
    await p.fill('input[name=login]', login);
    await p.fill('input[name=display_name]', '测试账号');
    await p.fill('input[name=unit]', '清城区市场监管局');
    await p.fill('input[name=region]', region);
    await p.fill('input[name=password]', 'correct-horse-42');
    await p.click('[data-test=create-account]');
  };
  await add('qc2', '441802');
  await p.locator('[data-test=account-list] .el-table__body', { hasText: 'qc2' }).waitFor();
  await add('gz2', '440100');
  const err = p.locator('.el-message--error').last();
  await err.waitFor();
  assert.match(await err.innerText(), /[\u4e00-\u9fff]/);
  await shot(p, 'w0110-office-accounts');
});
