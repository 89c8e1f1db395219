// The campaign programme the pages show: the one named in the route, else the first programme
// that answers as a campaign (GET /programmes/{id}/campaign).
import { get } from '../../api.js';

export async function findCampaign(pid) {
  if (pid) return get(`/programmes/${pid}/campaign`);
  const list = (await get('/programmes')).programmes || [];
  for (const p of list) {
    try { return await get(`/programmes/${p.id}/campaign`); } catch { /* not a campaign */ }
  }
  return null;
}
