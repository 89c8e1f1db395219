// t1150-targets: the 十百千万 dashboard (湘市监办发〔2022〕71号) counts certified
// products, trained chief quality officers and solved problems from the
// registers themselves: a province office drills down from its cities to a
// city's counties, each level adds up to the one above, the figures equal
// what each register reports, and nobody reads outside their region.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, cli, PASSWORD } from './lib/server.mjs';
import { sql, usccFor, addOrganisation } from './lib/fixture.mjs';

let srv, province, office;
const now = () => Date.now() * 1000;

before(async () => {
  srv = await startServer({ args: ['--rehearsal'] });
  const r = cli(['user', 'add', '--db', srv.db, '--login', 'gdoffice', '--role', 'office', '--unit', '广东省市场监督管理局',
    '--region', '440000', '--password-stdin'], PASSWORD + '\n');
  assert.equal(r.status, 0, r.stderr);
  province = await signedIn(srv.url, 'gdoffice');
  office = await signedIn(srv.url, 'office');
  const db = srv.db;
  // certified products: two valid in 清城 (441802), one in 英德 (441881) and one suspended there, one in 广州 (440106)
  const pid = Number(sql(db, "INSERT INTO programme (template, family, year, title, region, config, created_at) " +
    `VALUES ('hunan-famous-products-2022', 'x', 2022, 'x', '440000', '{}', ${now()}) RETURNING id`));
  const certs = [['441802', 'valid'], ['441802', 'valid'], ['441881', 'valid'], ['441881', 'suspended'], ['440106', 'valid']];
  certs.forEach(([region, status], i) => {
    const org = addOrganisation(db, { uscc: usccFor(region, 100 + i), name: `企业${i}`, region });
    const app = Number(sql(db, 'INSERT INTO application (programme_id, track_code, form_code, organisation_id, region, form, state, ' +
      `attest_no_record, created_at, updated_at) VALUES (${pid}, 'p', 'f', ${org}, '${region}', '{}', 'winner', 1, ${now()}, ${now()}) RETURNING id`));
    sql(db, 'INSERT INTO certificate (no, code, application_id, programme_id, holder, track_code, issued_on, sha256, created_at, status, region) ' +
      `VALUES ('HN-${i}', 'CODE${i}', ${app}, ${pid}, '企业${i}', 'p', '2022-10-20', '${'ab'.repeat(32)}', ${now()}, '${status}', '${region}')`);
  });
  // trained: one course, three trainees completed (清城 2, 广州 1), one not
  const course = Number(sql(db, "INSERT INTO tr_course (title, level, owner_region, share_pct, pass_score, created_at) " +
    `VALUES ('高级培训班', 'province', '440000', 75, 60, ${now()}) RETURNING id`));
  [['441802', 'CQO0000000001'], ['441802', 'CQO0000000002'], ['440106', 'CQO0000000003'], ['441881', null]].forEach(([region, cert], i) =>
    sql(db, 'INSERT INTO tr_trainee (course_id, name, mobile_hash, mobile_masked, uscc, org_name, region, enrolled_on, ticket, certificate, created_at) ' +
      `VALUES (${course}, '学员${i}', 'h${i}', '138****000${i}', '${usccFor(region, 1)}', '企业', '${region}', 19250, 't${i}', ${cert ? `'${cert}'` : 'NULL'}, ${now()})`));
  // solved problems: resolved or closed count, open ones do not
  const org = addOrganisation(db, { uscc: usccFor('441881', 900), name: '英德企业', region: '441881' });
  [['441881', 'closed'], ['441881', 'resolved'], ['441881', 'assigned'], ['441802', 'closed']].forEach(([region, state]) =>
    sql(db, 'INSERT INTO hd_problem (owner_region, organisation_id, field, title, detail, source, state, opened_on, respond_by, resolve_by, created_at) ' +
      `VALUES ('${region}', ${org}, 'metrology', 't', 'd', 'enterprise', '${state}', 19250, 19252, 19270, ${now()})`));
});
after(async () => { const r = await srv.stop(); srv.cleanup(); assert.equal(r.code, 0); });

const pick = (rows) => Object.fromEntries(rows.map((c) => [c.region, [c.certified, c.trained, c.solved]]));

test('the province sees its cities against the province targets', async () => {
  const r = await province.get('/api/v1/targets');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.region, r.json.name], ['440000', '广东省']);
  assert.deepEqual(r.json.targets, { models: 10, certified: 100, trained: 1000, solved: 10000 });
  assert.deepEqual(r.json.totals, { models: 0, certified: 4, trained: 3, solved: 3 });
  assert.deepEqual(pick(r.json.children), { 441800: [3, 2, 3], 440100: [1, 1, 0] });
  assert.equal(r.json.children.find((c) => c.region === '441800').name, '清远市');
});

test('a city drills down to its counties, adding up to the city row', async () => {
  const r = await province.get('/api/v1/targets?region=441800');
  assert.deepEqual(pick(r.json.children), { 441802: [2, 2, 1], 441881: [1, 0, 2] });
  assert.deepEqual(r.json.totals, { models: 0, certified: 3, trained: 2, solved: 3 });
  const own = (await office.get('/api/v1/targets')).json;
  assert.deepEqual(own.totals, r.json.totals, 'the city office sees the same by default');
});

test('the figures equal what the registers report', async () => {
  const desk = (await office.get('/api/v1/helpdesk/stats')).json;
  const training = (await office.get('/api/v1/training/stats')).json;
  const t = (await office.get('/api/v1/targets')).json;
  assert.equal(t.totals.solved, desk.total.resolved);
  assert.equal(t.totals.trained, training.completed);
});

test('nobody reads outside their region', async () => {
  const gz = await signedIn(srv.url, 'gzoffice');
  assert.equal((await gz.get('/api/v1/targets?region=441800')).status, 404);
  assert.equal((await office.get('/api/v1/targets?region=440000')).status, 404);
  const county = await signedIn(srv.url, 'qingcheng');
  assert.deepEqual((await county.get('/api/v1/targets')).json.totals, { models: 0, certified: 2, trained: 2, solved: 1 });
  assert.equal((await (await signedIn(srv.url, 'applicant')).get('/api/v1/targets')).status, 403);
  assert.equal((await office.get('/api/v1/targets?region=44')).status, 404);
});
