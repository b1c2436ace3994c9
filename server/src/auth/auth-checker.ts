import type { AuthChecker } from 'type-graphql';
import type { Context } from '../graphql/context.js';
import { ApiError, ErrorCode } from '../graphql/errors.js';
import { Role } from './api-token.entity.js';
import { hasRole } from './token.service.js';

/**
 * type-graphql's check for `@Authorized(Role.EDITOR)`: reads stay public, changes need a valid,
 * unrevoked token of the role. Throws our own coded errors rather than returning false, so clients
 * can tell "no or bad token" (auth/unauthenticated) from "token lacks the role" (auth/forbidden).
 */
export const authChecker: AuthChecker<Context, Role> = async ({ context }, roles) => {
  const user = await context.user();
  if (!user) {
    throw new ApiError(ErrorCode.AUTH_UNAUTHENTICATED, 'This change needs an API token: send `Authorization: Bearer pa_…`.');
  }
  if (!roles.every((role) => hasRole(user, role))) {
    throw new ApiError(ErrorCode.AUTH_FORBIDDEN, `The token "${user.name}" lacks the role ${roles.join(', ')}.`);
  }
  return true;
};
