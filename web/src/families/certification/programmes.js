// The certification programmes among all (their templates are 湖南名品's), newest last.
import { get } from '../../api.js';
export async function certificationProgrammes() {
  return (await get('/programmes')).programmes.filter((p) => p.template.includes('famous-products'));
}
