// bench/nqi.mjs - the NQI one-stop service records at the platform's size
// (青岛 2022 质量月启动报道: about 5,000 institutions and 400,000 enterprises) with
// 1,000,000 services, on SQLite (synchronous=FULL). Generates the three CSV
// files, imports them with `pingxuan nqi import` (timed, progress on
// stderr), then times filtered, sorted pages of services and the statistics
// board through HTTP as the Qingdao office: p50 and p99 of 100 sequential
// requests each, GET /health measured in the same run as the reference.
//   PINGXUAN_BIN=build/pingxuan PX_DATA_DIR=data node bench/nqi.mjs
//   NQI_ENTERPRISES=40000 NQI_SERVICES=100000 node bench/nqi.mjs   (smaller)
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, signedIn, Client, cli, PASSWORD } from '../tests/api/lib/server.mjs';
import { usccFor } from '../tests/api/lib/fixture.mjs';

const INSTITUTIONS = Number(process.env.NQI_INSTITUTIONS || 5000);
const ENTERPRISES = Number(process.env.NQI_ENTERPRISES || 400000);
const SERVICES = Number(process.env.NQI_SERVICES || 1000000);
const N = Number(process.env.NQI_REQUESTS || 100);
const BIN = process.env.PINGXUAN_BIN || 'build/pingxuan';
const DISTRICTS = ['370202', '370203', '370211', '370212', '370213', '370214', '370215', '370281', '370283', '370285'];
const KINDS = ['testing', 'standards', 'metrology', 'certification', 'intellectual_property', 'diagnosis', 'improvement'];
const CHAINS = ['smart_appliances', 'rail_transit', 'new_energy_vehicles', 'high_end_chemicals', 'food_beverage',
  'textiles_apparel', 'integrated_circuits', 'new_displays', 'virtual_reality', 'artificial_intelligence', 'biomedicine',
  'medical_devices', 'smart_equipment', 'new_materials', 'ships_offshore', 'aerospace', 'marine_biology', 'new_energy',
  'energy_saving', 'industrial_internet', 'software', 'fine_steel', 'rubber_tyres', 'modern_logistics'];
const FIRST = '海青崂黄城即胶平莱李市北南西东中华金鑫瑞恒泰德汇通达宏盛安康明远新世天正同力建兴富';
const SECOND = '尔岛山河港湾川林峰源信诚和丰顺利航星辰宇光电智科创联';
const TRADE = ['科技', '机械', '电子', '食品', '化工', '材料', '装备', '生物', '医药', '纺织', '物流', '软件'];

