// bench/targets_dashboard.mjs - the 十百千万 dashboard (GET /api/v1/targets)
// for a province at the size of its targets: Hunan with 10,000 help-desk
// problems and 1,000 trained chief quality officers spread over every
// county of its 14 cities (市州), 100 certified products, 10 models and the
// local summaries requested from each city, on SQLite (synchronous=FULL).
// Prints the median and p95 of 50 sequential requests as the province office
// (the cities), as a city office (its counties), and of the health answer
// as the reference measured in the same run.
//   PINGXUAN_BIN=build/pingxuan PX_DATA_DIR=data node bench/targets_dashboard.mjs
import { readFileSync } from 'node:fs';
import { startServer, signedIn, cli, Client, PASSWORD } from '../tests/api/lib/server.mjs';
import { sql, usccFor } from '../tests/api/lib/fixture.mjs';

const PROBLEMS = Number(process.env.BENCH_PROBLEMS || 10000);
const TRAINEES = Number(process.env.BENCH_TRAINEES || 1000);
const dataDir = process.env.PX_DATA_DIR || new URL('../data', import.meta.url).pathname;
const rows = readFileSync(`${dataDir}/regions.csv`, 'utf8').split('\n').map((l) => l.split(','));
const cities = rows.filter((r) => r[2] === '430000').map((r) => r[0]);
const COUNTIES = rows.filter((r) => cities.includes(r[2])).map((r) => r[0]);
const FIELDS = ['quality_management', 'quality_safety', 'standardisation', 'metrology', 'accreditation_testing',
  'certification', 'quality_innovation', 'intellectual_property', 'brand_building'];
const STATES = ['unassigned', 'assigned', 'responded', 'resolved', 'closed'];

const srv = await startServer({ args: ['--rehearsal'] });
const user = (login, role, unit, region) => {
  const r = cli(['user', 'add', '--db', srv.db, '--login', login, '--role', role, '--unit', unit, '--region', region,
    '--password-stdin'], PASSWORD + '\n');
  if (r.status !== 0) throw new Error(r.stderr);
};
user('hnoffice', 'office', '湖南省市场监督管理局', '430000');
user('csoffice', 'office', '长沙市市场监督管理局', '430100');
cities.forEach((c, i) => user(`city${i}`, 'member', `市州${i}质量发展处`, c));
const province = await signedIn(srv.url, 'hnoffice');
const city = await signedIn(srv.url, 'csoffice');
const t = Date.now() * 1000, n = COUNTIES.length;
const values = (k, f) => Array.from({ length: k }, (_, i) => f(i)).join(', ');
const county = (expr) => `CASE ${expr} ${COUNTIES.map((c, k) => `WHEN ${k} THEN '${c}'`).join(' ')} END`;
sql(srv.db, 'INSERT INTO organisation (uscc, name, industry, region, founded_on, created_at) VALUES ' +
  values(1000, (i) => `('${usccFor(COUNTIES[i % n], i + 1)}', '企业${i}', 'C', '${COUNTIES[i % n]}', '2010-01-01', ${t})`));
sql(srv.db, `WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ${PROBLEMS - 1}) ` +
  'INSERT INTO hd_problem (owner_region, organisation_id, field, title, detail, source, state, opened_on, respond_by, ' +
  `resolve_by, created_at) SELECT ${county(`i % ${n}`)}, 1 + i % 1000, ` +
  `CASE i % 9 ${FIELDS.map((f, k) => `WHEN ${k} THEN '${f}'`).join(' ')} END, '问题' || i, '描述', 'enterprise', ` +
  `CASE i % 5 ${STATES.map((s, k) => `WHEN ${k} THEN '${s}'`).join(' ')} END, 19000 + i / 30, 19003 + i / 30, ` +
  `19028 + i / 30, ${t} FROM s`);
const course = Number(sql(srv.db, 'INSERT INTO tr_course (title, level, owner_region, share_pct, pass_score, created_at) ' +
  `VALUES ('首席质量官高级培训班', 'province', '430000', 75, 60, ${t}) RETURNING id`));
sql(srv.db, `WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ${TRAINEES - 1}) ` +
  'INSERT INTO tr_trainee (course_id, name, mobile_hash, mobile_masked, uscc, org_name, region, enrolled_on, ticket, ' +
  `score, certificate, completed_on, created_at) SELECT ${course}, '学员' || i, 'h' || i, '138****0000', 'U' || i, '企业', ` +
  `${county(`i % ${n}`)}, 19250, 't' || i, 80, 'CQO' || i, 19300, ${t} FROM s`);
sql(srv.db, 'INSERT INTO qm_model (owner_region, uscc, org_name, region, model_name, summary, source, created_at) VALUES ' +
  values(10, (i) => `('430000', 'M${i}', '企业${i}', '${COUNTIES[i * 7 % n]}', '模式${i}', '概要', 'honour', ${t})`));
await province.post('/api/v1/clock', { today: '2022-11-15' });
const asked = await province.post('/api/v1/targets/summaries', {});
if (asked.status !== 201) throw new Error(asked.text);

async function time(client, path, k = 50) {
  const ms = [];
  for (let i = 0; i < k; i++) {
    const t0 = process.hrtime.bigint();
    const r = await client.get(path);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.text}`);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(k / 2)], p95: ms[Math.floor(k * 0.95)] };
}
const ref = await time(new Client(srv.url), '/api/v1/health');
const prov = await time(province, '/api/v1/targets');
const drill = await time(province, '/api/v1/targets?region=430100');
const own = await time(city, '/api/v1/targets');
const d = (await province.get('/api/v1/targets')).json;
console.log(`dashboard of ${d.name}: ${PROBLEMS} problems (${d.totals.solved} solved), ${d.totals.trained} trained, ` +
  `${d.children.length} cities, ${COUNTIES.length} counties, summaries asked of ${d.summaries.totals.missing} cities, SQLite:`);
for (const [name, r] of [['GET /health (reference)', ref], ['GET /targets (province: its cities)', prov],
  ['GET /targets?region=430100 (drill down)', drill], ['GET /targets (a city office)', own]])
  console.log(`  ${name.padEnd(42)} median ${r.median.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  (${(r.median / ref.median).toFixed(0)}× health)`);
await srv.stop();
srv.cleanup();
