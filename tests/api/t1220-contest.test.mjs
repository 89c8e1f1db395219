// t1220-contest: the contests of Qingdao's 2022 quality month. The 第一届“品质青岛”
// 故事大赛 takes entries in 演讲 (a video of the speech), 征文 (the essay's text)
// and 视觉艺术 (微电影, 短视频 as video; 摄影 as images; 动漫 as either); works are
// recognised by their first bytes (an image is no speech, a PDF no work at
// all), within the template's cap per file. Experts drawn double-random score
// on the category's rubric and see nothing of the others before their own
// review is in; judging gives exactly 21 / 18 / 22 winners with the split of
// prizes, the tie at the last place broken by the earlier submission; the
// 首届青岛市质量创新大赛 shows places left vacant when entries stay under the bar.
// The gallery is public only once published, shows winners only, and streams
// their works with byte ranges; another city's office meets the contest as 404.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, signedIn, Client, PASSWORD, startServer, ok, fails, rawRequest } from './lib/server.mjs';
import { setClock, advance, poolCsv, pdf } from './lib/award.mjs';
import { orgUscc, residentId } from './lib/ident.mjs';

const STORY = 'qingdao-story-contest-2022';
const INNOVATION = 'qingdao-quality-innovation-contest-2022';
const EXPERTS = ['qe1', 'qe2', 'qe3', 'qe4'];
let srv, qd, gz, story, innov;
const entries = { speech: [], essay: [], visual: [] };
let serial = 1;
const innovScored = [];

// A minimal MP4 (an ftyp box, then filler) and PNG: what the server recognises.
const mp4 = (n = 4096) => Buffer.concat([Buffer.from('\0\0\0\x18ftypisom\0\0\x02\0isomiso2', 'latin1'), Buffer.alloc(n, 7)]);
const png = (n = 2048) => Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(n, 3)]);

function addUser(login, role, unit, region) {
  const r = cli(['user', 'add', '--db', srv.db, '--login', login, '--role', role, '--unit', unit, '--region', region,
    '--password-stdin'], PASSWORD + '\n');
  assert.equal(r.status, 0, r.stderr);
}

async function works(client, id, files) {
  const fd = new FormData();
  for (const [name, bytes, type] of files) fd.append('file', new Blob([bytes], { type }), name);
  return client.request('POST', `/api/v1/contest/entries/${id}/works`, { raw: fd });
}

// An upload the server refuses before reading its body (the admit check): sent
// raw, since fetch() fails when the server answers before the body is taken.
async function refusedUpload(client, id, name) {
  const body = `--B\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
    'Content-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n\r\n--B--\r\n';
  const out = await rawRequest(srv.url, `POST /api/v1/contest/entries/${id}/works HTTP/1.1\r\nHost: x\r\n` +
    `Cookie: ${client.cookie}\r\nX-CSRF-Token: ${client.csrf}\r\nConnection: close\r\n` +
    `Content-Type: multipart/form-data; boundary=B\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  const status = Number(out.split(' ')[1]);
  const json = JSON.parse(out.slice(out.indexOf('\r\n\r\n') + 4));
  return { status, json, text: out };
}

// A sheet of the rubric's four items adding up to total (every expert gives it).
function sheet(items, total) {
  const max = Object.values(items);
  const out = {};
  let left = total;
  Object.keys(items).forEach((k, i) => {
    const give = i === max.length - 1 ? left : Math.min(max[i], Math.round(total * max[i] / 100 * 10) / 10);
    out[k] = Math.round(give * 10) / 10;
    left = Math.round((left - out[k]) * 10) / 10;
  });
  return out;
}
const RUBRICS = {
  speech: { content: 40, expression: 30, presence: 20, effect: 10 },
  essay: { theme: 30, content: 30, writing: 25, originality: 15 },
  visual: { theme: 35, artistry: 30, technique: 20, creativity: 15 },
  innovation: { innovation: 30, benefit: 30, application: 25, presentation: 15 },
};

