// The programme staff pages work on: the newest one (GET /programmes).
import { get } from './api.js';
let cached;
export async function currentProgramme(fresh = false) {
  if (!cached || fresh) cached = get('/programmes').then((r) => r.programmes.at(-1) || null);
  return cached;
}
