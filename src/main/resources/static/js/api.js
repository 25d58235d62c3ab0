// Omnicase's API from its own pages (the desk, the routing rules), one way: JSON in and out, the CSRF token from the
// XSRF-TOKEN cookie sent back in X-XSRF-TOKEN, an RFC 9457 problem (application/problem+json) read into a sentence a
// person can act on, a 401 sends the user to the login page. A plain ES module (no build step), loaded from this
// origin as the pages' Content-Security-Policy (script-src 'self') asks. The chat widget keeps its own code: it runs
// on customers' sites.

/** The CSRF token's header, from the cookie Spring Security writes; empty when there is no cookie (yet). */
export function csrfHeader() {
  const match = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]+)/);
  return match ? { 'X-XSRF-TOKEN': decodeURIComponent(match[1]) } : {};
}

/**
 * What a problem says, as one readable sentence: its detail (else its title), then each errors[] entry as
 * "field: message" that the detail does not already say.
 */
export function describeProblem(problem, status) {
  const lead = (problem && (problem.detail || problem.title)) || 'HTTP ' + status;
  const errors = problem && Array.isArray(problem.errors) ? problem.errors : [];
  const more = errors.map(e => (e.field ? e.field + ': ' : '') + (e.message || ''))
    .filter(line => line.trim() && !lead.includes(line));
  return [lead].concat(more).join('; ');
}

/** Seconds from a Retry-After header (seconds or an HTTP date), or null. */
function retryAfter(response) {
  const value = response.headers.get('Retry-After');
  if (!value) return null;
  const seconds = /^\d+$/.test(value.trim()) ? Number(value) : Math.ceil((Date.parse(value) - Date.now()) / 1000);
  return Number.isFinite(seconds) ? Math.max(seconds, 0) : null;
}

/**
 * The API refused: status, the problem as sent (or null), its readable message, and for 429 and 503 how many seconds
 * to wait (Retry-After), else null.
 */
export class ApiError extends Error {
  constructor(status, problem, retryAfterSeconds) {
    const wait = retryAfterSeconds == null ? '' : ' (try again in ' + retryAfterSeconds + ' s)';
    super(describeProblem(problem, status) + wait);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Calls the API and answers its JSON body (null if it has none); throws an {@link ApiError} for an error answer.
 * A 401 (the session has ended) sends the page to the login form.
 */
export async function request(method, path, payload) {
  // X-Requested-With: the server then leaves out its Basic challenge on a 401, which would open the browser's own
  // password dialog; the login form is where the user goes instead.
  const headers = Object.assign({ Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' }, csrfHeader());
  if (payload !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method, credentials: 'same-origin', headers,
    body: payload === undefined ? undefined : JSON.stringify(payload)
  });
  if (response.status === 401) {
    location.href = '/login';
    throw new ApiError(401, { title: 'Not logged in', detail: 'Log in to continue' }, null);
  }
  const type = response.headers.get('Content-Type') || '';
  const text = type.includes('json') ? await response.text() : '';
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const wait = response.status === 429 || response.status === 503 ? retryAfter(response) : null;
    throw new ApiError(response.status, body, wait);
  }
  return body;
}

export const getJson = path => request('GET', path);
export const postJson = (path, payload) => request('POST', path, payload);
export const putJson = (path, payload) => request('PUT', path, payload);
