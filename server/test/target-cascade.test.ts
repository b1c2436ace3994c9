import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LAXER_SCAN } from '../src/cascade/cascade.service.js';
import { seedsDir } from '../src/common/paths.js';
import { fromGlobalId, toGlobalId } from '../src/graphql/global-id.js';
import { importPlan } from '../src/importer/import-service.js';
import { loadReferenceData } from '../src/reference/reference.service.js';
import { startTestApi, type TestApi } from './api.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * 江苏省 2021 (test/fixtures/jiangsu-2021.txt) sets 市场监管环节抽检量 5 批次/千人, 农产品监测合格率
 * 98 %, 抽检合格率 98 %, 按时完成率 90 %. 南通市 2021 (nantong-2021.txt) states its sampling as a
 * volume (2.8 万批次: another unit), and sets 97.5 %, 97.5 %, 85 %, 自查率 100 %. Under them the seeds:
 * 通州区 2021 (6 批次/千人, 97 %, 98 %, 85 %, 自查率 100 %) and 徐州市 2021 (4.5 批次/千人 for the year
 * and as a cumulative schedule 1.5 → 3.5 → 4.5; 农产品和食品 6 批次/千人, another subject).
 */
const key = (id: string) => fromGlobalId(id).key;
const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name));

describe('targets down the hierarchy', () => {
  let db: TestDatabase;
  let api: TestApi;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadReferenceData(db.dataSource);
    await importPlan(db.dataSource, { fileName: 'jiangsu-2021.txt', bytes: fixture('jiangsu-2021.txt') });
    await importPlan(db.dataSource, { fileName: 'nantong-2021.txt', bytes: fixture('nantong-2021.txt') });
    await importPlan(db.dataSource, { fileName: 'tongzhou-2021.txt', bytes: readFileSync(join(seedsDir, 'tongzhou-2021.txt')) });
    await importPlan(db.dataSource, { fileName: 'xuzhou-2021.md', bytes: readFileSync(join(seedsDir, 'xuzhou-2021.md')) });
    api = await startTestApi(db.dataSource);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const VERDICTS = `distance verdict reason parent { id }`;

  async function cascadeOf(indicatorKey: string) {
    const response = await api.query(
      `{ node(id: "${toGlobalId('Indicator', indicatorKey)}") { ... on Indicator { cascade { ${VERDICTS} } } } }`,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.node.cascade.map((v: any) => [v.distance, key(v.parent.id), v.verdict, v.reason]);
  }

  it("judges Tongzhou's targets against Nantong's and Jiangsu's, nearest first", async () => {
    // 抽检量 6 批次/千人: the city's volume does not compare; the province's 5 does.
    expect(await cascadeOf('320612-2021-t4-c1-i1')).toEqual([
      [
        1,
        '320600-2021-t3-c1-i1',
        'NOT_COMPARABLE',
        'unit 批次/千人 differs from 万批次; subject "市场监管环节食品安全监督抽检量" differs from "全市完成食品安全监督抽检"',
      ],
      [2, '320000-2021-t3-c1-i1', 'STRICTER', null],
    ]);
    // 按时完成率 85 %: the city's 85, the province's 90.
    expect(await cascadeOf('320612-2021-t4-c1-i3')).toEqual([
      [1, '320600-2021-t3-c1-i3', 'EQUAL', null],
      [2, '320000-2021-t3-c1-i3', 'LAXER', null],
    ]);
    // 农产品监测合格率 97 %: below both.
    expect(await cascadeOf('320612-2021-t4-c1-i4')).toEqual([
      [1, '320600-2021-t3-c1-i4', 'LAXER', null],
      [2, '320000-2021-t3-c1-i4', 'LAXER', null],
    ]);
    // 抽检合格率 98 %: above the city's 97.5, equal to the province's.
    expect(await cascadeOf('320612-2021-t4-c1-i5')).toEqual([
      [1, '320600-2021-t3-c1-i5', 'STRICTER', null],
      [2, '320000-2021-t3-c1-i5', 'EQUAL', null],
    ]);
    // 自查率 100 %: only the city sets one.
    expect(await cascadeOf('320612-2021-t3-c1-i1')).toEqual([[1, '320600-2021-t2-c1-i1', 'EQUAL', null]]);
    // 名特优 8 家: nobody above sets one.
    expect(await cascadeOf('320612-2021-t8-c1-i3')).toEqual([]);
  });

  it("compares Xuzhou's cumulative quarters by their year-end value, and says why other targets do not compare", async () => {
    const yearEnd = 'year-end value 4.5批次/千人 of a cumulative quarterly target';
    expect(await cascadeOf('320300-2021-r2-i3')).toEqual([[1, '320000-2021-t3-c1-i1', 'LAXER', yearEnd]]);
    expect(await cascadeOf('320300-2021-t1-c2-i1')).toEqual([[1, '320000-2021-t3-c1-i1', 'LAXER', null]]);
    expect(await cascadeOf('320300-2021-t1-c1-i1')).toEqual([
      [1, '320000-2021-t3-c1-i1', 'NOT_COMPARABLE', 'subject "全市农产品和食品抽检量" differs from "市场监管环节食品安全监督抽检量"'],
    ]);
    expect(await cascadeOf('320300-2021-r2-i2')).toEqual([[1, '320000-2021-t3-c1-i3', 'NOT_COMPARABLE', 'period Q1 differs from YEAR']]);
  });

  it('gives each reason in parts, for the web app to word in Chinese or English', async () => {
    const partsOf = async (indicatorKey: string) => {
      const response = await api.query(
        `{ node(id: "${toGlobalId('Indicator', indicatorKey)}") { ... on Indicator { cascade { reason reasons { kind value parentValue } } } } }`,
      );
      expect(response.errors).toBeUndefined();
      return response.data!.node.cascade.map((v: any) => v.reasons);
    };
    expect(await partsOf('320612-2021-t4-c1-i1')).toEqual([
      [
        { kind: 'UNIT', value: '批次/千人', parentValue: '万批次' },
        { kind: 'SUBJECT', value: '市场监管环节食品安全监督抽检量', parentValue: '全市完成食品安全监督抽检' },
      ],
      [],
    ]);
    expect(await partsOf('320300-2021-r2-i3')).toEqual([[{ kind: 'YEAR_END_VALUE', value: '4.5批次/千人', parentValue: null }]]);
    expect(await partsOf('320300-2021-r2-i2')).toEqual([[{ kind: 'PERIOD', value: 'Q1', parentValue: 'YEAR' }]]);
  });

  it('lists every target of a metric under the province, flagging the laxer ones, a page at a time', async () => {
    const query = `query($after: String) { targetCascade(metricKey: "on-time-completion-rate", jurisdictionCode: "320000", year: 2021, first: 4, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { laxer plan { id } indicator { id value period } verdicts { verdict } } } }`;
    const rows: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const response = await api.query(query, { after });
      expect(response.errors).toBeUndefined();
      const page: any = response.data!.targetCascade;
      expect(page.totalCount).toBe(8);
      for (const node of page.nodes) {
        rows.push(
          `${key(node.indicator.id)} ${node.indicator.period} ${node.indicator.value} ${node.laxer ? 'LAXER' : '-'} ${node.verdicts.map((v: any) => v.verdict).join(',')}`,
        );
        expect(key(node.indicator.id).startsWith(key(node.plan.id))).toBe(true);
      }
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(2);
    expect(rows).toEqual([
      '320000-2021-t3-c1-i3 YEAR 90 - ',
      '320300-2021-r2-i11 Q4 85 - NOT_COMPARABLE',
      '320300-2021-r2-i2 Q1 85 - NOT_COMPARABLE',
      '320300-2021-r2-i5 Q2 85 - NOT_COMPARABLE',
      '320300-2021-r2-i8 Q3 85 - NOT_COMPARABLE',
      '320300-2021-t1-c2-i3 YEAR 85 LAXER LAXER',
      '320600-2021-t3-c1-i3 YEAR 85 LAXER LAXER',
      '320612-2021-t4-c1-i3 YEAR 85 LAXER EQUAL,LAXER',
    ]);
  });

  it('lists only the laxer targets when asked, paged and counted among themselves', async () => {
    const query = `query($after: String) { targetCascade(metricKey: "on-time-completion-rate", jurisdictionCode: "320000", year: 2021, laxerOnly: true, first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { laxer indicator { id } } } }`;
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const response = await api.query(query, { after });
      expect(response.errors).toBeUndefined();
      const page: any = response.data!.targetCascade;
      expect(page.totalCount).toBe(3);
      expect(page.nodes.every((node: any) => node.laxer)).toBe(true);
      ids.push(...page.nodes.map((node: any) => key(node.indicator.id)));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(ids).toEqual(['320300-2021-t1-c2-i3', '320600-2021-t3-c1-i3', '320612-2021-t4-c1-i3']);
  });

  it('refuses an unknown metric or jurisdiction and a page over 100, with codes', async () => {
    const codeOf = async (args: string) =>
      (await api.query(`{ targetCascade(${args}) { totalCount } }`)).errors?.map((error) => error.extensions.code);
    expect(await codeOf('metricKey: "nope", jurisdictionCode: "320000", year: 2021')).toEqual(['metric/not_found']);
    expect(await codeOf('metricKey: "sampling-density", jurisdictionCode: "999999", year: 2021')).toEqual(['jurisdiction/not_found']);
    expect(await codeOf('metricKey: "sampling-density", jurisdictionCode: "320000", year: 2021, first: 101')).toEqual([
      'input/first_too_large',
    ]);
  });

  it('refuses a laxer-only view too large to judge in one request', async () => {
    // 2,001 copies of one of Tongzhou's targets: more than MAX_LAXER_SCAN under Jiangsu.
    await db.dataSource.query(`CREATE TEMP TABLE copies AS
      SELECT i.*, n FROM indicator i, generate_series(1, ${MAX_LAXER_SCAN + 1}) n WHERE i.id = '320612-2021-t4-c1-i3'`);
    await db.dataSource.query(`UPDATE copies SET id = id || '-copy' || n`);
    await db.dataSource.query(`ALTER TABLE copies DROP COLUMN n`);
    await db.dataSource.query(`INSERT INTO indicator SELECT * FROM copies`);
    try {
      const args = `metricKey: "on-time-completion-rate", jurisdictionCode: "320000", year: 2021`;
      const refused = await api.query(`{ targetCascade(${args}, laxerOnly: true) { totalCount } }`);
      expect(
        refused.errors?.map((error) => error.extensions.code),
        JSON.stringify(refused),
      ).toEqual(['request/limit_exceeded']);
      const paged = await api.query(`{ targetCascade(${args}, first: 1) { totalCount } }`);
      expect(paged.data!.targetCascade.totalCount).toBe(8 + MAX_LAXER_SCAN + 1);
    } finally {
      await db.dataSource.query(`DELETE FROM indicator WHERE id LIKE '320612-2021-t4-c1-i3-copy%'`);
    }
  });
});
