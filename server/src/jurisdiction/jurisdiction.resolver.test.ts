import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { loadReferenceData } from '../reference/reference.service.js';

describe('Query.jurisdictions', () => {
  let db: TestDatabase;
  let api: TestApi;
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadReferenceData(db.dataSource);
    api = await startTestApi(db.dataSource);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const search = async (args: string) => {
    const response = await api.query(`{ jurisdictions(${args}) { code fullName pinyin validUntil successor { code } } }`);
    expect(response.errors).toBeUndefined();
    return response.data!.jurisdictions as { code: string; fullName: string; pinyin: string; validUntil: number | null }[];
  };

  it('finds divisions by name, full name, short name or pinyin initials', async () => {
    expect((await search('search: "通州"')).map((j) => j.code)).toEqual(['110112', '320612']);
    expect((await search('search: "tzq"')).map((j) => j.fullName)).toEqual(['北京市通州区', '江苏省南通市通州区']);
    expect((await search('search: "南通市通州"')).map((j) => j.code)).toEqual(['320612']);
    // Exact names first, then higher levels: 南通市 before the districts whose full names hold it.
    const nantong = await search('search: "南通", first: 3');
    expect(nantong.map((j) => j.code)).toEqual(['320600', '320612', '320613']);
    expect(await search('search: "TZ", first: 100')).toEqual(expect.arrayContaining([expect.objectContaining({ code: '110112' })]));
  });

  it('shows ceased divisions with their successor, and filters by the year in force', async () => {
    const haimen = await search('search: "海门"');
    expect(haimen).toEqual([
      expect.objectContaining({ code: '320614', validUntil: null, successor: null }),
      expect.objectContaining({ code: '320684', validUntil: 2020, successor: { code: '320614' } }),
    ]);
    expect((await search('search: "海门", year: 2019')).map((j) => j.code)).toEqual(['320684']);
    expect((await search('search: "海门", year: 2022')).map((j) => j.code)).toEqual(['320614']);
  });

  it('keeps the level and parent filters, and refuses more than 100 at once', async () => {
    expect((await search('parentCode: "320600", year: 2021')).map((j) => j.code)).toEqual([
      '320612',
      '320613',
      '320614',
      '320623',
      '320681',
      '320682',
      '320685',
    ]);
    expect(await search('level: COUNTRY')).toEqual([expect.objectContaining({ code: '100000' })]);
    expect((await search('level: PROVINCE')).length).toBe(31);
    const refused = await api.query(`{ jurisdictions(first: 101) { code } }`);
    expect(refused.errors?.[0].extensions.code).toBe('input/first_too_large');
  });
});
