// w1050-vote-ui: the public vote in Chromium on a phone (390×844): a voter
// proves a number with the code the file SMS gateway wrote, votes for a
// candidate, opens the receipt and sees the vote counted, and the exclusion report; the office's vote
// monitor shows the votes a minute and the quarantine queue, and releases a
// quarantined vote with a reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startServer, signedIn, PASSWORD } from '../api/lib/server.mjs';
import { sql } from '../api/lib/fixture.mjs';
import { lastCode, voteProgramme } from '../api/lib/vote.mjs';
import { launch, WEB_DIR, shot } from './lib/browser.mjs';

let srv, b, pid, orgs, smsLog;

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxwebvote-'));
  smsLog = join(dir, 'sms.log');
  writeFileSync(join(dir, 'sms.json'), JSON.stringify({ driver: 'file', path: smsLog }));
  srv = await startServer({ dir, args: ['--rehearsal', '--web-dir', WEB_DIR, '--sms', join(dir, 'sms.json')] });
  b = await launch();
  const office = await signedIn(srv.url, 'office');
  ({ pid, orgs } = await voteProgramme(srv.db, office, { settings: { per_track_per_day: 3 } }));
});
after(async () => {
  await b?.close();
  const r = await srv.stop();
  srv.cleanup();
  assert.equal(r.code, 0);
});

test('a voter on a phone proves the number, votes and sees the receipt counted', async () => {
  const ctx = await b.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
  const p = await ctx.newPage();
  p.setDefaultTimeout(30000);
  await p.goto(`${srv.url}/vote/${pid}`);
  await p.locator('[data-test=candidate]').first().waitFor();
  assert.equal(await p.locator('[data-test=candidate]').count(), orgs.length);
  assert.match(await p.locator('[data-test=vote-page]').innerText(), /每个类别每天最多投 3 票/);
  await p.fill('input[name=phone]', '13912345678');
  await p.click('[data-test=send-code]');
  const code = await lastCode(smsLog, '13912345678');
  await p.fill('input[name=code]', code);
  await p.click('[data-test=verify]');
  await p.locator('[data-test=verified]').waitFor();
  await p.locator('[data-test=candidate]').first().click();
  await p.locator('[data-test=candidate]').nth(1).click();
  await p.click('[data-test=cast]');
  await p.locator('[data-test=vote-result]').waitFor();
  assert.equal(await p.locator('[data-test=receipt]').count(), 2);
  await shot(p, 'w1050-vote-phone');
  // the page fits the phone: nothing wider than the viewport
  assert.ok(await p.evaluate(() => document.documentElement.scrollWidth <= 390));
  await p.locator('[data-test=receipt]').first().click();
  await p.locator('[data-test=receipt-state]').waitFor();
  assert.match(await p.locator('[data-test=receipt-state]').innerText(), /已计入有效票/);
  await shot(p, 'w1050-vote-receipt');
  await p.goto(`${srv.url}/vote/${pid}`);
  await p.click('[data-test=report-link]');
  await p.locator('[data-test=report-track]').first().waitFor();
  assert.match(await p.locator('[data-test=report-track]').first().innerText(), /有效票数/);
  await ctx.close();
});

test('the office watches the votes a minute and releases a quarantined vote', async () => {
  const receipt = sql(srv.db, `SELECT receipt FROM vote WHERE programme_id = ${pid} ORDER BY id LIMIT 1`);
  const cand = sql(srv.db, `SELECT application_id FROM vote WHERE receipt = '${receipt}'`);
  // as the address rule would have left it: the vote and the running tally
  sql(srv.db, `UPDATE vote SET state = 'quarantined', rule = 'address_burst', reason = 'fixture' WHERE receipt = '${receipt}'; ` +
    `UPDATE vote_tally SET votes = votes - 1 WHERE programme_id = ${pid} AND application_id = ${cand} AND state = 'counted'; ` +
    `INSERT INTO vote_tally (programme_id, application_id, state, rule, votes) VALUES (${pid}, ${cand}, 'quarantined', 'address_burst', 1)`);
  const ctx = await b.browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
  const p = await ctx.newPage();
  p.setDefaultTimeout(30000);
  await p.goto(srv.url + '/signin');
  await p.fill('input[name=login]', 'office');
  await p.fill('input[name=password]', PASSWORD);
  await p.click('[data-test=signin]');
  await p.waitForURL(/\/app\//);
  await p.goto(`${srv.url}/app/vote-monitor/${pid}`);
  await p.locator('[data-test=vote-chart] svg').waitFor();
  const row = p.locator('[data-test=quarantine] .el-table__body tr');
  await row.first().waitFor();
  assert.equal(await row.count(), 1);
  await row.first().locator('.el-checkbox').click();
  await p.fill('input[name=decision-reason]', '核实为正常投票');
  await p.click('[data-test=release]');
  await p.locator('[data-test=decided]').waitFor();
  await shot(p, 'w1050-vote-monitor');
  assert.equal(sql(srv.db, `SELECT state FROM vote WHERE receipt = '${receipt}'`), 'counted');
  const counts = await (await fetch(`${srv.url}/api/v1/programmes/${pid}/vote/counts`)).json();
  assert.equal(counts.tracks.organisation.find((c) => c.id === Number(cand)).valid, 1);
  await ctx.close();
});
