// fixture.mjs - A FIXTURE FOR STAGE TESTS, not an API client.
//
// The office stages of an award (qualification review onwards) start from
// applications that earlier stages (apply, county check and recommendation)
// produce. To test those stages on their own, this module writes
// organisations, persons, applications, earlier stage results and the
// programme's stage position straight into the test database with the
// sqlite3 CLI (or psql for a PostgreSQL test database). The server may keep
// running: SQLite's WAL lets this writer in (busy timeout 5 s) and every use
// case re-reads what it needs. Nothing here is how the system is used; the
// tests use the HTTP API for everything they assert.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

const isPg = (db) => /^postgres(ql)?:\/\//.test(db);

// Run SQL on the test database; returns stdout trimmed (rows one a line, columns '|').
export function sql(db, statement) {
  const r = isPg(db)
    ? spawnSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '--dbname', db, '-c', statement], { encoding: 'utf8' })
    : spawnSync('sqlite3', ['-cmd', '.timeout 5000', db, statement], { encoding: 'utf8' });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`fixture sql failed: ${r.stderr}\n${statement}`);
  return r.stdout.trim();
}

// A SQL string literal.
export const lit = (v) => (v === null || v === undefined ? 'NULL' : `'${String(v).replace(/'/g, "''")}'`);

const now = () => Date.now() * 1000;

// A valid unified social credit code (GB 32100-2015) from its first 17 characters.
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export function uscc(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return first17 + USCC_CHARS[(31 - (sum % 31)) % 31];
}
// The n-th test organisation's USCC in a county: 91<region>MA<n, 7 digits>.
export const usccFor = (region, n) => uscc(`91${region}MA${String(n).padStart(7, '0')}`.slice(0, 17));

export function accountId(db, login) {
  return Number(sql(db, `SELECT id FROM account WHERE login = ${lit(login)}`));
}

export function addOrganisation(db, { uscc: code, name, industry = 'C', region = '441802', founded = '2010-05-01', owner }) {
  const account = owner ? accountId(db, owner) : null;
  return Number(sql(db, 'INSERT INTO organisation (uscc, name, industry, region, founded_on, account_id, created_at) ' +
    `VALUES (${lit(code)}, ${lit(name)}, ${lit(industry)}, ${lit(region)}, ${lit(founded)}, ${lit(account)}, ${now()}) RETURNING id`));
}

export function addPerson(db, { name, employer, region = '441802', since = '2012-03-01', owner }) {
  const account = owner ? accountId(db, owner) : null;
  const hash = randomBytes(32).toString('hex');
  return Number(sql(db, 'INSERT INTO person (id_hash, id_masked, name, employer, region, quality_since, account_id, created_at) ' +
    `VALUES (${lit(hash)}, '4418**********001X', ${lit(name)}, ${lit(employer)}, ${lit(region)}, ${lit(since)}, ${lit(account)}, ${now()}) RETURNING id`));
}

// An application in a given state (as the earlier stages would have left it).
export function addApplication(db, { programme, organisation = null, person = null, region, state = 'recommended',
  track = organisation ? 'organisation' : 'individual', form = organisation ? 'manufacturing' : 'individual',
  data = {}, submittedAt = now() }) {
  return Number(sql(db, 'INSERT INTO application (programme_id, track_code, form_code, organisation_id, person_id, region, ' +
    'form, state, attest_no_record, created_at, submitted_at, updated_at) VALUES ' +
    `(${programme}, ${lit(track)}, ${lit(form)}, ${lit(organisation)}, ${lit(person)}, ${lit(region)}, ` +
    `${lit(JSON.stringify(data))}, ${lit(state)}, 1, ${now()}, ${submittedAt}, ${now()}) RETURNING id`));
}

// Put the programme at stage `code`: earlier stages closed, this one open.
export function putStage(db, programme, code) {
  const seq = Number(sql(db, `SELECT seq FROM stage WHERE programme_id = ${programme} AND code = ${lit(code)}`));
  if (!seq) throw new Error(`no stage ${code}`);
  sql(db, `UPDATE stage SET state = 'closed', closed_at = ${now()} WHERE programme_id = ${programme} AND seq < ${seq}; ` +
    `UPDATE stage SET state = 'open', opened_at = ${now()} WHERE programme_id = ${programme} AND seq = ${seq}; ` +
    `UPDATE programme SET stage_seq = ${seq} WHERE id = ${programme}`);
}

// Move an application as another stage's use case would (e.g. a verified objection: 'disqualified').
export function setState(db, application, state) {
  sql(db, `UPDATE application SET state = ${lit(state)} WHERE id = ${application}`);
}

// A review stage's result computed earlier (score in hundredths on 0..100).
export function addStageResult(db, application, stage, score) {
  sql(db, 'INSERT INTO stage_result (application_id, stage_code, score, detail, computed_at) VALUES ' +
    `(${application}, ${lit(stage)}, ${score}, '{"fixture":true}', ${now()})`);
}

// Edit the programme's frozen template (as another year's template might read): fn(config) changes it in place.
export function editConfig(db, programme, fn) {
  const config = JSON.parse(sql(db, `SELECT config FROM programme WHERE id = ${programme}`));
  fn(config);
  sql(db, `UPDATE programme SET config = ${lit(JSON.stringify(config))} WHERE id = ${programme}`);
}
