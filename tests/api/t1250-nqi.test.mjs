// t1250-nqi: the NQI one-stop service records of Qingdao's quality month
// (青岛 2022 质量月启动报道: the platform's institutions, the enterprises they serve and the
// services by kind), told on a Qingdao office and the Chengyang county
// bureau. Institutions come from a file through the CLI (progress on
// stderr), enterprises and services through the API; a file with faulty rows
// is refused whole with every faulty row named (CLI and API); a service is
// recorded one by one; the list filters, sorts and pages by key exactly as
// the rows say; the board's totals equal the rows; another region's office
// and another county meet the exact refusals; a batch that fails midway
// undoes the batches written before it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, signedIn, cli, PASSWORD, ok, fails } from './lib/server.mjs';
import { sql, usccFor } from './lib/fixture.mjs';
import { isPg } from './lib/db.mjs';

let srv, qd, cy, gz;
const I = [usccFor('370214', 1), usccFor('370202', 2), usccFor('370211', 3), usccFor('370212', 4)];
const INSTITUTIONS = [
  [I[0], '青岛市产品质量检验研究院城阳分院', '370214', 'testing;metrology;certification'],
  [I[1], '青岛市标准化研究院', '370202', 'standards;intellectual_property'],
  [I[2], '黄岛区质量技术服务中心', '370211', 'diagnosis;improvement;testing'],
  [I[3], '崂山区计量测试所', '370212', 'metrology;certification;testing'],
];
const E = [0, 1, 2, 3, 4, 5].map((i) => usccFor(['370214', '370214', '370202', '370211', '370214', '370202'][i], 100 + i));
const ENTERPRISES = [
  [E[0], '青岛海晨智能家电有限公司', '370214', 'smart_appliances'],
  [E[1], '青岛海川轨道装备有限公司', '370214', 'rail_transit'],
  [E[2], '青岛市北生物医药有限公司', '370202', 'biomedicine'],
  [E[3], '黄岛船舶海工有限公司', '370211', 'ships_offshore'],
  [E[4], '城阳食品饮料有限公司', '370214', 'food_beverage'],
  [E[5], '青岛海晨电子信息有限公司', '370202', 'integrated_circuits'],
];
const KIND_OF = { 0: ['testing', 'metrology', 'certification'], 1: ['standards', 'intellectual_property'],
  2: ['diagnosis', 'improvement', 'testing'], 3: ['metrology', 'certification', 'testing'] };
// 36 services over 2021-2022: institution i % 4, enterprise i % 6, a kind the institution gives
const SERVICES = Array.from({ length: 36 }, (_, i) => {
  const inst = i % 4, ent = (i * 5) % 6, kinds = KIND_OF[inst];
  const month = 1 + (i * 7) % 12, year = 2021 + (i % 2);
  return { date: `${year}-${String(month).padStart(2, '0')}-${String(1 + (i * 3) % 28).padStart(2, '0')}`,
    kind: kinds[i % kinds.length], inst, ent, chain: i % 9 === 0 ? 'new_materials' : ENTERPRISES[ent][3] };
});
const csv = (header, rows) => [header, ...rows.map((r) => r.join(','))].join('\n') + '\n';
const serviceRow = (s) => [s.date, s.kind, I[s.inst], E[s.ent], s.chain === ENTERPRISES[s.ent][3] ? '' : s.chain];

async function account(login, role, unit, region) {
  const r = cli(['user', 'add', '--db', srv.db, '--login', login, '--role', role, '--unit', unit, '--region', region,
    '--password-stdin'], PASSWORD + '\n');
  assert.equal(r.status, 0, r.stderr);
  return signedIn(srv.url, login);
}

before(async () => {
  srv = await startServer({});
  qd = await account('qdoffice', 'office', '青岛市质量强市工作领导小组办公室', '370200');
  cy = await account('chengyang', 'county', '城阳区市场监督管理局', '370214');
  gz = await signedIn(srv.url, 'gzoffice');
});
after(async () => { const r = await srv.stop(); const log = srv.log(); srv.cleanup(); assert.equal(r.code, 0, log); });

