// campaign_bulletin.mjs - how long compiling a quality month's bulletin takes at the size of
// the Shenzhen campaign: 26 units with 10 activities each, every one reported, plus the
// summaries. The campaign is built through the API (as t1300 does) on a fresh SQLite database;
// the bulletin is then compiled five times and the median printed. With PX_ODOC_BIN set to a
// pingxuan that has `odoc`, the compiled JSON is also rendered as PDF and .docx and timed.
//   node bench/campaign_bulletin.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../tests/api/lib/server.mjs';
import { setClock } from '../tests/api/lib/award.mjs';
import { TEMPLATE, szOffice, unitAccounts } from '../tests/api/lib/campaign.mjs';

const must = (r, status) => { if (r.status !== status) throw new Error(`${r.status} ${r.text}`); return r.json; };
const srv = await startServer({ args: ['--rehearsal'] });
try {
  const office = await szOffice(srv);
  const pid = must(await office.post('/api/v1/programmes', { template: TEMPLATE }), 201).id;
  const section = must(await office.get(`/api/v1/programmes/${pid}/campaign`), 200);
  const units = await unitAccounts(srv, office, section.units.map((u, i) => [`u${String(i).padStart(2, '0')}`, u.name]));
  await setClock(office, '2015-08-03');
  const reqs = Object.fromEntries(must(await office.post(`/api/v1/programmes/${pid}/campaign/requests`, {}), 201).requests.map((r) => [r.code, r.id]));
  const t0 = Date.now();
  for (const [i, { client }] of Object.values(units).entries()) {
    const entries = [];
    for (let k = 0; k < 10; k++) {
      const a = must(await client.post(`/api/v1/programmes/${pid}/activities`, { title: `${section.units[i].name}质量活动${k + 1}`,
        focus: section.focuses[k % 4], starts_on: `2015-09-${String(1 + k * 2).padStart(2, '0')}`, ends_on: `2015-09-${String(2 + k * 2).padStart(2, '0')}`,
        place: section.units[i].name, organiser: section.units[i].name, description: '按照通知要求组织开展。', audience: 100 + k }), 201);
      must(await office.post(`/api/v1/campaign-activities/${a.id}/approve`, {}), 200);
      entries.push({ activity: a.id, held: true, held_on: a.starts_on, participants: 200 + k, media: ['https://www.sznews.com/'] });
    }
    await setClock(office, '2015-09-29');
    must(await client.post(`/api/v1/report-requests/${reqs.activities}/submission`, { content: { activities: entries, typical_case: '典型案例：' + '质量提升'.repeat(40) } }), 201);
    must(await client.post(`/api/v1/report-requests/${reqs.summary}/submission`, { content: { summary: '活动总结：' + '质量成就未来。'.repeat(60) } }), 201);
  }
  console.log(`built 26 units x 10 activities with reports in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const times = [];
  let doc;
  for (let n = 0; n < 5; n++) {
    const t = process.hrtime.bigint();
    doc = must(await office.get(`/api/v1/programmes/${pid}/documents/bulletin`), 200);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(`bulletin: ${doc.blocks.length} blocks, compiled in ${times[2].toFixed(1)} ms (median of 5, through HTTP)`);
  const dir = mkdtempSync(join(tmpdir(), 'pxbench-'));
  writeFileSync(join(dir, 'bulletin.json'), JSON.stringify(doc));
  if (process.env.PX_ODOC_BIN) {
    const r = spawnSync(process.env.PX_ODOC_BIN, ['odoc', '--json', join(dir, 'bulletin.json'), '--pdf', join(dir, 'bulletin.pdf'),
      '--docx', join(dir, 'bulletin.docx')], { encoding: 'utf8' });
    process.stdout.write(r.stdout + r.stderr);
  }
  console.log(`bulletin JSON in ${dir}`);
} finally {
  await srv.stop();
  srv.cleanup();
}
