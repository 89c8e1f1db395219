// t0660-rehearsal-instants: on a rehearsal server the instants it records
// (submitted_at) fall on the rehearsal date, not on the real one, so the
// earliest-submission tie-break (submitted_asc) follows the rehearsal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, ok } from './lib/server.mjs';
import { startAwardServer, openProgramme, registerOrg, submitted, setClock } from './lib/award.mjs';

let srv, office, qingcheng, pid;
before(async () => {
  srv = await startAwardServer();
  office = await signedIn(srv.url, 'office');
  qingcheng = await signedIn(srv.url, 'qingcheng');
  pid = await openProgramme(office, '2025-09-22');
});
after(async () => { const r = await srv.stop(); assert.equal(r.code, 0, srv.log()); srv.cleanup(); });

// The date of an instant in China (UTC+8), as the server's dates are.
const chinaDate = (iso) => new Date(Date.parse(iso) + 8 * 3600 * 1000).toISOString().slice(0, 10);

test('submitted_at falls on the rehearsal date and orders submissions by it', async () => {
  await setClock(office, '2025-10-10');
  const later = await submitted(qingcheng, pid, { organisation: (await registerOrg(qingcheng)).id });
  await setClock(office, '2025-09-25'); // the rehearsal replays an earlier day
  const earlier = await submitted(qingcheng, pid, { organisation: (await registerOrg(qingcheng)).id });
  const a = ok(await office.get(`/api/v1/applications/${later}`));
  const b = ok(await office.get(`/api/v1/applications/${earlier}`));
  assert.equal(chinaDate(a.submitted_at), '2025-10-10', a.submitted_at);
  assert.equal(chinaDate(b.submitted_at), '2025-09-25', b.submitted_at);
  assert.ok(Date.parse(b.submitted_at) < Date.parse(a.submitted_at), 'the earlier rehearsal day submits first');
});
