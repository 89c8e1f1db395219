// w0000-i18n-keys: every error key the server's C sources can answer
// (scripts/error-keys.sh) has a zh-CN message in the web UI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import errors from '../../web/src/i18n/errors-zh.js';

test('every server error key has a zh-CN message', () => {
  const r = spawnSync(new URL('../../scripts/error-keys.sh', import.meta.url).pathname, { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const keys = r.stdout.split('\n').filter(Boolean);
  assert.ok(keys.length > 200, `only ${keys.length} keys found: the scan is broken`);
  for (const k of ['invalid_uscc', 'quota_exceeded', 'not_found', 'csrf_failed']) assert.ok(keys.includes(k), k);
  const missing = keys.filter((k) => !(k in errors));
  assert.deepEqual(missing, [], `zh-CN messages missing in web/src/i18n/errors-zh.js: ${missing.join(', ')}`);
  for (const [k, v] of Object.entries(errors)) assert.match(v, /[\u4e00-\u9fff]/, `${k} is not Chinese`);
});
