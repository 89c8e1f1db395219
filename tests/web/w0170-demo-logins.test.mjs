// w0170-demo-logins: `pingxuan demo` prints the UI's address first; signing
// in as each login of the award part it prints (the Qingyuan staff and an
// expert) lands on 我的待办 with at least one task whose link opens a real
// page. The whole demo (every family) is played: about 40 s here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { BIN } from '../api/lib/server.mjs';
import { launch, shot } from './lib/browser.mjs';

const DEMO_PASSWORD = 'pingxuan-demo';
let proc, out = '', log = '', dir, b, url;
const t0 = Date.now();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pxdemo-'));
  proc = spawn(BIN, ['demo', '--listen', '127.0.0.1:0', '--db', join(dir, 'demo.db')], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout.on('data', (d) => { out += d; });
  proc.stderr.on('data', (d) => { log += d; }); // the server's own log lines (the web UI loaded ...)
  for (let i = 0; i < 1200 && !/stop with Ctrl-C/.test(out); i++) {
    if (proc.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.match(out, /stop with Ctrl-C/, out + log);
  console.log(`# demo ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  b = await launch();
});
after(async () => {
  await b?.close();
  proc?.kill('SIGTERM');
  await new Promise((r) => (proc.exitCode !== null ? r() : proc.on('exit', r)));
  rmSync(dir, { recursive: true, force: true });
});

test('the first line the demo prints is the web UI address', () => {
  const first = out.split('\n')[0];
  const m = first.match(/^web UI .*(http:\/\/127\.0\.0\.1:\d+)\/$/);
  assert.ok(m, first);
  url = m[1];
  assert.match(out, new RegExp(`\\nweb UI: ${url}/ `));
});

// The award's logins: the table after "demo logins", and the first expert of "e001 … e030".
function awardLogins() {
  const block = out.split('demo logins')[1].split('\n\n')[0].split('\n').slice(1);
  const logins = block.map((l) => l.trim().split(/\s+/)[0]).filter((l) => /^[a-z][a-z0-9-]*$/.test(l));
  return logins;
}

// Each family's first login, from its "logins: …" line (gzoffice, szoffice, hn-office …).
function familyLogins() {
  return [...new Set([...out.matchAll(/logins: ([a-z][a-z0-9-]*)/g)].map((m) => m[1]))];
}

async function landsOnWork(login, { card = true } = {}) {
  const ctx = await b.browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
  const p = await ctx.newPage();
  p.setDefaultTimeout(30000);
  await p.goto(url + '/signin');
  await p.fill('input[name=login]', login);
  await p.fill('input[name=password]', DEMO_PASSWORD);
  await p.click('[data-test=signin]');
  await p.waitForURL(/\/app\/todo$/);
  const link = p.locator('[data-test=todo-list] a').first();
  await p.locator('[data-test=todo]').waitFor();
  await p.waitForFunction(() => !document.querySelector('[data-test=todo]').innerText.includes('加载中'));
  if (!(await link.count())) {
    await shot(p, `demo-${login}-empty`);
    assert.fail(`${login}: 我的待办 is empty`);
  }
  const to = await link.getAttribute('href');
  assert.ok(to && to !== '/app/todo', `${login}: ${to}`);
  if (['office', 'member', 'e001', 'applicant', 'qingcheng', 'leader', 'gzoffice', 'hn-office'].includes(login)) await shot(p, `demo-${login}`);
  await link.click();
  await p.waitForURL((u) => u.pathname + u.search === to);
  if (card) await p.locator('.px-card').first().waitFor();
  else await p.waitForLoadState('networkidle');
  assert.equal(await p.locator('[data-test=app-error]').count(), 0, `${login}: ${to}`);
  await ctx.close();
}

test('the first login of each family lands on 我的待办 with a task that opens a real page', async () => {
  const logins = familyLogins();
  for (const l of ['gzoffice', 'szoffice', 'hn-office', 'qd-office', 'qdnqi', 'qd-bvoffice']) assert.ok(logins.includes(l), logins.join(' '));
  for (const login of logins) await landsOnWork(login, { card: false });
  console.log(`# ${logins.length} family logins checked: ${logins.join(' ')}`);
});

test('each award login lands on 我的待办 with a task that opens a real page', async () => {
  const logins = awardLogins();
  assert.ok(logins.includes('office') && logins.includes('member') && logins.includes('e001'), logins.join(' '));
  for (const login of logins) await landsOnWork(login);
  console.log(`# ${logins.length} logins checked: ${logins.join(' ')}`);
});
