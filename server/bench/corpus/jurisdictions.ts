import { JurisdictionLevel } from '../../src/jurisdiction/jurisdiction.entity.js';
import { readJurisdictionSeeds, type JurisdictionSeed } from '../../src/jurisdiction/jurisdiction.service.js';

/**
 * The bench's jurisdictions: the real divisions in force today (seeds/reference/jurisdictions.json,
 * ~3,200, which the server loads on start), without the country, so each lineage ends at its
 * province. `provinces` keeps the first n provinces in code order, or those whose codes open with
 * the given two digits (for a smaller corpus).
 */
export function benchJurisdictions(provinces: number | readonly string[] = Infinity): JurisdictionSeed[] {
  const all = readJurisdictionSeeds().filter(
    (jurisdiction) => jurisdiction.level !== JurisdictionLevel.COUNTRY && jurisdiction.validUntil === null,
  );
  const kept = new Set(
    typeof provinces === 'number'
      ? all
          .filter((jurisdiction) => jurisdiction.level === JurisdictionLevel.PROVINCE)
          .slice(0, provinces)
          .map((province) => province.code.slice(0, 2))
      : provinces,
  );
  return all.filter((jurisdiction) => kept.has(jurisdiction.code.slice(0, 2)));
}
