// w1220-contest: a contest entry in Chromium. An entrant of the 第一届“品质青岛”故事大赛
// fills the speech entry and uploads a video made in the page (a canvas recorded
// as WebM; a minimal MP4 where the browser records none), watching the progress,
// and submits; an expert opens its video from the contest's list; the experts
// score through the API; the office's board shows the
// winner; the public gallery shows it with its player, on a desktop and a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, PASSWORD, cli, signedIn, Client } from '../api/lib/server.mjs';
import { poolCsv } from '../api/lib/award.mjs';
import { residentId } from '../api/lib/ident.mjs';
import { launch, WEB_DIR, shot, signedInPage } from './lib/browser.mjs';

let srv, b, qd, pid;
const EXPERTS = ['wq1', 'wq2', 'wq3'];
const TITLE = '一颗螺丝钉的质量坚守';

function addUser(login, role, unit, region) {
  const r = cli(['user', 'add', '--db', srv.db, '--login', login, '--role', role, '--unit', unit, '--region', region,
    '--password-stdin'], PASSWORD + '\n');
  assert.equal(r.status, 0, r.stderr);
}
const clock = async (today) => assert.equal((await qd.post('/api/v1/clock', { today })).status, 200);
const advance = async (to) => { const r = await qd.post(`/api/v1/programmes/${pid}/advance`, { to }); assert.equal(r.status, 200, r.text); };

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxweb-'));
  srv = await startServer({ dir, args: ['--rehearsal', '--web-dir', WEB_DIR, '--files-dir', join(dir, 'files')] });
  addUser('qdoffice', 'office', '青岛市质量工作领导小组办公室', '370200');
  addUser('qdspeaker', 'applicant', '青岛港质检员', '370203');
  for (const e of EXPERTS) addUser(e, 'expert', '青岛市质量专家库', '370200');
  qd = await signedIn(srv.url, 'qdoffice');
  let r = await qd.post('/api/v1/experts/import', { csv: poolCsv(EXPERTS.map((l, i) => [`W0${i + 1}`, `专家${i + 1}`, `青岛科技大学${i}`, '370200', 'R', '', l])) });
  assert.equal(r.status, 201, r.text);
  r = await qd.post('/api/v1/programmes', { template: 'qingdao-story-contest-2022' });
  assert.equal(r.status, 201, r.text);
  pid = r.json.id;
  await clock('2022-06-10');
  await advance('application');
  const me = await signedIn(srv.url, 'qdspeaker');
  r = await me.post('/api/v1/persons', { id_number: residentId('370203', '19880512', 21), name: '王港', employer: '青岛港',
    region: '370203', quality_since: '2012-07-01' });
  assert.equal(r.status, 202, r.text);
  b = await launch();
});
after(async () => { await b?.close(); const r = await srv.stop(); srv.cleanup(); assert.equal(r.code, 0, srv.log()); });

test('the entrant fills the speech entry, uploads a video with progress and submits', async () => {
  const p = await signedInPage(b.browser, srv.url, 'qdspeaker', PASSWORD);
  p.setDefaultTimeout(30000);
  await p.goto(srv.url + '/app/contest/enter');
  await p.locator('[data-test=contest-enter]', { hasText: '演讲' }).waitFor();
  await p.fill('input[name=title]', TITLE);
  await p.fill('input[name=author]', '王港');
  await p.fill('textarea[name=description]', '讲述码头一线质检员十年如一日的质量坚守。');
  await p.click('[data-test=create]');
  await p.locator('[data-test=upload]').waitFor();
  // a real video recorded from a canvas in the page (WebM), else a minimal MP4
  const video = await p.evaluate(async () => {
    try {
      const c = Object.assign(document.createElement('canvas'), { width: 160, height: 90 });
      const g = c.getContext('2d');
      const rec = new MediaRecorder(c.captureStream(10), { mimeType: 'video/webm' });
      const parts = [];
      rec.ondataavailable = (e) => parts.push(e.data);
      let f = 0;
      const timer = setInterval(() => { g.fillStyle = `hsl(${(f += 20) % 360},70%,50%)`; g.fillRect(0, 0, 160, 90); g.fillStyle = '#fff'; g.fillText('品质青岛 ' + f, 10, 50); }, 50);
      const done = new Promise((ok) => { rec.onstop = ok; });
      rec.start();
      await new Promise((ok) => setTimeout(ok, 1200));
      rec.stop();
      await done;
      clearInterval(timer);
      const bytes = new Uint8Array(await new Blob(parts).arrayBuffer());
      return { name: '演讲.webm', type: 'video/webm', data: Array.from(bytes) };
    } catch { return null; }
  });
  const file = video && video.data.length > 100
    ? { name: video.name, mimeType: video.type, buffer: Buffer.from(video.data) }
    : { name: '演讲.mp4', mimeType: 'video/mp4', buffer: Buffer.concat([Buffer.from('\0\0\0\x18ftypisom\0\0\x02\0isomiso2', 'latin1'), Buffer.alloc(60000, 7)]) };
  await p.setInputFiles('[data-test=upload]', file);
  await p.locator('[data-test=works] .el-table__body', { hasText: file.name }).waitFor();
  await shot(p, 'w1220-entry-desktop');
  await p.click('[data-test=submit]');
  await p.locator('[data-test=entry-state]', { hasText: '已报名' }).waitFor();
  await p.context().close();
});

