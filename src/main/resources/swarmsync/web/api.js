// The REST client of the web interface: a browser session (HttpOnly cookie) plus the CSRF
// token that every state-changing request repeats in X-CSRF-Token.

let csrfToken = null;

/** An error the API answered, with its HTTP status. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!response.ok) {
    const reason = data && data.error ? data.error : `HTTP ${response.status}`;
    throw new ApiError(response.status, reason);
  }
  return data;
}

/** Logs in; throws ApiError (401 wrong password, 429 too many tries). */
export async function login(password) {
  const data = await call('POST', '/rest/login', { password });
  csrfToken = data.csrf_token;
}

/** Picks up the session of a reloaded page; false when there is none. */
export async function resumeSession() {
  try {
    const data = await call('GET', '/rest/session');
    csrfToken = data.csrf_token || null;
    return csrfToken !== null;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return false;
    throw e;
  }
}

export async function logout() {
  try { await call('POST', '/rest/logout'); } finally { csrfToken = null; }
}

export const q = encodeURIComponent;
