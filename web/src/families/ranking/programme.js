// The ranking programme the pages work on: the one named in the route, else the newest of kind 'ranking'.
import { get } from '../../api.js';

export const TRACKS = ['leading', 'consumer', 'tech', 'online', 'heritage'];
export const CRITERIA = ['brand_strategy', 'social_responsibility', 'economic_results', 'performance_excellence', 'quality_culture'];

export async function rankingProgramme(pid) {
  if (pid) return get(`/programmes/${pid}`);
  const { programmes } = await get('/programmes');
  return programmes.filter((p) => p.kind === 'ranking').at(-1) || null;
}