test('judged through the API; the office\'s board shows the winner', async () => {
  await clock('2022-08-16');
  await advance('review');
  let r = await qd.post(`/api/v1/programmes/${pid}/draws`, { stage: 'review' });
  assert.equal(r.status, 201, r.text);
  assert.equal((await qd.post(`/api/v1/draws/${r.json.id}/run`, { seed: r.json.seed })).status, 200);
  // an expert drawn for it opens the entry's video from the contest's list, then scores on the engine's page
  const x = await signedInPage(b.browser, srv.url, EXPERTS[0], PASSWORD);
  x.setDefaultTimeout(30000);
  await x.goto(srv.url + '/app/contest/works');
  await x.locator('[data-test=contest-works] a', { hasText: TITLE }).click();
  await x.locator('[data-test=contest-entry] video').waitFor();
  await shot(x, 'w1220-expert-works');
  await x.context().close();
  for (const login of EXPERTS) {
    const e = await signedIn(srv.url, login);
    for (const a of (await e.get('/api/v1/reviews/mine')).json.assignments) {
      r = await e.post(`/api/v1/assignments/${a.assignment}/review`, { scores: { content: 36, expression: 27, presence: 18, effect: 9 },
        opinion: '真实感人。', suggestions: '节奏可更紧凑。', integrity: true });
      assert.equal(r.status, 201, r.text);
    }
  }
  await clock('2022-09-13');
  await advance('judging');
  const p = await signedInPage(b.browser, srv.url, 'qdoffice', PASSWORD);
  p.setDefaultTimeout(30000);
  await p.goto(srv.url + '/app/contest/board');
  await p.click('[data-test=judge]');
  await p.locator('[data-test=board-speech] [data-test=placed]', { hasText: '1' }).waitFor();
  assert.match(await p.locator('[data-test=board-speech]').innerText(), /一等奖/);
  await shot(p, 'w1220-board-desktop');
  await clock('2022-09-26');
  await advance('publication');
  await p.reload();
  await p.click('[data-test=publish]');
  await p.locator('[data-test=contest-board] a', { hasText: '获奖作品展' }).waitFor();
  await p.context().close();
});

test('the public gallery shows the winning video, on a desktop and a phone', async () => {
  for (const [name, viewport] of [['desktop', { width: 1280, height: 860 }], ['phone', { width: 390, height: 844 }]]) {
    const ctx = await b.browser.newContext({ viewport, locale: 'zh-CN' });
    const q = await ctx.newPage();
    q.setDefaultTimeout(30000);
    await q.goto(`${srv.url}/contests/${pid}`);
    const item = q.locator('[data-test=category-speech] [data-test=winner]', { hasText: TITLE });
    await item.waitFor();
    assert.match(await item.innerText(), /一等奖/);
    const src = await item.locator('[data-test=work-video]').getAttribute('src');
    const r = await new Client(srv.url).request('GET', src, { headers: { range: 'bytes=0-3' } });
    assert.equal(r.status, 206, 'the player can seek: byte ranges');
    await q.waitForTimeout(500);
    await shot(q, `w1220-gallery-${name}`);
    await ctx.close();
  }
});
