// w1300-campaign: the Shenzhen 2015 quality month in Chromium. A unit (福田区)
// opens its workbench on a phone, sees what is due with the working days
// left, and submits its summary; the office sees it submitted on time in
// the status table of its campaign board, with the chart, on a desktop and on
// a phone; the public sees the activity calendar with the logo and theme.
// The campaign is set up through the API as t1300 does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startServer, PASSWORD } from '../api/lib/server.mjs';
import { setClock } from '../api/lib/award.mjs';
import { TEMPLATE, szOffice, unitAccounts } from '../api/lib/campaign.mjs';
import { launch, WEB_DIR, shot } from './lib/browser.mjs';

const PHONE = { width: 390, height: 844 };
let srv, b, office, pid;

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxweb-'));
  srv = await startServer({ dir, args: ['--rehearsal', '--files-dir', join(dir, 'files'), '--web-dir', WEB_DIR] });
  b = await launch();
  office = await szOffice(srv);
  await unitAccounts(srv, office, [['futian', '福田区'], ['luohu', '罗湖区']]);
  let r = await office.post('/api/v1/programmes', { template: TEMPLATE });
  assert.equal(r.status, 201, r.text);
  pid = r.json.id;
  await setClock(office, '2015-10-12');
  r = await office.post(`/api/v1/programmes/${pid}/campaign/requests`, {});
  assert.equal(r.status, 201, r.text);
  const plan = { title: '“关注质量、关爱生活，质量成就未来”主题活动', focus: '质量宣传', starts_on: '2015-09-10', ends_on: '2015-09-10',
    place: '福田区市民中心', organiser: '福田区', description: '质量宣传进社区。', audience: 800 };
  const futian = await (await import('../api/lib/server.mjs')).signedIn(srv.url, 'futian');
  r = await futian.post(`/api/v1/programmes/${pid}/activities`, plan);
  assert.equal(r.status, 201, r.text);
  r = await office.post(`/api/v1/campaign-activities/${r.json.id}/approve`, {});
  assert.equal(r.status, 200, r.text);
});
after(async () => { await b?.close(); const r = await srv.stop(); srv.cleanup(); assert.equal(r.code, 0); });

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

test('a unit submits its summary from its workbench on a phone', async () => {
  const p = await page('futian', PHONE);
  // the unit's todo lists what it has still to report, with the deadline
  await p.locator('[data-test=todo-list]', { hasText: '报送：“质量月”活动总结' }).waitFor();
  await p.goto(srv.url + '/app/campaign/workbench');
  await p.locator('[data-test=state-summary]').waitFor();
  assert.equal(await p.locator('[data-test=state-summary]').innerText(), '未报送');
  // 2015-10-12 .. 10-15: four working days
  assert.match(await p.locator('[data-test=due-list]').innerText(), /剩余 4 个工作日/);
  await shot(p, 'campaign-workbench-phone');
  await p.click('[data-test=open-summary]');
  await p.locator('[data-test=report] textarea[name=summary]').fill('福田区“质量月”期间开展主题活动12场，参与群众逾八千人次。');
  await p.click('[data-test=submit-report]');
  const done = p.locator('[data-test=state-summary]', { hasText: '已报送' });
  await Promise.race([done.waitFor(), p.locator('.el-message--error').waitFor()]);
  assert.equal(await p.locator('.el-message--error').count(), 0, await p.locator('.el-message--error').allInnerTexts().then((x) => x.join()));
  await shot(p, 'campaign-workbench-submitted-phone');
  await p.context().close();
});

test('the office sees the submission in the status table, on a desktop and on a phone', async () => {
  for (const [name, viewport] of [['desktop', undefined], ['phone', PHONE]]) {
    const p = await page('szoffice', viewport);
    await p.goto(srv.url + '/app/campaign/board');
    await p.locator('[data-test=status-table]').waitFor();
    await p.click('[data-test=request-select]');
    await p.locator('.el-select-dropdown__item', { hasText: '“质量月”活动总结' }).click();
    const row = p.locator('[data-test=status-table] .el-table__row', { hasText: '福田区' });
    await row.locator('text=已报送').waitFor();
    assert.match(await row.innerText(), /按时/);
    assert.match(await p.locator('[data-test=status-table] .el-table__row', { hasText: '罗湖区' }).innerText(), /未报送/);
    await p.locator('[data-test=status-chart] svg').waitFor();
    await shot(p, `campaign-board-${name}`);
    await p.context().close();
  }
});

test('the public activity calendar carries the logo and the theme', async () => {
  const p = await page(null, PHONE);
  await p.goto(srv.url + `/campaign/${pid}/calendar`);
  await p.locator('[data-test=theme]').waitFor();
  assert.equal(await p.locator('[data-test=theme]').innerText(), '质量成就未来');
  assert.equal(await p.locator('[data-test=calendar-item]').count(), 7);
  assert.ok(await p.locator('[data-test=logo]').evaluate((img) => img.complete && img.naturalWidth > 0));
  await shot(p, 'campaign-calendar-phone');
  await p.context().close();
});

test('the office previews the bulletin, writes its closing and issues it', async () => {
  const p = await page('szoffice');
  await p.goto(srv.url + '/app/campaign/board');
  const doc = p.locator('[data-test=document-bulletin]');
  await doc.waitFor();
  assert.match(await doc.innerText(), /关于2015年深圳市“质量月”活动开展情况的通报/);
  assert.match(await doc.innerText(), /五、迟报、未报送单位/);
  await p.fill('[data-test=document-bulletin] textarea[name=closing]', '各单位要总结经验，建立长效机制。');
  await p.click('[data-test=save-document]');
  await doc.locator('text=各单位要总结经验，建立长效机制。').first().waitFor();
  await p.fill('[data-test=document-bulletin] input[name=number]', '深质强办〔2015〕30号');
  await p.fill('[data-test=document-bulletin] input[name=issued_on]', '2015-10-20');
  await p.click('[data-test=issue-document]');
  await p.locator('.el-message-box__btns .el-button--primary').click();
  await p.locator('[data-test=issued]').waitFor();
  assert.match(await p.locator('[data-test=issued]').innerText(), /深质强办〔2015〕30号/);
  await p.locator('[data-test=documents]').scrollIntoViewIfNeeded();
  await shot(p, 'campaign-bulletin-desktop');
  await p.context().close();
});
