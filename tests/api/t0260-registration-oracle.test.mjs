// t0260-registration-oracle: an applicant account registering an
// organisation or a person for itself is answered alike - same status, same
// body, same headers, the same time within noise - whether or not the USCC or
// resident ID number is registered already, so that nobody can test who is
// registered. When it is, nothing is bound to the account; the attempt is
// kept for the identity's owner, who reads it (GET
// /api/v1/registration-attempts) with the county and the office of its
// region. The account that tried reads what it got from
// /api/v1/applicants/mine and can still register its own organisation.
// Staff registering on paper inside their own region still get 409; their
// attempt is recorded alike, so that the owner's region learns when an
// office of another region meets one of its registrations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn } from './lib/server.mjs';
import { sql } from './lib/fixture.mjs';
import { orgUscc, residentId } from './lib/ident.mjs';
import { startAwardServer, applicantAccount } from './lib/award.mjs';

let srv, office, owner, qingcheng, yingde, ownOrg;
let serial = 0;

before(async () => {
  srv = await startAwardServer();
  office = await signedIn(srv.url, 'office');
  qingcheng = await signedIn(srv.url, 'qingcheng');
  yingde = await signedIn(srv.url, 'yingde');
  owner = await signedIn(srv.url, 'applicant');
  ownOrg = { uscc: orgUscc('441802', 1), name: '清远华星精密制造有限公司', industry: 'C', region: '441802', founded_on: '2010-03-01' };
  const r = await owner.post('/api/v1/organisations', ownOrg);
  assert.equal(r.status, 202, r.text);
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

// A fresh applicant account of 英德, signed in.
async function fresh() {
  const login = `probe${++serial}`;
  await applicantAccount(office, login, '441881');
  return signedIn(srv.url, login);
}

// What a client can tell an answer by: status, body, and every header but the date.
function face(r) {
  const h = Object.fromEntries([...r.headers].filter(([k]) => k !== 'date'));
  return { status: r.status, text: r.text, headers: h };
}

async function timed(client, path, body) {
  const t0 = process.hrtime.bigint();
  const r = await client.post(path, body);
  return [r, Number(process.hrtime.bigint() - t0) / 1e6];
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

test('a registered USCC and a new one get the same answer, in the same time within noise', async () => {
  const faces = new Set(), tNew = [], tOld = [];
  for (let i = 0; i < 6; i++) {
    const a = await fresh(), b = await fresh();
    const [rn, dn] = await timed(a, '/api/v1/organisations', { ...ownOrg, uscc: orgUscc('441881', 100 + i),
      name: `英德新登记企业${i}有限公司`, region: '441881' });
    const [ro, dOld] = await timed(b, '/api/v1/organisations', { ...ownOrg, name: '冒名企业', region: '441881' });
    faces.add(JSON.stringify(face(rn)));
    faces.add(JSON.stringify(face(ro)));
    tNew.push(dn);
    tOld.push(dOld);
    assert.ok((await a.get('/api/v1/applicants/mine')).json.organisation, 'the new one is bound');
    assert.equal((await b.get('/api/v1/applicants/mine')).json.organisation, null, 'the registered one is not');
  }
  assert.equal(faces.size, 1, [...faces].join('\n'));
  const only = JSON.parse([...faces][0]);
  assert.equal(only.status, 202);
  assert.deepEqual(JSON.parse(only.text), { registration: 'received', kind: 'organisation' });
  const [mn, mo] = [median(tNew), median(tOld)];
  assert.ok(Math.abs(mn - mo) < Math.max(15, 0.5 * Math.max(mn, mo)), `medians ${mn} ms (new) and ${mo} ms (registered)`);
});

test('the owner, its county and the office learn of each attempt; others do not', async () => {
  let r = await owner.get('/api/v1/registration-attempts');
  assert.equal(r.status, 200, r.text);
  const mine = (await owner.get('/api/v1/applicants/mine')).json.organisation;
  assert.equal(r.json.attempts.length, 6);
  for (const a of r.json.attempts) {
    assert.deepEqual([a.kind, a.record, a.record_name, a.claimed_name, a.claimed_region],
      ['organisation', mine.id, ownOrg.name, '冒名企业', '441881']);
    assert.match(a.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(a.account, undefined, 'the owner is not told who tried');
  }
  r = await qingcheng.get('/api/v1/registration-attempts');
  assert.equal(r.json.attempts.length, 6);
  assert.ok(r.json.attempts.every((a) => a.account > 0), 'the county sees which account tried');
  assert.equal((await office.get('/api/v1/registration-attempts')).json.attempts.length, 6);
  assert.deepEqual((await yingde.get('/api/v1/registration-attempts')).json.attempts, [], 'another county');
  const gz = await signedIn(srv.url, 'gzoffice');
  assert.deepEqual((await gz.get('/api/v1/registration-attempts')).json.attempts, [], 'another city');
  const probe = await fresh();
  assert.deepEqual((await probe.get('/api/v1/registration-attempts')).json.attempts, [], 'an unbound account');
  const member = await signedIn(srv.url, 'member');
  assert.equal((await member.get('/api/v1/registration-attempts')).status, 403);
  const audited = sql(srv.db, "SELECT count(*) FROM audit WHERE action = 'organisation.claim'");
  assert.equal(audited, '6');
});

test('the account that met a registered USCC still registers its own organisation', async () => {
  const b = await fresh();
  let r = await b.post('/api/v1/organisations', { ...ownOrg, region: '441881' });
  assert.equal(r.status, 202);
  r = await b.post('/api/v1/organisations', { ...ownOrg, uscc: orgUscc('441881', 200), name: '英德真实企业有限公司', region: '441881' });
  assert.equal(r.status, 202);
  r = await b.get('/api/v1/applicants/mine');
  assert.equal(r.json.organisation.name, '英德真实企业有限公司');
  r = await b.post('/api/v1/organisations', { ...ownOrg, uscc: orgUscc('441881', 201), region: '441881' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'account_has_applicant'], 'one identity per account');
});

test('a registered resident ID number and a new one get the same answer', async () => {
  const person = (id, name) => ({ id_number: id, name, employer: '英德某服务有限公司', region: '441881', quality_since: '2008-03-01' });
  const registered = residentId('441881', '1978-04-12', 231);
  let r = await office.post('/api/v1/persons', person(registered, '李质量'));
  assert.equal(r.status, 201, r.text);
  const a = await fresh(), b = await fresh();
  const rn = await a.post('/api/v1/persons', person(residentId('441881', '1980-01-02', 11), '王新'));
  const ro = await b.post('/api/v1/persons', person(registered, '冒名'));
  assert.deepEqual(face(rn), face(ro));
  assert.equal(rn.status, 202);
  assert.ok((await a.get('/api/v1/applicants/mine')).json.person);
  assert.equal((await b.get('/api/v1/applicants/mine')).json.person, null);
  r = await yingde.get('/api/v1/registration-attempts');
  const p = r.json.attempts.filter((x) => x.kind === 'person');
  assert.deepEqual(p.map((x) => [x.record_name, x.claimed_name]), [['李质量', '冒名']]);
  assert.ok(!r.text.includes(registered), 'no ID number in the answer');
});

test('staff registering on paper get 409, and the owner\'s region learns of it too', async () => {
  let r = await qingcheng.post('/api/v1/organisations', ownOrg);
  assert.deepEqual([r.status, r.json.error.code], [409, 'organisation_exists']);
  const gz = await signedIn(srv.url, 'gzoffice');
  r = await gz.post('/api/v1/organisations', { ...ownOrg, name: '广州某公司', region: '440106' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'organisation_exists']);
  r = await owner.get('/api/v1/registration-attempts');
  assert.deepEqual(r.json.attempts.slice(-2).map((a) => [a.claimed_name, a.claimed_region]),
    [[ownOrg.name, '441802'], ['广州某公司', '440106']]);
  r = await office.get('/api/v1/registration-attempts');
  const gzId = Number(sql(srv.db, "SELECT id FROM account WHERE login = 'gzoffice'"));
  assert.equal(r.json.attempts.at(-1).account, gzId, 'the office sees which office of another region tried');
  assert.deepEqual((await gz.get('/api/v1/registration-attempts')).json.attempts, [], 'nothing of Qingyuan to Guangzhou');
});
