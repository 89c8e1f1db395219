// vote_setup.mjs - a database for bench/vote.sh: a programme at a vote stage with C candidates in one
// track (per_track_per_day = C, rules relaxed so that nothing is quarantined), and V voter sessions
// written straight into the database (their cookies, one a line, in DIR/tokens). Prints the programme
// id and the candidates' ids as "PID ID1,ID2,...".
import { randomBytes, createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeDatabase, signedIn, BIN } from '../tests/api/lib/server.mjs';
import { sql } from '../tests/api/lib/fixture.mjs';
import { voteProgramme } from '../tests/api/lib/vote.mjs';

const [dir, voters, candidates] = [process.argv[2], Number(process.argv[3] || 2000), Number(process.argv[4] || 50)];
const db = makeDatabase(dir);
const portFile = join(dir, 'setup-port');
const proc = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--port-file', portFile, '--rehearsal',
  '--access-log', 'off'], { stdio: 'ignore' });
for (let i = 0; i < 800 && !existsSync(portFile); i++) await sleep(25);
const url = `http://127.0.0.1:${Number(readFileSync(portFile, 'utf8'))}`;
const office = await signedIn(url, 'office');
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10); // China's date: the bench server's
const { pid, orgs } = await voteProgramme(db, office, { n: candidates, today, openEnded: true,
  settings: { per_track_per_day: candidates, address_burst: 1000000, net_burst: 1000000,
    quarantine_address_per_hour: 1000000, quarantine_net_per_hour: 1000000, velocity_floor: 1000000 } });
proc.kill('SIGTERM');
await new Promise((r) => proc.on('exit', r));
const now = Date.now() * 1000;
const tokens = [];
const rows = [];
for (let i = 0; i < voters; i++) {
  const token = randomBytes(32).toString('hex');
  tokens.push(token);
  rows.push(`('${createHash('sha256').update(token).digest('hex')}', '${randomBytes(32).toString('hex')}', ${now}, ${now + 36e9})`);
}
for (let i = 0; i < rows.length; i += 500)
  sql(db, 'INSERT INTO vote_session (token_hash, voter_hash, verified_at, expires_at) VALUES ' + rows.slice(i, i + 500).join(','));
writeFileSync(join(dir, 'tokens'), tokens.join('\n') + '\n');
console.log(`${db} ${pid} ${orgs.join(',')}`);
