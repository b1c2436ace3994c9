import type { DataSource, EntityManager } from 'typeorm';
import { bumpDataVersion } from '../cache/data-version.js';
import { paginate, type Connection, type Keyset, type PageArgs } from '../graphql/connection.js';
import { EntityReader } from '../graphql/batch.js';
import { AuditLog } from './audit-log.entity.js';
import type { AuthUser } from './auth-user.js';

/** What one audited change did. */
export interface AuditedChange {
  mutation: string;
  args: unknown;
  before: unknown;
  after: unknown;
  /** The plans it touched (their keys, `320612-2021`), so the log can be read plan by plan. */
  planIds: string[];
}

/**
 * Records a change made through the API, in the transaction that makes it, and moves the data
 * version on: every API change is audited, so no cached read outlives one.
 */
export async function recordAudit(manager: EntityManager, user: AuthUser, change: AuditedChange): Promise<void> {
  await manager.getRepository(AuditLog).insert({
    tokenId: user.tokenId,
    actor: user.name,
    mutation: change.mutation,
    planIds: [...new Set(change.planIds)],
    args: toJson(change.args) ?? {},
    before: toJson(change.before),
    after: toJson(change.after),
  });
  await bumpDataVersion(manager);
}

/** Newest first: an editor reads the log to see what just happened. */
const AUDIT_KEYSET: Keyset<AuditLog> = {
  name: 'AuditLog',
  columns: ['entry.id'],
  kinds: ['integer'],
  values: (entry) => [entry.id],
  descending: true,
};

/** A page of the audit log, newest first, of one plan (its key) or of all. */
export function findAuditLog(dataSource: DataSource, planId: string | null, page: PageArgs): Promise<Connection<AuditLog>> {
  const query = dataSource.getRepository(AuditLog).createQueryBuilder('entry');
  if (planId) query.where(':planId = ANY(entry.planIds)', { planId });
  return paginate(query, AUDIT_KEYSET, page, EntityReader.of(dataSource, AuditLog));
}

/** Entities as plain JSON (dates as ISO strings), so the log reads the same in psql and in code. */
function toJson(value: unknown): object | null {
  return value === undefined || value === null ? null : (JSON.parse(JSON.stringify(value)) as object);
}
