import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { authenticate, type TokenFailure } from '../auth/token.service.js';
import { createLoaders, type Loaders } from './loaders.js';
import { ReadSnapshot } from './snapshot.js';

/** What every resolver receives: the database and this request's own DataLoaders. */
export interface Context {
  /** The database as this request sees it: one snapshot for a read (snapshot.ts). */
  dataSource: DataSource;
  snapshot: ReadSnapshot;
  loaders: Loaders;
  /** Who sent the request (from `Authorization: Bearer …`), looked up only when a change asks. */
  user(): Promise<AuthUser | null>;
}

/**
 * A fresh context per request, so loader caches never outlive (or leak across) requests. Reads
 * go through the request's snapshot (begun by the read cache, or at the first statement). A token
 * that fails is reported to `onAuthFailure` when the request first asks who sent it.
 */
export function createContext(
  dataSource: DataSource,
  authorization?: string,
  onAuthFailure: (failure: TokenFailure) => void = () => undefined,
  snapshot: ReadSnapshot = new ReadSnapshot(dataSource),
): Context {
  let user: Promise<AuthUser | null> | undefined;
  const requestData = snapshot.dataSource;
  return {
    dataSource: requestData,
    snapshot,
    loaders: createLoaders(requestData),
    user: () =>
      (user ??= authenticate(requestData, authorization).then(({ user, failure }) => {
        if (failure) onAuthFailure(failure);
        return user;
      })),
  };
}
