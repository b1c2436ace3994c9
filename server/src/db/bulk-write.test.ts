import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { Theme } from '../theme/theme.entity.js';
import { insert, upsert, type RowOf } from './bulk-write.js';

describe('bulk writes', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  const theme: RowOf<Theme> = { key: 'bulk-write', name: '批量', nameEn: 'Bulk', description: 'x', keywords: ['批量'], ordinal: 999 };

  it('write the columns TypeORM declares, by property name, and rewrite only rows that differ', async () => {
    expect(await upsert(db.dataSource, Theme, [theme])).toBe(1);
    expect(await upsert(db.dataSource, Theme, [theme])).toBe(0);
    expect(await upsert(db.dataSource, Theme, [{ ...theme, nameEn: 'Bulk writes' }])).toBe(1);
    const [stored] = await db.dataSource.query(`SELECT name_en, keywords FROM theme WHERE key = $1`, [theme.key]);
    expect(stored).toEqual({ name_en: 'Bulk writes', keywords: ['批量'] });
  });

  it('refuse rows whose fields are not the written columns, which the types would have caught', async () => {
    // @ts-expect-error -- a missing column is a compile error
    const missing: RowOf<Theme> = { key: 'k', name: 'n', nameEn: 'n', description: 'd', keywords: [] };
    await expect(insert(db.dataSource, Theme, [missing])).rejects.toThrow(/theme: rows carry description, key, keywords, name, nameEn/);
    // A row built elsewhere may carry more than its type says: here a column the write leaves alone.
    await expect(insert(db.dataSource, Theme, [theme], { omit: ['ordinal'] })).rejects.toThrow(/written columns are/);
  });
});
