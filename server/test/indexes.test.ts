import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * Every relation the API follows is a lookup by foreign key (`WHERE plan_id IN (…)`), so every
 * foreign key needs an index whose leading columns are the key's.
 */
describe('foreign keys', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('all have an index', async () => {
    const unindexed: { foreign_key: string }[] = await db.dataSource.query(`
      SELECT c.conrelid::regclass || '(' || string_agg(a.attname, ', ') || ')' AS foreign_key
      FROM pg_constraint c
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
      WHERE c.contype = 'f' AND NOT EXISTS (
        SELECT 1 FROM pg_index i
        WHERE i.indrelid = c.conrelid AND (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] @> c.conkey)
      GROUP BY c.conrelid, c.conname`);
    expect(unindexed.map((row) => row.foreign_key)).toEqual([]);
    const [{ count }]: { count: number }[] = await db.dataSource.query(
      `SELECT count(*)::int AS count FROM pg_constraint WHERE contype = 'f'`,
    );
    expect(count).toBeGreaterThanOrEqual(15);
  });
});
