// t1090-sms-gateways - an office checks its SMS contract before the public vote
// opens: `pingxuan sms-test` sends one code through Alibaba Cloud SMS, Tencent
// Cloud SMS and a plain HTTP gateway, each played by a local stub that
// recomputes the provider's signature. A signature made with the wrong secret
// is refused, a provider's business error comes back as sms_failed naming the
// provider's code, and neither the number in full nor a secret is ever printed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import https from 'node:https';
import net from 'node:net';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, startServer } from './lib/server.mjs';
import { startSmsStub, ALIYUN_ID, ALIYUN_SECRET, TENCENT_ID, TENCENT_SECRET, HTTP_KEY, LIMITED } from './lib/sms-stub.mjs';

let stub, dir;
const SECRETS = [ALIYUN_SECRET, TENCENT_SECRET, HTTP_KEY];

// Run the CLI without blocking the event loop (the stub answers in this process).
function run(args) {
  return new Promise((resolve) => {
    const p = spawn(BIN, args, { env: process.env });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function file(name, text) {
  const p = join(dir, name);
  writeFileSync(p, text);
  chmodSync(p, 0o600);
  return p;
}

function config(name, obj) {
  return file(name, JSON.stringify(obj));
}

async function sendTest(cfg, phone, ...more) {
  const r = await run(['sms-test', '--sms', cfg, '--phone', phone, ...more]);
  for (const s of SECRETS) {
    assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s), 'a secret was printed');
  }
  assert.ok(!r.stdout.includes(phone) && !r.stderr.includes(phone), 'a number was printed in full');
  return r;
}

before(async () => {
  stub = await startSmsStub();
  dir = mkdtempSync(join(tmpdir(), 'pxsms-'));
  file('aliyun.secret', ALIYUN_SECRET + '\n');
  file('tencent.secret', TENCENT_SECRET + '\n');
  file('http.secret', HTTP_KEY + '\n');
  file('wrong.secret', 'not-the-secret\n');
});

after(async () => {
  await stub?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the file driver of the demo sits in the same table: one JSON line per message', async () => {
  const log = join(dir, 'sms.log');
  const cfg = config('file.json', { driver: 'file', path: log, templates: { otp: '您的投票验证码为${code}，5分钟内有效。' } });
  const r = await run(['sms-test', '--sms', cfg, '--phone', '+86 13800138000', '--param', 'code=314159']);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, "sent 'otp' to 138****8000\n");
  const line = JSON.parse(readFileSync(log, 'utf8'));
  assert.equal(line.phone, '13800138000');
  assert.equal(line.text, '您的投票验证码为${code}，5分钟内有效。');
  assert.deepEqual(line.params, { code: '314159' });
});

const aliyunConfig = (secretFile) => ({
  driver: 'aliyun', endpoint: stub.url, access_key_id: ALIYUN_ID,
  access_key_secret_file: join(dir, secretFile), sign_name: '广州质量强市',
  templates: { otp: 'SMS_465320001', reminder: 'SMS_465320002' },
});

test('Alibaba Cloud: the stub recomputes the ACS3 signature and accepts the message', async () => {
  const cfg = config('aliyun.json', aliyunConfig('aliyun.secret'));
  const r = await sendTest(cfg, '13800138000', '--param', 'code=246810');
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, "sent 'otp' to 138****8000\n");
  assert.equal(r.status, 0);
  const q = stub.seen.aliyun.at(-1);
  assert.deepEqual(q, {
    PhoneNumbers: '13800138000', SignName: '广州质量强市', TemplateCode: 'SMS_465320001',
    TemplateParam: '{"code":"246810"}',
  });
});

test('Alibaba Cloud: parameters with spaces and symbols survive the percent-encoding', async () => {
  const cfg = config('aliyun.json', aliyunConfig('aliyun.secret'));
  const r = await sendTest(cfg, '+86 13800138001', '--template', 'reminder', '--param', 'stage=网络人气冲榜 (第1轮) *&=+',
    '--param', 'date=2022-08-10');
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.equal(stub.seen.aliyun.at(-1).TemplateParam, '{"date":"2022-08-10","stage":"网络人气冲榜 (第1轮) *&=+"}');
});

test('Alibaba Cloud: a request signed with the wrong secret is refused as sms_failed with the provider code', async () => {
  const cfg = config('aliyun-wrong.json', aliyunConfig('wrong.secret'));
  const r = await sendTest(cfg, '13800138000');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^pingxuan sms-test: error: the aliyun SMS gateway refused the message to 138\*\*\*\*8000: 400 SignatureDoesNotMatch \(request [0-9a-f-]+\) \[sms_failed\]\n$/);
});

