// ranking.mjs - steps of the Guangzhou 2022 quality-brand ranking (广州市质量强市办 2022-07-18 通知)
// shared by the ranking stories (t10xx): the programme, the district bureaus of
// attachment 2, the ten member units and seven experts of the two panels,
// organisations registered by their district bureau, sheets on the five criteria.
import assert from 'node:assert/strict';
import { PASSWORD } from './server.mjs';
import { orgUscc } from './ident.mjs';

export const TEMPLATE = 'guangzhou-top100-brands-2022';
export const TRACKS = ['leading', 'consumer', 'tech', 'online', 'heritage'];
export const DISTRICTS = { yuexiu: '440104', tianhe: '440106', haizhu: '440105', huangpu: '440112' };
export const UNITS = ['广州市工业和信息化局', '广州市农业农村局', '广州市商务局', '广州市国资委', '广州市住建局',
  '广州市卫健委', '广州市环保局', '广州市科技局', '广州市文广旅局', '广州市市场监管局'];
export const CRITERIA = ['brand_strategy', 'social_responsibility', 'economic_results', 'performance_excellence',
  'quality_culture'];

export async function account(office, login, role, unit, region = '440100') {
  const r = await office.post('/api/v1/accounts', { login, display_name: login, password: PASSWORD, role, unit, region });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

// The rehearsal clock and the programme's stages.
export async function setClock(office, today) {
  const r = await office.post('/api/v1/clock', { today });
  assert.equal(r.status, 200, r.text);
}

export async function advance(office, pid, to) {
  const r = await office.post(`/api/v1/programmes/${pid}/advance`, { to });
  assert.equal(r.status, 200, r.text);
}

let serial = 500;
// An organisation of a district, registered by its bureau (no account of its own).
export async function districtOrg(bureau, region, name) {
  const n = serial++;
  const r = await bureau.post('/api/v1/organisations', { uscc: orgUscc(region, n), name: name ?? `广州品牌企业${n}有限公司`,
    industry: 'C', region, founded_on: '2010-03-01' });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

export function registration(organisation, tracks, brand = '品牌') {
  return { organisation, tracks, brand, description: '质量品牌战略与质量文化建设情况', contact: '李经理', attest: true };
}

// A sheet of the five criteria (20 points each) adding up to total.
export function sheet(total) {
  let left = Math.round(total * 10);
  const s = {};
  for (const c of CRITERIA) {
    const give = Math.min(200, left);
    s[c] = give / 10;
    left -= give;
  }
  assert.equal(left, 0);
  return s;
}
