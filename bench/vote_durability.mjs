// vote_durability.mjs - kill -9 during a vote burst, N times: no acknowledged vote may be lost.
// Run by bench/vote_durability.sh. One database (SQLite, or PostgreSQL with --pg URL) and one
// programme at a vote stage with V voters verified once; each trial moves the rehearsal date one
// day on (fresh daily caps), starts the server, fires ballots from every voter at concurrency C,
// kills the server with SIGKILL after a random 50-500 ms, and then checks, on the database:
//   - every receipt the server acknowledged (201) is stored, in a batch the audit chain records;
//   - `pingxuan audit verify` passes;
//   - after a restart, the published counts equal the counted votes of the table.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeDatabase, signedIn, cli, BIN } from '../tests/api/lib/server.mjs';
import { sql } from '../tests/api/lib/fixture.mjs';
import { Voter, verify, voteProgramme } from '../tests/api/lib/vote.mjs';
import { dropPgDatabase } from '../tests/api/lib/db.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const trials = Number(args.trials || 100), voters = Number(args.voters || 40), conc = Number(args.concurrency || 32);
const CANDIDATES = 8;
const dir = mkdtempSync(join(tmpdir(), 'pxdurable-'));
const smsLog = join(dir, 'sms.log');
writeFileSync(join(dir, 'sms.json'), JSON.stringify({ driver: 'file', path: smsLog }));
const db = makeDatabase(dir);

async function start() {
  const portFile = join(dir, `port-${Date.now()}`);
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--port-file', portFile, '--rehearsal',
    '--per-address', '0', '--access-log', 'off', '--sms', join(dir, 'sms.json'), '--trust-proxy', '127.0.0.1'],
  { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  for (let i = 0; i < 800 && !existsSync(portFile); i++) await sleep(25);
  if (!existsSync(portFile)) throw new Error('server did not start: ' + log);
  return { proc, exited, url: `http://127.0.0.1:${Number(readFileSync(portFile, 'utf8'))}` };
}

const day = (n) => new Date(Date.UTC(2022, 6, 1) + n * 86400000).toISOString().slice(0, 10);

let srv = await start();
let office = await signedIn(srv.url, 'office');
const { pid, orgs } = await voteProgramme(db, office, { n: CANDIDATES, today: day(0),
  settings: { per_track_per_day: CANDIDATES, address_burst: 1000000, quarantine_address_per_hour: 1000000,
    quarantine_net_per_hour: 1000000, net_burst: 1000000, velocity_floor: 1000000 } });
const crowd = [];
for (let i = 0; i < voters; i++) {
  const v = new Voter(srv.url, { address: `10.${i >> 8}.${i & 255}.7` });
  await verify(v, smsLog, `186${String(i * 100).padStart(8, "0")}`); // spaced: no run of sequential numbers
  crowd.push(v);
}
srv.proc.kill('SIGTERM');
await srv.exited;

let acked = 0, lost = 0, auditFailures = 0, countMismatches = 0, stored = 0;
const t0 = Date.now();
for (let t = 1; t <= trials; t++) {
  srv = await start();
  office = await signedIn(srv.url, 'office');
  const r = await office.post('/api/v1/clock', { today: day(t) });
  if (r.status !== 200) throw new Error('clock: ' + r.text);
  const receipts = [];
  const queue = [];
  for (const v of crowd) for (const c of orgs) queue.push([v, c]);
  let stop = false;
  const worker = async () => {
    while (!stop && queue.length) {
      const [v, c] = queue.shift();
      v.url = srv.url;
      try {
        const res = await v.post(`/api/v1/programmes/${pid}/votes`, { track: 'organisation', candidates: [c] });
        if (res.status === 201) receipts.push(res.json.votes[0].receipt);
      } catch { /* the connection died with the server: not acknowledged */ }
    }
  };
  const workers = Array.from({ length: conc }, worker);
  await sleep(50 + Math.floor(Math.random() * 450));
  srv.proc.kill('SIGKILL');
  stop = true;
  await srv.exited;
  await Promise.all(workers);
  acked += receipts.length;
  if (receipts.length) {
    const list = receipts.map((x) => `'${x}'`).join(',');
    const found = Number(sql(db, `SELECT count(*) FROM vote WHERE batch_id IS NOT NULL AND receipt IN (${list})`));
    lost += receipts.length - found;
  }
  const audit = cli(['audit', 'verify', '--db', db]);
  if (audit.status !== 0) { auditFailures++; console.error(audit.stdout + audit.stderr); }
  srv = await start();
  const counts = await (await fetch(`${srv.url}/api/v1/programmes/${pid}/vote/counts`)).json();
  const published = Object.values(counts.tracks).flat().reduce((n, c) => n + c.valid, 0);
  const counted = Number(sql(db, `SELECT count(*) FROM vote WHERE programme_id = ${pid} AND state = 'counted'`));
  if (published !== counted) countMismatches++;
  stored = counted;
  srv.proc.kill('SIGTERM');
  await srv.exited;
  if (t % 10 === 0 || t === trials)
    console.log(`trial ${t}/${trials}: ${acked} acknowledged, ${lost} lost, ${auditFailures} audit failures, ${countMismatches} count mismatches`);
}
const batches = Number(sql(db, "SELECT count(*) FROM audit WHERE action = 'vote.batch'"));
console.log(`vote durability (${/^postgres/.test(db) ? 'PostgreSQL' : 'SQLite synchronous=FULL'}): ${trials} kill -9 trials, ` +
  `${acked} acknowledged votes, ${lost} lost, ${stored} stored in ${batches} batches, audit verify failed ${auditFailures}, ` +
  `counts differed ${countMismatches}; ${((Date.now() - t0) / 1000).toFixed(0)} s`);
if (/^postgres/.test(db)) dropPgDatabase(db);
rmSync(dir, { recursive: true, force: true });
process.exit(lost || auditFailures || countMismatches ? 1 : 0);
