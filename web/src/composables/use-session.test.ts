import { afterEach, describe, expect, it } from 'vitest';
import { authorizationHeaders, resetSession, useSession } from './use-session';

const TOKEN = 'pa_editor-token';

/** A server that knows one token. */
const fakeFetch = (async (_url: string, init: RequestInit) => {
  const known = (init.headers as Record<string, string>).authorization === `Bearer ${TOKEN}`;
  return new Response(JSON.stringify({ data: { viewer: known ? { name: 'editor-zhao', role: 'EDITOR' } : null } }));
}) as unknown as typeof fetch;

afterEach(() => {
  resetSession();
  sessionStorage.clear();
  localStorage.clear();
});

describe('useSession', () => {
  it('keeps a valid token for the session only, unless asked to remember it', async () => {
    const session = useSession({ fetch: fakeFetch });
    expect(await session.signIn(` ${TOKEN} `)).toBe(true);
    expect(session.viewer.value).toEqual({ name: 'editor-zhao', role: 'EDITOR' });
    expect(sessionStorage.getItem('plan-atlas.token')).toBe(TOKEN);
    expect(localStorage.getItem('plan-atlas.token')).toBeNull();
    expect(authorizationHeaders()).toEqual({ authorization: `Bearer ${TOKEN}` });

    expect(await session.signIn(TOKEN, true)).toBe(true);
    expect(localStorage.getItem('plan-atlas.token')).toBe(TOKEN);
    expect(sessionStorage.getItem('plan-atlas.token')).toBeNull();
  });

  it('refuses an unknown token and keeps nothing', async () => {
    const session = useSession({ fetch: fakeFetch });
    expect(await session.signIn('pa_wrong')).toBe(false);
    expect(session.isEditor.value).toBe(false);
    expect(sessionStorage.length + localStorage.length).toBe(0);
    expect(authorizationHeaders()).toEqual({});
  });

  it('signs out, forgetting the token everywhere', async () => {
    const session = useSession({ fetch: fakeFetch });
    await session.signIn(TOKEN, true);
    session.signOut();
    expect(session.viewer.value).toBeNull();
    expect(localStorage.getItem('plan-atlas.token')).toBeNull();
    expect(authorizationHeaders()).toEqual({});
  });

  it('restores a kept token the server still knows, and drops one it does not', async () => {
    sessionStorage.setItem('plan-atlas.token', TOKEN);
    await useSession({ fetch: fakeFetch }).restore();
    expect(useSession().viewer.value?.name).toBe('editor-zhao');
    resetSession();
    localStorage.setItem('plan-atlas.token', 'pa_revoked');
    sessionStorage.clear();
    await useSession({ fetch: fakeFetch }).restore();
    expect(useSession().isEditor.value).toBe(false);
    expect(localStorage.getItem('plan-atlas.token')).toBeNull();
  });
});
