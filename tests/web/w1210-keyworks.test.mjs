// w1210-keyworks: the key works in Chromium - the leaders' board with its
// chart, totals and the overdue milestone, the roll-up exported as CSV; the
// lead unit reports its progress on a milestone on a phone, through the
// reporting engine; the office reads it on the work's page and reminds the
// unit of the next milestone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, signedIn, ok, PASSWORD } from '../api/lib/server.mjs';
import { accountId } from '../api/lib/fixture.mjs';
import { setClock } from '../api/lib/award.mjs';
import { launch, WEB_DIR, shot, signedInPage } from './lib/browser.mjs';

let srv, b, work;

before(async () => {
  srv = await startServer({ args: ['--rehearsal', '--web-dir', WEB_DIR] });
  const office = await signedIn(srv.url, 'office');
  await setClock(office, '2022-09-28');
  work = ok(await office.post('/api/v1/keyworks', { title: '开展企业品牌价值测评工作', lead: accountId(srv.db, 'member'),
    co_units: ['市民营经济（中小企业）发展工作领导小组办公室'],
    milestones: [{ title: '印发测评工作方案', due_on: '2022-09-30' }, { title: '发布测评结果', due_on: '2022-12-30' }] }), 201);
  ok(await office.post('/api/v1/keyworks', { title: '启动首届青岛国际品质生活博览会招展工作', lead_name: '青岛日报报业集团',
    milestones: [{ title: '发布全球招展公告', due_on: '2022-10-31' }] }), 201);
  await setClock(office, '2022-10-10');
  b = await launch();
});
after(async () => { await b?.close(); const r = await srv.stop(); srv.cleanup(); assert.equal(r.code, 0); });

test('the leaders\' board: totals, the chart, the overdue milestone; the roll-up exports as CSV', async () => {
  const p = await signedInPage(b.browser, srv.url, 'leader', PASSWORD);
  p.setDefaultTimeout(30000);
  await p.goto(srv.url + '/app/keyworks/board');
  await p.locator('[data-test=progress-chart] svg').waitFor();
  await p.locator('[data-test=overdue-list] .el-table__body', { hasText: '印发测评工作方案' }).waitFor();
  assert.match(await p.locator('[data-test=totals]').innerText(), /2\s+重点工作[\s\S]*3\s+节点[\s\S]*1\s+逾期/);
  assert.equal(await p.locator('[data-test=xlsx]').getAttribute('href'), '/api/v1/keywork-board.xlsx');
  await shot(p, 'w1210-keyworks-board');
  const [dl] = await Promise.all([p.waitForEvent('download'), p.click('[data-test=owners] [data-test=export]')]);
  const csv = readFileSync(await dl.path(), 'utf8');
  assert.match(csv, /"清远市应急管理局","1","2","0","2","1"/);
  await p.context().close();
});

test('on a phone, the lead unit reports its progress on a milestone', async () => {
  const p = await signedInPage(b.browser, srv.url, 'member', PASSWORD, { width: 390, height: 844 });
  p.setDefaultTimeout(30000);
  await p.goto(srv.url + '/app/keyworks/mine');
  await p.locator('[data-test=report]').first().click();
  await p.fill('textarea[name=progress]', '测评工作方案已报市政府审定，即将印发。');
  await p.click('[data-test=send]');
  await p.locator('[data-test=keyworks-mine] [data-test=milestone]', { hasText: '已报送（第 1 版）' }).first().waitFor();
  await p.locator('.el-overlay-dialog').waitFor({ state: 'hidden' });
  await shot(p, 'w1210-keyworks-mine-phone');
  await p.context().close();
});

test('the office\'s register and one work: the unit\'s report, a reminder for the next milestone', async () => {
  const p = await signedInPage(b.browser, srv.url, 'office', PASSWORD);
  p.setDefaultTimeout(30000);
  await p.goto(srv.url + '/app/keyworks');
  await p.locator('[data-test=keyworks-list] .el-table__body', { hasText: '青岛日报报业集团' }).waitFor();
  await p.goto(`${srv.url}/app/keyworks/${work.id}`);
  await p.locator('[data-test=milestones] [data-test=overdue]', { hasText: '逾期 3 个工作日' }).waitFor();
  await p.click('[data-test=milestones] [data-test=remind]');
  await p.locator('.el-message', { hasText: '已催报 1 个单位' }).waitFor();
  await shot(p, 'w1210-keyworks-work');
  await p.click('[data-test=milestones] [data-test=view-report]');
  await p.locator('[data-test=report-content]', { hasText: '测评工作方案已报市政府审定' }).waitFor();
  await p.context().close();
});
