// t0200-auth: who may do what. Sessions with HttpOnly SameSite cookies,
// CSRF on every state change, roles per route, region scope per resource,
// throttled sign-in, server-side expiry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, Client, signedIn, PASSWORD } from './lib/server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

test('sign in sets an HttpOnly SameSite=Strict cookie and returns a CSRF token', async () => {
  const c = new Client(srv.url);
  const r = await c.login('office');
  assert.equal(r.status, 201);
  assert.match(r.setCookie, /^px_session=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+/);
  assert.match(r.json.csrf_token, /^[0-9a-f]{64}$/);
  assert.deepEqual(r.json.account, { id: r.json.account.id, login: 'office', role: 'office',
    role_label: '质量强市办', region: '441800' });
  const me = await c.get('/api/v1/session');
  assert.equal(me.status, 200);
  assert.equal(me.json.account.login, 'office');
  assert.equal(me.json.csrf_token, r.json.csrf_token);
});

test('a wrong password and an unknown login fail alike', async () => {
  const a = await new Client(srv.url).post('/api/v1/session', { login: 'office', password: 'not-the-password' });
  const b = await new Client(srv.url).post('/api/v1/session', { login: 'nobody-here', password: 'not-the-password' });
  assert.equal(a.status, 401);
  assert.deepEqual(a.json, b.json);
  assert.equal(a.json.error.code, 'bad_credentials');
});

test('the public is asked to sign in; a forged cookie is the public', async () => {
  let r = await new Client(srv.url).get('/api/v1/accounts');
  assert.equal(r.status, 401);
  assert.equal(r.json.error.code, 'unauthenticated');
  const c = new Client(srv.url);
  c.cookie = 'px_session=' + 'a'.repeat(64);
  r = await c.get('/api/v1/session');
  assert.equal(r.status, 401);
});

test('every state change needs the CSRF token of the session', async () => {
  const c = await signedIn(srv.url, 'office');
  const body = { login: 'csrf-victim', display_name: 'x', password: PASSWORD, role: 'county',
    unit: '清新区市场监管局', region: '441803' };
  let r = await c.request('POST', '/api/v1/accounts', { body, csrf: false });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'csrf_failed');
  r = await c.request('POST', '/api/v1/accounts', { body, csrf: false, headers: { 'x-csrf-token': 'f'.repeat(64) } });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'csrf_failed');
  // another session's token does not work either
  const other = await signedIn(srv.url, 'office');
  r = await c.request('POST', '/api/v1/accounts', { body, csrf: false, headers: { 'x-csrf-token': other.csrf } });
  assert.equal(r.status, 403);
  // nothing was written
  const list = await c.get('/api/v1/accounts');
  assert.ok(!list.json.accounts.some((a) => a.login === 'csrf-victim'));
  r = await c.post('/api/v1/accounts', body);
  assert.equal(r.status, 201);
  assert.equal(r.json.region, '441803');
  const del = await c.request('DELETE', '/api/v1/session', { csrf: false });
  assert.equal(del.status, 403, 'signing out is a state change too');
});

test('signing out ends the session on the server', async () => {
  const c = await signedIn(srv.url, 'qingcheng');
  const cookie = c.cookie;
  const r = await c.del('/api/v1/session');
  assert.equal(r.status, 200);
  assert.match(r.setCookie, /px_session=;/);
  const replay = new Client(srv.url);
  replay.cookie = cookie;
  assert.equal((await replay.get('/api/v1/session')).status, 401);
});

test('roles are checked per route', async () => {
  const expert = await signedIn(srv.url, 'expert');
  let r = await expert.get('/api/v1/accounts');
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'forbidden_role');
  const county = await signedIn(srv.url, 'qingcheng');
  r = await county.post('/api/v1/accounts', { login: 'x-by-county', display_name: 'x', password: PASSWORD,
    role: 'applicant', unit: 'u', region: '441802' });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'forbidden_role');
});

test('a county sees its own region only; an office its whole city', async () => {
  const office = await signedIn(srv.url, 'office');
  const all = (await office.get('/api/v1/accounts')).json.accounts;
  const yingde = all.find((a) => a.login === 'yingde');
  const qingcheng = all.find((a) => a.login === 'qingcheng');
  assert.ok(yingde && qingcheng);
  assert.ok(!all.some((a) => a.login === 'gzoffice'), 'Guangzhou is outside Qingyuan');
  assert.ok(!all.some((a) => a.login === 'root'), 'the national account is outside Qingyuan');

  const county = await signedIn(srv.url, 'qingcheng');
  const mine = (await county.get('/api/v1/accounts')).json.accounts;
  assert.ok(mine.length >= 2);
  assert.ok(mine.every((a) => a.region === '441802'), JSON.stringify(mine));
  let r = await county.get('/api/v1/accounts/' + yingde.id);
  assert.equal(r.status, 404, 'another county is invisible');
  r = await county.get('/api/v1/accounts/' + qingcheng.id);
  assert.equal(r.status, 200);

  const gz = await signedIn(srv.url, 'gzoffice');
  r = await gz.get('/api/v1/accounts/' + qingcheng.id);
  assert.equal(r.status, 404, "another city's office sees nothing of Qingyuan");
});

