// t0115-header-deadline: a client that sends its headers a byte at a time
// (slowloris) restarts the idle timeout at every byte; the header deadline
// (--header-deadline) cuts it however steadily it trickles. A request whose
// headers arrive in time is answered, also on a connection kept alive for
// longer than the deadline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer } from './lib/server.mjs';

let srv;
before(async () => { srv = await startServer({ args: ['--header-deadline', '2'] }); });
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

function connect() {
  const s = net.connect(Number(new URL(srv.url).port), '127.0.0.1');
  const state = { closed: false, data: '' };
  s.on('data', (d) => { state.data += d; });
  s.on('close', () => { state.closed = true; });
  s.on('error', () => { state.closed = true; });
  return { s, state };
}

test('headers trickled a byte every 300 ms are cut after the deadline', async () => {
  const { s, state } = connect();
  const text = 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n' + 'X-Slow: ' + 'a'.repeat(200);
  const t0 = Date.now();
  for (let i = 0; i < text.length && !state.closed && Date.now() - t0 < 8000; i++) {
    s.write(text[i]);
    await sleep(300);
  }
  const took = Date.now() - t0;
  assert.equal(state.closed, true, 'the connection is cut');
  assert.ok(took >= 2000 && took < 5000, `cut after ${took} ms`);
  assert.equal(state.data, '', 'nothing is answered');
  s.destroy();
});

test('a keep-alive connection serves requests on both sides of the deadline', async () => {
  const { s, state } = connect();
  const req = 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n';
  // three requests 1.2 s apart: the connection lives longer than the 2 s deadline
  for (let n = 0; n < 3; n++) {
    if (n) await sleep(1200);
    state.data = '';
    s.write(req);
    for (let i = 0; i < 40 && !state.data.includes('\r\n\r\n'); i++) await sleep(50);
    assert.match(state.data, /^HTTP\/1\.1 200/, `request ${n + 1}`);
  }
  assert.equal(state.closed, false);
  s.destroy();
});
