import type { EntityManager } from 'typeorm';
import { bumpDataVersion } from '../cache/data-version.js';
import { AuditLog } from './audit-log.entity.js';
import type { AuthUser } from './auth-user.js';

/**
 * Records a change made through the API, in the transaction that makes it, and moves the data
 * version on: every API change is audited, so no cached read outlives one.
 */
export async function recordAudit(
  manager: EntityManager,
  user: AuthUser,
  mutation: string,
  args: unknown,
  before: unknown,
  after: unknown,
): Promise<void> {
  await manager.getRepository(AuditLog).insert({
    tokenId: user.tokenId,
    actor: user.name,
    mutation,
    args: toJson(args) ?? {},
    before: toJson(before),
    after: toJson(after),
  });
  await bumpDataVersion(manager);
}

/** Entities as plain JSON (dates as ISO strings), so the log reads the same in psql and in code. */
function toJson(value: unknown): object | null {
  return value === undefined || value === null ? null : (JSON.parse(JSON.stringify(value)) as object);
}
