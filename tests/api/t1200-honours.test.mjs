// t1200-honours: the honours register of a city's quality month (the Qingdao
// 2022 launch's lists and totals), told on the Qingyuan accounts. An import
// with faulty rows names every one and imports nothing; a clean file imports
// whole; the register refuses the same honour twice; an enterprise's page adds
// pingxuan's own certificates; totals by kind; a published list keeps its rows
// and its hash in the audit chain; another region sees none of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer, signedIn, Client } from './lib/server.mjs';
import { sql, usccFor, addOrganisation } from './lib/fixture.mjs';
import { xlsx } from './lib/xlsx.mjs';

let srv, office, anyone;
const A = usccFor('441802', 11), B = usccFor('441881', 12), C = usccFor('441803', 13);
const HEADER = 'uscc,name,region,kind,level,year,title,source';
const good = [
  [A, '清远华星精密制造有限公司', '441802', 'china_top_brand', '', '2021', '华星牌精密轴承', '中国名牌产品名单'],
  [A, '清远华星精密制造有限公司', '441802', 'haopin_shandong', 'provincial', '2022', '华星', '首批“好品山东”品牌名单'],
  [B, '英德市绿源茶业股份有限公司', '441881', 'geographical_indication', 'national', '2019', '英德红茶', '国家地理标志保护产品公告'],
  [B, '英德市绿源茶业股份有限公司', '441881', 'haopin_shandong', '', '2022', '绿源', '首批“好品山东”品牌名单'],
  [C, '清远市清新区恒达食品有限公司', '441803', 'well_known_trademark', '', '2018', '恒达', '驰名商标认定批复'],
];
const csv = (rows) => [HEADER, ...rows.map((r) => r.join(','))].join('\n') + '\n';

before(async () => {
  srv = await startServer({ args: ['--rehearsal'] });
  office = await signedIn(srv.url, 'office');
  anyone = new Client(srv.url);
});
after(async () => { const r = await srv.stop(); const log = srv.log(); srv.cleanup(); assert.equal(r.code, 0, log); });

test('an import with faulty rows names every one and imports nothing', async () => {
  const bad = good.map((r) => [...r]);
  bad[0][0] = A.slice(0, 17) + (A[17] === '0' ? '1' : '0');   // line 2: check character
  bad[1][4] = 'national';                                        // line 3: 好品山东 is provincial
  bad[2][5] = '2031';                                            // line 4: a year to come
  bad[3][3] = 'best_brand';                                      // line 5: no such kind
  bad.push([...good[4]]);                                        // line 7: line 6 again
  const r = await office.post('/api/v1/honours/import', { csv: csv(bad) });
  assert.deepEqual([r.status, r.json.error.code], [400, 'invalid_rows']);
  assert.deepEqual(r.json.error.rows.map((x) => [x.line, x.column, x.code]), [
    [2, 'uscc', 'invalid_uscc'], [3, 'level', 'wrong_level'], [4, 'year', 'out_of_range'], [5, 'kind', 'unknown_kind'],
    [7, 'title', 'duplicate_row']]);
  assert.equal(sql(srv.db, 'SELECT count(*) FROM honour'), '0');
});

test('a clean file imports whole; the same honour twice is refused', async () => {
  let r = await office.post('/api/v1/honours/import', { csv: csv(good) });
  assert.deepEqual([r.status, r.json.imported], [201, 5]);
  r = await office.post('/api/v1/honours/import', { csv: csv([good[1], [C, '清远市清新区恒达食品有限公司', '441803', 'mayor_quality_award', '', '2022', '恒达', '市政府决定']]) });
  assert.deepEqual([r.status, r.json.error.rows.map((x) => [x.line, x.code])], [400, [[2, 'duplicate_row']]]);
  assert.equal(sql(srv.db, 'SELECT count(*) FROM honour'), '5');
  const gz = await signedIn(srv.url, 'gzoffice');
  r = await gz.post('/api/v1/honours/import', { csv: csv([[usccFor('441802', 30), '某公司', '441802', 'china_top_brand', '', '2020', 'x', 'y']]) });
  assert.deepEqual(r.json.error.rows.map((x) => [x.column, x.code]), [['region', 'unknown_region']]);
  assert.deepEqual((await gz.get('/api/v1/honours')).json, { total: 0, honours: [] });
});

test('the office lists and filters; an enterprise page adds pingxuan\'s own certificates', async () => {
  let r = await office.get('/api/v1/honours?kind=haopin_shandong');
  assert.deepEqual([r.json.total, r.json.honours.map((h) => h.title).sort()], [2, ['华星', '绿源']]);
  r = await office.get('/api/v1/honours?q=英德');
  assert.equal(r.json.total, 2);
  assert.equal((await office.get('/api/v1/honours?kind=best')).json.error.code, 'unknown_kind');
  const org = addOrganisation(srv.db, { uscc: A, name: '清远华星精密制造有限公司' });
  const pid = Number(sql(srv.db, "INSERT INTO programme (template, family, year, title, region, config, created_at) " +
    `VALUES ('qingyuan-quality-award-2025', 'qingyuan-quality-award', 2025, '2025年度清远市政府质量奖', '441800', '{}', ${Date.now() * 1000}) RETURNING id`));
  const app = Number(sql(srv.db, 'INSERT INTO application (programme_id, track_code, form_code, organisation_id, region, form, state, ' +
    `attest_no_record, created_at, updated_at) VALUES (${pid}, 'organisation', 'manufacturing', ${org}, '441802', '{}', 'winner', 1, 1, 1) RETURNING id`));
  sql(srv.db, 'INSERT INTO certificate (no, code, application_id, programme_id, holder, track_code, issued_on, sha256, created_at) ' +
    `VALUES ('QY2025-001', 'VERIFY01', ${app}, ${pid}, '清远华星精密制造有限公司', 'organisation', '2025-12-20', '${'ab'.repeat(32)}', 1)`);
  r = await anyone.get(`/api/v1/enterprises/${A}/honours`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.honours.map((h) => [h.year, h.kind_name]), [[2022, '好品山东'], [2021, '中国名牌产品']]);
  assert.deepEqual(r.json.programmes.map((p) => [p.programme, p.certificate]), [['2025年度清远市政府质量奖', 'QY2025-001']]);
  assert.equal((await anyone.get(`/api/v1/enterprises/${usccFor('441802', 99)}/honours`)).status, 404);
  assert.equal((await anyone.get('/api/v1/enterprises/123/honours')).json.error.code, 'invalid_uscc');
});

