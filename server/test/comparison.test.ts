import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedsDir } from '../src/common/paths.js';
import { CountingLogger } from '../src/db/counting-logger.js';
import { importPlan } from '../src/importer/import-service.js';
import { loadReferenceData } from '../src/reference/reference.service.js';
import { startTestApi, type TestApi } from './api.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

const TONGZHOU = '320612';
const XUZHOU = '320300';
const seed = (name: string) => readFileSync(join(seedsDir, name));

const CELLS = `query($codes: [String!]!) {
  comparison(jurisdictionCodes: $codes, year: 2021) {
    rows { theme { key } cells { jurisdiction { code } tasks { id ordinal title } unmatchedTasks { ordinal } indicators { subject value unit spanStart ordinal } } }
  }
}`;

interface Cell {
  jurisdiction: { code: string };
  tasks: { id: string; ordinal: number; title: string | null; text?: string }[];
  unmatchedTasks: { ordinal: number }[];
  indicators: { subject: string; value: number; unit: string; spanStart: number; ordinal: number }[];
}

/** The comparison reads its rows itself (alignment/comparison.service.ts): what it reads, and what it counts as matched. */
describe('the comparison of plans', () => {
  let db: TestDatabase;
  let api: TestApi;
  const logger = new CountingLogger();

  beforeAll(async () => {
    db = await createTestDatabase({ logger });
    await loadReferenceData(db.dataSource);
    await importPlan(db.dataSource, { fileName: 'tongzhou-2021.txt', bytes: seed('tongzhou-2021.txt') });
    await importPlan(db.dataSource, { fileName: 'xuzhou-2021.md', bytes: seed('xuzhou-2021.md') });
    api = await startTestApi(db.dataSource);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  async function cells(query: string, codes: string[]) {
    logger.reset();
    const { data, errors } = await api.query(query, { codes });
    expect(errors).toBeUndefined();
    const rows = data!.comparison.rows as { theme: { key: string }; cells: Cell[] }[];
    return { rows, sql: logger.statements };
  }
  const unmatched = (rows: { cells: Cell[] }[], index: number) =>
    new Set(rows.flatMap((row) => row.cells[index].unmatchedTasks.map((task) => task.ordinal)));

  it('sends four statements, whatever the number of jurisdictions, tasks and themes', async () => {
    const one = await cells(CELLS, [TONGZHOU]);
    const two = await cells(CELLS, [TONGZHOU, XUZHOU]);
    expect(two.rows.flatMap((row) => row.cells[1].tasks).length).toBeGreaterThan(0);
    expect(one.sql).toHaveLength(4);
    expect(two.sql).toHaveLength(4);
  });

  it("reads the tasks' text only when the query asks for it", async () => {
    const titles = await cells(CELLS, [TONGZHOU, XUZHOU]);
    expect(titles.sql.join('\n')).not.toContain('t."text"');
    expect(titles.sql.join('\n')).not.toContain('"source_text"');

    const texts = await cells(CELLS.replace('tasks { id ordinal title }', 'tasks { id ordinal title text }'), [TONGZHOU, XUZHOU]);
    expect(texts.sql.join('\n')).toContain('t."text"');
    const stored: { id: string; text: string }[] = await db.dataSource.query(`SELECT id, text FROM task`);
    const textOf = new Map(stored.map((task) => [task.id, task.text]));
    const shown = texts.rows.flatMap((row) => row.cells.flatMap((cell) => cell.tasks));
    expect(shown.length).toBeGreaterThan(10);
    for (const task of shown) expect(task.text).toBe(textOf.get(Buffer.from(task.id, 'base64url').toString().split(':')[1]));
  });

  it('counts a task as matched only by a link not rejected to another compared jurisdiction', async () => {
    // Alone, nothing is matched: the links to Xuzhou lead out of the comparison.
    const alone = await cells(CELLS, [TONGZHOU]);
    const all = new Set(alone.rows.flatMap((row) => row.cells[0].tasks.map((task) => task.ordinal)));
    expect(unmatched(alone.rows, 0)).toEqual(all);

    const both = await cells(CELLS, [TONGZHOU, XUZHOU]);
    // Campus food safety: Tongzhou's task 5 is Xuzhou's task 2 (test/alignment.test.ts).
    expect(unmatched(both.rows, 0).has(5)).toBe(false);

    await db.dataSource.query(`UPDATE task_alignment SET status = 'REJECTED' WHERE task_id = $1`, [`${TONGZHOU}-2021-t5`]);
    try {
      const rejected = await cells(CELLS, [TONGZHOU, XUZHOU]);
      expect(unmatched(rejected.rows, 0).has(5)).toBe(true);
      expect(unmatched(rejected.rows, 0).size).toBe(unmatched(both.rows, 0).size + 1);
    } finally {
      await db.dataSource.query(`UPDATE task_alignment SET status = 'SUGGESTED' WHERE task_id = $1`, [`${TONGZHOU}-2021-t5`]);
    }
  });

  it("lists a cell's tasks in document order and their whole-year targets in the order they are written", async () => {
    const { rows } = await cells(CELLS, [TONGZHOU, XUZHOU]);
    const [{ count }]: { count: number }[] = await db.dataSource.query(
      `SELECT count(*)::int AS count FROM indicator WHERE period = 'YEAR' AND task_id IN (SELECT task_id FROM task_theme)`,
    );
    expect(count).toBeGreaterThan(0);
    let targets = 0;
    for (const cell of rows.flatMap((row) => row.cells)) {
      const ordinals = cell.tasks.map((task) => task.ordinal);
      expect(ordinals).toEqual([...ordinals].sort((a, b) => a - b));
      const written = cell.indicators.map((indicator) => [indicator.spanStart, indicator.ordinal]);
      expect(written).toEqual([...written].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
      targets += cell.indicators.length;
    }
    expect(targets).toBeGreaterThanOrEqual(count);
  });
});
