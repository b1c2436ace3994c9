import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { verifyAuthorization } from '../auth/token.service.js';
import { createLoaders, type Loaders } from './loaders.js';

/** What every resolver receives: the database and this request's own DataLoaders. */
export interface Context {
  dataSource: DataSource;
  loaders: Loaders;
  /** Who sent the request (from `Authorization: Bearer …`), looked up only when a change asks. */
  user(): Promise<AuthUser | null>;
}

/** A fresh context per request, so loader caches never outlive (or leak across) requests. */
export function createContext(dataSource: DataSource, authorization?: string): Context {
  let user: Promise<AuthUser | null> | undefined;
  return {
    dataSource,
    loaders: createLoaders(dataSource),
    user: () => (user ??= verifyAuthorization(dataSource, authorization)),
  };
}
