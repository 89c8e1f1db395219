// award.mjs - steps of the Qingyuan 2025 government quality award (清强市办〔2025〕20号)
// shared by the award stories (t05xx, t06xx): a programme on the rehearsal
// clock, applicants, complete forms, evidence PDFs, submitted applications,
// score sheets that add up to a chosen total, dates on the official calendar
// as the CLI computes them, expert accounts.
import assert from 'node:assert/strict';
import { cli, PASSWORD } from './server.mjs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, startServer } from './server.mjs';
import { orgUscc } from './ident.mjs';


export const TEMPLATE = 'qingyuan-quality-award-2025';

export async function createProgramme(office) {
  const r = await office.post('/api/v1/programmes', { template: TEMPLATE });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}


// The last day of a period of n working days from start, by `pingxuan calendar end`.
export function calendarEnd(start, n) {
  const r = cli(['calendar', 'end', start, String(n)]);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

// Points for every leaf of a rubric ({items: [{code, points, leaf}]}) adding up to total (filled in order).
export function sheet(rubric, total) {
  let left = Math.round(total * 10);
  const scores = {};
  for (const it of rubric.items.filter((i) => i.leaf)) {
    const max = Math.round(Number(it.points) * 10);
    const give = Math.min(max, left);
    scores[it.code] = give / 10;
    left -= give;
  }
  assert.equal(left, 0, `a sheet of ${total} does not fit the rubric`);
  return scores;
}

// Accounts of role expert (for binding to the pool).
export async function expertAccounts(office, logins) {
  for (const login of logins) {
    const r = await office.post('/api/v1/accounts', { login, display_name: login, password: PASSWORD, role: 'expert',
      unit: '清远市质量奖评审专家库', region: '441800' });
    assert.equal(r.status, 201, r.text);
  }
}

export async function applicantAccount(office, login, region = '441802') {
  const r = await office.post('/api/v1/accounts', { login, display_name: login, password: PASSWORD, role: 'applicant',
    unit: login + ' 申报单位', region });
  assert.equal(r.status, 201, r.text);
}

// A CSV of the expert pool from rows [code, name, employer, region, fields, conflicts, login].
export function poolCsv(rows) {
  const q = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return ['code,name,employer,region,fields,conflicts,login', ...rows.map((r) => r.map((v) => q(v ?? '')).join(','))]
    .join('\n') + '\n';
}


// A server on the rehearsal clock keeping its files in the test's directory (srv.files).
export async function startAwardServer() {
  const dir = mkdtempSync(join(tmpdir(), 'pxtest-'));
  const files = join(dir, 'files');
  const srv = await startServer({ dir, args: ['--rehearsal', '--files-dir', files] });
  srv.files = files;
  return srv;
}

// Everything the database holds, as bytes: the SQLite file and its log, or a PostgreSQL dump.
export function databaseBytes(srv) {
  if (srv.db.includes('://')) {
    const r = spawnSync('pg_dump', ['--data-only', srv.db], { encoding: 'buffer', maxBuffer: 1 << 28 });
    assert.equal(r.status, 0, String(r.stderr));
    return r.stdout;
  }
  return Buffer.concat([srv.db, srv.db + '-wal'].filter(existsSync).map((f) => readFileSync(f)));
}

// Set the rehearsal clock's date (the server runs with --rehearsal).
export async function setClock(office, today) {
  const r = await office.post('/api/v1/clock', { today });
  assert.equal(r.status, 200, r.text);
}

export async function advance(office, pid, to) {
  const r = await office.post(`/api/v1/programmes/${pid}/advance`, { to });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.stage, to);
}

// The programme, opened for applications on `today`.
export async function openProgramme(office, today = '2025-09-22') {
  const r = await office.post('/api/v1/programmes', { template: TEMPLATE });
  assert.equal(r.status, 201, r.text);
  await setClock(office, today);
  await advance(office, r.json.id, 'application');
  return r.json.id;
}

let serial = 100;
// Register an organisation (by an applicant for itself, or by staff on its behalf).
export async function registerOrg(client, { region = '441802', founded_on = '2012-06-01', name, industry = 'C' } = {}) {
  const n = serial++;
  const body = { uscc: orgUscc(region, n), name: name ?? `清远测试企业${n}有限公司`, industry, region, founded_on };
  const r = await client.post('/api/v1/organisations', body);
  if (r.status === 202) { // an applicant for itself: the answer does not say what it got (t0260)
    const m = await client.get('/api/v1/applicants/mine');
    assert.equal(m.status, 200, m.text);
    assert.ok(m.json.organisation, 'the organisation is bound to the account');
    return m.json.organisation;
  }
  assert.equal(r.status, 201, r.text);
  return r.json;
}

export const MANUFACTURING = {
  main_products: '高压电缆', sampling_pass_rate: 99.5, contact: '张经理', contact_mobile: '13800138000',
  employees: 320, revenue_10k: 52000.25, quality_system: 'GB/T 19001 认证', introduction: '组织简介',
  practice: '卓越绩效模式的实践与成效', self_score: 812,
};

export const INDIVIDUAL = {
  position: '质量总监', mobile: '13912345678', education: '大学本科', deeds: '主要事迹',
  achievements: '质量创新成果', unit_opinion: '同意推荐',
};

// A minimal PDF: the signature, some bytes, the trailer.
export function pdf(size = 2048, fill = 0x41) {
  const head = Buffer.from('%PDF-1.7\n');
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length - tail.length), fill), tail]);
}

export async function upload(client, aid, files, query = '') {
  const fd = new FormData();
  for (const [name, bytes] of files) fd.append('file', new Blob([bytes], { type: 'application/pdf' }), name);
  return client.request('POST', `/api/v1/applications/${aid}/documents${query}`, { raw: fd });
}

// Create, fill, notify internally, attest, upload: an application complete
// in everything but submission (and eligibility, checked at submission).
export async function prepared(client, pid, { organisation, person, form = 'manufacturing', fields = MANUFACTURING } = {}) {
  const track = person ? 'individual' : 'organisation';
  let r = await client.post(`/api/v1/programmes/${pid}/applications`,
    person ? { track, form: 'individual', person } : { track, form, organisation });
  assert.equal(r.status, 201, r.text);
  const aid = r.json.id;
  r = await client.request('PUT', `/api/v1/applications/${aid}/form`, { body: person ? INDIVIDUAL : fields });
  assert.equal(r.status, 200, r.text);
  r = await client.post(`/api/v1/applications/${aid}/internal-notice`, { from: '2025-09-08', to: '2025-09-12', note: '公司公告栏' });
  assert.equal(r.status, 200, r.text);
  r = await client.post(`/api/v1/applications/${aid}/attest`, { no_record: true });
  assert.equal(r.status, 200, r.text);
  r = await upload(client, aid, [['申报表.pdf', pdf(4096, aid)]]);
  assert.equal(r.status, 201, r.text);
  return aid;
}

// A prepared application, submitted: it reaches `submitted`.
export async function submitted(client, pid, opts = {}) {
  const aid = await prepared(client, pid, opts);
  const r = await client.post(`/api/v1/applications/${aid}/submit`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'submitted');
  return aid;
}
