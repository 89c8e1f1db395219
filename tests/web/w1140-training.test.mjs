// w1140-training: chief quality officer training in Chromium. The office enrols
// a trainee on the course page and shows the session's code; the trainee checks
// in on a phone with the ticket and the code; the mark appears in the office's
// attendance table; after completion the certificate is verified publicly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, PASSWORD } from '../api/lib/server.mjs';
import { setClock } from '../api/lib/award.mjs';
import { usccFor } from '../api/lib/fixture.mjs';
import { launch, WEB_DIR, shot, signedInPage } from './lib/browser.mjs';

let srv, b, api, course, office;
const PHONE = { width: 390, height: 844 };

before(async () => {
  srv = await startServer({ args: ['--rehearsal', '--web-dir', WEB_DIR] });
  api = await signedIn(srv.url, 'office');
  await setClock(api, '2022-09-06');
  const r = await api.post('/api/v1/courses', { title: '清远市首席质量官培训班', share_pct: 50, pass_score: 60,
    sessions: [{ date: '2022-09-06', starts: '00:00', place: '清远市市场监管局', hours: 3 }] });
  assert.equal(r.status, 201, r.text);
  course = r.json.id;
  b = await launch();
  office = await signedInPage(b.browser, srv.url, 'office', PASSWORD);
  office.setDefaultTimeout(30000);
});
after(async () => {
  await b?.close();
  const r = await srv.stop();
  srv.cleanup();
  assert.equal(r.code, 0);
});

let ticket, code;
test('the office enrols a trainee and shows the session code', async () => {
  await office.goto(`${srv.url}/app/courses/${course}`);
  await office.fill('input[name=name]', '张敏');
  await office.fill('input[name=mobile]', '13800138000');
  await office.fill('input[name=uscc]', usccFor('441802', 1));
  await office.fill('input[name=org_name]', '清远市清城精工机械有限公司');
  await office.fill('input[name=region]', '441802');
  await office.click('[data-test=enrol]');
  const row = office.locator('[data-test=attendance] .el-table__body tr', { hasText: '张敏' }).first();
  await row.waitFor();
  assert.match(await row.innerText(), /138\*\*\*\*8000/);
  ticket = (await row.innerText()).match(/\b[0-9a-f]{10}\b/)[0];
  await office.click('[data-test=code-1]');
  const screen = office.locator('[data-test=code-screen]');
  await screen.waitFor();
  code = (await screen.innerText()).match(/\b\d{6}\b/)[0];
  await shot(office, 'w1140-course');
});

test('the trainee checks in on a phone without an account and the mark shows at the office', async () => {
  const ctx = await b.browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
  const p = await ctx.newPage();
  await p.goto(srv.url + '/checkin');
  await p.fill('input[name=ticket]', ticket);
  await p.fill('input[name=code]', code);
  await p.click('[data-test=checkin]');
  await p.locator('[data-test=checkin-done]').waitFor();
  assert.match(await p.locator('[data-test=checkin-done]').innerText(), /第 1 次课，(出勤|迟到)/);
  await shot(p, 'w1140-checkin-phone');
  await office.reload();
  const row = office.locator('[data-test=attendance] .el-table__body tr', { hasText: '张敏' }).first();
  await row.waitFor();
  assert.match(await row.innerText(), /出勤|迟到/);
});

test('after completion the certificate is verified by the public', async () => {
  await setClock(api, '2022-09-07');
  const t = (await api.get(`/api/v1/courses/${course}`)).json.trainees[0];
  assert.equal((await api.post(`/api/v1/courses/${course}/scores`, { trainee: t.id, score: 88 })).status, 200);
  const r = await api.post(`/api/v1/courses/${course}/completion`, {});
  const cert = r.json.completed[0].certificate;
  const ctx = await b.browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
  const p = await ctx.newPage();
  await p.goto(`${srv.url}/training/verify/${cert}`);
  await p.locator('[data-test=training-cert]', { hasText: '张敏' }).waitFor();
  await shot(p, 'w1140-verify-phone');
});
