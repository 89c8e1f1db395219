// browser.mjs - Debian's Chromium driven by playwright-core for the browser
// tests: headless, sandbox off (containers), no network of its own, a fresh
// profile per run; a pingxuan server serving the built UI (PX_WEB_DIR).
import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '../../../web/node_modules/playwright-core/index.mjs';

export const WEB_DIR = process.env.PX_WEB_DIR || new URL('../../../build/web', import.meta.url).pathname;
export const SHOTS = process.env.PX_SHOTS || new URL('../../../build/screenshots', import.meta.url).pathname;
const CHROMIUM = process.env.PX_CHROMIUM || '/usr/bin/chromium';

export async function launch() {
  // playwright gives every launch a fresh temporary profile (it refuses --user-data-dir here)
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return { browser, close: () => browser.close() };
}

export async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

export function haveBuild() { return existsSync(join(WEB_DIR, 'index.html')); }

// A signed-in page of a fresh browser context (its own cookie jar).
export async function signedInPage(browser, url, login, password, viewport = { width: 1280, height: 860 }) {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await ctx.newPage();
  await page.goto(url + '/signin');
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', password);
  await page.click('[data-test=signin]');
  await page.waitForURL(/\/app\//);
  return page;
}
