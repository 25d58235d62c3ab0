// How every Omnicase page talks to the server: JSON in and out, the CSRF token on writes, errors as RFC 9457 problems.

/**
 * An answer other than 2xx, with the problem's title and detail when the server sent one; `problem` is the whole
 * problem body (extension members such as `errors`, which name the row and field a rejection is about).
 */
export class ApiError extends Error {
  constructor(readonly status: number, readonly title: string, readonly detail?: string,
              readonly problem?: Record<string, unknown>) {
    super(detail || title);
  }
}

/** The CSRF token Spring Security keeps in the XSRF-TOKEN cookie (readable by the page on purpose). */
export function csrfToken(): string {
  const match = document.cookie.split('; ').find(part => part.startsWith('XSRF-TOKEN='));
  return match ? decodeURIComponent(match.substring('XSRF-TOKEN='.length)) : '';
}

function headers(json: boolean): Record<string, string> {
  // X-Requested-With: a 401 then comes without a Basic challenge, so no browser password dialog appears.
  const all: Record<string, string> = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
  const token = csrfToken();
  if (token) all['X-XSRF-TOKEN'] = token;
  if (json) all['Content-Type'] = 'application/json';
  return all;
}

async function problem(response: Response): Promise<ApiError> {
  let title = response.statusText || 'Request failed';
  let detail: string | undefined;
  let whole: Record<string, unknown> | undefined;
  try {
    const body = await response.json();
    if (body && typeof body === 'object') {
      title = typeof body.title === 'string' ? body.title : title;
      detail = typeof body.detail === 'string' ? body.detail : undefined;
      whole = body;
    }
  } catch {
    // Not JSON (a proxy's page, say): the status says enough.
  }
  return new ApiError(response.status, title, detail, whole);
}

async function send<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: headers(body !== undefined),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    // The session ended while the page was open (signed out elsewhere, or an administrator changed the account): the
    // shell says so and offers to sign in again; what the page holds (a typed reply) stays on screen.
    if (response.status === 401) window.dispatchEvent(new CustomEvent(SESSION_ENDED));
    throw await problem(response);
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('Content-Type') || '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

/** The window event an API answer of 401 raises (AppShell listens). */
export const SESSION_ENDED = 'omnicase:session-ended';

let sessionCheckedAt = 0;

/**
 * A live stream failed: an EventSource does not say why, and a stream the server ended because the session ended (an
 * administrator changed the account) would only ever say "reconnecting". Asks who is signed in, at most every 10 s;
 * a 401 raises {@link SESSION_ENDED} like any other call.
 */
export function checkSession(): void {
  const now = Date.now();
  if (now - sessionCheckedAt < 10_000) return;
  sessionCheckedAt = now;
  send('GET', '/api/me').catch(() => undefined);
}

export const getJson = <T>(url: string) => send<T>('GET', url);
export const postJson = <T>(url: string, body?: unknown) => send<T>('POST', url, body ?? {});
export const putJson = <T>(url: string, body: unknown) => send<T>('PUT', url, body);
export const deleteJson = <T>(url: string) => send<T>('DELETE', url);

/** A query string from the set values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  Object.entries(params).forEach(([key, value]) => {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  });
  const text = search.toString();
  return text ? '?' + text : '';
}
