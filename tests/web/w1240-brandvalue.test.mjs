// w1240-brandvalue: the brand value evaluation in Chromium - the enterprise
// fills its form (the forecast years as rows) with the worked example of
// docs/brand-value.md, a faulty margin is named beside its row; the office
// computes and sees 38,648,769 yuan ranked first; the enterprise sees its
// value and report link on a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, signedIn, PASSWORD } from '../api/lib/server.mjs';
import { usccFor, addOrganisation } from '../api/lib/fixture.mjs';
import { launch, WEB_DIR, shot, signedInPage } from './lib/browser.mjs';

let srv, b, office, ent, rid;
const REVENUES = [100000000, 108000000, 116640000, 124800000, 131040000];

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxweb-'));
  srv = await startServer({ dir, args: ['--rehearsal', '--web-dir', WEB_DIR, '--files-dir', join(dir, 'files')] });
  addOrganisation(srv.db, { uscc: usccFor('441802', 41), name: '清远华星精密制造有限公司', owner: 'applicant' });
  const api = await signedIn(srv.url, 'office');
  const r = await api.post('/api/v1/brand-value-rounds', {
    title: '2023年度清远市企业品牌价值测评', first_year: 2023, years: 5, method: 'mpeem', tax_bp: 2500, discount_base_bp: 1000,
    premium_max_bp: 500, growth_bp: 300, assets: [{ code: 'working_capital', return_bp: 500 }, { code: 'fixed_assets', return_bp: 700 },
      { code: 'workforce', return_bp: 1000 }, { code: 'other_intangibles', return_bp: 1200 }] });
  assert.equal(r.status, 201, r.text);
  rid = r.json.id;
  b = await launch();
  office = await signedInPage(b.browser, srv.url, 'office', PASSWORD);
  ent = await signedInPage(b.browser, srv.url, 'applicant', PASSWORD);
  office.setDefaultTimeout(30000);
  ent.setDefaultTimeout(30000);
});
after(async () => { await b?.close(); const r = await srv.stop(); srv.cleanup(); assert.equal(r.code, 0); });

test('the enterprise fills its years as rows; a faulty margin is named beside its row', async () => {
  await ent.goto(`${srv.url}/app/brand-value`);
  await ent.click(`[data-test=bv-round-${rid}]`);
  await ent.locator('[data-test=bv-params]', { hasText: 'GB/T 29188-2012' }).waitFor();
  for (let i = 0; i < 5; i++) {
    await ent.fill(`input[name=revenue-${i}]`, String(REVENUES[i]));
    await ent.fill(`input[name=margin-${i}]`, i === 4 ? '150' : '15');
  }
  await ent.fill('input[name=share-working_capital]', '20');
  await ent.fill('input[name=share-fixed_assets]', '30');
  await ent.fill('input[name=share-workforce]', '5');
  await ent.fill('input[name=brand_role]', '40');
  await ent.fill('input[name=risk_premium]', '2');
  await ent.click('[data-test=bv-submit]');
  await ent.locator('[data-test=bv-years] .el-form-item__error').first().waitFor();
  assert.match(await ent.locator('[data-test=bv-years] .el-form-item__error').first().innerText(), /超出允许范围/);
  await ent.fill('input[name=margin-4]', '15');
  await ent.click('[data-test=bv-submit]');
  await ent.locator('[data-test=bv-pending]').waitFor();
  await shot(ent, 'w1240-brandvalue-form');
});

test('the office computes: 38,648,769 yuan ranked first, with its report', async () => {
  await office.goto(`${srv.url}/app/brand-value/${rid}`);
  await office.click('[data-test=bv-compute]');
  const row = office.locator('[data-test=bv-result-list] .el-table__body tr', { hasText: '清远华星精密制造有限公司' });
  await row.waitFor();
  await office.locator('[data-test=bv-result-list]', { hasText: '38,648,769' }).waitFor();
  assert.match(await row.innerText(), /^1\s/);
  assert.equal(await row.locator('a').getAttribute('href'), `/api/v1/brand-value-submissions/1/report.pdf`);
  await shot(office, 'w1240-brandvalue-results');
});

test('the enterprise sees its value and the report link on a phone', async () => {
  const p = await signedInPage(b.browser, srv.url, 'applicant', PASSWORD, { width: 390, height: 844 });
  await p.goto(`${srv.url}/app/brand-value/${rid}`);
  await p.locator('[data-test=bv-my-value]', { hasText: '38,648,769' }).waitFor();
  const href = await p.locator('[data-test=bv-report]').getAttribute('href');
  const res = await p.request.get(srv.url + href);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'application/pdf');
  await shot(p, 'w1240-brandvalue-phone');
});
