// server.mjs - start a throw-away pingxuan for one test file: a fresh
// database in a temp directory, accounts made with the CLI, a server on a
// free 127.0.0.1 port; stop() ends it with SIGTERM and checks it exits 0.
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { newDatabaseLocation, dropPgDatabase } from './db.mjs';

export const BIN = process.env.PINGXUAN_BIN || new URL('../../../build/pingxuan', import.meta.url).pathname;
export const PASSWORD = 'correct-horse-battery';

// Run the CLI synchronously; returns {status, stdout, stderr}.
export function cli(args, input) {
  const r = spawnSync(BIN, args, { input: input ?? '', encoding: 'utf8', env: process.env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// The accounts every test database has (login, role, unit, region).
export const ACCOUNTS = [
  ['office', 'office', '清远市质量强市工作领导小组办公室', '441800'],
  ['leader', 'leader', '清远市质量强市工作领导小组', '441800'],
  ['qingcheng', 'county', '清城区市场监管局', '441802'],
  ['yingde', 'county', '英德市市场监管局', '441881'],
  ['member', 'member', '清远市应急管理局', '441800'],
  ['expert', 'expert', '广东技术师范大学', '441800'],
  ['applicant', 'applicant', '清远某制造有限公司', '441802'],
  ['applicant2', 'applicant', '英德某服务有限公司', '441881'],
  ['gzoffice', 'office', '广州市质量强市工作领导小组办公室', '440100'],
];

// A database with the accounts above: a SQLite file in dir, or a fresh
// PostgreSQL database when PX_TEST_PG_URL is set (see lib/db.mjs).
export function makeDatabase(dir) {
  const db = newDatabaseLocation(dir);
  let r = cli(['init', '--db', db, '--admin', 'root', '--password-stdin'], PASSWORD + '\n');
  if (r.status !== 0) throw new Error('init failed: ' + r.stderr);
  for (const [login, role, unit, region] of ACCOUNTS) {
    r = cli(['user', 'add', '--db', db, '--login', login, '--role', role, '--unit', unit,
      '--region', region, '--password-stdin'], PASSWORD + '\n');
    if (r.status !== 0) throw new Error(`user add ${login} failed: ${r.stderr}`);
  }
  return db;
}

export async function startServer({ db, dir, args = [] } = {}) {
  dir = dir ?? mkdtempSync(join(tmpdir(), 'pxtest-'));
  const ownDb = db === undefined && !process.env.PX_TEST_DB_URL;
  db = db ?? makeDatabase(dir);
  const portFile = join(dir, `port-${Date.now()}-${Math.random()}`);
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--port-file', portFile,
    '--threads', '2', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  for (let i = 0; i < 800 && !existsSync(portFile); i++) { // up to 20 s on a loaded machine
    if (proc.exitCode !== null) break;
    await sleep(25);
  }
  if (!existsSync(portFile)) throw new Error('server did not start: ' + log);
  const port = Number(readFileSync(portFile, 'utf8'));
  const url = `http://127.0.0.1:${port}`;
  return {
    url, db, dir, proc,
    log: () => log,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      const r = await exited;
      return r;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
      if (ownDb) dropPgDatabase(db);
    },
  };
}

// The JSON body of an answer of the expected status.
export function ok(r, status = 200) {
  assert.equal(r.status, status, r.text);
  return r.json;
}

// An error answer of exactly this status, code and (when given) field.
export function fails(r, status, code, field) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json?.error?.code, code, r.text);
  if (field !== undefined) assert.equal(r.json.error.field, field, r.text);
  return r.json.error;
}

// A client with a cookie jar and the CSRF token of its session.
export class Client {
  constructor(url) { this.url = url; this.cookie = ''; this.csrf = ''; }

  async request(method, path, { body, headers = {}, raw, csrf = true } = {}) {
    const h = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (csrf && this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    let payload = raw;
    if (body !== undefined) { payload = JSON.stringify(body); h['content-type'] ??= 'application/json'; }
    const res = await fetch(this.url + path, { method, headers: h, body: payload });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const m = /px_session=([^;]*)/.exec(setCookie);
      if (m) this.cookie = m[1] ? `px_session=${m[1]}` : '';
    }
    const text = await res.text();
    let json;
    try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: res.status, headers: res.headers, json, text, setCookie };
  }

  get(path, o) { return this.request('GET', path, o); }
  post(path, body, o = {}) { return this.request('POST', path, { ...o, body }); }
  del(path, o) { return this.request('DELETE', path, o); }

  async login(login, password = PASSWORD) {
    const r = await this.post('/api/v1/session', { login, password });
    if (r.status === 201) this.csrf = r.json.csrf_token;
    return r;
  }
}

// The same session (cookie and CSRF token) on another node of the same database.
export function sameSession(node, client) {
  const c = new Client(node.url);
  c.cookie = client.cookie;
  c.csrf = client.csrf;
  return c;
}

export async function signedIn(url, login) {
  const c = new Client(url);
  const r = await c.login(login);
  if (r.status !== 201) throw new Error(`login ${login}: ${r.status} ${r.text}`);
  return c;
}

// Send raw bytes to the server at url, end the connection after holdMs and
// return the whole response text (for requests fetch() cannot make).
export function rawRequest(url, text, holdMs = 300) {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const s = net.connect(Number(port), '127.0.0.1');
    let out = '';
    s.on('data', (d) => { out += d; });
    s.on('end', () => resolve(out));
    s.on('error', reject);
    s.write(text);
    setTimeout(() => s.end(), holdMs);
  });
}
