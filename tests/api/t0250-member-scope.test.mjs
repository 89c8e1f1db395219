// t0250-member-scope: member units (成员单位) are consulted on applications;
// they read only what they are consulted on. The qualification stage puts
// every recommended, accepted or rejected application before every member
// unit; the county stage consults the departments its template lists
// (应急管理, 税务 …) on checked applications; an application a unit gave an
// opinion on stays readable to it. Drafts, submissions not yet checked and
// applications no stage puts before the unit answer 404 - the application,
// its documents and its place in the list alike.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signedIn, PASSWORD } from './lib/server.mjs';
import { sql, addOrganisation, addApplication, putStage, setState, usccFor } from './lib/fixture.mjs';
import { startAwardServer, createProgramme, setClock, pdf } from './lib/award.mjs';

let srv, office, emergency, education, pid;
const app = {}, doc = {};
const now = () => Date.now() * 1000;

function addDocument(aid, fill) {
  const content = pdf(2048, fill);
  const sha = createHash('sha256').update(content).digest('hex');
  mkdirSync(join(srv.files, sha.slice(0, 2)), { recursive: true });
  writeFileSync(join(srv.files, sha.slice(0, 2), sha), content);
  return Number(sql(srv.db, 'INSERT INTO document (application_id, purpose, sha256, name, size, mime, uploaded_by, uploaded_at) ' +
    `VALUES (${aid}, 'evidence', '${sha}', 'e.pdf', ${content.length}, 'application/pdf', 'account:1', ${now()}) RETURNING id`));
}

before(async () => {
  srv = await startAwardServer();
  office = await signedIn(srv.url, 'office');
  emergency = await signedIn(srv.url, 'member'); // 清远市应急管理局: 应急管理 is consulted by the county stage
  const r = await office.post('/api/v1/accounts', { login: 'jiaoyu', display_name: '教育局', password: PASSWORD,
    role: 'member', unit: '清远市教育局', region: '441800' });
  assert.equal(r.status, 201, r.text);
  education = await signedIn(srv.url, 'jiaoyu'); // a member unit no stage consults on checked applications
  pid = await createProgramme(office);
  const states = ['draft', 'submitted', 'returned', 'county_checked', 'opined', 'recommended', 'accepted', 'rejected',
    'shortlisted'];
  for (const [i, st] of states.entries()) {
    const org = addOrganisation(srv.db, { uscc: usccFor('441802', i + 1), name: `清远测试企业${i + 1}有限公司` });
    app[st] = addApplication(srv.db, { programme: pid, organisation: org, region: '441802',
      state: st === 'opined' ? 'county_checked' : st });
    doc[st] = addDocument(app[st], 0x41 + i);
  }
  putStage(srv.db, pid, 'county');
  await setClock(office, '2025-10-09');
  // the emergency bureau answers the county's consultation on one checked application ...
  const o = await emergency.post(`/api/v1/applications/${app.opined}/opinions`, { department: '应急管理',
    verdict: 'no_objection', text: '无异议' });
  assert.equal(o.status, 201, o.text);
  // ... which the county then does not recommend
  setState(srv.db, app.opined, 'not_recommended');
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

const READS = {
  emergency: ['county_checked', 'opined', 'recommended', 'accepted', 'rejected'],
  education: ['recommended', 'accepted', 'rejected'],
};

for (const who of ['emergency', 'education']) {
  test(`the ${who} member unit reads only the applications it is consulted on`, async () => {
    const client = who === 'emergency' ? emergency : education;
    const seen = {};
    for (const st of Object.keys(app)) {
      const a = await client.get(`/api/v1/applications/${app[st]}`);
      const d = await client.get(`/api/v1/documents/${doc[st]}`);
      seen[st] = [a.status, d.status];
    }
    const want = Object.fromEntries(Object.keys(app).map((st) => [st, READS[who].includes(st) ? [200, 200] : [404, 404]]));
    assert.deepEqual(seen, want);
    const l = await client.get(`/api/v1/programmes/${pid}/applications`);
    assert.equal(l.status, 200, l.text);
    assert.deepEqual(l.json.applications.map((a) => a.id).sort((x, y) => x - y),
      READS[who].map((st) => app[st]).sort((x, y) => x - y));
  });
}

test('a member unit gives no opinion on an application it is not consulted on', async () => {
  const r = await education.post(`/api/v1/applications/${app.draft}/qualification/opinions`, { verdict: 'no_objection' });
  assert.equal(r.status, 404, r.text);
});

test('the office still reads every application of its region', async () => {
  for (const st of Object.keys(app))
    assert.equal((await office.get(`/api/v1/applications/${app[st]}`)).status, 200, st);
});
