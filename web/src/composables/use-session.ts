import { stringifyDocument } from '@urql/core';
import { computed, readonly, shallowRef } from 'vue';
import { ViewerDocument } from '@/graphql/generated/graphql';

/**
 * Who is signed in: an editor's API token and what the server says it is. The token is kept in
 * sessionStorage (gone when the tab closes) unless the editor asks to be remembered, then in
 * localStorage; it is sent only in the Authorization header, never in a URL.
 */
export interface Viewer {
  name: string;
  role: 'EDITOR' | 'ADMIN';
}

const STORAGE_KEY = 'plan-atlas.token';

const token = shallowRef<string | null>(null);
const viewer = shallowRef<Viewer | null>(null);
let restored: Promise<void> | undefined;

function storages(): Storage[] {
  return [globalThis.sessionStorage, globalThis.localStorage].filter((storage): storage is Storage => !!storage);
}

/** Asks the server whose token this is; null when it is unknown or revoked. */
async function fetchViewer(candidate: string, fetcher: typeof fetch, url: string): Promise<Viewer | null> {
  const response = await fetcher(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${candidate}` },
    body: JSON.stringify({ query: stringifyDocument(ViewerDocument), operationName: 'Viewer' }),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = (await response.json()) as { data?: { viewer: Viewer | null } };
  return body.data?.viewer ?? null;
}

export interface SessionOptions {
  fetch?: typeof fetch;
  url?: string;
}

export function useSession(options: SessionOptions = {}) {
  const fetcher = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const url = options.url ?? '/graphql';

  /** Signs in with a pasted token; false when the server does not know it (nothing is kept then). */
  async function signIn(candidate: string, remember = false): Promise<boolean> {
    const trimmed = candidate.trim();
    const found = trimmed ? await fetchViewer(trimmed, fetcher, url) : null;
    if (!found) return false;
    for (const storage of storages()) storage.removeItem(STORAGE_KEY);
    (remember ? globalThis.localStorage : globalThis.sessionStorage)?.setItem(STORAGE_KEY, trimmed);
    token.value = trimmed;
    viewer.value = found;
    return true;
  }

  function signOut(): void {
    for (const storage of storages()) storage.removeItem(STORAGE_KEY);
    token.value = null;
    viewer.value = null;
  }

  /** Picks up a kept token once per page load, dropping it if the server no longer knows it. */
  function restore(): Promise<void> {
    restored ??= (async () => {
      const kept = storages()
        .map((storage) => storage.getItem(STORAGE_KEY))
        .find((value) => !!value);
      if (!kept) return;
      try {
        const found = await fetchViewer(kept, fetcher, url);
        if (found) {
          token.value = kept;
          viewer.value = found;
        } else signOut();
      } catch {
        // The server is unreachable: stay signed out for now, keep the token for the next visit.
      }
    })();
    return restored;
  }

  return {
    viewer: readonly(viewer),
    isEditor: computed(() => viewer.value !== null),
    signIn,
    signOut,
    restore,
  };
}

/** The Authorization header for the signed-in editor, or none. */
export function authorizationHeaders(): Record<string, string> {
  return token.value ? { authorization: `Bearer ${token.value}` } : {};
}

/** Forgets everything (for tests). */
export function resetSession(): void {
  token.value = null;
  viewer.value = null;
  restored = undefined;
}
