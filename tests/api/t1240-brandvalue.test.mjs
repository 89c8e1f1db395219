// t1240-brandvalue: the brand value evaluation (企业品牌价值测评) of a city's
// quality month, told on the Qingyuan accounts. The office opens a round by
// the multi-period excess earnings method with its published parameters; an
// enterprise submits the worked example of docs/brand-value.md through the
// API and its value is exactly 38,648,769 yuan (40,902,013 with mid-year
// discounting); bad data is refused with its field and code and nothing is
// kept; results are ranked; the report PDF is A4 with the CJK fonts
// embedded; another region's office meets none of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, signedIn, ok, fails } from './lib/server.mjs';
import { sql, usccFor, addOrganisation } from './lib/fixture.mjs';

let srv, office, ent, ent2, gz;
const ROUND = {
  title: '2023年度清远市企业品牌价值测评', first_year: 2023, years: 5, method: 'mpeem',
  tax_bp: 2500, discount_base_bp: 1000, premium_max_bp: 500, growth_bp: 300,
  assets: [{ code: 'working_capital', return_bp: 500 }, { code: 'fixed_assets', return_bp: 700 },
    { code: 'workforce', return_bp: 1000 }, { code: 'other_intangibles', return_bp: 1200 }],
};
// docs/brand-value.md, "Worked example"
const EXAMPLE = {
  years: [100000000, 108000000, 116640000, 124800000, 131040000].map((revenue, i) => ({ year: 2023 + i, revenue, margin_bp: 1500 })),
  assets: { working_capital: 2000, fixed_assets: 3000, workforce: 500 },
  brand_role_bp: 4000, risk_premium_bp: 200,
};
const spoilt = (fn) => { const d = structuredClone(EXAMPLE); fn(d); return d; };

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxtest-'));
  srv = await startServer({ dir, args: ['--rehearsal', '--files-dir', join(dir, 'files')] });
  office = await signedIn(srv.url, 'office');
  ent = await signedIn(srv.url, 'applicant');
  ent2 = await signedIn(srv.url, 'applicant2');
  gz = await signedIn(srv.url, 'gzoffice');
});
after(async () => { const r = await srv.stop(); const log = srv.log(); srv.cleanup(); assert.equal(r.code, 0, log); });

let rid;
test('the office opens a round with its method and parameters; bad ones are refused by field', async () => {
  fails(await office.post('/api/v1/brand-value-rounds', { ...ROUND, method: 'royalty_relief' }), 400, 'unknown_method', 'method');
  fails(await office.post('/api/v1/brand-value-rounds', { ...ROUND, growth_bp: 1000 }), 400, 'bv_growth', 'growth_bp');
  fails(await office.post('/api/v1/brand-value-rounds', { ...ROUND, years: 11 }), 400, 'out_of_range', 'years');
  fails(await office.post('/api/v1/brand-value-rounds', { ...ROUND, premium_max_bp: 9500 }), 400, 'out_of_range', 'premium_max_bp');
  fails(await office.post('/api/v1/brand-value-rounds', { ...ROUND, assets: [ROUND.assets[0], { code: 'goodwill', return_bp: 1 }] }),
    400, 'unknown_asset', 'assets[1].code');
  fails(await office.post('/api/v1/brand-value-rounds', { ...ROUND, assets: [ROUND.assets[0], ROUND.assets[0]] }),
    400, 'duplicate_asset', 'assets[1].code');
  fails(await office.post('/api/v1/brand-value-rounds', { ...ROUND, assets: [{ code: 'workforce', return_bp: 10001 }] }),
    400, 'out_of_range', 'assets[0].return_bp');
  fails(await ent.post('/api/v1/brand-value-rounds', ROUND), 403, 'forbidden_role');
  assert.equal(sql(srv.db, 'SELECT count(*) FROM bv_round'), '0');
  const r = ok(await office.post('/api/v1/brand-value-rounds', ROUND), 201);
  rid = r.id;
  assert.deepEqual([r.method, r.state, r.region, r.params.discount_base_bp, r.params.assets.map((a) => a.name)],
    ['mpeem', 'open', '441800', 1000, ['营运资金', '固定资产', '人力资源', '其他无形资产']]);
  assert.match(r.standard, /GB\/T 29188-2012/);
  assert.match(r.standard, /ISO 10668/);
});

