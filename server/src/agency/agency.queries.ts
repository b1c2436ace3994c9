import type { DataSource, FindOptionsWhere } from 'typeorm';
import { Agency, type AgencyKind } from './agency.entity.js';

export interface AgencyQuery {
  jurisdictionCode?: string | null;
  kind?: AgencyKind | null;
}

/** Agencies by jurisdiction and name, optionally of one jurisdiction or one kind. */
export function listAgencies(dataSource: DataSource, { jurisdictionCode, kind }: AgencyQuery): Promise<Agency[]> {
  const where: FindOptionsWhere<Agency> = {};
  if (jurisdictionCode) where.jurisdictionCode = jurisdictionCode;
  if (kind) where.kind = kind;
  return dataSource.getRepository(Agency).find({ where, order: { jurisdictionCode: 'ASC', name: 'ASC' } });
}
