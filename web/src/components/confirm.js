// Confirm before a destructive or irreversible action.
import { ElMessageBox } from 'element-plus/es/components/message-box/index.mjs';
import 'element-plus/es/components/message-box/style/css';
import { i18n } from '../i18n/index.js';

export async function confirmAction(text) {
  const t = i18n.global.t;
  try {
    await ElMessageBox.confirm(text, t('common.confirmTitle'), { confirmButtonText: t('common.confirm'), cancelButtonText: t('common.cancel'), type: 'warning' });
    return true;
  } catch { return false; }
}

// Ask for one line of text (e.g. the sealed seed of a draw); null when cancelled.
export async function promptText(text, value) {
  const t = i18n.global.t;
  try {
    const r = await ElMessageBox.prompt(text, t('common.confirmTitle'), { confirmButtonText: t('common.confirm'), cancelButtonText: t('common.cancel'), inputValue: value || '' });
    return r.value;
  } catch { return null; }
}
