// w1100-register: the public register of 湖南名品 and the verification page a
// certificate's QR code opens, in Chromium on a phone viewport: search by name
// and by region (the status shown as a tag), open an entry, see its status on
// the day, its history and its QR code; an unknown code says so. Nothing is
// wider than the phone. Then, on a desktop: the office suspends a certificate
// through its confirm and reason dialogs, and a city bureau recommends an
// application of a county under it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startServer, signedIn, cli, PASSWORD } from '../api/lib/server.mjs';
import { sql, lit, addOrganisation, addApplication, putStage } from '../api/lib/fixture.mjs';
import { orgUscc } from '../api/lib/ident.mjs';
import { launch, WEB_DIR, shot } from './lib/browser.mjs';

let srv, b, p, pid;
const PHONE = { width: 390, height: 844 };
const now = () => Date.now() * 1000;

// A certificate of the register as the certification would have issued it.
function certificate(db, pid, { no, code, holder, product, region, from, to, status = 'valid' }, n) {
  const org = addOrganisation(db, { uscc: orgUscc(region, n), name: holder, region });
  const aid = addApplication(db, { programme: pid, organisation: org, region, state: 'winner', track: 'product', form: 'famous_product' });
  const id = Number(sql(db, 'INSERT INTO certificate (no, code, application_id, programme_id, holder, track_code, issued_on, sha256, ' +
    `created_at, status, valid_from, valid_to, region, product, score) VALUES (${lit(no)}, ${lit(code)}, ${aid}, ${pid}, ${lit(holder)}, ` +
    `'product', ${lit(from)}, '', ${now()}, ${lit(status)}, ${lit(from)}, ${lit(to)}, ${lit(region)}, ${lit(product)}, 8650) RETURNING id`));
  sql(db, 'INSERT INTO certificate_event (certificate_id, action, from_status, to_status, reason, on_date, actor, created_at) VALUES ' +
    `(${id}, 'issue', NULL, 'valid', 'issued', ${lit(from)}, 'account:1', ${now()})`);
  if (status === 'revoked')
    sql(db, 'INSERT INTO certificate_event (certificate_id, action, from_status, to_status, reason, on_date, actor, created_at) VALUES ' +
      `(${id}, 'revoke', 'valid', 'revoked', '发生重大质量事故', '2023-05-08', 'account:1', ${now()})`);
}

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxweb-'));
  srv = await startServer({ dir, args: ['--web-dir', WEB_DIR, '--public-url', 'https://zlpp.example.cn'] });
  const r = cli(['user', 'add', '--db', srv.db, '--login', 'hunan', '--role', 'office', '--unit', '湖南省市场监督管理局',
    '--region', '430000', '--password-stdin'], PASSWORD + '\n');
  assert.equal(r.status, 0, r.stderr);
  const hunan = await signedIn(srv.url, 'hunan');
  const pr = await hunan.post('/api/v1/programmes', { template: 'hunan-famous-products-2022' });
  assert.equal(pr.status, 201, pr.text);
  pid = pr.json.id;
  certificate(srv.db, pid, { no: 'HNMP-2022-001', code: 'ABCD-EFGH-JKLM', holder: '长沙华韵湘绣有限公司', product: '华韵牌湘绣',
    region: '430102', from: '2022-10-20', to: '2099-10-19' }, 1);
  certificate(srv.db, pid, { no: 'HNMP-2022-002', code: 'BCDE-FGHJ-KLMN', holder: '株洲醴陵瓷业有限公司', product: '醴陵釉下五彩瓷',
    region: '430281', from: '2022-10-20', to: '2099-10-19', status: 'revoked' }, 2);
  certificate(srv.db, pid, { no: 'HNMP-2022-003', code: 'CDEF-GHJK-LMNP', holder: '长沙岳麓茶业有限公司', product: '岳麓牌绿茶',
    region: '430104', from: '2019-10-20', to: '2022-10-19' }, 3);
  b = await launch();
  const ctx = await b.browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true });
  p = await ctx.newPage();
  p.setDefaultTimeout(30000);
});
after(async () => {
  await b?.close();
  const r = await srv.stop();
  srv.cleanup();
  assert.equal(r.code, 0);
});

const narrow = () => p.evaluate(() => document.documentElement.scrollWidth);

test('the public searches the register by name and by region on a phone', async () => {
  await p.goto(srv.url + '/register');
  await p.locator('[data-test=register-total]').filter({ hasText: '共 3 张' }).waitFor();
  await p.fill('input[name=name]', '湘绣');
  await p.click('[data-test=register-search]');
  await p.locator('[data-test=register-total]').filter({ hasText: '共 1 张' }).waitFor();
  const entry = p.locator('[data-test="entry-HNMP-2022-001"]');
  assert.match(await entry.innerText(), /长沙华韵湘绣有限公司[\s\S]*华韵牌湘绣 · 芙蓉区/);
  assert.equal(await entry.locator('[data-test=status-valid]').innerText(), '有效');
  await p.fill('input[name=name]', '');
  await p.fill('input[name=region]', '430200');
  await p.click('[data-test=register-search]');
  await p.locator('[data-test="entry-HNMP-2022-002"] [data-test=status-revoked]').waitFor();
  assert.equal(await p.locator('[data-test=register-list] li').count(), 1);
  // a certificate past its end shows expired, though nobody recorded it
  await p.goto(srv.url + '/register?no=HNMP-2022-003');
  await p.locator('[data-test="entry-HNMP-2022-003"] [data-test=status-expired]').waitFor();
  assert.ok(await narrow() <= PHONE.width, `the page is ${await narrow()} px wide`);
  await p.waitForTimeout(400); // let the tags finish their entrance
  await shot(p, 'w1100-register-phone');
});

