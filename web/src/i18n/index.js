// vue-i18n: zh-CN first, English switchable (remembered in localStorage).
import { createI18n } from 'vue-i18n';
import zh from './zh-CN.js';
import en from './en.js';

// Each programme family brings its texts in web/src/families/<name>/messages.js:
// export default { 'zh-CN': {...}, en: {...} }, found under the family's name ($t('ranking.x')).
for (const [path, m] of Object.entries(import.meta.glob('../families/*/messages.js', { eager: true }))) {
  const name = path.split('/')[2];
  zh[name] = m.default['zh-CN'];
  en[name] = m.default.en;
}

const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('px-lang') : null;
export const i18n = createI18n({ legacy: false, locale: saved || 'zh-CN', fallbackLocale: 'zh-CN', messages: { 'zh-CN': zh, en } });

export function setLanguage(lang) {
  i18n.global.locale.value = lang;
  localStorage.setItem('px-lang', lang);
  document.documentElement.lang = lang;
}

// The text of an API error: zh-CN by its code; English shows the server's message.
export function errorText(e) {
  const t = i18n.global;
  if (t.locale.value === 'en') return e.message || e.code;
  const k = `errors.${e.code}`;
  return t.te(k, 'zh-CN') ? t.t(k) : e.message || e.code;
}