test('institutions from a file through the CLI: a faulty file refused whole, then imported with progress', () => {
  const file = join(srv.dir, 'institutions.csv');
  const bad = INSTITUTIONS.map((r) => [...r]);
  bad[1][0] = I[1].slice(0, 17) + (I[1][17] === '0' ? '1' : '0');   // line 3: check character
  bad[2][3] = 'diagnosis;consulting';                                  // line 4: no such kind
  bad.push([...INSTITUTIONS[0]]);                                      // line 6: line 2 again
  writeFileSync(file, csv('uscc,name,region,kinds', bad));
  let r = cli(['nqi', 'import', '--db', srv.db, '--kind', 'institutions', file]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /line 3, uscc: invalid_uscc/);
  assert.match(r.stderr, /line 4, kinds: unknown_kind/);
  assert.match(r.stderr, /line 6, uscc: duplicate_row/);
  assert.equal(sql(srv.db, 'SELECT count(*) FROM nqi_institution'), '0');
  writeFileSync(file, csv('uscc,name,region,kinds', INSTITUTIONS));
  r = cli(['nqi', 'import', '--db', srv.db, '--kind', 'institutions', '--batch', '3', '--every', '2', file]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stderr.match(/imported \d+ of 4/g), ['imported 3 of 4', 'imported 4 of 4']);
  assert.match(r.stdout, /imported 4 institutions/);
  assert.equal(sql(srv.db, 'SELECT count(*) FROM nqi_institution'), '4');
});

test('enterprises and services through the API: faulty files name every row and import nothing', async () => {
  let r = await qd.post('/api/v1/nqi/import', { kind: 'enterprises', csv: csv('uscc,name,region,chain', ENTERPRISES) });
  assert.deepEqual([r.status, r.json.imported], [201, 6], r.text);
  r = await qd.post('/api/v1/nqi/import', { kind: 'enterprises', csv: csv('uscc,name,region,chain', [
    [usccFor('370214', 200), '某公司', '370214', 'steel'], ENTERPRISES[0], [usccFor('440106', 201), '广州某公司', '440106', 'software']]) });
  fails(r, 400, 'invalid_rows', 'csv');
  assert.deepEqual(r.json.error.rows.map((x) => [x.line, x.column, x.code]),
    [[2, 'chain', 'unknown_chain'], [3, 'uscc', 'duplicate_row'], [4, 'region', 'unknown_region']]);
  const bad = SERVICES.slice(0, 6).map(serviceRow);
  bad[0][0] = '2022-02-30';                         // line 2
  bad[1][1] = 'consulting';                         // line 3
  bad[2][1] = 'standards';                          // line 4: institution 2 gives no standards
  bad[3][2] = usccFor('370211', 9);                 // line 5: no such institution
  bad[4][3] = usccFor('370214', 999);               // line 6: no such enterprise
  bad[5][0] = '2099-01-01';                         // line 7: to come
  r = await qd.post('/api/v1/nqi/import', { kind: 'services', csv: csv('date,kind,institution,enterprise,chain', bad) });
  fails(r, 400, 'invalid_rows', 'csv');
  assert.deepEqual(r.json.error.rows.map((x) => [x.line, x.column, x.code]), [[2, 'date', 'invalid_date'],
    [3, 'kind', 'unknown_kind'], [4, 'kind', 'kind_not_offered'], [5, 'institution', 'unknown_institution'],
    [6, 'enterprise', 'unknown_enterprise'], [7, 'date', 'out_of_range']]);
  assert.equal(sql(srv.db, 'SELECT count(*) FROM nqi_service'), '0');
  r = await qd.post('/api/v1/nqi/import', { kind: 'services', csv: csv('date,kind,institution,enterprise,chain', SERVICES.slice(0, 35).map(serviceRow)) });
  assert.deepEqual([r.status, r.json.imported], [201, 35], r.text);
  // one by one: the 36th; a fault answers with its code and column
  const s = SERVICES[35];
  r = await qd.post('/api/v1/nqi/services', { date: s.date, kind: s.kind, institution: I[s.inst], enterprise: E[s.ent], chain: s.chain });
  assert.deepEqual([r.status, r.json.chain, r.json.region], [201, s.chain, ENTERPRISES[s.ent][2]], r.text);
  fails(await qd.post('/api/v1/nqi/services', { date: s.date, kind: 'standards', institution: I[0], enterprise: E[0] }), 400, 'kind_not_offered', 'kind');
  fails(await qd.post('/api/v1/nqi/enterprises', { uscc: E[0], name: 'x', region: '370214', chain: 'software' }), 400, 'duplicate_row', 'uscc');
  assert.equal(sql(srv.db, 'SELECT count(*) FROM nqi_service'), '36');
});