test('an office creates accounts only inside its region, with valid fields', async () => {
  const office = await signedIn(srv.url, 'office');
  let r = await office.post('/api/v1/accounts', { login: 'gz-intruder', display_name: 'x', password: PASSWORD,
    role: 'county', unit: '天河区市场监管局', region: '440106' });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.field, 'region');
  r = await office.post('/api/v1/accounts', { login: 'Bad Login', display_name: 'x', password: PASSWORD,
    role: 'county', unit: 'u', region: '441802' });
  assert.equal(r.status, 400);
  assert.deepEqual([r.json.error.code, r.json.error.field], ['invalid_login', 'login']);
  r = await office.post('/api/v1/accounts', { login: 'shortpw', display_name: 'x', password: 'short',
    role: 'county', unit: 'u', region: '441802' });
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'weak_password', 'password']);
  r = await office.post('/api/v1/accounts', { login: 'badrole', display_name: 'x', password: PASSWORD,
    role: 'root', unit: 'u', region: '441802' });
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'invalid_role', 'role']);
  r = await office.post('/api/v1/accounts', { login: 'nowhere', display_name: 'x', password: PASSWORD,
    role: 'county', unit: 'u', region: '441899' });
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'unknown_region', 'region']);
  r = await office.post('/api/v1/accounts', { login: 'office', display_name: 'x', password: PASSWORD,
    role: 'county', unit: '清城区市场监管局', region: '441802' });
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [409, 'login_taken', 'login']);
});

test('changing a password needs the old one and closes other sessions', async () => {
  const a = await signedIn(srv.url, 'member');
  const b = await signedIn(srv.url, 'member');
  const id = a.csrf && (await a.get('/api/v1/session')).json.account.id;
  let r = await a.post(`/api/v1/accounts/${id}/password`, { old_password: 'wrong-old-password', password: 'new-password-123' });
  assert.equal(r.status, 403);
  r = await a.post(`/api/v1/accounts/${id}/password`, { old_password: PASSWORD, password: 'new-password-123' });
  assert.equal(r.status, 200);
  assert.equal((await b.get('/api/v1/session')).status, 401);
  assert.equal((await new Client(srv.url).login('member', 'new-password-123')).status, 201);
  assert.equal((await new Client(srv.url).login('member', PASSWORD)).status, 401);
});

test('sign-in is throttled per login and address after 5 failures, even with the right password', async () => {
  for (let i = 0; i < 5; i++) {
    const r = await new Client(srv.url).post('/api/v1/session', { login: 'leader', password: 'guess-number-' + i });
    assert.equal(r.status, 401);
  }
  const r = await new Client(srv.url).login('leader');
  assert.equal(r.status, 429);
  assert.equal(r.json.error.code, 'too_many_attempts');
});

test('an idle session expires on the server', async () => {
  const short = await startServer({ args: ['--session-idle', '1'] });
  try {
    const c = await signedIn(short.url, 'office');
    assert.equal((await c.get('/api/v1/session')).status, 200);
    await sleep(1600);
    const r = await c.get('/api/v1/session');
    assert.equal(r.status, 401);
    assert.equal(r.json.error.code, 'session_expired');
    // and stays gone
    assert.equal((await c.get('/api/v1/session')).json.error.code, 'unauthenticated');
  } finally {
    await short.stop();
    short.cleanup();
  }
});

test('a session past its absolute lifetime expires however busy', async () => {
  const short = await startServer({ args: ['--session-max', '2'] });
  try {
    const c = await signedIn(short.url, 'office');
    for (let i = 0; i < 5; i++) {
      assert.equal((await c.get('/api/v1/session')).status, 200);
      await sleep(300);
    }
    await sleep(700);
    assert.equal((await c.get('/api/v1/session')).json.error.code, 'session_expired');
  } finally {
    await short.stop();
    short.cleanup();
  }
});

test('behind a trusted proxy the address limit applies per forwarded client, and X-Forwarded-For is ignored otherwise', async () => {
  const proxied = await startServer({ args: ['--trust-proxy', '127.0.0.1'] });
  try {
    const from = (ip) => ({ headers: { 'x-forwarded-for': `203.0.113.9, ${ip}` } });
    for (let i = 0; i < 20; i++) {
      const r = await new Client(proxied.url).request('POST', '/api/v1/session',
        { body: { login: `nobody-${i}`, password: 'wrong-password-x' }, ...from('10.0.0.1') });
      assert.equal(r.status, 401);
    }
    let r = await new Client(proxied.url).request('POST', '/api/v1/session',
      { body: { login: 'office', password: PASSWORD }, ...from('10.0.0.1') });
    assert.equal(r.status, 429, 'the 21st attempt from 10.0.0.1 is refused');
    r = await new Client(proxied.url).request('POST', '/api/v1/session',
      { body: { login: 'office', password: PASSWORD }, ...from('10.0.0.2') });
    assert.equal(r.status, 201, 'another client behind the same proxy is not');
  } finally {
    await proxied.stop();
    proxied.cleanup();
  }
  // without --trust-proxy a forged header changes nothing: the socket address counts
  const direct = await startServer();
  try {
    for (let i = 0; i < 20; i++) {
      await new Client(direct.url).request('POST', '/api/v1/session',
        { body: { login: `nobody-${i}`, password: 'wrong-password-x' }, headers: { 'x-forwarded-for': `10.9.9.${i}` } });
    }
    const r = await new Client(direct.url).request('POST', '/api/v1/session',
      { body: { login: 'office', password: PASSWORD }, headers: { 'x-forwarded-for': '10.9.9.99' } });
    assert.equal(r.status, 429);
  } finally {
    await direct.stop();
    direct.cleanup();
  }
});
