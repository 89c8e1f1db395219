// t0135-reader-cache: a signed-in read of an application, or of a programme's
// applications, is kept in memory for the one account that read it
// (http/cache.h, HTTP_READER_CACHE). Another account never gets it: each
// reader is checked (role, region, ownership) and rendered for; a write on the
// node shows at once; a write on another node sharing the database shows
// within a second. Personal answers stay Cache-Control: no-store, no ETag.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, makeDatabase, Client, signedIn, fails, sameSession } from './lib/server.mjs';
import { isPg, dropPgDatabase } from './lib/db.mjs';
import { openProgramme, registerOrg, MANUFACTURING } from './lib/award.mjs';

const BOUND_MS = 1000; // HTTP_CACHE_MAX_AGE_MS
let dir, db, a, b, office, applicant, pid, aid;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pxreadercache-'));
  db = makeDatabase(dir);
  const args = ['--rehearsal', '--files-dir', join(dir, 'files')];
  [a, b] = await Promise.all([startServer({ db, dir, args }), startServer({ db, dir, args })]);
  office = await signedIn(a.url, 'office');
  applicant = await signedIn(a.url, 'applicant');
  pid = await openProgramme(office);
  const org = await registerOrg(applicant);
  const r = await applicant.post(`/api/v1/programmes/${pid}/applications`,
    { track: 'organisation', form: 'manufacturing', organisation: org.id });
  assert.equal(r.status, 201, r.text);
  aid = r.json.id;
  await putForm(applicant, { main_products: '高压电缆' });
});

after(async () => {
  for (const n of [a, b]) if (n) assert.equal((await n.stop()).code, 0, n.log());
  if (isPg(db)) dropPgDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

async function putForm(client, change) {
  const r = await client.request('PUT', `/api/v1/applications/${aid}/form`, { body: { ...MANUFACTURING, ...change } });
  assert.equal(r.status, 200, r.text);
}


test('a kept answer is the same bytes, still personal: no-store and no ETag', async () => {
  const r1 = await office.get(`/api/v1/applications/${aid}`);
  assert.equal(r1.status, 200, r1.text);
  const r2 = await office.get(`/api/v1/applications/${aid}`);
  assert.equal(r2.text, r1.text);
  for (const r of [r1, r2]) {
    assert.equal(r.headers.get('cache-control'), 'no-store');
    assert.equal(r.headers.get('etag'), null);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  }
  const list = await office.get(`/api/v1/programmes/${pid}/applications`);
  assert.equal(list.status, 200, list.text);
  assert.equal(list.headers.get('etag'), null);
});

test('another account is checked and rendered for, never given the kept answer', async () => {
  const yingde = await signedIn(a.url, 'yingde'); // a county of another region
  const other = await signedIn(a.url, 'applicant2'); // another applicant
  // signing in is a write: the office reads after it, and its answers are kept
  assert.equal((await office.get(`/api/v1/applications/${aid}`)).status, 200);
  assert.equal((await office.get(`/api/v1/programmes/${pid}/applications`)).status, 200);
  fails(await yingde.get(`/api/v1/applications/${aid}`), 404, 'not_found');
  fails(await other.get(`/api/v1/applications/${aid}`), 404, 'not_found');
  const theirs = await other.get(`/api/v1/programmes/${pid}/applications`);
  assert.equal(theirs.status, 200, theirs.text);
  assert.deepEqual(theirs.json.applications ?? theirs.json.items ?? [], []);
  const pub = new Client(a.url);
  fails(await pub.get(`/api/v1/applications/${aid}`), 401, 'unauthenticated');
  const mine = await applicant.get(`/api/v1/applications/${aid}`);
  assert.equal(mine.status, 200, mine.text);
  assert.equal(mine.json.id, aid);
});

test('a write on the node shows at once', async () => {
  assert.equal((await office.get(`/api/v1/applications/${aid}`)).json.fields.main_products, '高压电缆');
  await putForm(applicant, { main_products: '光纤预制棒' });
  assert.equal((await office.get(`/api/v1/applications/${aid}`)).json.fields.main_products, '光纤预制棒');
});

test('a write on another node shows here within a second', async () => {
  assert.equal((await office.get(`/api/v1/applications/${aid}`)).json.fields.main_products, '光纤预制棒');
  await putForm(sameSession(b, applicant), { main_products: '特种光缆' });
  await sleep(BOUND_MS + 150);
  assert.equal((await office.get(`/api/v1/applications/${aid}`)).json.fields.main_products, '特种光缆');
});