// An entrant registered by the office (a paper entry) and its draft entry.
async function draft(pid, track, form, fields) {
  const n = serial++;
  let r;
  if (track === 'visual') {
    r = ok(await qd.post('/api/v1/organisations', { uscc: orgUscc('370202', n), name: `青岛影像工作室${n}有限公司`,
      industry: 'R', region: '370202', founded_on: '2015-03-01' }), 201);
    r = await qd.post(`/api/v1/programmes/${pid}/applications`, { track, form, organisation: r.id });
  } else {
    r = ok(await qd.post('/api/v1/persons', { id_number: residentId('370203', '19900101', n), name: `讲述者${n}`,
      employer: '青岛某企业', region: '370203', quality_since: '2015-01-01' }), 201);
    r = await qd.post(`/api/v1/programmes/${pid}/applications`, { track, form, person: r.id });
  }
  const id = ok(r, 201).id;
  ok(await qd.request('PUT', `/api/v1/applications/${id}/form`, { body: fields }));
  return id;
}

const base = (n) => ({ title: `质量故事${n}`, author: `作者${n}`, description: '讲述一线质量提升的人和事' });

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxtest-'));
  srv = await startServer({ dir, args: ['--rehearsal', '--files-dir', join(dir, 'files')] });
  addUser('qdoffice', 'office', '青岛市质量工作领导小组办公室', '370200');
  addUser('qdleader', 'leader', '青岛市质量工作领导小组', '370200');
  for (const e of EXPERTS) addUser(e, 'expert', '青岛市质量专家库', '370200');
  qd = await signedIn(srv.url, 'qdoffice');
  gz = await signedIn(srv.url, 'gzoffice');
  ok(await qd.post('/api/v1/experts/import', { csv: poolCsv(EXPERTS.map((l, i) =>
    [`Q0${i + 1}`, `专家${i + 1}`, `青岛大学${i}`, '370200', 'R', '', l])) }), 201);
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

test('1. the rules: three categories with 21 / 18 / 22 winners, the split of prizes, the work each form takes', async () => {
  story = ok(await qd.post('/api/v1/programmes', { template: STORY }), 201).id;
  innov = ok(await qd.post('/api/v1/programmes', { template: INNOVATION }), 201).id;
  const r = ok(await new Client(srv.url).get(`/api/v1/programmes/${story}/contest`));
  assert.deepEqual(r.categories.map((c) => [c.code, c.name, c.winners, c.split.map((s) => s.count)]), [
    ['speech', '演讲', 21, [2, 4, 6, 9]], ['essay', '征文', 18, [2, 3, 5, 8]], ['visual', '视觉艺术', 22, [2, 4, 6, 10]]]);
  assert.deepEqual(r.categories[2].forms.map((f) => [f.label, f.work]),
    [['微电影', 'video'], ['短视频', 'video'], ['摄影', 'image'], ['动漫', 'media']]);
  assert.deepEqual(r.prizes.map((p) => p.name), ['一等奖', '二等奖', '三等奖', '优秀奖']);
  assert.deepEqual([r.bar, r.file_max, r.files_max], ['60.00', 200 * 1048576, 3]);
  const i = ok(await new Client(srv.url).get(`/api/v1/programmes/${innov}/contest`));
  assert.deepEqual(i.categories.map((c) => [c.name, c.winners]), [['新技术', 10], ['新产品', 10], ['新服务', 10], ['新管理', 10]]);
  fails(await new Client(srv.url).get('/api/v1/programmes/999/contest'), 404, 'not_found');
});