// mulberry32: a seeded generator whose low bits are as random as its high ones
let seed = 42;
const rnd = (n) => {
  seed = (seed + 0x6D2B79F5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
};
const name = (i) => `${FIRST[i % FIRST.length]}${SECOND[Math.floor(i / FIRST.length) % SECOND.length]}` +
  `${TRADE[Math.floor(i / 1000) % TRADE.length]}${i}有限公司`;
const inst = (i) => usccFor(DISTRICTS[i % 10], i + 1);
const ent = (i) => usccFor(DISTRICTS[i % 10], 1000000 + i);
const instKinds = (i) => [KINDS[i % 7], KINDS[(i + 2) % 7], KINDS[(i + 4) % 7]];

function write(path, header, n, row) {
  const out = [header];
  for (let i = 0; i < n; i++) out.push(row(i));
  writeFileSync(path, out.join('\n') + '\n');
}

function timedImport(db, kind, path) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(BIN, ['nqi', 'import', '--db', db, '--kind', kind, path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`import ${kind}: ${r.stdout}`);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

async function time(client, path) {
  const ms = [];
  for (let i = 0; i < N; i++) {
    const t0 = process.hrtime.bigint();
    const r = await client.get(path);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.text}`);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(N / 2)], p99: ms[Math.min(N - 1, Math.floor(N * 0.99))] };
}

const dir = mkdtempSync(join(tmpdir(), 'pxnqi-'));
const srv0 = await startServer({ dir });   // makes the database and its accounts
await srv0.stop();
const r = cli(['user', 'add', '--db', srv0.db, '--login', 'qdoffice', '--role', 'office', '--unit',
  '青岛市质量强市工作领导小组办公室', '--region', '370200', '--password-stdin'], PASSWORD + '\n');
if (r.status !== 0) throw new Error(r.stderr);

const t = Date.now();
write(join(dir, 'institutions.csv'), 'uscc,name,region,kinds', INSTITUTIONS,
  (i) => `${inst(i)},青岛${name(i).slice(0, 2)}检测认证服务机构${i},${DISTRICTS[i % 10]},${instKinds(i).join(';')}`);
write(join(dir, 'enterprises.csv'), 'uscc,name,region,chain', ENTERPRISES,
  (i) => `${ent(i)},${name(i)},${DISTRICTS[i % 10]},${CHAINS[rnd(24)]}`);
const day0 = Date.UTC(2020, 0, 1);
write(join(dir, 'services.csv'), 'date,kind,institution,enterprise', SERVICES, (i) => {
  const k = rnd(INSTITUTIONS);
  const d = new Date(day0 + rnd(1096) * 86400000).toISOString().slice(0, 10);
  return `${d},${instKinds(k)[rnd(3)]},${inst(k)},${ent(rnd(ENTERPRISES))}`;
});
console.log(`generated ${INSTITUTIONS} institutions, ${ENTERPRISES} enterprises, ${SERVICES} services in ${((Date.now() - t) / 1000).toFixed(1)} s`);

const secs = {};
for (const kind of ['institutions', 'enterprises', 'services']) secs[kind] = timedImport(srv0.db, kind, join(dir, `${kind}.csv`));

const srv = await startServer({ dir, db: srv0.db });
const office = await signedIn(srv.url, 'qdoffice');
const inst1 = (await office.get('/api/v1/nqi/institutions?q=' + encodeURIComponent('青岛海'))).json.items[0].id;
const first = (await office.get('/api/v1/nqi/services?limit=20')).json;
const page3 = (await office.get('/api/v1/nqi/services?kind=testing&limit=20&after=' + first.next)).json.next;
const queries = [
  ['newest first, no filter', '/api/v1/nqi/services'],
  ['kind', '/api/v1/nqi/services?kind=testing'],
  ['kind + chain', '/api/v1/nqi/services?kind=metrology&chain=rail_transit'],
  ['chain + quarter, oldest first', '/api/v1/nqi/services?chain=biomedicine&from=2022-07-01&to=2022-09-30&sort=date'],
  ['district + kind + year', '/api/v1/nqi/services?region=370214&kind=certification&from=2021-01-01&to=2021-12-31'],
  ['institution', `/api/v1/nqi/services?institution=${inst1}`],
  ['name prefix (selective)', '/api/v1/nqi/services?q=' + encodeURIComponent('崂尔科技')],
  ['name prefix (broad) + kind', '/api/v1/nqi/services?kind=diagnosis&q=' + encodeURIComponent('海')],
  ['kind, next page (cursor)', `/api/v1/nqi/services?kind=testing&after=${page3}`],
  ['district+kind+chain+2020+name', '/api/v1/nqi/services?region=370285&kind=improvement&chain=aerospace&to=2020-12-31&q=' + encodeURIComponent('莱')],
  ['all filters', '/api/v1/nqi/services?region=370211&kind=testing&chain=smart_appliances&from=2022-01-01&to=2022-12-31&q=' + encodeURIComponent('黄')],
  ['board by month', '/api/v1/nqi/board?period=month'],
  ['board by quarter, one chain', '/api/v1/nqi/board?period=quarter&chain=rail_transit'],
];
const ref = await time(new Client(srv.url), '/api/v1/health');
const bytes = statSync(srv0.db).size;
console.log(`NQI import with \`pingxuan nqi import\` (SQLite, ${(bytes / 1048576).toFixed(0)} MB after):`);
for (const kind of ['institutions', 'enterprises', 'services'])
  console.log(`  ${kind.padEnd(13)} ${{ institutions: INSTITUTIONS, enterprises: ENTERPRISES, services: SERVICES }[kind]} rows in ${secs[kind].toFixed(1)} s`);
console.log(`GET through HTTP as the Qingdao office, ${N} sequential requests each (20 rows a page):`);
let worst = 0;
for (const [label, path] of [['GET /health (reference)', '/api/v1/health'], ...queries]) {
  const m = label.startsWith('GET /health') ? ref : await time(office, path);
  if (!label.startsWith('GET /health')) worst = Math.max(worst, m.p50);
  console.log(`  ${label.padEnd(32)} p50 ${m.p50.toFixed(1).padStart(6)} ms  p99 ${m.p99.toFixed(1).padStart(6)} ms`);
}
console.log(`worst p50 ${worst.toFixed(1)} ms (budget 100 ms)`);
await srv.stop();
srv.cleanup();
rmSync(dir, { recursive: true, force: true });
if (worst >= 100) process.exitCode = 1;
