// t2000-static: the built UI served by the binary at `/`: hashed assets
// with a year-long immutable cache and an ETag (304 on revalidation), the
// `.gz` variant when the client accepts gzip, a CSP of the site's own
// scripts, history-mode fallback to index.html, 404 for missing files,
// /api/ untouched, and a how-to-build page when nothing is built.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startServer } from './lib/server.mjs';

const dir = mkdtempSync(join(tmpdir(), 'pxweb-'));
const JS = 'console.log("pingxuan");'.repeat(100);
let srv, bare;
before(async () => {
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title><script type="module" src="/assets/index-abc123.js"></script>');
  writeFileSync(join(dir, 'assets/index-abc123.js'), JS);
  writeFileSync(join(dir, 'assets/index-abc123.js.gz'), gzipSync(JS));
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  srv = await startServer({ args: ['--web-dir', dir] });
  bare = await startServer({ args: ['--web-dir', join(dir, 'nothing-here')] });
});
after(async () => {
  for (const s of [srv, bare]) { assert.equal((await s.stop()).code, 0); s.cleanup(); }
});

const get = (s, path, headers = {}) => fetch(s.url + path, { headers });

test('hashed assets: immutable for a year, ETag, 304, gzip when accepted', async () => {
  let r = await get(srv, '/assets/index-abc123.js', { 'accept-encoding': 'identity' });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.match(r.headers.get('content-type'), /^text\/javascript/);
  assert.equal(r.headers.get('content-encoding'), null);
  assert.equal(r.headers.get('vary'), 'Accept-Encoding');
  assert.equal(await r.text(), JS);
  const etag = r.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]{32}"$/);
  r = await get(srv, '/assets/index-abc123.js', { 'accept-encoding': 'identity', 'if-none-match': etag });
  assert.equal(r.status, 304);
  assert.equal(await r.text(), '');
  // node's fetch decodes gzip itself: ask with a raw request to see the bytes
  const http = await import('node:http');
  const raw = await new Promise((resolve, reject) => {
    http.get(srv.url + '/assets/index-abc123.js', { headers: { 'accept-encoding': 'gzip, deflate' } }, (res) => {
      const chunks = []; res.on('data', (c) => chunks.push(c)); res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
  assert.equal(raw.res.headers['content-encoding'], 'gzip');
  assert.deepEqual(raw.body, gzipSync(JS));
  assert.notEqual(raw.res.headers.etag, etag);
  r = await get(srv, '/assets/index-abc123.js', { 'accept-encoding': 'gzip;q=0' });
  assert.equal(r.headers.get('content-encoding'), null);
});

test('index.html and app routes: revalidated, CSP of own scripts, history fallback', async () => {
  for (const path of ['/', '/index.html', '/app/county', '/verify/ABCD-EFGH-IJKL', '/notices/1?x=1']) {
    const r = await get(srv, path);
    assert.equal(r.status, 200, path);
    assert.match(r.headers.get('content-type'), /^text\/html/);
    assert.equal(r.headers.get('cache-control'), 'no-cache');
    const csp = r.headers.get('content-security-policy');
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self';/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-eval/);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.match(await r.text(), /index-abc123\.js/);
  }
  const r = await get(srv, '/');
  assert.equal((await get(srv, '/', { 'if-none-match': r.headers.get('etag') })).status, 304);
});

test('missing files are 404, traversal 400, the API untouched, other methods not served', async () => {
  for (const path of ['/assets/index-old999.js', '/logo.png', '/assets/index-abc123.js.gz'])
    assert.equal((await get(srv, path)).status, 404, path);
  let r = await get(srv, '/api/v1/no-such-thing');
  assert.equal(r.status, 404);
  assert.equal((await r.json()).error.code, 'no_route');
  r = await get(srv, '/api/v1/health');
  assert.equal(r.status, 200);
  const net = await import('node:net');
  const raw = await new Promise((resolve) => {
    const s = net.connect(new URL(srv.url).port, '127.0.0.1', () => s.write('GET /assets/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
    let out = ''; s.on('data', (d) => { out += d; }); s.on('end', () => resolve(out));
  });
  assert.match(raw, /^HTTP\/1\.1 400/);
  r = await fetch(srv.url + '/', { method: 'POST' });
  assert.equal(r.status, 404);
});

test('without a build, / explains how to build the UI', async () => {
  const r = await get(bare, '/');
  assert.equal(r.status, 503);
  assert.match(r.headers.get('content-type'), /^text\/html/);
  const html = await r.text();
  assert.match(html, /make/);
  assert.match(html, /网页界面尚未构建/);
  assert.equal((await get(bare, '/api/v1/health')).status, 200);
});