test('2. works are checked by their first bytes, their kind and size; an entry is submitted complete', async () => {
  await setClock(qd, '2022-06-10');
  await advance(qd, story, 'application');
  await advance(qd, innov, 'application');
  const speech = await draft(story, 'speech', 'speech', base(0));
  fails(await qd.post(`/api/v1/contest/entries/${speech}/submit`, {}), 409, 'work_missing', 'works');
  fails(await works(qd, speech, [['讲稿.pdf', pdf(2048), 'video/mp4']]), 400, 'unsupported_file_type', 'file');
  fails(await works(qd, speech, [['照片.png', png(), 'image/png']]), 400, 'wrong_work_kind', 'file');
  fails(await gz.post(`/api/v1/contest/entries/${speech}/submit`, {}), 404, 'not_found');
  fails(await gz.get(`/api/v1/contest/entries/${speech}`), 404, 'not_found');
  let r = ok(await works(qd, speech, [['演讲.mp4', mp4(), 'video/mp4']]), 201);
  assert.deepEqual(r.works.map((w) => [w.kind, w.mime, w.name]), [['video', 'video/mp4', '演讲.mp4']]);
  const essay = await draft(story, 'essay', 'essay', base(1));
  fails(await refusedUpload(qd, essay, '插图.png'), 400, 'wrong_work_kind', 'file');
  fails(await refusedUpload(gz, speech, '演讲.png'), 404, 'not_found');
  fails(await qd.post(`/api/v1/contest/entries/${essay}/submit`, {}), 409, 'form_incomplete', 'body');
  r = await qd.request('PUT', `/api/v1/applications/${essay}/form`, { body: { ...base(1), body: '质'.repeat(7000) } });
  assert.equal(r.status, 400, 'an essay is at most 20000 bytes');
  assert.equal(r.json.error.field, 'body');
  ok(await qd.request('PUT', `/api/v1/applications/${essay}/form`, { body: { ...base(1), body: '质量'.repeat(300) } }));
  entries.speech.push(speech);
  entries.essay.push(essay);
  // the innovation contest's cap per file is 20 MiB: one byte more is refused while streaming
  const big = await draft(innov, 'technology', 'innovation', { ...base(2), post: '装配工', body: '新工艺' });
  fails(await works(qd, big, [['演示.mp4', mp4(20 * 1048576 - 24 + 1), 'video/mp4']]), 413, 'file_too_large', 'file');
  assert.equal(ok(await works(qd, big, [['现场.png', png(), 'image/png']]), 201).works.length, 1);
  r = ok(await qd.post(`/api/v1/contest/entries/${big}/submit`, {}));
  assert.equal(r.state, 'submitted');
  fails(await refusedUpload(qd, big, '现场2.png'), 409, 'wrong_state');
});

// The entries of the story contest: enough in every category, scored in order.
test('3. the story contest fills: 23 speeches, 20 essays, 24 visual works', async () => {
  for (let i = entries.speech.length; i < 23; i++) {
    const id = await draft(story, 'speech', 'speech', base(100 + i));
    ok(await works(qd, id, [['演讲.mp4', mp4(1024 + i), 'video/mp4']]), 201);
    entries.speech.push(id);
  }
  for (let i = entries.essay.length; i < 20; i++)
    entries.essay.push(await draft(story, 'essay', 'essay', { ...base(200 + i), body: `征文正文${i}` }));
  const forms = ['film', 'short_video', 'photo', 'animation'];
  for (let i = 0; i < 24; i++) {
    const form = forms[i % 4];
    const id = await draft(story, 'visual', form, base(300 + i));
    const file = form === 'photo' || (form === 'animation' && i % 8 === 3) ? ['作品.png', png(512 + i), 'image/png']
      : ['作品.mp4', mp4(512 + i), 'video/mp4'];
    ok(await works(qd, id, [file]), 201);
    entries.visual.push(id);
  }
  for (const id of [...entries.speech, ...entries.essay, ...entries.visual]) {
    const r = ok(await qd.post(`/api/v1/contest/entries/${id}/submit`, {}));
    assert.equal(r.state, 'submitted');
  }
  const add = async (track, total) => {
    const id = await draft(innov, track, 'innovation', { ...base(serial), post: '质检员', body: '质量改进成果' });
    ok(await qd.post(`/api/v1/contest/entries/${id}/submit`, {}));
    return [id, total];
  };
  innovScored.push(await add('technology', 88), await add('management', 59.9), await add('management', 72),
    await add('management', 40));
  const late = await draft(story, 'essay', 'essay', { ...base(999), body: '未提交' });
  entries.draft = late;
  fails(await qd.post(`/api/v1/programmes/${story}/contest/judging`, {}), 409, 'wrong_stage');
});

// Sheets: entry i of a category totals 95 - i; speech 20 and 21 tie (75.0).
const totalOf = (cat, i) => (cat === 'speech' && i === 21 ? 75 : 95 - i);