test('Alibaba Cloud: a business error names the provider code, the number masked', async () => {
  const cfg = config('aliyun.json', aliyunConfig('aliyun.secret'));
  const r = await sendTest(cfg, LIMITED);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /refused the message to 139\*\*\*\*0000: 200 isv\.BUSINESS_LIMIT_CONTROL \(request [0-9a-f-]+\) \[sms_failed\]/);
});

const tencentConfig = (secretFile) => ({
  driver: 'tencent', endpoint: stub.url, secret_id: TENCENT_ID, secret_key_file: join(dir, secretFile),
  sdk_app_id: '1400787878', sign_name: '广州质量强市', region: 'ap-guangzhou',
  templates: { otp: { id: '1867543', params: ['code', 'minutes'] } },
});

test('Tencent Cloud: the stub recomputes the TC3 signature; parameters go in the template order', async () => {
  const cfg = config('tencent.json', tencentConfig('tencent.secret'));
  const r = await sendTest(cfg, '13800138000', '--param', 'minutes=5', '--param', 'code=135790');
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, "sent 'otp' to 138****8000\n");
  assert.equal(r.status, 0);
  assert.deepEqual(stub.seen.tencent.at(-1), {
    region: 'ap-guangzhou',
    body: {
      PhoneNumberSet: ['+8613800138000'], SmsSdkAppId: '1400787878', SignName: '广州质量强市',
      TemplateId: '1867543', TemplateParamSet: ['135790', '5'],
    },
  });
});

test('Tencent Cloud: the wrong secret key, and a number over its limit, are sms_failed with the provider code', async () => {
  let r = await sendTest(config('tencent-wrong.json', tencentConfig('wrong.secret')), '13800138000',
    '--param', 'minutes=5', '--param', 'code=1');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /the tencent SMS gateway refused the message to 138\*\*\*\*8000: 200 AuthFailure\.SignatureFailure \(request [0-9a-f-]+\) \[sms_failed\]/);
  r = await sendTest(config('tencent.json', tencentConfig('tencent.secret')), LIMITED, '--param', 'minutes=5', '--param', 'code=1');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /139\*\*\*\*0000: 200 LimitExceeded\.PhoneNumberDailyLimit/);
});

test('Tencent Cloud: a parameter the template needs is missing', async () => {
  const r = await sendTest(config('tencent.json', tencentConfig('tencent.secret')), '13800138000', '--param', 'code=1');
  assert.equal(r.status, 1);
  assert.equal(r.stderr, "pingxuan sms-test: error: params: the template needs the parameter 'minutes' [sms_param_missing]\n");
});

const httpConfig = (extra) => ({
  driver: 'http', url: stub.url + '/send', method: 'POST', secret_file: join(dir, 'http.secret'),
  headers: { 'X-Api-Key': '{{secret}}' }, templates: { otp: 'T-OTP-01' },
  content_type: 'application/json',
  body: '{"to":"{{phone}}","intl":"{{phone_e164}}","tpl":"{{template}}","text":"验证码 {{code}}"}',
  success: { pointer: '/result/status', equals: 'ok' }, ...extra,
});

test('plain HTTP gateway: a JSON body with its values escaped, success read at a JSON pointer', async () => {
  const r = await sendTest(config('http.json', httpConfig({})), '13800138000', '--param', 'code=12"3\\4');
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  const got = stub.seen.http.at(-1);
  assert.equal(got.headers['x-api-key'], HTTP_KEY);
  assert.equal(got.headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(got.body), { to: '13800138000', intl: '+8613800138000', tpl: 'T-OTP-01', text: '验证码 12"3\\4' });
});