test('totals by kind count the region\'s honours', async () => {
  const t = (await anyone.get('/api/v1/honours/totals?region=441800')).json;
  const by = Object.fromEntries(t.kinds.map((k) => [k.name, k.count]));
  assert.deepEqual([by['中国名牌产品'], by['好品山东'], by['国家地理标志保护产品'], by['中国驰名商标'], by['中国质量奖']], [1, 2, 1, 1, 0]);
  assert.equal((await anyone.get('/api/v1/honours/totals?region=441881')).json.kinds.reduce((n, k) => n + k.count, 0), 2);
  assert.equal((await anyone.get('/api/v1/honours/totals?region=4418')).status, 400);
});

test('a published list keeps its rows as published and its hash in the audit chain', async () => {
  let r = await office.post('/api/v1/honour-lists', { title: '2022年度入选“好品山东”品牌企业名单', kind: 'haopin_shandong', year: 2022 });
  assert.equal(r.status, 201, r.text);
  const { id, sha256 } = r.json;
  assert.equal(r.json.count, 2);
  const list = (await anyone.get(`/api/v1/honour-lists/${id}`)).json;
  assert.deepEqual(list.rows.map((x) => x.name), ['清远华星精密制造有限公司', '英德市绿源茶业股份有限公司'].sort());
  assert.ok(list.rows.every((x) => x.uscc_masked.includes('*')));
  const stored = sql(srv.db, `SELECT rows FROM honour_list WHERE id = ${id}`);
  assert.equal(createHash('sha256').update(stored).digest('hex'), sha256);
  assert.match(sql(srv.db, `SELECT payload FROM audit WHERE object = 'honour_list:${id}'`), new RegExp(sha256));
  r = await office.post('/api/v1/honour-lists', { title: 'x', kind: 'china_quality_award', year: 2022 });
  assert.deepEqual([r.status, r.json.error.code], [409, 'empty_list']);
});

test('an .xlsx imports like its CSV: a bad USCC refuses the whole sheet, a clean one imports whole', async () => {
  const D = usccFor('441802', 21), E = usccFor('441803', 22);
  const rows = [
    HEADER.split(','),
    [D, '清远市鼎新机械有限公司，二厂', '441802', 'mayor_quality_award', '', 2022, '鼎新"精工",二号', '市政府决定'],
    [E, '清远市恒泰陶瓷有限公司', '441803', 'china_top_brand', '', 2020, '恒泰', '中国名牌产品名单'],
  ];
  const bad = rows.map((r) => [...r]);
  bad[2][0] = E.slice(0, 17) + (E[17] === '0' ? '1' : '0');
  let r = await office.post('/api/v1/honours/import', { xlsx: xlsx(bad) });
  assert.deepEqual([r.status, r.json.error.code], [400, 'invalid_rows']);
  assert.deepEqual(r.json.error.rows.map((x) => [x.line, x.column, x.code]), [[3, 'uscc', 'invalid_uscc']]);
  assert.equal(sql(srv.db, 'SELECT count(*) FROM honour'), '5');

  const gz = await signedIn(srv.url, 'gzoffice');
  r = await gz.post('/api/v1/honours/import', { xlsx: xlsx(rows) });
  assert.deepEqual(r.json.error.rows.map((x) => [x.line, x.column, x.code]), [[2, 'region', 'unknown_region'], [3, 'region', 'unknown_region']]);

  r = await office.post('/api/v1/honours/import', { xlsx: xlsx(rows) });
  assert.deepEqual([r.status, r.json.imported], [201, 2], r.text);
  assert.equal(sql(srv.db, `SELECT org_name || '|' || title || '|' || year FROM honour WHERE uscc = '${D}'`),
    '清远市鼎新机械有限公司，二厂|鼎新"精工",二号|2022');
});

test('an .xlsx that is not one, or sent beside a CSV, is refused by code', async () => {
  let r = await office.post('/api/v1/honours/import', { xlsx: Buffer.from('uscc,name\nnot a workbook\n').toString('base64') });
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'bad_xlsx', 'file']);
  r = await office.post('/api/v1/honours/import', { xlsx: '@@not base64@@' });
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'invalid_content', 'xlsx']);
  r = await office.post('/api/v1/honours/import', { csv: `${HEADER}\n`, xlsx: xlsx([HEADER.split(',')]) });
  assert.deepEqual([r.status, r.json.error.code], [400, 'invalid_content']);
  r = await office.post('/api/v1/honours/import', {});
  assert.deepEqual([r.status, r.json.error.code, r.json.error.field], [400, 'missing_field', 'csv']);
});
