import type { DataSource } from 'typeorm';
import { Jurisdiction, type JurisdictionLevel } from './jurisdiction.entity.js';

export interface JurisdictionQuery {
  level?: JurisdictionLevel | null;
  parentCode?: string | null;
  /** Part of a name (通州, 南通市通州) or the start of its pinyin initials (tzq). */
  search?: string | null;
  /** Only divisions in force this year. */
  year?: number | null;
  first?: number | null;
}

/** The most a search returns, and what it returns when not told. */
export const MAX_JURISDICTIONS = 100;
export const DEFAULT_SEARCH_RESULTS = 20;

/**
 * Jurisdictions by code, optionally of one level, under one parent, in force in one year, or
 * matching a search. A search ranks exact names first, then names that start with it, then those
 * in force before ceased ones, then the higher levels (南通市 before 通州区), then codes; without
 * one, all matches come in code order.
 */
export function listJurisdictions(
  dataSource: DataSource,
  { level, parentCode, search, year, first }: JurisdictionQuery,
): Promise<Jurisdiction[]> {
  const query = dataSource.getRepository(Jurisdiction).createQueryBuilder('j');
  if (level) query.andWhere('j.level = :level', { level });
  if (parentCode) query.andWhere('j.parent_code = :parentCode', { parentCode });
  if (year !== null && year !== undefined) {
    query.andWhere('(j.valid_from IS NULL OR j.valid_from <= :year) AND (j.valid_until IS NULL OR j.valid_until >= :year)', { year });
  }
  const term = search?.replace(/[\s\u3000]/g, '') ?? '';
  if (term !== '') {
    const pattern = `%${escapeLike(term)}%`;
    const prefix = `${escapeLike(term.toLowerCase())}%`;
    query
      .andWhere('(j.name LIKE :pattern OR j.full_name LIKE :pattern OR j.short_name LIKE :pattern OR j.pinyin LIKE :prefix)', {
        pattern,
        prefix,
      })
      .orderBy('CASE WHEN j.name = :term OR j.short_name = :term OR j.pinyin = :lower THEN 0 WHEN j.name LIKE :starts THEN 1 ELSE 2 END')
      .addOrderBy('j.valid_until IS NOT NULL')
      .addOrderBy(LEVEL_RANK)
      .setParameters({ term, lower: term.toLowerCase(), starts: `${escapeLike(term)}%` });
  }
  query.addOrderBy('j.code', 'ASC');
  const limit = first ?? (term !== '' ? DEFAULT_SEARCH_RESULTS : null);
  if (limit !== null) query.limit(limit);
  return query.getMany();
}

const LEVEL_RANK = `CASE j.level WHEN 'COUNTRY' THEN 0 WHEN 'PROVINCE' THEN 1 WHEN 'CITY' THEN 2 ELSE 3 END`;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
