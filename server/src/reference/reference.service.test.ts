import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { readDataVersion } from '../cache/data-version.js';
import { readJurisdictionSeeds } from '../jurisdiction/jurisdiction.service.js';
import { readMetricSeeds } from '../metric/metric.service.js';
import { readThemeSeeds } from '../theme/theme.service.js';
import { loadReferenceData } from './reference.service.js';

describe('loadReferenceData', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  /** Each reference row's key and row version: a write, even of equal values, changes the version. */
  const rowVersions = async () =>
    (await db.dataSource.query(
      `SELECT 'jurisdiction' AS kind, code AS key, xmin::text AS version FROM jurisdiction
       UNION ALL SELECT 'theme', key, xmin::text FROM theme
       UNION ALL SELECT 'metric', key, xmin::text FROM metric
       ORDER BY kind, key`,
    )) as { kind: string; key: string; version: string }[];

  it('writes every row into an empty database and moves the data version once', async () => {
    const before = await readDataVersion(db.dataSource);
    const total = readJurisdictionSeeds().length + readThemeSeeds().length + readMetricSeeds().length;
    expect(await loadReferenceData(db.dataSource)).toBe(total);
    expect((await rowVersions()).length).toBe(total);
    expect(Number(await readDataVersion(db.dataSource))).toBe(Number(before) + 1);
  });

  it('writes nothing, and leaves the data version alone, when the rows match the files', async () => {
    const rows = await rowVersions();
    const version = await readDataVersion(db.dataSource);
    expect(await loadReferenceData(db.dataSource)).toBe(0);
    expect(await rowVersions()).toEqual(rows);
    expect(await readDataVersion(db.dataSource)).toBe(version);
  });

  it('restores a changed row and moves the data version, so cached answers showing it expire', async () => {
    const [campus] = readThemeSeeds().filter((theme) => theme.key === 'campus-food-safety');
    await db.dataSource.query(`UPDATE theme SET description = 'edited by hand' WHERE key = $1`, [campus.key]);
    await db.dataSource.query(`UPDATE metric SET match = '[]' WHERE key = $1`, [readMetricSeeds()[0].key]);
    const rows = await rowVersions();
    const version = await readDataVersion(db.dataSource);

    expect(await loadReferenceData(db.dataSource)).toBe(2);
    const [theme] = await db.dataSource.query(`SELECT description FROM theme WHERE key = $1`, [campus.key]);
    expect(theme.description).toBe(campus.description);
    const [metric] = await db.dataSource.query(`SELECT match FROM metric WHERE key = $1`, [readMetricSeeds()[0].key]);
    expect(metric.match).toEqual(readMetricSeeds()[0].match);
    expect(Number(await readDataVersion(db.dataSource))).toBe(Number(version) + 1);
    // Only the two restored rows were written.
    const changed = (await rowVersions()).filter((row, index) => row.version !== rows[index].version);
    expect(changed.map((row) => `${row.kind}:${row.key}`).sort()).toEqual([`metric:${readMetricSeeds()[0].key}`, `theme:${campus.key}`]);
  });
});
