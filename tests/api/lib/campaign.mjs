// campaign.mjs - steps of the Shenzhen 2015 quality month (深质强办〔2015〕17号)
// shared by the campaign stories (t13xx): the Shenzhen office, member-unit
// accounts named as in attachment 1, the programme, photos as uploads.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cli, PASSWORD, signedIn } from './server.mjs';

export const TEMPLATE = 'shenzhen-quality-month-2015';
export const SZ = '440300';

// The Shenzhen office (made with the CLI: the test database's offices are Qingyuan's and Guangzhou's).
export async function szOffice(srv, login = 'szoffice') {
  const r = cli(['user', 'add', '--db', srv.db, '--login', login, '--role', 'office', '--unit',
    '深圳市质量强市工作领导小组办公室', '--region', SZ, '--password-stdin'], PASSWORD + '\n');
  assert.equal(r.status, 0, r.stderr);
  return signedIn(srv.url, login);
}

// Member-unit accounts: [[login, unit name]] -> {login: {client, id}}.
export async function unitAccounts(srv, office, units) {
  const out = {};
  for (const [login, unit] of units) {
    const r = await office.post('/api/v1/accounts', { login, display_name: unit, password: PASSWORD, role: 'member', unit, region: SZ });
    assert.equal(r.status, 201, r.text);
    out[login] = { id: r.json.id, client: await signedIn(srv.url, login) };
  }
  return out;
}

// A small PNG photo (the campaign's placeholder logo will do as one).
export function photo() {
  return readFileSync(new URL('../../../data/campaign/quality-month-logo.png', import.meta.url));
}

export async function uploadPhotos(client, request, files) {
  const fd = new FormData();
  for (const [name, bytes, type = 'image/png'] of files) fd.append('file', new Blob([bytes], { type }), name);
  return client.request('POST', `/api/v1/report-requests/${request}/files`, { raw: fd });
}
