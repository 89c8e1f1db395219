// t0120-nginx-sample: the sample nginx site lets uploads as large as the
// server accepts through (10 PDFs of 20 MiB), and caps every other body at
// the server's --body-max default (1 MiB).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const conf = readFileSync(new URL('../../deploy/nginx/pingxuan.conf', import.meta.url), 'utf8');
const docH = readFileSync(new URL('../../src/app/programme/document.h', import.meta.url), 'utf8');

test('the upload location takes the server upload limit, everything else 1 MiB', () => {
  const fileMax = Number(/#define DOCUMENT_FILE_MAX \((\d+)u << 20\)/.exec(docH)[1]);
  const files = Number(/#define DOCUMENT_FILES_PER_REQUEST (\d+)/.exec(docH)[1]);
  const loc = /location ~ \^\/api\/v1\/applications\/\[0-9\]\+\/documents\$ \{([^}]*)\}/.exec(conf);
  assert.ok(loc, 'an upload location');
  const m = /client_max_body_size (\d+)m;/.exec(loc[1]);
  assert.ok(m, 'the upload location sets its own client_max_body_size');
  assert.ok(Number(m[1]) >= fileMax * files && Number(m[1]) <= fileMax * files + 8, `upload cap ${m[1]}m`);
  assert.match(loc[1], /proxy_request_buffering off;/);
  assert.match(conf, /\n\tclient_max_body_size 1m;/);
});
