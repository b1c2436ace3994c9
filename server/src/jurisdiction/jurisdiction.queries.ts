import type { DataSource, FindOptionsWhere } from 'typeorm';
import { Jurisdiction, type JurisdictionLevel } from './jurisdiction.entity.js';

export interface JurisdictionQuery {
  level?: JurisdictionLevel | null;
  parentCode?: string | null;
}

/** Jurisdictions by code, optionally of one level or under one parent. */
export function listJurisdictions(dataSource: DataSource, { level, parentCode }: JurisdictionQuery): Promise<Jurisdiction[]> {
  const where: FindOptionsWhere<Jurisdiction> = {};
  if (level) where.level = level;
  if (parentCode) where.parentCode = parentCode;
  return dataSource.getRepository(Jurisdiction).find({ where, order: { code: 'ASC' } });
}
