import type { DataSource } from 'typeorm';
import { bumpDataVersion } from '../cache/data-version.js';
import { syncJurisdictions } from '../jurisdiction/jurisdiction.service.js';
import { loadMetricSeeds } from '../metric/metric.service.js';
import { loadThemeSeeds } from '../theme/theme.service.js';

/**
 * Brings the reference data (seeds/reference/: jurisdictions, themes, metrics) in line with its
 * files, once per process: the server on start, each CLI before its work. importPlan needs the
 * jurisdictions and runAlignment the themes and metrics, and neither loads them itself. Only rows
 * that differ are written, and then the data version moves in the same transaction, so a cached
 * answer that showed the old rows is not served again. Returns how many rows were written.
 */
export function loadReferenceData(dataSource: DataSource): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const written = (await syncJurisdictions(manager)) + (await loadThemeSeeds(manager)) + (await loadMetricSeeds(manager));
    if (written > 0) await bumpDataVersion(manager);
    return written;
  });
}
