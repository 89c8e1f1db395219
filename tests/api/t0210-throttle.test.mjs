// t0210-throttle: sign-in limits that cannot be turned into lockouts. An
// attempt is counted before its password is hashed, per (login, address),
// so guesses from another address never lock the owner out, and a burst of
// concurrent guesses gets exactly the limit of real checks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, PASSWORD } from './lib/server.mjs';

let srv;
before(async () => { srv = await startServer({ args: ['--trust-proxy', '127.0.0.1'] }); });
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

const from = (ip) => ({ headers: { 'x-forwarded-for': ip } });
const attempt = (login, password, ip) =>
  new Client(srv.url).request('POST', '/api/v1/session', { body: { login, password }, ...from(ip) });

test('an attacker failing many times from another address does not lock the owner out', async () => {
  for (let i = 0; i < 5; i++)
    assert.equal((await attempt('office', 'wrong-guess-' + i, '198.51.100.7')).status, 401);
  const r = await attempt('office', 'wrong-guess-x', '198.51.100.7');
  assert.equal(r.status, 429);
  assert.equal(r.json.error.code, 'too_many_attempts');
  const wait = Number(r.headers.get('retry-after'));
  assert.ok(wait >= 170 && wait <= 180, `Retry-After ${r.headers.get('retry-after')}`);
  // the owner, from their own address, signs in at once
  assert.equal((await attempt('office', PASSWORD, '203.0.113.5')).status, 201);
  // and a successful sign-in is no attempt against the owner's own allowance
  for (let i = 0; i < 8; i++)
    assert.equal((await attempt('office', PASSWORD, '203.0.113.5')).status, 201);
});

test('64 concurrent wrong guesses get exactly 5 real checks', async () => {
  const all = await Promise.all(Array.from({ length: 64 }, (_, i) =>
    attempt('leader', 'concurrent-guess-' + i, '198.51.100.9')));
  const count = (s) => all.filter((r) => r.status === s).length;
  assert.equal(count(401), 5);
  assert.equal(count(429), 59);
  for (const r of all.filter((x) => x.status === 429)) {
    assert.equal(r.json.error.code, 'too_many_attempts');
    assert.match(r.headers.get('retry-after'), /^[1-9][0-9]*$/);
  }
  // the owner is not locked out
  assert.equal((await attempt('leader', PASSWORD, '203.0.113.6')).status, 201);
});
