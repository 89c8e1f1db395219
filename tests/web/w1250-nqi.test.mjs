// w1250-nqi: the NQI records in Chromium - the Qingdao office imports
// institutions and enterprises, a faulty services file lists its rows, a
// clean one fills the list; the list filters by kind; the board draws its
// three charts (desktop), and the list reads on a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli, PASSWORD } from '../api/lib/server.mjs';
import { usccFor } from '../api/lib/fixture.mjs';
import { launch, WEB_DIR, shot, signedInPage } from './lib/browser.mjs';

let srv, b, p;
const I = usccFor('370214', 1), E1 = usccFor('370214', 101), E2 = usccFor('370202', 102);
const files = {
  institutions: ['uscc,name,region,kinds', `${I},青岛市产品质量检验研究院城阳分院,370214,testing;metrology;certification`],
  enterprises: ['uscc,name,region,chain', `${E1},青岛海晨智能家电有限公司,370214,smart_appliances`, `${E2},青岛市北生物医药有限公司,370202,biomedicine`],
  services: ['date,kind,institution,enterprise', `2022-03-15,testing,${I},${E1}`, `2022-05-20,metrology,${I},${E2}`,
    `2022-08-02,certification,${I},${E1}`, `2022-09-27,testing,${I},${E2}`],
};

async function importFile(what, lines) {
  await p.locator('[data-test=nqi-services] .px-toolbar .el-select').first().click();
  await p.locator('.el-select-dropdown__item:visible', { hasText: { institutions: '服务机构', enterprises: '服务企业', services: '服务记录' }[what] }).click();
  await p.click('[data-test=import]');
  await p.fill('textarea[name=csv]', lines.join('\n'));
  await p.click('[data-test=import-submit]');
}

before(async () => {
  srv = await startServer({ args: ['--web-dir', WEB_DIR] });
  const r = cli(['user', 'add', '--db', srv.db, '--login', 'qdoffice', '--role', 'office', '--unit', '青岛市质量强市工作领导小组办公室',
    '--region', '370200', '--password-stdin'], PASSWORD + '\n');
  assert.equal(r.status, 0, r.stderr);
  b = await launch();
  p = await signedInPage(b.browser, srv.url, 'qdoffice', PASSWORD);
  p.setDefaultTimeout(30000);
});
after(async () => { await b?.close(); const r = await srv.stop(); srv.cleanup(); assert.equal(r.code, 0); });

test('the office imports; a faulty services file lists its rows; the list filters', async () => {
  await p.goto(srv.url + '/app/nqi/services');
  await importFile('institutions', files.institutions);
  await p.locator('.el-dialog').first().waitFor({ state: 'hidden' });
  await importFile('enterprises', files.enterprises);
  await p.locator('.el-dialog').first().waitFor({ state: 'hidden' });
  await importFile('services', [...files.services, `2022-06-01,standards,${I},${E1}`]);
  await p.locator('[data-test=faults] .el-table__body tr').first().waitFor();
  assert.match(await p.locator('[data-test=faults]').innerText(), /6\s+kind/);
  await p.fill('textarea[name=csv]', files.services.join('\n'));
  await p.click('[data-test=import-submit]');
  await p.locator('[data-test=nqi-list] .el-table__body tr').nth(3).waitFor();
  await p.locator('[data-test=nqi-services] .px-search .el-select').first().click();
  await p.locator('.el-select-dropdown__item:visible', { hasText: '计量' }).click();
  await p.click('[data-test=search]');
  await p.waitForFunction(() => document.querySelectorAll('[data-test=nqi-list] .el-table__body tr').length === 1);
  assert.match(await p.locator('[data-test=nqi-list]').innerText(), /青岛市北生物医药有限公司/);
  await shot(p, 'w1250-nqi-services');
});

test('the board draws its charts; the list reads on a phone', async () => {
  await p.goto(srv.url + '/app/nqi');
  await p.locator('[data-test=nqi-total]', { hasText: '4' }).waitFor();
  for (const c of ['kind', 'chain', 'period']) await p.locator(`[data-test=chart-${c}] svg`).waitFor();
  await shot(p, 'w1250-nqi-board');
  const q = await signedInPage(b.browser, srv.url, 'qdoffice', PASSWORD, { width: 390, height: 844 });
  await q.goto(srv.url + '/app/nqi/services');
  await q.locator('[data-test=nqi-list] .el-table__body tr').nth(3).waitFor();
  await shot(q, 'w1250-nqi-services-phone');
});
