// t0110-exhaustion: what an unauthenticated client can hold. Connections per
// address are capped; every route is authenticated before its body is read;
// ambiguous framing and invalid UTF-8 are refused with stable codes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, Client } from './lib/server.mjs';

let srv;
before(async () => { srv = await startServer({ args: ['--per-address', '8'] }); });
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

const port = () => Number(new URL(srv.url).port);

// Open a socket, send `head`, collect what comes back until close or `ms`.
function exchange(head, ms = 3000) {
  return new Promise((resolve) => {
    const s = net.connect(port(), '127.0.0.1');
    let data = '', closed = false;
    const t0 = Date.now();
    s.on('connect', () => { if (head) s.write(head); });
    s.on('data', (d) => { data += d; });
    s.on('error', () => {});
    s.on('close', () => { closed = true; resolve({ data, closed, ms: Date.now() - t0 }); });
    setTimeout(() => { if (!closed) { s.destroy(); resolve({ data, closed: false, ms: Date.now() - t0 }); } }, ms);
  });
}

test('one address holds at most --per-address connections; the next is refused', async () => {
  const idle = [];
  for (let i = 0; i < 8; i++) {
    const s = net.connect(port(), '127.0.0.1');
    s.on('error', () => {});
    await new Promise((r) => s.on('connect', r));
    idle.push(s);
  }
  await sleep(200);
  const ninth = await exchange('GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n', 3000);
  assert.equal(ninth.closed, true);
  assert.equal(ninth.data, '', 'the 9th connection gets no answer');
  idle.pop().destroy();
  await sleep(200);
  const r = await exchange('GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.match(r.data, /^HTTP\/1\.1 200/);
  for (const s of idle) s.destroy();
  await sleep(200);
});

test('an unauthenticated POST is refused before its body is read', async () => {
  // headers announce 1 MiB; no body byte is sent, yet the answer comes
  const r = await exchange('POST /api/v1/accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
    'Content-Length: 1048576\r\n\r\n', 5000);
  assert.match(r.data, /^HTTP\/1\.1 401/);
  assert.match(r.data, /"code":"unauthenticated"/);
  assert.equal(r.closed, true);
});

test('Content-Length with Transfer-Encoding is 400 ambiguous_length and the connection closes', async () => {
  const r = await exchange('POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
    'Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 5000);
  assert.match(r.data, /^HTTP\/1\.1 400/);
  assert.match(r.data, /"code":"ambiguous_length"/);
  assert.equal(r.closed, true);
});

test('invalid UTF-8 in a JSON body is 400 invalid_utf8', async () => {
  const body = Buffer.concat([Buffer.from('{"login":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","password":"x"}')]);
  const res = await fetch(srv.url + '/api/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  assert.equal(res.status, 400);
  const j = await res.json();
  assert.equal(j.error.code, 'invalid_utf8');
});
