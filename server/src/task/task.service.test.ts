import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { AgencyKind } from '../agency/agency.entity.js';
import { AssignmentRole } from '../assignment/assignment.entity.js';
import { seedsDir } from '../common/paths.js';
import { TaskSearchKeys1796520000000 } from '../db/migrations/1796520000000-TaskSearchKeys.js';
import { importPlan } from '../importer/import-service.js';
import { loadReferenceData } from '../reference/reference.service.js';
import { TaskOrder } from './task-match.type.js';
import type { TaskFilter } from './task.input.js';
import { findTasks, isIndexedExactly } from './task.service.js';

/**
 * The search reads year and role from the task (`year`, `clause_roles`) and its index; these tests
 * hold it to a plain scan that reads them where they come from (the plan, the clauses' assignments).
 */
describe('task search', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadReferenceData(db.dataSource);
    const tongzhou = readFileSync(join(seedsDir, 'tongzhou-2021.txt'), 'utf8');
    for (const [fileName, text] of [
      ['tongzhou-2021.txt', tongzhou],
      // The same district a year on: two years to filter, with the same words in both.
      ['tongzhou-2022.txt', tongzhou.replaceAll('2021', '2022')],
      ['xuzhou-2021.md', readFileSync(join(seedsDir, 'xuzhou-2021.md'), 'utf8')],
    ]) {
      await importPlan(db.dataSource, { fileName, bytes: Buffer.from(text) }, { align: false });
    }
  });
  afterAll(() => db?.drop());

  /**
   * The matching tasks by reading every task, in the order asked for, with the year and roles read
   * through plan and assignment: their ids, and the cursors a page ending at each must give, the
   * keyset's values as read here (rank by relevance, plan id, ordinal).
   */
  async function scanWithCursors(filter: TaskFilter, order: TaskOrder): Promise<{ ids: string[]; cursors: string[] }> {
    const relevance = order === TaskOrder.RELEVANCE;
    const rows: { id: string; rank: number; plan_id: string; ordinal: number }[] = await db.dataSource.query(
      `SELECT task.id, CASE WHEN strpos(lower(coalesce(task.title, '')), lower($3)) > 0 THEN 0 ELSE 1 END AS rank, task.plan_id, task.ordinal
       FROM task JOIN plan ON plan.id = task.plan_id
       WHERE ($1::int IS NULL OR plan.year = $1)
         AND ($2::text IS NULL OR EXISTS (
           SELECT 1 FROM clause JOIN assignment ON assignment.clause_id = clause.id JOIN agency ON agency.id = assignment.agency_id
           WHERE clause.task_id = task.id AND assignment.role::text = $2 AND ($4::text IS NULL OR agency.kind::text = $4)))
         AND ($4::text IS NULL OR EXISTS (
           SELECT 1 FROM clause JOIN assignment ON assignment.clause_id = clause.id JOIN agency ON agency.id = assignment.agency_id
           WHERE clause.task_id = task.id AND agency.kind::text = $4))
         AND (strpos(lower(task.text), lower($3)) > 0 OR strpos(lower(coalesce(task.title, '')), lower($3)) > 0)
       ORDER BY CASE WHEN $5 AND strpos(lower(coalesce(task.title, '')), lower($3)) > 0 THEN 0 ELSE 1 END, task.plan_id, task.ordinal`,
      [filter.year ?? null, filter.role ?? null, filter.text, filter.agencyKind ?? null, relevance],
    );
    const cursor = (values: (string | number)[]) => Buffer.from(`TaskConnection:${JSON.stringify(values)}`).toString('base64url');
    return {
      ids: rows.map((row) => row.id),
      cursors: rows.map((row) => cursor(relevance ? [row.rank, row.plan_id, row.ordinal] : [row.plan_id, row.ordinal])),
    };
  }

  async function scan(filter: TaskFilter, order: TaskOrder): Promise<string[]> {
    return (await scanWithCursors(filter, order)).ids;
  }

  /**
   * Every page of the search, `size` at a time, and the totalCount each page reports (counted with
   * the page, or after it when `countNow` is off); `cursors` are every edge's.
   */
  async function search(
    filter: TaskFilter,
    order: TaskOrder,
    size: number,
    countNow = true,
  ): Promise<{ ids: string[]; counts: number[]; cursors: string[] }> {
    const ids: string[] = [];
    const counts: number[] = [];
    const cursors: string[] = [];
    let after: string | null = null;
    do {
      const page = await findTasks(db.dataSource, filter, { first: size, after }, order, { countNow });
      ids.push(...page.nodes.map((task) => task.id));
      cursors.push(...page.edges.map((edge) => edge.cursor));
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      counts.push(await page.totalCount());
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return { ids, counts, cursors };
  }

  /** Words of the seeds' titles and texts, `length` characters long, from several places. */
  async function wordsOf(length: number): Promise<string[]> {
    const rows: { word: string }[] = await db.dataSource.query(
      `SELECT DISTINCT substr(coalesce(title, text), 1 + (ordinal * 7) % 5, $1) AS word FROM task WHERE ordinal % 4 = 1 ORDER BY word LIMIT 8`,
      [length],
    );
    return rows.map((row) => row.word).filter((word) => [...word].length === length);
  }

  const filters: Omit<TaskFilter, 'text'>[] = [
    { year: 2021, role: AssignmentRole.LEAD },
    { year: 2022, role: AssignmentRole.RESPONSIBLE },
    { year: 2021 },
    { role: AssignmentRole.SHARED },
    { role: AssignmentRole.LEAD, agencyKind: AgencyKind.MARKET_REGULATION },
    {},
  ];

  it.each([2, 3, 4])('finds what a plain scan finds for words of %i characters, with the year and role filters', async (length) => {
    const words = [
      ...(await wordsOf(length)),
      ...['校园', '冷链', '抽检', '餐饮', '农村', '信用', '保健食品', '明厨亮灶', '食品安全'].filter((word) => word.length === length),
    ];
    expect(words.length).toBeGreaterThanOrEqual(4);
    let found = 0;
    for (const text of words) {
      for (const base of filters) {
        const filter = { ...base, text };
        for (const order of [TaskOrder.DOCUMENT, TaskOrder.RELEVANCE]) {
          const expected = await scan(filter, order);
          found += expected.length;
          // One page with the count riding it, then pages of 3 (later pages count apart).
          const whole = await search(filter, order, 100);
          expect(whole, `${text} ${JSON.stringify(base)} ${order}`).toEqual({
            ids: expected,
            counts: [expected.length],
            cursors: whole.cursors,
          });
          const paged = await search(filter, order, 3);
          expect(paged.ids, `${text} ${JSON.stringify(base)} ${order}, by 3`).toEqual(expected);
          expect(new Set(paged.counts), `${text} ${JSON.stringify(base)} ${order}, counts`).toEqual(new Set([expected.length]));
        }
      }
    }
    // The words are the seeds' own: the comparison is not of empty answers.
    expect(found).toBeGreaterThan(50);
  });

  it.each([2, 3, 4])(
    'pages words of %i characters in the same order, with the same totalCount and cursors, at every page size',
    async (length) => {
      const words = [...(await wordsOf(length)), ...['食品', '监管部', '食品安全'].filter((word) => word.length === length)];
      let paged = 0;
      for (const text of words) {
        for (const base of [{ year: 2021, role: AssignmentRole.LEAD }, {}]) {
          const filter = { ...base, text };
          for (const order of [TaskOrder.DOCUMENT, TaskOrder.RELEVANCE]) {
            const expected = await scanWithCursors(filter, order);
            const label = `${text} ${JSON.stringify(base)} ${order}`;
            for (const [size, countNow] of [
              [100, true],
              [7, true],
              [3, true],
              [5, false],
            ] as const) {
              const pages = await search(filter, order, size, countNow);
              expect({ ids: pages.ids, cursors: pages.cursors }, `${label} by ${size}`).toEqual(expected);
              expect(new Set(pages.counts), `${label} by ${size}, counts`).toEqual(new Set([expected.ids.length]));
            }
            if (expected.ids.length > 7) paged++;
            // After the last match: an empty page that still counts them all.
            const end = await findTasks(db.dataSource, filter, { first: 3, after: expected.cursors.at(-1) }, order, { countNow: true });
            expect(end.nodes, label).toEqual([]);
            expect(end.pageInfo, label).toEqual({ hasNextPage: false, endCursor: null });
            expect(await end.totalCount(), label).toBe(expected.ids.length);
          }
        }
      }
      // Words that take several pages of 3 and of 7, not only single pages.
      expect(paged).toBeGreaterThanOrEqual(2);
    },
  );

  it('is planned through the search index even on a table of a few dozen tasks, its statistics fresh', async () => {
    await db.dataSource.query('ANALYZE task');
    const statements: [string, unknown[]][] = [];
    const spy = new Proxy(db.dataSource, {
      get: (target, property, receiver) =>
        property === 'query'
          ? (sql: string, parameters: unknown[]) => {
              statements.push([sql, parameters]);
              return target.query(sql, parameters);
            }
          : Reflect.get(target, property, receiver),
    });
    const page = await findTasks(spy, { text: '冷链' }, { first: 20 }, TaskOrder.DOCUMENT, { countNow: true });
    expect(page.nodes.length).toBeGreaterThan(0);
    const search = statements.find(([sql]) => sql.includes('search_keys'));
    expect(search).toBeDefined();
    const plan: { 'QUERY PLAN': string }[] = await db.dataSource.query(`EXPLAIN ${search![0]}`, search![1]);
    // Priced at PostgreSQL's default, computing every task's character pairs looked cheaper than the index (6.6 ms against 0.25).
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('IDX_task_search_keys');
  });

  it('trusts the index alone only for two Han characters', () => {
    expect(['校园', '农村', '冷链'].map(isIndexedExactly)).toEqual([true, true, true]);
    // Three and four characters are pairs that may stand apart; a space, a digit or a cased letter
    // may stand beside the space between title and text, or fold.
    expect(['保健食品', '监管部', '农 ', ' 村', 'ab', 'AB', '20', '农a', '食'].map(isIndexedExactly)).toEqual(Array(9).fill(false));
  });

  it('finds one character and cased letters as a plain scan does', async () => {
    for (const text of ['食', '安', 'Gb', '%']) {
      const filter = { year: 2021, role: AssignmentRole.LEAD, text };
      const expected = await scan(filter, TaskOrder.DOCUMENT);
      expect((await search(filter, TaskOrder.DOCUMENT, 100)).ids, text).toEqual(expected);
    }
  });

  it('stores the year and clause roles that the plan and the assignments say, as the migration fills them', async () => {
    const derived = `
      SELECT task.id, plan.year,
        coalesce((SELECT array_agg(DISTINCT assignment.role::text ORDER BY assignment.role::text)
                  FROM clause JOIN assignment ON assignment.clause_id = clause.id WHERE clause.task_id = task.id), '{}') AS roles
      FROM task JOIN plan ON plan.id = task.plan_id ORDER BY task.id`;
    const stored = `SELECT id, year, clause_roles AS roles FROM task ORDER BY id`;
    const expected = await db.dataSource.query(derived);
    expect(expected.some((row: { roles: string[] }) => row.roles.length > 1)).toBe(true);
    // What the importer wrote…
    expect(await db.dataSource.query(stored)).toEqual(expected);
    // …and what the migration fills in for tasks imported before it.
    const runner = db.dataSource.createQueryRunner();
    try {
      const migration = new TaskSearchKeys1796520000000();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await db.dataSource.query(stored)).toEqual(expected);
  });
});
