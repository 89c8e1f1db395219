// t1160-models: the ten advanced quality-management models (十, 湘市监办发〔2022〕71号).
// The office chooses from what pingxuan knows: its programmes' winners and the
// honours register's quality awards, in its region; at most ten; each with its
// method and its promotion record; the showcase is public and the target
// dashboard counts the models by the enterprise's division.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, Client } from './lib/server.mjs';
import { sql, usccFor, addOrganisation } from './lib/fixture.mjs';

let srv, office, anyone;
const WIN = usccFor('441802', 1), CQA = usccFor('441881', 2), NOBODY = usccFor('441802', 3), GZ = usccFor('440106', 4);

before(async () => {
  srv = await startServer({ args: ['--rehearsal'] });
  office = await signedIn(srv.url, 'office');
  anyone = new Client(srv.url);
  const db = srv.db, t = Date.now() * 1000;
  const org = addOrganisation(db, { uscc: WIN, name: '清远华星精密制造有限公司' });
  const pid = Number(sql(db, "INSERT INTO programme (template, family, year, title, region, config, created_at) " +
    `VALUES ('qingyuan-quality-award-2025', 'qingyuan-quality-award', 2025, '2025年度清远市政府质量奖', '441800', '{}', ${t}) RETURNING id`));
  const app = Number(sql(db, 'INSERT INTO application (programme_id, track_code, form_code, organisation_id, region, form, state, ' +
    `attest_no_record, created_at, updated_at) VALUES (${pid}, 'organisation', 'manufacturing', ${org}, '441802', '{}', 'winner', 1, 1, 1) RETURNING id`));
  sql(db, 'INSERT INTO certificate (no, code, application_id, programme_id, holder, track_code, issued_on, sha256, created_at) ' +
    `VALUES ('QY2025-001', 'VERIFY01', ${app}, ${pid}, '清远华星精密制造有限公司', 'organisation', '2025-12-20', '${'ab'.repeat(32)}', ${t})`);
  for (const [u, name, region, kind] of [[CQA, '英德市绿源茶业股份有限公司', '441881', 'china_quality_award_nomination'],
    [NOBODY, '某商标企业', '441802', 'well_known_trademark'], [GZ, '广州某企业', '440106', 'china_quality_award']])
    sql(db, 'INSERT INTO honour (owner_region, uscc, org_name, region, kind, level, year, title, source, created_at) ' +
      `VALUES ('441800', '${u}', '${name}', '${region}', '${kind}', 'national', 2021, '质量奖', '公告', ${t})`);
  await office.post('/api/v1/clock', { today: '2022-10-10' });
});
after(async () => { const r = await srv.stop(); const log = srv.log(); srv.cleanup(); assert.equal(r.code, 0, log); });

const choose = (uscc, model = '精益质量管理模式') => office.post('/api/v1/models', { uscc, model_name: model, summary: '以顾客为中心，全员参与的持续改进方法。' });

test('candidates are the region\'s winners and quality-award holders only', async () => {
  const c = (await office.get('/api/v1/models/candidates')).json.candidates;
  assert.deepEqual(c.map((x) => [x.uscc, x.source]).sort(), [[WIN, 'certificate'], [CQA, 'honour']].sort());
  let r = await choose(NOBODY);
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'not_candidate', 'uscc']);
  r = await choose(GZ);
  assert.deepEqual([r.status, r.json.error.code], [400, 'not_candidate'], 'another region\'s honour');
});

test('the office chooses models, once each and ten at most', async () => {
  let r = await choose(WIN, '华星“零缺陷”质量管理模式');
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  r = await choose(WIN);
  assert.deepEqual([r.status, r.json.error.code], [409, 'already_chosen']);
  assert.equal((await choose(CQA, '绿源茶园全过程质量追溯模式')).status, 201);
  // fill the region's ten with models recorded earlier
  for (let i = 0; i < 8; i++)
    sql(srv.db, 'INSERT INTO qm_model (owner_region, uscc, org_name, region, model_name, summary, source, created_at) ' +
      `VALUES ('441800', '${usccFor('441803', 50 + i)}', '企业${i}', '441803', '模式${i}', '说明', 'honour', 1)`);
  sql(srv.db, `DELETE FROM qm_model WHERE uscc = '${CQA}'`);
  r = await choose(CQA);
  assert.equal(r.status, 201, 'the tenth');
  sql(srv.db, 'INSERT INTO honour (owner_region, uscc, org_name, region, kind, level, year, title, source, created_at) ' +
    `VALUES ('441800', '${usccFor('441803', 90)}', '第十一家', '441803', 'mayor_quality_award', 'city', 2021, '市长质量奖', '公告', 1)`);
  r = await choose(usccFor('441803', 90));
  assert.deepEqual([r.status, r.json.error.code], [409, 'models_full']);
  t.id = id;
});
const t = {};

test('promotions are recorded with date, place and reach; the showcase is public', async () => {
  let r = await office.post(`/api/v1/models/${t.id}/promotions`, { kind: 'lecture_tour', date: '2022-10-09', place: '湖南省质量大讲堂', reach: 320 });
  assert.equal(r.status, 201, r.text);
  r = await office.post(`/api/v1/models/${t.id}/promotions`, { kind: 'news', date: '2022-10-11', place: '湖南日报', reach: 50000 });
  assert.deepEqual([r.status, r.json.error.code], [400, 'date_in_future']);
  r = await office.post(`/api/v1/models/${t.id}/promotions`, { kind: 'billboard', date: '2022-10-09', place: 'x', reach: 1 });
  assert.deepEqual([r.status, r.json.error.code], [400, 'invalid_kind']);
  const gz = await signedIn(srv.url, 'gzoffice');
  assert.equal((await gz.post(`/api/v1/models/${t.id}/promotions`, { kind: 'news', date: '2022-10-09', place: 'x', reach: 1 })).status, 404);
  const show = (await anyone.get('/api/v1/models?region=441800')).json;
  assert.equal(show.target, 10);
  assert.equal(show.models.length, 10);
  const m = show.models.find((x) => x.id === t.id);
  assert.deepEqual([m.model_name, m.promotions.map((p) => [p.kind, p.place, p.reach])], ['华星“零缺陷”质量管理模式', [['lecture_tour', '湖南省质量大讲堂', 320]]]);
  assert.match(m.source, /^certificate: 2025年度清远市政府质量奖 QY2025-001$/);
});

test('the target dashboard counts the models by the enterprise\'s division', async () => {
  const r = (await office.get('/api/v1/targets')).json;
  assert.equal(r.totals.models, 10);
  const by = Object.fromEntries(r.children.map((c) => [c.region, c.models]));
  assert.deepEqual([by['441802'], by['441881'], by['441803']], [1, 1, 8]);
});