test('4. the double-random draw; experts score on the category\'s rubric and see nothing of others before', async () => {
  await setClock(qd, '2022-08-16');
  await advance(qd, story, 'review');
  assert.equal((await qd.get(`/api/v1/applications/${entries.draft}`)).json.state, 'draft', 'a draft stays behind');
  let r = ok(await qd.post(`/api/v1/programmes/${story}/draws`, { stage: 'review' }), 201);
  ok(await qd.post(`/api/v1/draws/${r.id}/run`, { seed: r.seed }));
  const byId = {};
  for (const cat of Object.keys(entries))
    if (Array.isArray(entries[cat])) entries[cat].forEach((id, i) => { byId[id] = [cat, i]; });
  let reviews = 0, checkedFirst = false;
  for (const login of EXPERTS) {
    const e = await signedIn(srv.url, login);
    const mine = ok(await e.get('/api/v1/reviews/mine')).assignments;
    for (const a of mine) {
      const [cat, i] = byId[a.application.id];
      if (!checkedFirst) {
        fails(await e.get(`/api/v1/applications/${a.application.id}/reviews`), 403, 'review_first');
        const seen = ok(await e.get(`/api/v1/contest/entries/${a.application.id}`));
        assert.equal(seen.author, null, 'the expert sees the work, not who made it');
        assert.equal(seen.category, cat);
        const mineIds = new Set(mine.map((m) => m.application.id));
        const notMine = Object.keys(byId).map(Number).find((id) => !mineIds.has(id));
        fails(await e.get(`/api/v1/contest/entries/${notMine}`), 404, 'not_found');
        checkedFirst = true;
      }
      ok(await e.post(`/api/v1/assignments/${a.assignment}/review`, { scores: sheet(RUBRICS[cat], totalOf(cat, i)),
        opinion: '主题鲜明。', suggestions: '可进一步凝练。', integrity: true }), 201);
      reviews++;
    }
  }
  assert.equal(reviews, 67 * 3);
  await setClock(qd, '2022-09-13');
  await advance(qd, story, 'judging');
});

test('5. judged to exactly 21 / 18 / 22 winners with the split of prizes; the tie goes to the earlier entry', async () => {
  fails(await gz.post(`/api/v1/programmes/${story}/contest/judging`, {}), 404, 'not_found');
  fails(await qd.post(`/api/v1/programmes/${story}/advance`, { to: 'publication' }), 409, 'judging_missing');
  const r = ok(await qd.post(`/api/v1/programmes/${story}/contest/judging`, {}));
  assert.deepEqual(r.categories.map((c) => [c.code, c.entries, c.placed, c.vacant]),
    [['speech', 23, 21, 0], ['essay', 20, 18, 0], ['visual', 24, 22, 0]]);
  assert.deepEqual(r.categories.map((c) => c.prizes.map((p) => p.placed)), [[2, 4, 6, 9], [2, 3, 5, 8], [2, 4, 6, 10]]);
  const speech = r.categories[0].list;
  const of = (id) => speech.find((e) => e.id === id);
  assert.deepEqual([of(entries.speech[0]).prize_name, of(entries.speech[0]).score, of(entries.speech[0]).place], ['一等奖', '95.00', 1]);
  assert.deepEqual([of(entries.speech[2]).prize, of(entries.speech[6]).prize, of(entries.speech[12]).prize], ['second', 'third', 'excellence']);
  // entries 20 and 21 both scored 75.00: the earlier submission takes the 21st place
  assert.deepEqual([of(entries.speech[20]).state, of(entries.speech[20]).place], ['winner', 21]);
  assert.deepEqual([of(entries.speech[21]).state, of(entries.speech[21]).score, of(entries.speech[21]).prize], ['not_proposed', '75.00', null]);
  assert.equal(of(entries.speech[22]).state, 'not_proposed');
  const leader = await signedIn(srv.url, 'qdleader');
  assert.equal(ok(await leader.get(`/api/v1/programmes/${story}/contest/board`)).categories[1].placed, 18);
  fails(await gz.get(`/api/v1/programmes/${story}/contest/board`), 404, 'not_found');
  fails(await new Client(srv.url).get(`/api/v1/programmes/${story}/contest/gallery`), 404, 'gallery_not_published');
  const mine = ok(await qd.get(`/api/v1/contest/entries/${entries.speech[0]}`));
  assert.deepEqual([mine.prize.name, mine.prize.place], ['一等奖', 1]);
});