// The services as the list shows them, with their ids (import order, then the one recorded).
function expected() {
  return SERVICES.map((s, i) => ({ ...s, id: i + 1, region: ENTERPRISES[s.ent][2], name: ENTERPRISES[s.ent][1] }));
}
const newest = (a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.id - a.id);

async function all(client, query) {
  const out = [];
  let after = '';
  for (let i = 0; i < 40; i++) {
    const r = ok(await client.get(`/api/v1/nqi/services?limit=7&${query}${after ? '&after=' + after : ''}`));
    out.push(...r.services);
    if (!r.next) return out;
    after = r.next;
  }
  throw new Error('no end of pages');
}

test('the list filters, sorts and pages by key exactly as the rows say', async () => {
  const rows = expected();
  const ids = sql(srv.db, 'SELECT id FROM nqi_service ORDER BY id').split('\n').map(Number);
  rows.forEach((r, i) => { r.id = ids[i]; });
  const cases = [
    ['', () => true],
    ['kind=testing', (s) => s.kind === 'testing'],
    ['chain=new_materials', (s) => s.chain === 'new_materials'],
    ['kind=metrology&chain=biomedicine', (s) => s.kind === 'metrology' && s.chain === 'biomedicine'],
    [`institution=${sql(srv.db, `SELECT id FROM nqi_institution WHERE uscc = '${I[2]}'`)}`, (s) => s.inst === 2],
    ['from=2022-01-01&to=2022-06-30', (s) => s.date >= '2022-01-01' && s.date <= '2022-06-30'],
    ['region=370214', (s) => s.region === '370214'],
    ['q=' + encodeURIComponent('青岛海晨'), (s) => s.name.startsWith('青岛海晨')],
    ['q=' + encodeURIComponent('青岛') + '&kind=certification', (s) => s.name.startsWith('青岛') && s.kind === 'certification'],
  ];
  for (const [query, keep] of cases) {
    const want = rows.filter(keep).sort(newest).map((s) => s.id);
    assert.ok(want.length > 0, query);
    assert.deepEqual((await all(qd, query)).map((s) => s.id), want, query);
    assert.deepEqual((await all(qd, query + '&sort=date')).map((s) => s.id), [...want].reverse(), query + ' oldest first');
  }
  const one = (await qd.get(`/api/v1/nqi/services?limit=1&q=${encodeURIComponent('黄岛')}`)).json.services[0];
  assert.deepEqual([one.enterprise.uscc, one.enterprise.name, one.chain_name, one.institution.name.length > 0],
    [E[3], '黄岛船舶海工有限公司', one.chain === 'new_materials' ? '新材料' : '船舶海工装备', true]);
  fails(await qd.get('/api/v1/nqi/services?kind=consulting'), 400, 'unknown_kind', 'kind');
  fails(await qd.get('/api/v1/nqi/services?after=xyz'), 400, 'invalid_cursor', 'after');
  fails(await qd.get('/api/v1/nqi/services?sort=name'), 400, 'unknown_sort', 'sort');
  fails(await qd.get('/api/v1/nqi/services?limit=500'), 400, 'out_of_range', 'limit');
});

