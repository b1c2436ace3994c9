import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { authenticate, type TokenFailure } from '../auth/token.service.js';
import { createLoaders, type Loaders } from './loaders.js';

/** What every resolver receives: the database and this request's own DataLoaders. */
export interface Context {
  dataSource: DataSource;
  loaders: Loaders;
  /** Who sent the request (from `Authorization: Bearer …`), looked up only when a change asks. */
  user(): Promise<AuthUser | null>;
}

/**
 * A fresh context per request, so loader caches never outlive (or leak across) requests. A token
 * that fails is reported to `onAuthFailure` when the request first asks who sent it.
 */
export function createContext(
  dataSource: DataSource,
  authorization?: string,
  onAuthFailure: (failure: TokenFailure) => void = () => undefined,
): Context {
  let user: Promise<AuthUser | null> | undefined;
  return {
    dataSource,
    loaders: createLoaders(dataSource),
    user: () =>
      (user ??= authenticate(dataSource, authorization).then(({ user, failure }) => {
        if (failure) onAuthFailure(failure);
        return user;
      })),
  };
}
