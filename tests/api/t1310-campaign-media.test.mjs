// t1310-campaign-media: the media campaign of the Shenzhen 2015 quality month
// (深质强办〔2015〕17号 附件2): the office plans interviews (in August) and
// reports (in September) with the three outlets the template names, records
// each report's publication with its link, and keeps the materials archive -
// photos uploaded, videos and texts by link or text - to compile into a
// volume (汇编成册). Units read it; another region meets nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, ok, fails, Client } from './lib/server.mjs';
import { TEMPLATE, szOffice, unitAccounts, photo } from './lib/campaign.mjs';

let srv, office, u, pid, report;

before(async () => {
  srv = await startServer();
  office = await szOffice(srv);
  u = await unitAccounts(srv, office, [['futian', '福田区']]);
  pid = ok(await office.post('/api/v1/programmes', { template: TEMPLATE }), 201).id;
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

test('interviews and reports are planned with the outlets of attachment 2, publications recorded with their links', async () => {
  const m = ok(await office.get(`/api/v1/programmes/${pid}/media`));
  assert.deepEqual(m.outlets, ['深圳卫视深视新闻', '深圳特区报', '深圳商报']);
  fails(await office.post(`/api/v1/programmes/${pid}/media`, { outlet: '某晚报', kind: 'report', title: '深圳品牌故事', planned_on: '2015-09-08' }),
    400, 'unknown_outlet', 'outlet');
  fails(await office.post(`/api/v1/programmes/${pid}/media`, { outlet: '深圳特区报', kind: 'advert', title: '深圳品牌故事', planned_on: '2015-09-08' }),
    400, 'invalid_kind', 'kind');
  fails(await u.futian.client.post(`/api/v1/programmes/${pid}/media`, { outlet: '深圳特区报', kind: 'report', title: 'x', planned_on: '2015-09-08' }),
    403, 'forbidden_role');
  const interview = ok(await office.post(`/api/v1/programmes/${pid}/media`,
    { outlet: '深圳卫视深视新闻', kind: 'interview', title: '“深圳品牌故事”专栏采访', planned_on: '2015-08-20' }), 201);
  assert.equal(interview.kind, 'interview');
  report = ok(await office.post(`/api/v1/programmes/${pid}/media`,
    { outlet: '深圳特区报', kind: 'report', title: '深圳品牌系列报道之一', planned_on: '2015-09-08' }), 201);
  assert.equal(report.published_on, null);
  fails(await office.post(`/api/v1/campaign-media/${report.id}/publication`, { published_on: '2015-09-08', link: 'ftp://x' }),
    400, 'invalid_link', 'link');
  const pub = ok(await office.post(`/api/v1/campaign-media/${report.id}/publication`,
    { published_on: '2015-09-08', link: 'https://sztqb.sznews.com/html/2015-09/08/content_3337575.htm' }));
  assert.equal(pub.published_on, '2015-09-08');
  const list = ok(await u.futian.client.get(`/api/v1/programmes/${pid}/media`));
  assert.deepEqual(list.media.map((x) => [x.kind, x.published_on ?? null]), [['interview', null], ['report', '2015-09-08']]);
});

test('the materials archive keeps photos, videos and texts', async () => {
  const fd = new FormData();
  fd.append('file', new Blob([photo()], { type: 'image/png' }), '启动仪式.png');
  let r = await office.request('POST', `/api/v1/programmes/${pid}/materials/photos?title=${encodeURIComponent('“质量月”启动仪式')}`, { raw: fd });
  const photos = ok(r, 201).materials;
  assert.equal(photos[0].kind, 'photo');
  assert.equal(photos[0].mime, 'image/png');
  const bad = new FormData();
  bad.append('file', new Blob([Buffer.from('%PDF-1.7')], { type: 'application/pdf' }), 'a.pdf');
  fails(await office.request('POST', `/api/v1/programmes/${pid}/materials/photos?title=x`, { raw: bad }), 400, 'not_image');
  const img = await u.futian.client.get(photos[0].file.replace('/api/v1', '/api/v1'));
  assert.equal(img.status, 200);
  const video = ok(await office.post(`/api/v1/programmes/${pid}/materials`,
    { kind: 'video', title: '深视新闻“深圳品牌故事”', media: report.id, link: 'https://www.s1979.com/video/2015-09-08.shtml' }), 201);
  assert.equal(video[0].media, report.id);
  fails(await office.post(`/api/v1/programmes/${pid}/materials`, { kind: 'video', title: '无链接' }), 400, 'missing_field', 'link');
  ok(await office.post(`/api/v1/programmes/${pid}/materials`, { kind: 'text', title: '采访提纲', body: '一、品牌成长历程……' }), 201);
  const m = ok(await office.get(`/api/v1/programmes/${pid}/media`));
  assert.deepEqual(m.materials.map((x) => x.kind), ['photo', 'video', 'text']);
  const gz = await signedIn(srv.url, 'gzoffice');
  fails(await gz.get(`/api/v1/programmes/${pid}/media`), 404, 'not_found');
  fails(await gz.get(photos[0].file), 404, 'not_found');
  fails(await gz.post(`/api/v1/campaign-media/${report.id}/publication`, { published_on: '2015-09-09', link: 'https://a.b/' }), 404, 'not_found');
});

test('the office uploads the campaign logo; until then the placeholder shows', async () => {
  const pub = new Client(srv.url);
  let r = await pub.get(`/api/v1/programmes/${pid}/campaign/logo`);
  assert.equal(r.headers.get('content-type'), 'image/png');
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 0x11), Buffer.from([0xff, 0xd9])]);
  const form = (bytes, name, type) => { const fd = new FormData(); fd.append('file', new Blob([bytes], { type }), name); return fd; };
  fails(await office.request('POST', `/api/v1/programmes/${pid}/campaign/logo`, { raw: form(Buffer.from('GIF89a'), 'l.gif', 'image/gif') }), 400, 'not_image');
  // refused before the body is read (an empty body, so that the client is not cut off mid-upload)
  fails(await u.futian.client.post(`/api/v1/programmes/${pid}/campaign/logo`, {}), 403, 'forbidden_role');
  const gz = await signedIn(srv.url, 'gzoffice');
  fails(await gz.post(`/api/v1/programmes/${pid}/campaign/logo`, {}), 404, 'not_found');
  ok(await office.request('POST', `/api/v1/programmes/${pid}/campaign/logo`, { raw: form(jpeg, '质量月标识.jpg', 'image/jpeg') }), 201);
  r = await pub.get(`/api/v1/programmes/${pid}/campaign/logo`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'image/jpeg');
});
