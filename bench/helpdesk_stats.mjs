// bench/helpdesk_stats.mjs - the help desk's figures (GET /api/v1/helpdesk/stats)
// and its overdue queue (GET /api/v1/problems?overdue=1, one page) for a
// province-sized desk: 10,000 problems over eight counties, nine fields, forty
// providers and every state, on SQLite (synchronous=FULL). Prints the median
// and p95 of 50 sequential requests of each as the office, and of the public
// health answer as the reference measured in the same run.
//   PINGXUAN_BIN=build/pingxuan PX_DATA_DIR=data node bench/helpdesk_stats.mjs
import { startServer, signedIn, Client } from '../tests/api/lib/server.mjs';
import { sql, usccFor } from '../tests/api/lib/fixture.mjs';

const PROBLEMS = Number(process.env.BENCH_PROBLEMS || 10000);
const COUNTIES = ['441802', '441803', '441821', '441823', '441825', '441826', '441881', '441882'];
const FIELDS = ['quality_management', 'quality_safety', 'standardisation', 'metrology', 'accreditation_testing',
  'certification', 'quality_innovation', 'intellectual_property', 'brand_building'];
const STATES = ['unassigned', 'assigned', 'responded', 'resolved', 'closed'];

const srv = await startServer({ args: ['--rehearsal'] });
const office = await signedIn(srv.url, 'office');
const t = Date.now() * 1000;
const values = (n, f) => Array.from({ length: n }, (_, i) => f(i)).join(', ');
sql(srv.db, 'INSERT INTO organisation (uscc, name, industry, region, founded_on, created_at) VALUES ' +
  values(500, (i) => `('${usccFor(COUNTIES[i % 8], i + 1)}', '企业${i}', 'C', '${COUNTIES[i % 8]}', '2010-01-01', ${t})`));
sql(srv.db, 'INSERT INTO hd_provider (name, kind, region, fields, owner_region, created_at) VALUES ' +
  values(40, (i) => `('机构${i}', 'institution', '${i < 8 ? COUNTIES[i] : '441800'}', '${FIELDS[i % 9]};${FIELDS[(i + 4) % 9]}', '441800', ${t})`));
const day = 19000; // 2022-01-08 and on
sql(srv.db, `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${PROBLEMS - 1}) ` +
  'INSERT INTO hd_problem (owner_region, organisation_id, field, title, detail, source, state, provider_id, opened_on, ' +
  'respond_by, resolve_by, resolved_on, rating, created_at) SELECT ' +
  `CASE i % 8 ${COUNTIES.map((c, k) => `WHEN ${k} THEN '${c}'`).join(' ')} END, 1 + i % 500, ` +
  `CASE i % 9 ${FIELDS.map((f, k) => `WHEN ${k} THEN '${f}'`).join(' ')} END, '问题' || i, '描述', 'enterprise', ` +
  `CASE i % 5 ${STATES.map((s, k) => `WHEN ${k} THEN '${s}'`).join(' ')} END, CASE WHEN i % 5 = 0 THEN NULL ELSE 1 + i % 40 END, ` +
  `${day} + i / 30, ${day} + i / 30 + 3, ${day} + i / 30 + 28, CASE WHEN i % 5 >= 3 THEN ${day} + i / 30 + 10 END, ` +
  `CASE WHEN i % 5 = 4 THEN 1 + i % 5 END, ${t} FROM n`);
await office.post('/api/v1/clock', { today: '2022-12-31' });

async function time(client, path, n = 50) {
  const ms = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const r = await client.get(path);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.text}`);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(n / 2)], p95: ms[Math.floor(n * 0.95)] };
}
const ref = await time(new Client(srv.url), '/api/v1/health');
const stats = await time(office, '/api/v1/helpdesk/stats');
const queue = await time(office, '/api/v1/problems?overdue=1&page=3');
const s = (await office.get('/api/v1/helpdesk/stats')).json;
console.log(`help desk with ${s.total.recorded} problems (${s.total.overdue} overdue), 40 providers, SQLite:`);
for (const [name, r] of [['GET /health (reference)', ref], ['GET /helpdesk/stats', stats], ['GET /problems?overdue=1, page 3', queue]])
  console.log(`  ${name.padEnd(34)} median ${r.median.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  (${(r.median / ref.median).toFixed(0)}× health)`);
await srv.stop();
srv.cleanup();
