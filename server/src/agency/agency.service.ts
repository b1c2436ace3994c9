import type { EntityManager } from 'typeorm';
import type { CanonicalAgency } from './agency-names.js';

/** An agency to record, with every other name the documents gave it. */
export interface AgencyRecord {
  jurisdictionCode: string;
  name: string;
  kind: CanonicalAgency['kind'];
  collective: boolean;
  aliases: string[];
}

/** Key of an agency within the whole database: its jurisdiction and canonical name. */
export function agencyKey(agency: Pick<AgencyRecord, 'jurisdictionCode' | 'name'>): string {
  return `${agency.jurisdictionCode}/${agency.name}`;
}

/** Code-unit order, the same as PostgreSQL's "C" collation for these strings: stable across servers. */
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Folds resolved names into one record per agency, its printed names other than the canonical one as aliases. */
export function collectAgencies(resolved: Iterable<CanonicalAgency>): AgencyRecord[] {
  const records = new Map<string, AgencyRecord>();
  for (const agency of resolved) {
    const key = agencyKey(agency);
    const record = records.get(key) ?? {
      jurisdictionCode: agency.jurisdictionCode,
      name: agency.name,
      kind: agency.kind,
      collective: agency.collective,
      aliases: [],
    };
    if (agency.printedName !== agency.name && !record.aliases.includes(agency.printedName)) {
      record.aliases.push(agency.printedName);
    }
    records.set(key, record);
  }
  return [...records.values()]
    .map((record) => ({ ...record, aliases: record.aliases.sort(byCodeUnit) }))
    .sort((a, b) => byCodeUnit(agencyKey(a), agencyKey(b)));
}

/**
 * Records agencies and returns their ids by `agencyKey`. Agencies are shared by every plan of a
 * jurisdiction, so they are never deleted here: a known agency keeps its id and gains the new
 * aliases. One INSERT for all of them; rows that would not change are not rewritten.
 */
export async function upsertAgencies(manager: EntityManager, agencies: AgencyRecord[]): Promise<Map<string, number>> {
  if (agencies.length === 0) return new Map();
  const records = JSON.stringify(
    agencies.map((agency) => ({
      jurisdiction_code: agency.jurisdictionCode,
      name: agency.name,
      kind: agency.kind,
      collective: agency.collective,
      aliases: agency.aliases,
    })),
  );
  await manager.query(
    `INSERT INTO agency (jurisdiction_code, name, kind, collective, aliases)
     SELECT jurisdiction_code, name, kind, collective, aliases
     FROM jsonb_to_recordset($1::jsonb) AS r(jurisdiction_code varchar, name text, kind varchar, collective boolean, aliases text[])
     ON CONFLICT (jurisdiction_code, name) DO UPDATE SET
       kind = EXCLUDED.kind,
       collective = EXCLUDED.collective,
       aliases = ARRAY(SELECT DISTINCT alias COLLATE "C" FROM unnest(agency.aliases || EXCLUDED.aliases) AS alias ORDER BY 1)
     WHERE (agency.kind, agency.collective) IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.collective)
        OR NOT (agency.aliases @> EXCLUDED.aliases)`,
    [records],
  );
  const rows: { id: number; jurisdiction_code: string; name: string }[] = await manager.query(
    `SELECT agency.id, agency.jurisdiction_code, agency.name
     FROM agency JOIN jsonb_to_recordset($1::jsonb) AS r(jurisdiction_code varchar, name text)
       ON agency.jurisdiction_code = r.jurisdiction_code AND agency.name = r.name`,
    [records],
  );
  return new Map(rows.map((row) => [agencyKey({ jurisdictionCode: row.jurisdiction_code, name: row.name }), row.id]));
}
