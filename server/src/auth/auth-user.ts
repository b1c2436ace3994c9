import type { Role } from './api-token.entity.js';

/** Who sent a request, as its API token says. */
export interface AuthUser {
  tokenId: number;
  /** The token's name, recorded as the actor of changes. */
  name: string;
  role: Role;
}
