// t0130-cache: public reads (programmes, notices, winners, certificate
// verification) are answered from memory. Each carries an ETag; a client that
// sends it back in If-None-Match gets 304 Not Modified with no body; a write
// that changes the answer gives a fresh body and a new ETag at once; a write
// that leaves it alone keeps the ETag. Signed-in reads carry no ETag (t0135:
// some are kept in memory for their one reader).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, Client } from './lib/server.mjs';
import { startAwardServer, createProgramme, setClock, advance } from './lib/award.mjs';

let srv, office, pub, pid;

before(async () => {
  srv = await startAwardServer();
  office = await signedIn(srv.url, 'office');
  pub = new Client(srv.url);
  pid = await createProgramme(office);
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

test('a public read gives an ETag and answers 304 to it', async () => {
  const r1 = await pub.get(`/api/v1/programmes/${pid}`);
  assert.equal(r1.status, 200, r1.text);
  const etag = r1.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]{16}"$/);
  assert.equal(r1.headers.get('cache-control'), 'no-cache');
  assert.equal(r1.headers.get('x-content-type-options'), 'nosniff');

  const r2 = await pub.get(`/api/v1/programmes/${pid}`); // from memory: the same bytes
  assert.equal(r2.status, 200);
  assert.equal(r2.text, r1.text);
  assert.equal(r2.headers.get('etag'), etag);

  const r3 = await pub.get(`/api/v1/programmes/${pid}`, { headers: { 'if-none-match': etag } });
  assert.equal(r3.status, 304);
  assert.equal(r3.text, '');
  assert.equal(r3.headers.get('etag'), etag);

  const r4 = await pub.get(`/api/v1/programmes/${pid}`, { headers: { 'if-none-match': '"0000000000000000"' } });
  assert.equal(r4.status, 200);
  assert.equal(r4.text, r1.text);
});

test('a write that changes the answer gives a fresh body and ETag at once', async () => {
  const before1 = await pub.get(`/api/v1/programmes/${pid}`);
  assert.equal(before1.json.stage, null);
  const etag = before1.headers.get('etag');

  await setClock(office, '2025-09-22');
  await advance(office, pid, 'application');

  const after1 = await pub.get(`/api/v1/programmes/${pid}`, { headers: { 'if-none-match': etag } });
  assert.equal(after1.status, 200, 'the advance changed the programme: no 304');
  assert.equal(after1.json.stage, 'application');
  assert.notEqual(after1.headers.get('etag'), etag);
  const list = await pub.get('/api/v1/programmes');
  assert.equal(list.status, 200);
  assert.equal(list.json.programmes[0].stage, 'application');
});

test('a write that leaves the answer alone keeps its ETag', async () => {
  const r1 = await pub.get(`/api/v1/programmes/${pid}/notices`);
  assert.equal(r1.status, 200, r1.text);
  const etag = r1.headers.get('etag');
  await setClock(office, '2025-09-23'); // a write (audited) that no notice shows
  const r2 = await pub.get(`/api/v1/programmes/${pid}/notices`, { headers: { 'if-none-match': etag } });
  assert.equal(r2.status, 304);
});

test('errors and signed-in reads are not kept', async () => {
  const missing = await pub.get('/api/v1/programmes/999999');
  assert.equal(missing.status, 404);
  assert.equal(missing.json.error.code, 'not_found');
  assert.equal(missing.headers.get('etag'), null);
  assert.equal(missing.headers.get('cache-control'), 'no-store');
  const mine = await office.get('/api/v1/session');
  assert.equal(mine.status, 200);
  assert.equal(mine.headers.get('etag'), null);
  assert.equal(mine.headers.get('cache-control'), 'no-store');
});

test('winners and certificate verification are kept only once they answer', async () => {
  // before publication both are errors, and errors are never kept
  const w = await pub.get(`/api/v1/programmes/${pid}/winners`);
  assert.equal(w.status, 404);
  assert.equal(w.json.error.code, 'not_published');
  assert.equal(w.headers.get('etag'), null);
  const v = await pub.get('/api/v1/certificates/verify/AAAA-AAAA-AAAA');
  assert.equal(v.status, 404);
  assert.equal(v.json.error.code, 'certificate_not_found');
  assert.equal(v.headers.get('etag'), null);
});