test('the verification page shows the status on the day, the history and the QR code', async () => {
  await p.goto(srv.url + '/register?name=' + encodeURIComponent('湘绣'));
  await p.click('[data-test="entry-HNMP-2022-001"] a');
  await p.waitForURL(/\/register\/ABCD-EFGH-JKLM$/);
  const result = p.locator('[data-test=verify-result]');
  await result.locator('[data-test=status-valid]').waitFor();
  assert.match(await result.innerText(), /证书有效[\s\S]*HNMP-2022-001[\s\S]*长沙华韵湘绣有限公司[\s\S]*2022-10-20 — 2099-10-19/);
  const qr = p.locator('[data-test=verify-qr]');
  await p.waitForFunction(() => document.querySelector('[data-test=verify-qr]')?.naturalWidth > 0);
  assert.equal(await qr.getAttribute('src'), '/api/v1/register/ABCD-EFGH-JKLM/qr.svg');
  assert.ok(await narrow() <= PHONE.width, `the page is ${await narrow()} px wide`);
  await shot(p, 'w1100-verify-phone');
  // the revoked one, opened by its QR URL: not valid, with the reason
  await p.goto(srv.url + '/register/bcdefghjklmn');
  await p.locator('[data-test=verify-result] [data-test=status-revoked]').waitFor();
  assert.match(await p.locator('[data-test=verify-result]').innerText(), /证书当前不在有效状态[\s\S]*撤销：发生重大质量事故/);
  await p.goto(srv.url + '/register/AAAA-BBBB-CCCC');
  assert.match(await p.locator('[data-test=verify-result]').innerText(), /查无此证书/);
});

test('the office sees the count against the target and suspends a certificate after confirming, with a reason', async () => {
  const ctx = await b.browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
  const o = await ctx.newPage();
  o.setDefaultTimeout(30000);
  await o.goto(srv.url + '/signin');
  await o.fill('input[name=login]', 'hunan');
  await o.fill('input[name=password]', PASSWORD);
  await o.click('[data-test=signin]');
  await o.waitForURL(/\/app\/todo/);
  await o.click('text=湖南名品证书');
  await o.waitForURL(/\/app\/certificates$/);
  await o.locator('[data-test=target]').filter({ hasText: '认定目标 100 个，已认定 3 个，当前有效 1 个' }).waitFor();
  const id = Number(sql(srv.db, "SELECT id FROM certificate WHERE no = 'HNMP-2022-001'"));
  await o.click(`[data-test=suspend-${id}]`);
  const confirm = o.locator('.el-message-box').filter({ hasText: '确认暂停证书 HNMP-2022-001？' });
  await confirm.locator('.el-button--primary').click();
  const prompt = o.locator('.el-message-box').filter({ hasText: '请填写暂停原因' });
  await prompt.getByRole('textbox').fill('监督抽查不合格');
  await prompt.locator('.el-button--primary').click();
  await o.locator('[data-test=register-table] [data-test=status-suspended]').waitFor();
  assert.equal(sql(srv.db, `SELECT reason FROM certificate_event WHERE certificate_id = ${id} AND action = 'suspend'`), '监督抽查不合格');
  assert.ok(await o.locator(`[data-test=reinstate-${id}]`).isVisible(), 'a suspended certificate offers reinstatement');
  await prompt.waitFor({ state: 'hidden' });
  await shot(o, 'w1100-office-register');
  await ctx.close();
});

test('the city bureau recommends an application of a county under it, with its opinion', async () => {
  const r = cli(['user', 'add', '--db', srv.db, '--login', 'changsha', '--role', 'county', '--unit', '长沙市市场监督管理局',
    '--region', '430100', '--password-stdin'], PASSWORD + '\n');
  assert.equal(r.status, 0, r.stderr);
  const org = addOrganisation(srv.db, { uscc: orgUscc('430111', 9), name: '长沙星城机械股份有限公司', region: '430111' });
  const aid = addApplication(srv.db, { programme: pid, organisation: org, region: '430111', state: 'submitted', track: 'product',
    form: 'famous_product', data: { product: '星城牌挖掘机' } });
  putStage(srv.db, pid, 'city');
  const ctx = await b.browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
  const c = await ctx.newPage();
  c.setDefaultTimeout(30000);
  await c.goto(srv.url + '/signin');
  await c.fill('input[name=login]', 'changsha');
  await c.fill('input[name=password]', PASSWORD);
  await c.click('[data-test=signin]');
  await c.waitForURL(/\/app\/todo/);
  await c.click('text=湖南名品推荐');
  await c.waitForURL(/\/app\/certification\/city$/);
  const row = c.locator('[data-test=city-table] .el-table__row').filter({ hasText: '长沙星城机械股份有限公司' });
  assert.match(await row.innerText(), /星城牌挖掘机[\s\S]*430111[\s\S]*待市州推荐/);
  await c.click(`[data-test=recommend-${aid}]`);
  const prompt = c.locator('.el-message-box').filter({ hasText: '请填写审核意见' });
  assert.equal(await prompt.getByRole('textbox').inputValue(), '经审核，申报材料真实，同意推荐');
  await prompt.locator('.el-button--primary').click();
  await row.filter({ hasText: '市州已推荐' }).waitFor();
  assert.equal(sql(srv.db, `SELECT state FROM application WHERE id = ${aid}`), 'recommended');
  await ctx.close();
});
