import type { DataSource } from 'typeorm';
import { EntityReader } from '../graphql/batch.js';
import { paginate, type Connection, type Keyset, type PageArgs, type PageOptions, type PageSql } from '../graphql/connection.js';
import { Agency, type AgencyKind } from './agency.entity.js';

export interface AgencyQuery {
  jurisdictionCode?: string | null;
  kind?: AgencyKind | null;
}

/** Agencies page by jurisdiction, then name: unique together. */
const AGENCY_KEYSET: Keyset<Agency> = {
  name: 'AgencyConnection',
  columns: ['agency.jurisdictionCode', 'agency.name'],
  kinds: ['text', 'text'],
  values: (agency) => [agency.jurisdictionCode, agency.name],
};

/** One page of the agencies by jurisdiction and name, optionally of one jurisdiction or one kind. */
export function findAgencies(
  dataSource: DataSource,
  { jurisdictionCode, kind }: AgencyQuery,
  page: PageArgs,
  options: PageOptions<Agency> = {},
): Promise<Connection<Agency>> {
  const query: PageSql = { dataSource, alias: 'agency', where: [], params: [] };
  const parameter = (value: unknown) => `$${query.params.push(value)}`;
  if (jurisdictionCode) query.where.push(`agency.jurisdiction_code = ${parameter(jurisdictionCode)}`);
  if (kind) query.where.push(`agency.kind = ${parameter(kind)}`);
  return paginate(query, AGENCY_KEYSET, page, EntityReader.of(dataSource, Agency), options);
}
