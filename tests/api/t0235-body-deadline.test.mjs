// t0235-body-deadline: a client that sends its body a byte at a time keeps
// the idle timeout from ever firing, and would hold a connection and its
// buffer for as long as it likes. The body deadline (--body-deadline: a
// grace in seconds; --body-min-rate: bytes a second each body keeps up
// after it, every byte buying 1/rate s more) cuts it; a body sent slowly but
// above the minimum rate is read and answered, and a request handled for
// longer than the grace is not cut (only reading the body is timed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, cli } from './lib/server.mjs';

let srv;
before(async () => { srv = await startServer({ args: ['--body-deadline', '2', '--body-min-rate', '100'] }); });
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

function connect() {
  const s = net.connect(Number(new URL(srv.url).port), '127.0.0.1');
  const state = { closed: false, data: '' };
  s.on('data', (d) => { state.data += d; });
  s.on('close', () => { state.closed = true; });
  s.on('error', () => { state.closed = true; });
  return { s, state };
}

const head = (n) => `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${n}\r\n\r\n`;

test('a body trickled a byte every 300 ms is cut after the grace', async () => {
  const { s, state } = connect();
  const body = JSON.stringify({ login: 'office', password: 'x'.repeat(200) });
  s.write(head(body.length));
  const t0 = Date.now();
  for (let i = 0; i < body.length && !state.closed && Date.now() - t0 < 9000; i++) {
    s.write(body[i]);
    await sleep(300);
  }
  const took = Date.now() - t0;
  assert.equal(state.closed, true, 'the connection is cut');
  assert.ok(took >= 2000 && took < 5000, `cut after ${took} ms`);
  assert.equal(state.data, '', 'nothing is answered');
  s.destroy();
});

test('a body sent slowly but above the minimum rate is read and answered', async () => {
  const { s, state } = connect();
  const body = JSON.stringify({ login: 'office', password: 'wrong-password' }).padEnd(1000, ' ');
  s.write(head(body.length));
  // 200 bytes every 1.2 s: 167 bytes a second, 6 s in all, three times the grace
  for (let i = 0; i < body.length; i += 200) {
    await sleep(1200);
    assert.equal(state.closed, false, `cut after ${i} bytes`);
    s.write(body.slice(i, i + 200));
  }
  for (let i = 0; i < 60 && !state.data.includes('\r\n\r\n'); i++) await sleep(50);
  assert.match(state.data, /^HTTP\/1\.1 401/, state.data);
  s.destroy();
});

test('the options are checked', () => {
  let r = cli(['serve', '--body-deadline', '-1']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--body-deadline must be 0\.\.86400/);
  r = cli(['serve', '--body-min-rate', 'x']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--body-min-rate must be/);
  r = cli(['serve', '--help']);
  assert.match(r.stdout, /--body-deadline S/);
});