test('plain HTTP gateway: a form body, and a GET with the values in the URL, are percent-encoded', async () => {
  let r = await sendTest(config('http-form.json', httpConfig({
    content_type: 'application/x-www-form-urlencoded', body: 'to={{phone}}&text={{code}}&tpl={{template}}',
  })), '13800138000', '--param', 'code=a b&c=d');
  assert.equal(r.status, 0, r.stderr);
  let got = stub.seen.http.at(-1);
  assert.equal(got.body, 'to=13800138000&text=a%20b%26c%3Dd&tpl=T-OTP-01');
  assert.deepEqual(Object.fromEntries(new URLSearchParams(got.body)), { to: '13800138000', text: 'a b&c=d', tpl: 'T-OTP-01' });
  const getCfg = httpConfig({ method: 'GET', url: stub.url + '/send?to={{phone}}&text={{code}}' });
  delete getCfg.body;
  delete getCfg.content_type;
  r = await sendTest(config('http-get.json', getCfg), '13800138000', '--param', 'code=中 文');
  assert.equal(r.status, 0, r.stderr);
  got = stub.seen.http.at(-1);
  assert.equal(got.method, 'GET');
  assert.equal(got.url, '/send?to=13800138000&text=%E4%B8%AD%20%E6%96%87');
});

test('plain HTTP gateway: the wrong value at the pointer, and a 5xx status, are sms_failed', async () => {
  let r = await sendTest(config('http.json', httpConfig({})), LIMITED, '--param', 'code=1');
  assert.equal(r.status, 1);
  assert.equal(r.stderr, 'pingxuan sms-test: error: the http SMS gateway refused the message to 139****0000: /result/status is "limited" [sms_failed]\n');
  r = await sendTest(config('http-broken.json', httpConfig({ url: stub.url + '/broken' })), '13800138000', '--param', 'code=1');
  assert.equal(r.status, 1);
  assert.equal(r.stderr, 'pingxuan sms-test: error: the http SMS gateway refused the message to 138****8000: status 502 [sms_failed]\n');
});

test('config errors name the setting at fault; serve refuses to start with a bad SMS config', async () => {
  const bad = aliyunConfig('aliyun.secret');
  delete bad.sign_name;
  const cfg = config('aliyun-bad.json', bad);
  let r = await run(['sms-test', '--sms', cfg, '--phone', '13800138000']);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, "pingxuan sms-test: error: sms.sign_name: 'sign_name' is required [bad_sms_config]\n");
  r = await run(['serve', '--db', join(dir, 'px.db'), '--listen', '127.0.0.1:0', '--sms', cfg]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, "pingxuan serve: error: sms.sign_name: 'sign_name' is required [bad_sms_config]\n");
  r = await run(['sms-test', '--sms', config('aliyun.json', aliyunConfig('aliyun.secret')), '--phone', '12345']);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, "pingxuan sms-test: error: phone: must be 11 digits, optionally after '+86' [invalid_mobile]\n");
  r = await run(['sms-test', '--phone', '13800138000']);
  assert.equal(r.status, 2);
});

test('serve starts with a good SMS config and closes the gateway at SIGTERM', async () => {
  const cfg = config('serve-file.json', { driver: 'file', path: join(dir, 'serve-sms.log') });
  const srv = await startServer({ args: ['--sms', cfg] });
  try {
    const r = await fetch(srv.url + '/api/v1/health');
    assert.equal(r.status, 200);
    const { code } = await srv.stop();
    assert.equal(code, 0, srv.log());
  } finally {
    await srv.stop();
    srv.cleanup();
  }
});

test('TLS is verified: a gateway with a certificate no authority signed is refused', async (t) => {
  const key = join(dir, 'tls.key'), crt = join(dir, 'tls.crt');
  const gen = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', crt,
    '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8' });
  if (gen.status !== 0) return t.skip('no openssl to make a certificate');
  let hits = 0;
  const server = https.createServer({ key: readFileSync(key), cert: readFileSync(crt) }, (req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"result":{"status":"ok"}}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `https://127.0.0.1:${server.address().port}/send`;
    const r = await sendTest(config('http-tls.json', httpConfig({ url })), '13800138000', '--param', 'code=1');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^pingxuan sms-test: error: the http SMS gateway did not answer: .*(SSL|certificate).* \[sms_failed\]\n$/i);
    assert.equal(hits, 0);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('a gateway that never answers is given up after 10 s, as sms_failed', async () => {
  const held = [];
  const server = net.createServer((sock) => { held.push(sock); }); // accepts, reads, never answers
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${server.address().port}/send`;
    const t0 = Date.now();
    const r = await sendTest(config('http-silent.json', httpConfig({ url })), '13800138000', '--param', 'code=1');
    const took = Date.now() - t0;
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^pingxuan sms-test: error: the http SMS gateway did not answer: Timeout was reached \[sms_failed\]\n$/);
    assert.ok(took >= 9500 && took < 20000, `gave up after ${took} ms`);
  } finally {
    for (const sock of held) sock.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
});