test('an enterprise without its organisation cannot submit; bad data is refused with field and code', async () => {
  fails(await ent.post(`/api/v1/brand-value-rounds/${rid}/submissions`, EXAMPLE), 400, 'no_organisation', 'organisation');
  addOrganisation(srv.db, { uscc: usccFor('441802', 41), name: '清远华星精密制造有限公司', owner: 'applicant' });
  addOrganisation(srv.db, { uscc: usccFor('441881', 42), name: '英德市绿源茶业股份有限公司', region: '441881', owner: 'applicant2' });
  const cases = [
    [(d) => d.years.pop(), 'years_mismatch', 'years'],
    [(d) => { d.years[1].year = 2025; }, 'wrong_year', 'years[1].year'],
    [(d) => { d.years[2].revenue = -1; }, 'out_of_range', 'years[2].revenue'],
    [(d) => { d.years[3].revenue = 1e16; }, 'out_of_range', 'years[3].revenue'],
    [(d) => { d.years[4].margin_bp = 10001; }, 'out_of_range', 'years[4].margin_bp'],
    [(d) => { delete d.years[0].margin_bp; }, 'missing_field', 'years[0].margin_bp'],
    [(d) => { d.assets.goodwill = 100; }, 'unknown_asset', 'assets.goodwill'],
    [(d) => { d.assets.workforce = 100001; }, 'out_of_range', 'assets.workforce'],
    [(d) => { d.brand_role_bp = 10001; }, 'out_of_range', 'brand_role_bp'],
    [(d) => { delete d.brand_role_bp; }, 'missing_field', 'brand_role_bp'],
    [(d) => { d.risk_premium_bp = 501; }, 'out_of_range', 'risk_premium_bp'],
    [(d) => { d.years[0].revenue = '1e8'; }, 'out_of_range', 'years[0].revenue'],
  ];
  for (const [fn, code, field] of cases)
    fails(await ent.post(`/api/v1/brand-value-rounds/${rid}/submissions`, spoilt(fn)), 400, code, field);
  fails(await office.post(`/api/v1/brand-value-rounds/${rid}/submissions`, EXAMPLE), 403, 'forbidden_role');
  assert.equal(sql(srv.db, 'SELECT count(*) FROM bv_submission'), '0');
});

let sid, sid2;
test('the worked example through the API is worth exactly 38,648,769 yuan, ranked first', async () => {
  let r = ok(await ent.post(`/api/v1/brand-value-rounds/${rid}/submissions`, EXAMPLE), 201);
  sid = r.id;
  assert.deepEqual([r.value, r.rank, r.result, r.data.risk_premium_bp], [null, null, null, 200]);
  assert.equal(ok(await ent.get(`/api/v1/brand-value-rounds/${rid}`)).mine, sid);
  const smaller = spoilt((d) => { d.brand_role_bp = 2000; d.risk_premium_bp = 500; });
  sid2 = ok(await ent2.post(`/api/v1/brand-value-rounds/${rid}/submissions`, smaller), 201).id;
  // an enterprise replaces its data while the round is open
  ok(await ent2.post(`/api/v1/brand-value-rounds/${rid}/submissions`, smaller), 201);
  assert.equal(sql(srv.db, 'SELECT count(*) FROM bv_submission'), '2');
  fails(await ent.get(`/api/v1/brand-value-submissions/${sid2}`), 404, 'not_found');
  fails(await ent.get(`/api/v1/brand-value-rounds/${rid}/results`), 403, 'forbidden_role');

  r = ok(await office.post(`/api/v1/brand-value-rounds/${rid}/compute`, {}));
  assert.equal(r.round.state, 'computed');
  assert.deepEqual(r.results.map((x) => [x.rank, x.submission, x.value]), [[1, sid, 38648769], [2, sid2, r.results[1].value]]);
  assert.ok(r.results[1].value < 38648769 && r.results[1].value > 0);
  assert.ok(r.results.every((x) => x.report), 'each report drawn after the commit');
  const s = ok(await ent.get(`/api/v1/brand-value-submissions/${sid}`));
  assert.deepEqual([s.value, s.rank, s.result.charge_bp, s.result.discount_bp], [38648769, 1, 360, 1200]);
  assert.deepEqual(s.result.years.map((y) => y.present), [2732143, 2634566, 2540475, 2426967, 2275282]);
  assert.deepEqual(s.result.years.map((y) => y.factor), ['0.892857', '0.797194', '0.711780', '0.635518', '0.567427']);
  assert.deepEqual([s.result.terminal, s.result.terminal_present], [45890208, 26039336]);
  // the results list is the county's own for a county bureau
  const qc = await signedIn(srv.url, 'qingcheng');
  assert.deepEqual(ok(await qc.get(`/api/v1/brand-value-rounds/${rid}/results`)).results.map((x) => x.submission), [sid]);
  fails(await ent.post(`/api/v1/brand-value-rounds/${rid}/submissions`, EXAMPLE), 409, 'round_computed', 'round');
});

