// The programme the award's staff pages work on: the newest award programme
// of the signed-in account's region (a county's or a unit's inside its city's),
// else the newest award, else the newest programme (GET /programmes).
import { get, session } from './api.js';
let cached;
export const within = (region, mine) => !!mine && mine.startsWith(String(region || '').replace(/0+$/, '') || '-');
function pick(list) {
  const byId = [...list].sort((a, b) => a.id - b.id);
  const awards = byId.filter((p) => p.kind === 'award' || p.kind === undefined);
  const mine = awards.filter((p) => within(p.region, session.account?.region));
  return mine.at(-1) || awards.at(-1) || byId.at(-1) || null;
}
export async function currentProgramme(fresh = false) {
  if (!cached || fresh) cached = get('/programmes').then((r) => pick(r.programmes));
  return cached;
}
