// t0050-cli: the binary's subcommands, their help, errors and exit codes
// (0 ok, 1 failed, 2 usage), and the server's graceful stop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { cli, startServer, Client, PASSWORD } from './lib/server.mjs';

const dir = mkdtempSync(join(tmpdir(), 'pxcli-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('every subcommand answers --help', () => {
  const top = cli(['--help']);
  assert.equal(top.status, 0);
  const names = [...top.stdout.matchAll(/^  (\S+)/gm)].map((m) => m[1]);
  for (const n of ['init', 'serve', 'demo', 'user', 'audit', 'version']) assert.ok(names.includes(n), n);
  for (const n of names) {
    const r = cli([n, '--help']);
    assert.equal(r.status, 0, `${n} --help: ${r.stderr}`);
    assert.match(r.stdout, /usage: pingxuan/, n);
  }
});

test('unknown commands and options are usage errors (exit 2)', () => {
  assert.equal(cli([]).status, 2);
  assert.equal(cli(['frobnicate']).status, 2);
  assert.equal(cli(['serve', '--no-such-flag']).status, 2);
  assert.equal(cli(['serve', '--threads', 'many']).status, 2);
  assert.equal(cli(['serve', '--listen', '127.0.0.1:99999']).status, 2);
  assert.equal(cli(['user', 'add', '--login', 'x']).status, 2);
  assert.equal(cli(['audit', 'explode']).status, 2);
});

test('version names the libraries', () => {
  const r = cli(['version']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^pingxuan \d+\.\d+\.\d+\nlibmicrohttpd .*sqlite .*libsodium/);
});

test('init creates the first office account once, with a random password shown once', () => {
  const db = join(dir, 'a', 'b', 'init.db');
  const r = cli(['init', '--db', db, '--region', '441800', '--admin', 'chief']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /regions: 3339 division codes/);
  const pw = /its password, shown this once: (\S+)/.exec(r.stdout)[1];
  assert.ok(pw.length >= 16);
  const again = cli(['init', '--db', db]);
  assert.equal(again.status, 0);
  assert.match(again.stdout, /the first office account exists already/);
  assert.doesNotMatch(again.stdout, /password/);
  const list = cli(['user', 'list', '--db', db]);
  assert.match(list.stdout, /chief\s+office\s+441800/);
  assert.equal(list.stdout.trim().split('\n').length, 2);
});

test('user add validates and reports the field at fault', () => {
  const db = join(dir, 'users.db');
  assert.equal(cli(['init', '--db', db, '--password-stdin'], PASSWORD + '\n').status, 0);
  let r = cli(['user', 'add', '--db', db, '--login', 'cty1', '--role', 'county', '--unit', '清城区市场监管局', '--region', '441802']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /password, shown this once: \S{16}/);
  r = cli(['user', 'add', '--db', db, '--login', 'cty2', '--role', 'mayor', '--unit', 'x', '--region', '441802']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /role: unknown role 'mayor' \[invalid_role\]/);
  r = cli(['user', 'add', '--db', db, '--login', 'cty3', '--role', 'county', '--unit', '清城区市场监管局', '--region', '441803']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /unit_mismatch/);
  r = cli(['user', 'add', '--db', db, '--login', 'cty1', '--role', 'county', '--unit', '清城区市场监管局', '--region', '441802']);
  assert.match(r.stderr, /login_taken/);
  r = cli(['user', 'passwd', 'cty1', '--db', db, '--password-stdin'], 'short\n');
  assert.match(r.stderr, /weak_password/);
  r = cli(['user', 'passwd', 'cty1', '--db', db, '--password-stdin'], 'a-much-longer-password\n');
  assert.equal(r.status, 0, r.stderr);
  r = cli(['user', 'passwd', 'ghost', '--db', db, '--password-stdin'], 'a-much-longer-password\n');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no account 'ghost'/);
});

test('commands other than init refuse a database without a schema', () => {
  const r = cli(['user', 'list', '--db', join(dir, 'empty.db')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /run 'pingxuan init'/);
});

test('SIGTERM lets a request in flight finish, then the server exits 0 and the chain verifies', async () => {
  const srv = await startServer();
  try {
    // send half a request, signal, then the other half: the server must still answer it
    const { port } = new URL(srv.url);
    const body = JSON.stringify({ login: 'office', password: PASSWORD });
    const sock = net.connect(Number(port), '127.0.0.1');
    let answer = '';
    sock.on('data', (d) => { answer += d; });
    const closed = new Promise((resolve) => sock.on('close', resolve));
    await new Promise((resolve) => sock.on('connect', resolve));
    sock.write(`POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n` + body.slice(0, 10));
    await new Promise((r) => setTimeout(r, 200));
    srv.proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    sock.write(body.slice(10));
    await closed;
    assert.match(answer, /^HTTP\/1\.1 201/);
    const exit = await srv.stop();
    assert.equal(exit.code, 0, srv.log());
    assert.match(srv.log(), /SIGTERM received, finishing requests in flight/);
    const v = cli(['audit', 'verify', '--db', srv.db]);
    assert.equal(v.status, 0, v.stdout + v.stderr);
  } finally {
    srv.cleanup();
  }
});

test('the access log has method, path, status and time, and no personal data', async () => {
  const srv = await startServer();
  try {
    await new Client(srv.url).get('/api/v1/health?phone=13800138000');
    await new Client(srv.url).login('office');
    await srv.stop();
    const log = srv.log();
    assert.match(log, /^GET \/api\/v1\/health 200 \d+us$/m);
    assert.match(log, /^POST \/api\/v1\/session 201 \d+us$/m);
    assert.doesNotMatch(log, /13800138000|office|correct-horse/);
  } finally {
    srv.cleanup();
  }
});
