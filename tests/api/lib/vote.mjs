// vote.mjs - a voter for the public vote's tests: a phone (fetch with its
// own cookie jar for px_voter and px_device, an X-Forwarded-For address that
// a server started with --trust-proxy 127.0.0.1 believes), and the codes
// the `file` SMS gateway wrote.
import { readFileSync, existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export class Voter {
  constructor(url, { address = '10.0.0.1', device = '' } = {}) {
    this.url = url; this.address = address; this.cookies = {};
    if (device) this.cookies.px_device = device;
  }

  async request(method, path, body) {
    const h = { 'x-forwarded-for': this.address };
    const jar = Object.entries(this.cookies).filter(([, v]) => v).map(([k, v]) => `${k}=${v}`).join('; ');
    if (jar) h.cookie = jar;
    if (body !== undefined) h['content-type'] = 'application/json';
    const res = await fetch(this.url + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const c of res.headers.getSetCookie?.() ?? []) {
      const m = /^(px_voter|px_device)=([^;]*)/.exec(c);
      if (m) this.cookies[m[1]] = m[2];
    }
    const text = await res.text();
    let json;
    try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: res.status, headers: res.headers, json, text };
  }

  get(path) { return this.request('GET', path); }
  post(path, body) { return this.request('POST', path, body); }
}

// The last code the file gateway sent to phone (waits briefly for the line).
export async function lastCode(smsLog, phone) {
  for (let i = 0; i < 40; i++) {
    if (existsSync(smsLog)) {
      const lines = readFileSync(smsLog, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
      const mine = lines.filter((l) => l.phone === phone);
      if (mine.length) return mine[mine.length - 1].params.code;
    }
    await sleep(25);
  }
  throw new Error(`no code sent to ${phone}`);
}

// Ask for a code and verify it: the voter holds a session afterwards.
export async function verify(voter, smsLog, phone) {
  let r = await voter.post('/api/v1/vote/codes', { phone });
  if (r.status !== 202) throw new Error(`code for ${phone}: ${r.status} ${r.text}`);
  const code = await lastCode(smsLog, phone);
  r = await voter.post('/api/v1/vote/sessions', { phone, code });
  if (r.status !== 201) throw new Error(`session for ${phone}: ${r.status} ${r.text}`);
  return r;
}

// A programme that votes: the award template with its shortlist stage made a vote stage, the vote's
// settings in its section, at that stage, with n organisations standing in the organisation track.
// openEnded drops the stage's dates (a vote on the real date, for the benchmarks).
export async function voteProgramme(db, office, { settings = {}, n = 5, today = '2025-11-24', openEnded = false } = {}) {
  const { createProgramme, setClock } = await import('./award.mjs');
  const { sql, addOrganisation, addApplication, putStage, usccFor, editConfig } = await import('./fixture.mjs');
  const pid = await createProgramme(office);
  await setClock(office, today);
  editConfig(db, pid, (c) => {
    const s = c.stages.find((x) => x.code === 'shortlist');
    s.kind = 'vote';
    s.title = '网络人气投票';
    delete s.max;
    if (openEnded) { delete s.opens; delete s.closes; }
    c.section = { vote: settings };
  });
  sql(db, `UPDATE stage SET kind = 'vote', title = '网络人气投票'${openEnded ? ', opens_on = NULL, closes_on = NULL' : ''} ` +
    `WHERE programme_id = ${pid} AND code = 'shortlist'`);
  putStage(db, pid, 'shortlist');
  const orgs = [];
  for (let i = 1; i <= n; i++) {
    const org = addOrganisation(db, { uscc: usccFor('441802', i), name: `清远品牌${i}有限公司` });
    orgs.push(addApplication(db, { programme: pid, organisation: org, region: '441802', state: 'accepted' }));
  }
  return { pid, orgs };
}