test('6. the gallery: public once published, winners only, works streamed with byte ranges', async () => {
  await setClock(qd, '2022-09-26');
  await advance(qd, story, 'publication');
  const loser = ok(await qd.get(`/api/v1/contest/entries/${entries.speech[22]}`)).works[0].url;
  const pub = new Client(srv.url);
  fails(await pub.get(loser), 404, 'not_found');
  fails(await gz.post(`/api/v1/programmes/${story}/contest/publication`, {}), 404, 'not_found');
  let r = ok(await qd.post(`/api/v1/programmes/${story}/contest/publication`, {}));
  assert.equal(r.winners, 61);
  assert.match(r.notice.title, /获奖作品名单$/);
  fails(await qd.post(`/api/v1/programmes/${story}/contest/publication`, {}), 409, 'already_published');
  const g = ok(await pub.get(`/api/v1/programmes/${story}/contest/gallery`));
  assert.deepEqual(g.categories.map((c) => c.winners.length), [21, 18, 22]);
  const ids = new Set(g.categories.flatMap((c) => c.winners.map((w) => w.id)));
  assert.ok(!ids.has(entries.speech[21]) && !ids.has(entries.speech[22]), 'non-winners are never public');
  const first = g.categories[0].winners[0];
  assert.deepEqual([first.prize_name, first.place, first.works[0].kind], ['一等奖', 1, 'video']);
  assert.ok(g.categories[1].winners.every((w) => w.works.length === 0 && w.text));
  r = await pub.get(first.works[0].url);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('accept-ranges'), 'bytes');
  assert.equal(r.headers.get('content-type'), 'video/mp4');
  r = await pub.request('GET', first.works[0].url, { headers: { range: 'bytes=4-11' } });
  assert.equal(r.status, 206);
  assert.equal(r.text, 'ftypisom');
  assert.match(r.headers.get('content-range'), /^bytes 4-11\/\d+$/);
  r = await pub.request('GET', first.works[0].url, { headers: { range: 'bytes=999999-' } });
  assert.equal(r.status, 416);
  fails(await pub.get(loser), 404, 'not_found');
});

test('7. the innovation contest: places stay vacant where entries are under the bar', async () => {
  await setClock(qd, '2022-08-16');
  await advance(qd, innov, 'review');
  let r = ok(await qd.post(`/api/v1/programmes/${innov}/draws`, { stage: 'review' }), 201);
  ok(await qd.post(`/api/v1/draws/${r.id}/run`, { seed: r.seed }));
  const total = Object.fromEntries(innovScored);
  for (const login of EXPERTS) {
    const e = await signedIn(srv.url, login);
    for (const a of ok(await e.get('/api/v1/reviews/mine')).assignments) {
      const t = total[a.application.id] ?? 80; // the entry of test 2
      ok(await e.post(`/api/v1/assignments/${a.assignment}/review`, { scores: sheet(RUBRICS.innovation, t),
        opinion: '有创新。', suggestions: '加强推广。', integrity: true }), 201);
    }
  }
  await setClock(qd, '2022-09-13');
  await advance(qd, innov, 'judging');
  r = ok(await qd.post(`/api/v1/programmes/${innov}/contest/judging`, {}));
  const by = Object.fromEntries(r.categories.map((c) => [c.code, c]));
  assert.deepEqual([by.technology.placed, by.technology.vacant], [2, 8]);
  assert.deepEqual([by.management.entries, by.management.placed, by.management.vacant], [3, 1, 9]);
  const m = by.management.list;
  assert.deepEqual(m.map((e) => [e.score, e.state, e.prize]),
    [['72.00', 'winner', 'first'], ['59.90', 'not_proposed', null], ['40.00', 'not_proposed', null]]);
  assert.deepEqual([by.product.placed, by.product.vacant], [0, 10]);
});

test('8. the server may set a lower ceiling on every contest\'s cap per file (serve --work-max-mb)', async () => {
  const main = srv, office = qd;
  const dir = mkdtempSync(join(tmpdir(), 'pxtest-'));
  srv = await startServer({ dir, args: ['--rehearsal', '--files-dir', join(dir, 'files'), '--work-max-mb', '1'] });
  try {
    addUser('qdoffice', 'office', '青岛市质量工作领导小组办公室', '370200');
    qd = await signedIn(srv.url, 'qdoffice');
    const pid = ok(await qd.post('/api/v1/programmes', { template: INNOVATION }), 201).id;
    assert.equal(ok(await new Client(srv.url).get(`/api/v1/programmes/${pid}/contest`)).file_max, 1048576);
    await setClock(qd, '2022-06-10');
    await advance(qd, pid, 'application');
    const id = await draft(pid, 'service', 'innovation', { ...base(serial), post: '客服', body: '服务创新' });
    fails(await works(qd, id, [['演示.mp4', mp4(1048576 - 24 + 1), 'video/mp4']]), 413, 'file_too_large', 'file');
    ok(await works(qd, id, [['演示.mp4', mp4(1048576 - 24), 'video/mp4']]), 201);
  } finally {
    const r = await srv.stop();
    srv.cleanup();
    [srv, qd] = [main, office];
    assert.equal(r.code, 0);
  }
});
