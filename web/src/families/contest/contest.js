// The contest programmes among all (templates of kind contest), newest last.
import { get } from '../../api.js';
export async function contestProgrammes() {
  return (await get('/programmes')).programmes.filter((p) => p.kind === 'contest' || p.template.includes('contest'));
}
// A file size for people (MiB with one decimal).
export const mib = (n) => `${(n / 1048576).toFixed(n < 1048576 ? 2 : 1)} MiB`;
// What a file input accepts for a form's work.
export function acceptOf(work) {
  if (work === 'video') return 'video/mp4,video/webm,video/quicktime';
  if (work === 'image') return 'image/jpeg,image/png';
  return 'video/mp4,video/webm,video/quicktime,image/jpeg,image/png';
}
