// w1170-survey: the quality status survey in Chromium. The office defines a
// survey with two indicators on the desktop; two enterprises answer (one on a
// phone page, one through the API); the office records a benchmark from the
// comparison page, sees the common weakness in the text and the ECharts chart,
// and turns an enterprise's gap into a help-desk problem with one button; the
// enterprise sees its own gap and the problem on its phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, cli, PASSWORD } from '../api/lib/server.mjs';
import { setClock } from '../api/lib/award.mjs';
import { usccFor, addOrganisation } from '../api/lib/fixture.mjs';
import { launch, WEB_DIR, shot, signedInPage } from './lib/browser.mjs';

let srv, b, survey;
const PHONE = { width: 390, height: 844 };

before(async () => {
  srv = await startServer({ args: ['--rehearsal', '--web-dir', WEB_DIR] });
  const r = cli(['user', 'add', '--db', srv.db, '--login', 'ent2', '--role', 'applicant', '--unit', '清远某陶瓷有限公司',
    '--region', '441802', '--password-stdin'], PASSWORD + '\n');
  assert.equal(r.status, 0, r.stderr);
  addOrganisation(srv.db, { uscc: usccFor('441802', 1), name: '清远市清城精工陶瓷有限公司', owner: 'applicant' });
  addOrganisation(srv.db, { uscc: usccFor('441802', 2), name: '清远某陶瓷有限公司', owner: 'ent2' });
  await setClock(await signedIn(srv.url, 'office'), '2022-10-10');
  b = await launch();
});
after(async () => {
  await b?.close();
  const r = await srv.stop();
  srv.cleanup();
  assert.equal(r.code, 0);
});

async function page(login, viewport = { width: 1280, height: 860 }) {
  const p = await signedInPage(b.browser, srv.url, login, PASSWORD, viewport);
  p.setDefaultTimeout(30000);
  return p;
}

test('the office defines a survey with its indicators', async () => {
  const p = await page('office');
  await p.goto(srv.url + '/app/surveys');
  await p.click('[data-test=new-survey]');
  await p.fill('input[name=title]', '陶瓷行业质量状况调查');
  await p.fill('input[name=industry]', '建筑陶瓷');
  await p.fill('input[name=ind-key-0]', 'absorption');
  await p.fill('input[name=ind-label-0]', '吸水率');
  await p.fill('input[name=ind-unit-0]', '%');
  // lower is better for water absorption
  await p.locator('.el-dialog .el-select').first().click();
  await p.locator('.el-select-dropdown__item:visible', { hasText: '越低越好' }).click();
  await p.click('[data-test=add-indicator]');
  await p.fill('input[name=ind-key-1]', 'strength');
  await p.fill('input[name=ind-label-1]', '破坏强度');
  await p.fill('input[name=ind-unit-1]', 'N');
  await p.click('[data-test=create-survey]');
  await p.waitForURL(/\/app\/surveys\/\d+$/);
  survey = Number(p.url().match(/surveys\/(\d+)$/)[1]);
  await p.locator('[data-test=survey-comparison]').waitFor();
  await shot(p, 'w1170-new-survey');
});

test('an enterprise answers on a phone; another through the API', async () => {
  const p = await page('applicant', PHONE);
  await p.goto(`${srv.url}/app/surveys/${survey}/answer`);
  await p.fill('textarea[name=standards]', 'GB/T 4100-2015');
  await p.fill('input[name=level-absorption]', '0.9');
  await p.click('[data-test=send-answer]');
  // a missing indicator is shown beside its field
  await p.locator('.el-form-item__error', { hasText: '请填写该关键指标' }).waitFor();
  await p.fill('input[name=level-strength]', '1200');
  await p.click('[data-test=send-answer]');
  await p.locator('[data-test=my-gaps]').waitFor();
  const api = await signedIn(srv.url, 'ent2');
  const r = await api.post(`/api/v1/surveys/${survey}/answers`, { standards: ['GB/T 4100-2015'], indicators: { absorption: 0.4, strength: 1500 } });
  assert.equal(r.status, 200, r.text);
});

test('the office records a benchmark, sees the common weakness and turns a gap into a problem', async () => {
  const p = await page('office');
  await p.goto(`${srv.url}/app/surveys/${survey}`);
  await p.click('[data-test=add-benchmark]');
  await p.fill('input[name=bench-name]', '意大利标杆瓷砖');
  await p.fill('input[name=bench-source]', 'ISO 13006 检测报告');
  await p.fill('input[name=bench-absorption]', '0.5');
  await p.fill('input[name=bench-strength]', '1300');
  await p.click('[data-test=save-benchmark]');
  // absorption: 1 of 2 short (0.9 > 0.5) = 50 %, strength: 1 of 2 short (1200 < 1300): both common weaknesses at 50 %
  await p.locator('[data-test=weaknesses]', { hasText: '吸水率' }).waitFor();
  assert.match(await p.locator('[data-test=weaknesses]').innerText(), /吸水率、破坏强度/);
  await p.locator('[data-test=gap-chart] svg').waitFor();
  const button = p.locator('[data-test^=to-problem-][data-test$=-absorption]');
  await button.click();
  await p.locator('[data-test=enterprise-list]', { hasText: '帮扶问题' }).waitFor();
  await shot(p, 'w1170-comparison');
});

test('the enterprise sees its gaps and the problem on its phone', async () => {
  const p = await page('applicant', PHONE);
  await p.goto(`${srv.url}/app/surveys/${survey}/answer`);
  const gaps = p.locator('[data-test=my-gaps]');
  await gaps.getByText(/^帮扶问题 \d+$/).first().waitFor();
  assert.match(await gaps.innerText(), /未达标杆/);
  await p.click('[data-test=to-problem-strength]');
  await gaps.getByText(/^帮扶问题 \d+$/).nth(1).waitFor();
  await shot(p, 'w1170-enterprise-phone');
});

test('the province office requests the local summaries from the dashboard and sees each city', async () => {
  for (const [login, role, unit, region] of [['hnoffice', 'office', '湖南省市场监督管理局', '430000'],
    ['csreport', 'member', '长沙市质量品牌提升行动联络组', '430100']]) {
    const r = cli(['user', 'add', '--db', srv.db, '--login', login, '--role', role, '--unit', unit, '--region', region,
      '--password-stdin'], PASSWORD + '\n');
    assert.equal(r.status, 0, r.stderr);
  }
  const p = await page('hnoffice');
  await p.goto(srv.url + '/app/targets');
  await p.click('[data-test=request-summaries]');
  await p.locator('[data-test=summaries]', { hasText: '2022-11-30' }).waitFor();
  const row = p.locator('[data-test=target-list] .el-table__body tr', { hasText: '长沙市' }).first();
  await row.waitFor();
  assert.match(await row.innerText(), /未报/);
  await shot(p, 'w1170-targets-summaries');
});
