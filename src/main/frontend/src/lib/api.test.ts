import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkSession, SESSION_ENDED } from './api';

afterEach(() => vi.unstubAllGlobals());

describe('checkSession', () => {
  it('asks who is signed in after a stream failed, says the session ended on a 401, and asks at most every 10 s', async () => {
    const fetch = vi.fn(() => Promise.resolve(new Response(JSON.stringify({ title: 'Unauthorized', status: 401 }),
      { status: 401, headers: { 'Content-Type': 'application/problem+json' } })));
    vi.stubGlobal('fetch', fetch);
    const ended = vi.fn();
    window.addEventListener(SESSION_ENDED, ended);

    checkSession();
    checkSession();
    await vi.waitFor(() => expect(ended).toHaveBeenCalledOnce());

    expect(fetch).toHaveBeenCalledOnce();
    expect((fetch.mock.calls[0] as unknown[])[0]).toBe('/api/me');
    window.removeEventListener(SESSION_ENDED, ended);
  });
});
