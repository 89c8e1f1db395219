// t0100-http: the transport answers every malformed request with a JSON
// error of a stable code, and nothing else leaks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, rawRequest as rawRequestTo } from './lib/server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

const rawRequest = (text) => rawRequestTo(srv.url, text);

test('health answers with the version and security headers', async () => {
  const r = await new Client(srv.url).get('/api/v1/health');
  assert.equal(r.status, 200);
  assert.equal(r.json.status, 'ok');
  assert.match(r.headers.get('content-type'), /^application\/json/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(r.headers.get('cache-control'), 'no-store');
  assert.equal(r.headers.get('x-frame-options'), 'DENY');
});

test('an unknown route is a JSON 404', async () => {
  const r = await new Client(srv.url).get('/api/v1/no-such-thing');
  assert.equal(r.status, 404);
  assert.deepEqual(r.json, { error: { code: 'no_route', message: 'no such resource' } });
});

test('a wrong method is a 405 naming the allowed ones', async () => {
  const r = await new Client(srv.url).del('/api/v1/health');
  assert.equal(r.status, 405);
  assert.equal(r.json.error.code, 'method_not_allowed');
  assert.equal(r.headers.get('allow'), 'GET');
});

test('bad JSON is a 400 with the position', async () => {
  const c = new Client(srv.url);
  let r = await c.request('POST', '/api/v1/session', { raw: '{"login": "x",', headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'bad_json');
  assert.match(r.json.error.message, /line 1/);
  r = await c.request('POST', '/api/v1/session', { raw: '[1,2]', headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'bad_json');
  r = await c.request('POST', '/api/v1/session', { raw: '{"login":"a","login":"b"}', headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 400, 'duplicate keys are refused');
});

test('a body that is not JSON by its type is a 415', async () => {
  const r = await new Client(srv.url).request('POST', '/api/v1/session', {
    raw: 'login=office&password=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 415);
  assert.equal(r.json.error.code, 'unsupported_media_type');
  assert.equal(r.json.error.field, 'Content-Type');
});

test('a missing field is named', async () => {
  const r = await new Client(srv.url).post('/api/v1/session', { login: 'office' });
  assert.equal(r.status, 400);
  assert.deepEqual(r.json.error, { code: 'missing_field', message: "'password' is required", field: 'password' });
  const w = await new Client(srv.url).post('/api/v1/session', { login: 7, password: 'x' });
  assert.equal(w.json.error.code, 'wrong_type');
  assert.equal(w.json.error.field, 'login');
});

test('an oversize body is refused with 413, declared or streamed', async () => {
  // declared: answered before the body is read, and the connection closed
  const declared = await rawRequest('POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
    'Content-Length: 2000000\r\n\r\n{"login":"');
  assert.match(declared, /^HTTP\/1\.1 413/);
  assert.match(declared, /"code":"body_too_large"/);
  // just under the cap is read and judged on its content
  const fits = JSON.stringify({ login: 'x'.repeat(1000 * 1024), password: 'y' });
  const r = await new Client(srv.url).request('POST', '/api/v1/session', { raw: fits, headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'too_long');
  // chunked, no Content-Length: the cap applies as the body arrives
  const chunk = 'a'.repeat(64 * 1024);
  let body = '';
  for (let i = 0; i < 20; i++) body += chunk.length.toString(16) + '\r\n' + chunk + '\r\n';
  const out = await rawRequest('POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
    'Transfer-Encoding: chunked\r\n\r\n' + body + '0\r\n\r\n');
  assert.match(out, /^HTTP\/1\.1 413/);
});

test('oversize headers are refused', async () => {
  const out = await rawRequest('GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Junk: ' + 'j'.repeat(40000) + '\r\n\r\n');
  assert.match(out, /^HTTP\/1\.1 (413|431)/);
});

test('path traversal and malformed paths are refused', async () => {
  for (const p of ['/api/v1/../v1/health', '/api//v1/health', '/api/v1/./health']) {
    const out = await rawRequest(`GET ${p} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    assert.match(out, /^HTTP\/1\.1 400/, p);
    assert.match(out, /"bad_path"/);
  }
});

test('a garbage request line does not kill the server', async () => {
  const out = await rawRequest('\x00\x01GARBAGE\r\n\r\n');
  assert.match(out, /^HTTP\/1\.1 400|^$/);
  const r = await new Client(srv.url).get('/api/v1/health');
  assert.equal(r.status, 200);
});

test('an id that cannot exist is a 404, not a crash', async () => {
  const c = new Client(srv.url);
  await c.login('office');
  for (const id of ['0', '-1', 'abc', '99999999999999999999', '007']) {
    const r = await c.get('/api/v1/accounts/' + id);
    assert.equal(r.status, 404, id);
  }
});
