// t0220-housekeeping: what nobody will use again is removed at start and
// periodically: sessions past their idle or absolute lifetime (otherwise
// deleted only when presented) and upload temporary files of requests that
// were killed before they finished. Live sessions and fresh temp files stay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, existsSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, makeDatabase, Client } from './lib/server.mjs';
import { dropPgDatabase } from './lib/db.mjs';
import { sql, lit, accountId } from './lib/fixture.mjs';

const HEX = (c) => c.repeat(64);

function plantSession(db, account, tokenHash, createdUs, seenUs) {
  sql(db, `INSERT INTO session (token_hash, account_id, csrf, created_at, last_seen) VALUES (${lit(tokenHash)}, ${account}, ${lit(HEX('c'))}, ${createdUs}, ${seenUs})`);
}

const sessions = (db) => sql(db, 'SELECT token_hash FROM session ORDER BY token_hash').split('\n').filter(Boolean);

test('expired sessions and stale upload temp files are removed at start; live ones stay', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxtest-'));
  const db = makeDatabase(dir);
  const office = accountId(db, 'office');
  const nowUs = Date.now() * 1000;
  const hourUs = 3600 * 1000000;
  plantSession(db, office, HEX('1'), nowUs - 2 * hourUs, nowUs - 2 * hourUs); // idle past 30 min
  plantSession(db, office, HEX('2'), nowUs - 13 * hourUs, nowUs - 60 * 1000000); // older than 12 h
  plantSession(db, office, HEX('3'), nowUs - 60 * 1000000, nowUs - 60 * 1000000); // live

  const files = join(dir, 'files');
  mkdirSync(join(files, 'tmp'), { recursive: true });
  const stale = join(files, 'tmp', 'up-Stale1');
  const fresh = join(files, 'tmp', 'up-Fresh1');
  const other = join(files, 'tmp', 'keep-me');
  for (const f of [stale, fresh, other]) writeFileSync(f, 'half an upload');
  const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
  utimesSync(stale, twoHoursAgo, twoHoursAgo);
  utimesSync(other, twoHoursAgo, twoHoursAgo);

  const srv = await startServer({ db, dir, args: ['--files-dir', files] });
  try {
    for (let i = 0; i < 200 && (existsSync(stale) || sessions(db).length !== 1); i++) await sleep(50);
    assert.deepEqual(sessions(db), [HEX('3')]);
    assert.equal(existsSync(stale), false);
    assert.equal(existsSync(fresh), true);
    assert.equal(existsSync(other), true, 'only upload temp files are removed');
    // the server still signs people in and keeps their sessions
    const c = new Client(srv.url);
    assert.equal((await c.login('office')).status, 201);
    assert.equal((await c.get('/api/v1/session')).status, 200);
    assert.equal(sessions(db).length, 2);
  } finally {
    const r = await srv.stop();
    assert.equal(r.code, 0, srv.log());
    srv.cleanup();
    dropPgDatabase(db);
  }
});
