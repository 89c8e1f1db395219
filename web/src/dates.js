// Dates as people read them: with their weekday, and deadlines with the
// working days left on the official calendar (GET /api/v1/calendar).
import { ref } from 'vue';
import { get } from './api.js';
import { i18n } from './i18n/index.js';

const ZH = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const EN = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function weekday(date) {
  const d = new Date(date + 'T00:00:00Z');
  return ((d.getUTCDay() + 6) % 7) + 1;
}

export function fmtDate(date) {
  if (!date) return '—';
  const w = weekday(date);
  return i18n.global.locale.value === 'en' ? `${date} (${EN[w]})` : `${date}（${ZH[w]}）`;
}

export const today = ref(null);
export async function loadToday() {
  try { today.value = (await get('/clock')).today; } catch { today.value = new Date().toISOString().slice(0, 10); }
  return today.value;
}

const cache = new Map();
// Working days from tomorrow to `due` (both ends on the official calendar); negative when past.
export async function workdaysLeft(due) {
  const t = today.value || (await loadToday());
  if (!due || !t) return null;
  if (due < t) return -1;
  const key = `${t}:${due}`;
  if (!cache.has(key)) {
    const from = new Date(Date.parse(t + 'T00:00:00Z') + 86400000).toISOString().slice(0, 10);
    cache.set(key, from > due ? Promise.resolve(0)
      : get(`/calendar?from=${from}&to=${due}`).then((c) => c.workdays).catch(() => null));
  }
  return cache.get(key);
}
