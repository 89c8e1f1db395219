// The API client: JSON over /api/v1 with the session cookie and the CSRF
// token the session answer gave; every failure becomes an ApiError carrying
// the server's stable error code and field, which pages show by code.
import { reactive } from 'vue';

export const session = reactive({ account: null, csrf: '', checked: false });

export class ApiError extends Error {
  constructor(status, error) {
    super(error?.message || `HTTP ${status}`);
    this.status = status;
    this.code = error?.code || (status >= 500 ? 'server_error' : 'network_error');
    this.field = error?.field || null;
    this.rows = error?.rows || null;
  }
}

export async function api(method, path, body, { raw } = {}) {
  const headers = {};
  if (method !== 'GET' && session.csrf) headers['X-CSRF-Token'] = session.csrf;
  let payload;
  if (raw) payload = raw;
  else if (body !== undefined) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  let res;
  try {
    res = await fetch('/api/v1' + path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { code: 'network_error' });
  }
  const text = await res.text();
  let json;
  try { json = text ? JSON.parse(text) : {}; } catch { json = {}; }
  if (!res.ok) {
    if (res.status === 401 && session.account) { session.account = null; session.csrf = ''; }
    throw new ApiError(res.status, json.error);
  }
  return json;
}

export const get = (p) => api('GET', p);
export const post = (p, b = {}) => api('POST', p, b);
export const put = (p, b) => api('PUT', p, b);

// Upload files as multipart with progress (fetch has no upload progress).
export function upload(path, files, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const fd = new FormData();
    for (const f of files) fd.append('file', f, f.name);
    xhr.open('POST', '/api/v1' + path);
    xhr.setRequestHeader('X-CSRF-Token', session.csrf);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress?.(Math.round((e.loaded / e.total) * 100)); };
    xhr.onload = () => {
      let json = {};
      try { json = JSON.parse(xhr.responseText); } catch { /* empty */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(json);
      else reject(new ApiError(xhr.status, json.error));
    };
    xhr.onerror = () => reject(new ApiError(0, { code: 'network_error' }));
    xhr.send(fd);
  });
}

export async function loadSession() {
  try {
    const s = await get('/session');
    session.account = s.account;
    session.csrf = s.csrf_token;
  } catch {
    session.account = null;
  }
  session.checked = true;
}

export async function signIn(login, password) {
  const s = await post('/session', { login, password });
  session.account = s.account;
  session.csrf = s.csrf_token;
}

export async function signOut() {
  try { await api('DELETE', '/session'); } finally { session.account = null; session.csrf = ''; }
}