test('mid-year discounting gives 40,902,013 yuan; equal values share their rank', async () => {
  const mid = ok(await office.post('/api/v1/brand-value-rounds', { ...ROUND, method: 'mpeem_mid_year' }), 201).id;
  fails(await office.post(`/api/v1/brand-value-rounds/${mid}/compute`, {}), 409, 'no_submissions');
  ok(await ent.post(`/api/v1/brand-value-rounds/${mid}/submissions`, EXAMPLE), 201);
  ok(await ent2.post(`/api/v1/brand-value-rounds/${mid}/submissions`, EXAMPLE), 201);
  const r = ok(await office.post(`/api/v1/brand-value-rounds/${mid}/compute`, {}));
  assert.deepEqual(r.results.map((x) => [x.rank, x.value]), [[1, 40902013], [1, 40902013]]);
});

test('the report PDF: A4 landscape, CJK fonts embedded, the value printed', async () => {
  const res = await fetch(`${srv.url}/api/v1/brand-value-submissions/${sid}/report.pdf`, { headers: { cookie: ent.cookie } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const file = join(srv.dir, 'report.pdf');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  assert.match(info.stdout, /Page size:\s+841\.\d* x 595\.\d* pts \(A4\)/);
  const fonts = spawnSync('pdffonts', [file], { encoding: 'utf8' });
  assert.match(fonts.stdout, /Noto\S*CJK\S*.* yes yes /, 'the CJK fonts are embedded');
  const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
  for (const s of ['企业品牌价值测评报告', '38,648,769', '2,732,143', '26,039,336', 'GB/T 29188-2012', '0.892857', '12.00%'])
    assert.ok(text.includes(s), `the report prints ${s}`);
  const sha = sql(srv.db, `SELECT report_sha FROM bv_submission WHERE id = ${sid}`);
  assert.match(sha, /^[0-9a-f]{64}$/);
  assert.equal((await office.get(`/api/v1/brand-value-submissions/${sid}/report.pdf`)).status, 200);
  fails(await ent2.get(`/api/v1/brand-value-submissions/${sid}/report.pdf`), 404, 'not_found');
});

test('another region\'s office meets none of it', async () => {
  assert.deepEqual(ok(await gz.get('/api/v1/brand-value-rounds')), { rounds: [] });
  fails(await gz.get(`/api/v1/brand-value-rounds/${rid}`), 404, 'not_found');
  fails(await gz.get(`/api/v1/brand-value-rounds/${rid}/results`), 404, 'not_found');
  fails(await gz.post(`/api/v1/brand-value-rounds/${rid}/compute`, {}), 404, 'not_found');
  fails(await gz.get(`/api/v1/brand-value-submissions/${sid}`), 404, 'not_found');
  fails(await gz.get(`/api/v1/brand-value-submissions/${sid}/report.pdf`), 404, 'not_found');
  assert.equal(ok(await office.get('/api/v1/brand-value-rounds')).rounds.length, 2);
  assert.equal(ok(await ent2.get('/api/v1/brand-value-rounds')).rounds.length, 2);
  assert.equal(sql(srv.db, "SELECT count(*) FROM audit WHERE action LIKE 'brandvalue.%'"), '9');
});
