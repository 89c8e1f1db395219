// t0240-expert-documents: an expert reads an application's documents only
// while the assignment to review it is open. Submitting the review, recusal,
// removal from the panel and the end of the review stage each close it: the
// document is then answered 404 to that expert, as to anyone who never had
// it, while the office still reads it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signedIn } from './lib/server.mjs';
import { sql, addOrganisation, addApplication, putStage, usccFor } from './lib/fixture.mjs';
import { startAwardServer, createProgramme, setClock, expertAccounts, poolCsv, pdf } from './lib/award.mjs';

let srv, office, pid, aid, doc;
const asg = {}, ex = {};
const LOGINS = ['e01', 'e02', 'e03', 'e04', 'e05'];
const now = () => Date.now() * 1000;

before(async () => {
  srv = await startAwardServer();
  office = await signedIn(srv.url, 'office');
  pid = await createProgramme(office);
  await setClock(office, '2025-11-10');
  await expertAccounts(office, LOGINS);
  const r = await office.post('/api/v1/experts/import', { csv: poolCsv(LOGINS.map((l, i) =>
    [l.toUpperCase(), `专家${i + 1}`, `单位${i + 1}`, '441800', 'C', '', l])) });
  assert.equal(r.status, 201, r.text);
  const db = srv.db;
  const org = addOrganisation(db, { uscc: usccFor('441802', 1), name: '清远华星精密制造有限公司' });
  aid = addApplication(db, { programme: pid, organisation: org, region: '441802', state: 'accepted' });
  putStage(db, pid, 'material');
  const content = pdf(3000, 0x42);
  const sha = createHash('sha256').update(content).digest('hex');
  mkdirSync(join(srv.files, sha.slice(0, 2)), { recursive: true });
  writeFileSync(join(srv.files, sha.slice(0, 2), sha), content);
  doc = Number(sql(db, 'INSERT INTO document (application_id, purpose, sha256, name, size, mime, uploaded_by, uploaded_at) ' +
    `VALUES (${aid}, 'evidence', '${sha}', '申报书.pdf', ${content.length}, 'application/pdf', 'account:1', ${now()}) RETURNING id`));
  const draw = Number(sql(db, 'INSERT INTO draw (programme_id, stage_code, seed_commit, committed_at) VALUES ' +
    `(${pid}, 'material', '${'ab'.repeat(32)}', ${now()}) RETURNING id`));
  for (const l of LOGINS) {
    const expert = Number(sql(db, `SELECT id FROM expert WHERE code = '${l.toUpperCase()}'`));
    asg[l] = Number(sql(db, 'INSERT INTO assignment (draw_id, stage_code, application_id, expert_id, created_at) VALUES ' +
      `(${draw}, 'material', ${aid}, ${expert}, ${now()}) RETURNING id`));
    ex[l] = await signedIn(srv.url, l);
  }
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

const download = (client) => client.get(`/api/v1/documents/${doc}`);

test('every assigned expert reads the documents while the review is open', async () => {
  for (const l of LOGINS) {
    const r = await download(ex[l]);
    assert.equal(r.status, 200, `${l}: ${r.text}`);
  }
  const other = await signedIn(srv.url, 'expert');
  assert.equal((await download(other)).status, 404, 'an expert of no panel');
});

test('submitting the review ends it', async () => {
  sql(srv.db, 'INSERT INTO review (assignment_id, scores, total, opinion, suggestions, submitted_at, integrity) VALUES ' +
    `(${asg.e01}, '{}', 800, '材料完整', '无', ${now()}, 1)`);
  assert.equal((await download(ex.e01)).status, 404);
  assert.equal((await download(ex.e05)).status, 200, 'the others still review');
});

test('recusal ends it', async () => {
  // as recusal_recuse leaves it (its replacement draw is t0610's story)
  sql(srv.db, `UPDATE assignment SET state = 'recused', reason = '曾为该单位提供咨询服务' WHERE id = ${asg.e02}`);
  assert.equal((await download(ex.e02)).status, 404);
});

test('removal from the panel ends it', async () => {
  sql(srv.db, `UPDATE assignment SET state = 'removed', reason = '违反评审纪律' WHERE id = ${asg.e03}`);
  assert.equal((await download(ex.e03)).status, 404);
});

test('the end of the review stage ends it for everyone still assigned', async () => {
  assert.equal((await download(ex.e04)).status, 200);
  putStage(srv.db, pid, 'shortlist');
  assert.equal((await download(ex.e04)).status, 404);
  assert.equal((await download(ex.e05)).status, 404);
  assert.equal((await download(office)).status, 200, 'the office keeps reading it');
});
