// Showing API errors: a message box by code (zh-CN), or the message beside
// the form field the server named.
import { ElMessage } from 'element-plus/es/components/message/index.mjs';
import 'element-plus/es/components/message/style/css';
import { errorText } from '../i18n/index.js';

export function showError(e) {
  ElMessage({ type: 'error', message: errorText(e) + (e.field ? ` (${e.field})` : ''), duration: 6000, showClose: true });
}
export function showOk(text) { ElMessage({ type: 'success', message: text }); }

// Run an action; on failure put the error beside its field (fieldErrors[field]) or show it.
export async function attempt(fn, fieldErrors) {
  if (fieldErrors) for (const k of Object.keys(fieldErrors)) delete fieldErrors[k];
  try { return await fn(); } catch (e) {
    if (!e.code) throw e;
    if (fieldErrors && e.field) fieldErrors[e.field] = errorText(e);
    showError(e);
    return undefined;
  }
}
