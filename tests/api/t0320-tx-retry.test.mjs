// t0320-tx-retry: a use case's transaction is run again when the database
// asks for it. On PostgreSQL a trigger makes moving a programme's stage fail
// first with a serialization failure (SQLSTATE 40001), then with a deadlock
// (40P01); the request still succeeds, and the move is recorded once in the
// audit log, whose chain stays intact. On SQLite the same request runs once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, cli } from './lib/server.mjs';
import { isPg, sql } from './lib/db.mjs';
import { startAwardServer, createProgramme, setClock } from './lib/award.mjs';

let srv, office;

before(async () => {
  srv = await startAwardServer();
  office = await signedIn(srv.url, 'office');
});

after(async () => {
  await srv.stop();
  srv.cleanup();
});

// The first two updates of a programme fail as concurrent writers would make them fail.
// A sequence counts them: nextval() is not undone by the rollback that follows.
const FAIL_TWICE = `
CREATE SEQUENCE px_test_tx_fail;
CREATE FUNCTION px_test_tx_fail() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  CASE nextval('px_test_tx_fail')
    WHEN 1 THEN RAISE EXCEPTION 'test: could not serialize access' USING ERRCODE = '40001';
    WHEN 2 THEN RAISE EXCEPTION 'test: deadlock detected' USING ERRCODE = '40P01';
    ELSE RETURN NEW;
  END CASE;
END $$;
CREATE TRIGGER px_test_tx_fail BEFORE UPDATE ON programme FOR EACH ROW EXECUTE FUNCTION px_test_tx_fail();
`;

test('a stage move that meets a serialization failure and a deadlock is retried and audited once', async () => {
  await setClock(office, '2025-09-22');
  const pid = await createProgramme(office);
  if (isPg(srv.db)) sql(srv.db, FAIL_TWICE);

  const r = await office.post(`/api/v1/programmes/${pid}/advance`, { to: 'application' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.stage, 'application');

  if (isPg(srv.db)) assert.equal(sql(srv.db, 'SELECT last_value FROM px_test_tx_fail'), '3');
  assert.equal(sql(srv.db, `SELECT count(*) FROM audit WHERE action = 'programme.advance' AND object = 'programme:${pid}'`), '1');
  assert.equal(sql(srv.db, `SELECT stage_seq FROM programme WHERE id = ${pid}`), '1');
  assert.equal(sql(srv.db, `SELECT state FROM stage WHERE programme_id = ${pid} AND seq = 1`), 'open');
  const v = cli(['audit', 'verify', '--db', srv.db]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
  assert.match(v.stdout, /chain intact/);
});
