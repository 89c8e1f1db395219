// award.mjs - helpers shared by the award stage stories (t06xx): the
// Qingyuan programme, score sheets that add up to a chosen total, dates on
// the official calendar as the CLI computes them, expert accounts.
import assert from 'node:assert/strict';
import { cli, PASSWORD } from './server.mjs';

export const TEMPLATE = 'qingyuan-quality-award-2025';

export async function createProgramme(office) {
  const r = await office.post('/api/v1/programmes', { template: TEMPLATE });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

export async function setToday(office, today) {
  const r = await office.post('/api/v1/clock', { today });
  assert.equal(r.status, 200, r.text);
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
