// sms-stub.mjs - a local stand-in for the SMS providers, for the tests of
// the SMS drivers: one HTTP server that answers as Alibaba Cloud's SendSms
// (a request with x-acs-action), Tencent Cloud's SendSms (X-TC-Action) or a
// plain HTTP gateway (anything else). It recomputes the ACS3-HMAC-SHA256 and
// TC3-HMAC-SHA256 signatures from the request it received and the known test
// secrets, written here from the providers' docs and independently of the C
// code, and answers as the provider would: success, a signature failure or a
// business error (the number 13900000000 is over its daily limit).
import http from 'node:http';
import { createHash, createHmac, randomUUID } from 'node:crypto';

export const ALIYUN_ID = 'LTAI-test-key-id';
export const ALIYUN_SECRET = 'aliyun-test-secret-Zx9';
export const TENCENT_ID = 'AKID-test-secret-id';
export const TENCENT_SECRET = 'tencent-test-secret-Qw7';
export const HTTP_KEY = 'plain-gateway-key-5Tg';
export const LIMITED = '13900000000';

const sha256 = (s) => createHash('sha256').update(s).digest('hex');
const hmac = (key, s) => createHmac('sha256', key).update(s).digest();

// RFC 3986 percent-encoding as Alibaba Cloud's V3 docs specify it.
const pct = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

function aliyunCheck(req, body) {
  const h = req.headers;
  const url = new URL(req.url, 'http://stub');
  const params = [...url.searchParams.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const query = params.map(([k, v]) => `${pct(k)}=${pct(v)}`).join('&');
  const names = Object.keys(h).filter((k) => k.startsWith('x-acs-') || k === 'host' || k === 'content-type').sort();
  const canonHeaders = names.map((k) => `${k}:${String(h[k]).trim()}\n`).join('');
  const signed = names.join(';');
  const canonical = [req.method, url.pathname, query, canonHeaders, signed, sha256(body)].join('\n');
  const expect = hmac(ALIYUN_SECRET, 'ACS3-HMAC-SHA256\n' + sha256(canonical)).toString('hex');
  const m = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(h.authorization || '');
  if (h['x-acs-content-sha256'] !== sha256(body)) return 'content hash';
  if (!m || m[1] !== ALIYUN_ID || m[2] !== signed || m[3] !== expect) return 'signature';
  if (Math.abs(Date.parse(h['x-acs-date']) - Date.now()) > 15 * 60e3) return 'date';
  return null;
}

function tencentCheck(req, body) {
  const h = req.headers;
  const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d\d-\d\d)\/sms\/tc3_request, SignedHeaders=([a-z;-]+), Signature=([0-9a-f]{64})$/
    .exec(h.authorization || '');
  if (!m) return 'authorization';
  const [, id, date, signed, sig] = m;
  const names = signed.split(';');
  if (!names.includes('host') || !names.includes('content-type')) return 'signed headers';
  const canonHeaders = names.map((k) => `${k}:${String(h[k] ?? '').trim().toLowerCase()}\n`).join('');
  const canonical = ['POST', '/', '', canonHeaders, signed, sha256(body)].join('\n');
  const ts = Number(h['x-tc-timestamp']);
  const scopeDate = new Date(ts * 1000).toISOString().slice(0, 10); // UTC, as the docs insist
  const sts = ['TC3-HMAC-SHA256', String(ts), `${scopeDate}/sms/tc3_request`, sha256(canonical)].join('\n');
  const kDate = hmac('TC3' + TENCENT_SECRET, scopeDate);
  const expect = hmac(hmac(hmac(kDate, 'sms'), 'tc3_request'), sts).toString('hex');
  if (id !== TENCENT_ID || date !== scopeDate || sig !== expect) return 'signature';
  if (Math.abs(ts * 1000 - Date.now()) > 5 * 60e3) return 'expired';
  return null;
}

function aliyun(req, body, seen) {
  const q = Object.fromEntries(new URL(req.url, 'http://stub').searchParams);
  const RequestId = randomUUID();
  const bad = aliyunCheck(req, body);
  if (bad) return [400, { Code: 'SignatureDoesNotMatch', Message: `signature mismatch (${bad})`, RequestId }];
  if (req.headers['x-acs-action'] !== 'SendSms' || req.headers['x-acs-version'] !== '2017-05-25')
    return [400, { Code: 'InvalidAction.NotFound', Message: 'no such action', RequestId }];
  if (seen.nonces.has(req.headers['x-acs-signature-nonce']))
    return [400, { Code: 'SignatureNonceUsed', Message: 'nonce used', RequestId }];
  seen.nonces.add(req.headers['x-acs-signature-nonce']);
  seen.aliyun.push(q);
  if (q.PhoneNumbers === LIMITED)
    return [200, { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: `触发号码天级流控 ${LIMITED}`, RequestId }];
  return [200, { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0', RequestId }];
}

function tencent(req, body, seen) {
  const RequestId = randomUUID();
  const bad = tencentCheck(req, body);
  if (bad) return [200, { Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: bad }, RequestId } }];
  if (req.headers['x-tc-action'] !== 'SendSms' || req.headers['x-tc-version'] !== '2021-01-11')
    return [200, { Response: { Error: { Code: 'InvalidAction', Message: 'no such action' }, RequestId } }];
  const b = JSON.parse(body);
  seen.tencent.push({ body: b, region: req.headers['x-tc-region'] });
  const phone = b.PhoneNumberSet[0];
  const Code = phone === '+86' + LIMITED ? 'LimitExceeded.PhoneNumberDailyLimit' : 'Ok';
  return [200, { Response: { SendStatusSet: [{ SerialNo: 'x', PhoneNumber: phone, Fee: 1, Code, Message: Code, IsoCode: 'CN' }], RequestId } }];
}

function plain(req, body, seen) {
  seen.http.push({ method: req.method, url: req.url, headers: req.headers, body });
  if (req.headers['x-api-key'] !== HTTP_KEY) return [401, { result: { status: 'unauthorised' } }];
  if (req.url.startsWith('/broken')) return [502, { result: { status: 'down' } }];
  const phone = req.headers['content-type'] === 'application/json'
    ? JSON.parse(body).to : new URLSearchParams(body).get('to') ?? new URL(req.url, 'http://stub').searchParams.get('to');
  return [200, { result: { status: phone === LIMITED ? 'limited' : 'ok' } }];
}

// Start the stub on a free port; returns {url, seen, close()}. seen lists what each provider accepted.
export async function startSmsStub() {
  const seen = { aliyun: [], tencent: [], http: [], nonces: new Set() };
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      const which = req.headers['x-acs-action'] ? aliyun : req.headers['x-tc-action'] ? tencent : plain;
      const [status, answer] = which(req, body, seen);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, seen, close: () => new Promise((r) => server.close(r)) };
}
