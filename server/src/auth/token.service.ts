import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { IsNull, type DataSource } from 'typeorm';
import { ApiToken, Role } from './api-token.entity.js';
import type { AuthUser } from './auth-user.js';

/** Every token starts with this, so a leaked one is easy to recognise (and to scan for). */
export const TOKEN_PREFIX = 'pa_';
/** Characters of the token (after `pa_`) stored in clear to find its row. */
const LOOKUP_LENGTH = 8;

function sha256(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

function lookupPrefix(token: string): string {
  return token.slice(0, TOKEN_PREFIX.length + LOOKUP_LENGTH);
}

/** Creates a token: 32 random bytes, base64url, after `pa_`. The token is returned once and never stored. */
export async function createToken(dataSource: DataSource, role: Role, name: string): Promise<{ token: string; record: ApiToken }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const record = await dataSource
    .getRepository(ApiToken)
    .save(
      Object.assign(new ApiToken(), { name, role, prefix: lookupPrefix(token), sha256: sha256(token).toString('hex'), revokedAt: null }),
    );
  return { token, record };
}

/** Revokes tokens by id or by their printed prefix (`pa_AbCdEfGh`); returns those revoked. */
export async function revokeToken(dataSource: DataSource, idOrPrefix: string): Promise<ApiToken[]> {
  const repository = dataSource.getRepository(ApiToken);
  const where = /^\d+$/.test(idOrPrefix) ? { id: Number(idOrPrefix), revokedAt: IsNull() } : { prefix: idOrPrefix, revokedAt: IsNull() };
  const tokens = await repository.findBy(where);
  for (const token of tokens) token.revokedAt = new Date();
  return repository.save(tokens);
}

export function listTokens(dataSource: DataSource): Promise<ApiToken[]> {
  return dataSource.getRepository(ApiToken).find({ order: { id: 'ASC' } });
}

/** Why a presented `Authorization` header did not authenticate; it holds no part of the token. */
export type TokenFailure = { reason: 'malformed' } | { reason: 'unknown' } | { reason: 'revoked'; tokenId: number };

/** What an `Authorization` header says: a user, nobody (no header), or a failed attempt and why. */
export type Authentication = { user: AuthUser; failure?: undefined } | { user: null; failure: TokenFailure | null };

/**
 * The user behind an `Authorization: Bearer pa_…` header. A missing header is no one (reads are
 * public); a header that is not a bearer token, or a token unknown or revoked, is a failure, which
 * callers log. The row is found by the token's prefix and the SHA-256 hashes are compared in
 * constant time, so response times say nothing about how close a guess was.
 */
export async function authenticate(dataSource: DataSource, authorization: string | undefined): Promise<Authentication> {
  if (!authorization) return { user: null, failure: null };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match || !match[1].startsWith(TOKEN_PREFIX)) return { user: null, failure: { reason: 'malformed' } };
  const token = match[1];
  const presented = sha256(token);
  // Revoked tokens too, to say so in the log (their id, as `token list` shows it).
  const candidates = await dataSource.getRepository(ApiToken).findBy({ prefix: lookupPrefix(token) });
  for (const candidate of candidates) {
    if (timingSafeEqual(presented, Buffer.from(candidate.sha256, 'hex'))) {
      if (candidate.revokedAt) return { user: null, failure: { reason: 'revoked', tokenId: candidate.id } };
      return { user: { tokenId: candidate.id, name: candidate.name, role: candidate.role } };
    }
  }
  return { user: null, failure: { reason: 'unknown' } };
}

/** An admin may do whatever an editor may. */
export function hasRole(user: AuthUser, required: Role): boolean {
  return user.role === Role.ADMIN || user.role === required;
}