test('the board\'s totals equal the rows by kind, chain and period', async () => {
  const rows = expected();
  const b = ok(await qd.get('/api/v1/nqi/board?period=quarter'));
  assert.equal(b.total, 36);
  for (const k of b.kinds) assert.equal(k.count, rows.filter((s) => s.kind === k.kind).length, k.kind);
  for (const c of b.chains) assert.equal(c.count, rows.filter((s) => s.chain === c.chain).length, c.chain);
  assert.equal(b.chains.length, 24);
  for (const p of b.periods) {
    const [y, q] = p.period.split('-Q').map(Number);
    assert.equal(p.count, rows.filter((s) => Number(s.date.slice(0, 4)) === y && Math.ceil(Number(s.date.slice(5, 7)) / 3) === q).length, p.period);
  }
  const y = ok(await qd.get('/api/v1/nqi/board?period=year&kind=testing&from=2022-01&to=2022-12'));
  assert.deepEqual(y.periods.map((p) => [p.period, p.count]), [['2022', rows.filter((s) => s.kind === 'testing' && s.date >= '2022').length]]);
  const c = ok(await cy.get('/api/v1/nqi/board'));
  assert.equal(c.total, rows.filter((s) => s.region === '370214').length);
  fails(await qd.get('/api/v1/nqi/board?period=week'), 400, 'unknown_period', 'period');
});

test('another region\'s office and another county meet the exact refusals', async () => {
  fails(await gz.get('/api/v1/nqi/board?region=370200'), 404, 'not_found', 'region');
  fails(await gz.get('/api/v1/nqi/services?region=370214'), 404, 'not_found', 'region');
  assert.equal(ok(await gz.get('/api/v1/nqi/board')).total, 0);
  assert.deepEqual(ok(await gz.get('/api/v1/nqi/services')).services, []);
  fails(await gz.post('/api/v1/nqi/services', { date: '2022-05-01', kind: 'testing', institution: I[0], enterprise: E[0] }),
    400, 'unknown_enterprise', 'enterprise');
  fails(await cy.get('/api/v1/nqi/services?region=370202'), 404, 'not_found', 'region');
  assert.ok((await all(cy, '')).every((s) => s.region === '370214'));
  const applicant = await signedIn(srv.url, 'applicant');
  assert.equal((await applicant.get('/api/v1/nqi/services')).status, 403);
  assert.equal(ok(await gz.get('/api/v1/nqi/enterprises')).total, 0);
  assert.equal(ok(await qd.get('/api/v1/nqi/enterprises?q=' + encodeURIComponent('青岛海'))).total, 3);
});

test('a batch that fails undoes the batches written before it: no file is left half imported', async () => {
  // a stand-in for a failure between checking and writing (the register changed, the disk filled)
  sql(srv.db, isPg(srv.db)
    ? "CREATE FUNCTION nqi_fail() RETURNS trigger AS $$ BEGIN IF NEW.served_on = 18419 THEN RAISE EXCEPTION 'planted'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql; " +
      'CREATE TRIGGER nqi_fail BEFORE INSERT ON nqi_service FOR EACH ROW EXECUTE FUNCTION nqi_fail()'
    : "CREATE TRIGGER nqi_fail BEFORE INSERT ON nqi_service WHEN NEW.served_on = 18419 BEGIN SELECT RAISE(ABORT, 'planted'); END");
  const file = join(srv.dir, 'services.csv');
  const days = ['2020-06-01', '2020-06-02', '2020-06-03', '2020-06-04', '2020-06-06', '2020-06-07']; // 18419 = 2020-06-06
  writeFileSync(file, csv('date,kind,institution,enterprise', days.map((d) => [d, 'testing', I[0], E[0]])));
  const r = cli(['nqi', 'import', '--db', srv.db, '--kind', 'services', '--batch', '2', '--every', '2', file]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /imported 4 of 6/);
  assert.equal(sql(srv.db, 'SELECT count(*) FROM nqi_service'), '36');
  assert.equal(sql(srv.db, "SELECT state FROM nqi_import WHERE kind = 'services' ORDER BY id DESC LIMIT 1"), 'undone');
  assert.equal(ok(await qd.get('/api/v1/nqi/board')).total, 36);
  assert.equal(ok(await qd.get('/api/v1/nqi/board?from=2020-06&to=2020-06')).periods.length, 0);
  sql(srv.db, isPg(srv.db) ? 'DROP TRIGGER nqi_fail ON nqi_service; DROP FUNCTION nqi_fail()' : 'DROP TRIGGER nqi_fail');
});
