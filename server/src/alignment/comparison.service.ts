import type { DataSource } from 'typeorm';
import { EntityReader } from '../graphql/batch.js';
import { ApiError, ErrorCode } from '../graphql/errors.js';
import { Indicator, Period } from '../indicator/indicator.entity.js';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { Plan } from '../plan/plan.entity.js';
import { Task } from '../task/task.entity.js';
import { Theme } from '../theme/theme.entity.js';
import type { Comparison, ComparisonCell, ComparisonRow } from './comparison.types.js';
import { AlignmentStatus } from './task-alignment.entity.js';

/** How many jurisdictions one comparison may hold (a province's cities and a few more). */
export const MAX_COMPARED = 50;

/**
 * The columns a comparison reads of each entity it answers with: every column the API reads by
 * default, or fewer when the operation asks for fewer (`narrowedReader`, prefetch.ts): a task's
 * `text` is most of its bytes, and the comparison's cells seldom show it.
 */
export interface ComparisonReaders {
  jurisdiction: EntityReader<Jurisdiction>;
  plan: EntityReader<Plan>;
  task: EntityReader<Task>;
  indicator: EntityReader<Indicator>;
  theme: EntityReader<Theme>;
}

/** Every column the API reads by default: for callers without an operation (tests, scripts). */
export function wholeRows(dataSource: DataSource): ComparisonReaders {
  return {
    jurisdiction: EntityReader.of(dataSource, Jurisdiction),
    plan: EntityReader.of(dataSource, Plan),
    task: EntityReader.of(dataSource, Task),
    indicator: EntityReader.of(dataSource, Indicator),
    theme: EntityReader.of(dataSource, Theme),
  };
}

/**
 * The tasks of the compared plans (document order) with, per task, its jurisdiction, its themes,
 * its whole-year targets (document order, as JSON), and whether a link not rejected joins it to a
 * task of another compared plan (`task_alignment.other_jurisdiction_code` names the other plan's
 * jurisdiction; the plan is the one of that jurisdiction and the year: one per pair).
 */
function tasksSql({ task, indicator }: ComparisonReaders): string {
  return `SELECT ${task.select('t')}, p.jurisdiction_code AS "__code",
      ARRAY(SELECT tt.theme_key FROM task_theme tt WHERE tt.task_id = t.id) AS "__themes",
      EXISTS (
        SELECT 1 FROM task_alignment a JOIN task other ON other.id = a.other_task_id
        WHERE a.task_id = t.id AND a.status <> '${AlignmentStatus.REJECTED}'
          AND a.other_jurisdiction_code = ANY($1) AND a.other_jurisdiction_code <> p.jurisdiction_code AND other.year = $2
      ) AS "__matched",
      (SELECT json_agg(${indicator.jsonObject('i')} ORDER BY i.span_start, i.ordinal, i.id) FROM indicator i
        WHERE i.task_id = t.id AND i.period = '${Period.YEAR}') AS "__indicators"
    FROM plan p JOIN task t ON t.plan_id = p.id
    WHERE p.jurisdiction_code = ANY($1) AND p.year = $2
    ORDER BY p.jurisdiction_code, t.ordinal`;
}

interface TaskRow extends Record<string, unknown> {
  __code: string;
  __themes: string[];
  __matched: boolean;
  __indicators: Record<string, unknown>[] | null;
}

/**
 * The plans of `codes` for `year`, side by side theme by theme: four statements sent at once
 * (jurisdictions, plans, tasks with their themes, links and targets, themes) whatever the number
 * of jurisdictions, tasks and themes. Unknown codes are a `jurisdiction/not_found` error.
 */
export async function compare(
  dataSource: DataSource,
  codes: string[],
  year: number,
  readers: ComparisonReaders = wholeRows(dataSource),
): Promise<Comparison> {
  const distinct = [...new Set(codes)];
  if (!distinct.length || distinct.length > MAX_COMPARED) {
    throw new ApiError(ErrorCode.INPUT_INVALID, `Compare between 1 and ${MAX_COMPARED} distinct jurisdictions.`, {
      count: distinct.length,
    });
  }
  const { jurisdiction: jurisdictionReader, plan: planReader, theme: themeReader } = readers;
  const [jurisdictionRows, planRows, taskRows, themeRows]: Record<string, unknown>[][] = await Promise.all([
    dataSource.query(`SELECT ${jurisdictionReader.select('j')} FROM ${jurisdictionReader.table} j WHERE j.code = ANY($1)`, [distinct]),
    dataSource.query(
      `SELECT ${planReader.select('p')}, p.jurisdiction_code AS "__code" FROM ${planReader.table} p WHERE p.jurisdiction_code = ANY($1) AND p.year = $2`,
      [distinct, year],
    ),
    dataSource.query(tasksSql(readers), [distinct, year]),
    dataSource.query(`SELECT ${themeReader.select('th')} FROM ${themeReader.table} th ORDER BY th.ordinal`),
  ]);

  const byCode = new Map(jurisdictionRows.map((row) => [row.code as string, jurisdictionReader.hydrate(row)]));
  const unknown = distinct.filter((code) => !byCode.has(code));
  if (unknown.length)
    throw new ApiError(ErrorCode.JURISDICTION_NOT_FOUND, `Unknown jurisdiction codes: ${unknown.join(', ')}.`, { unknown });
  const jurisdictions = distinct.map((code) => byCode.get(code)!);
  const planByCode = new Map(planRows.map((row) => [row.__code as string, planReader.hydrate(row)]));

  // One cell per theme and jurisdiction that has tasks of it, filled in one pass over the tasks.
  const cells = new Map<string, Map<string, ComparisonCell>>();
  for (const row of taskRows as TaskRow[]) {
    const task = readers.task.hydrate(row);
    const indicators = row.__indicators?.map((indicator) => readers.indicator.hydrate(indicator)) ?? [];
    for (const themeKey of row.__themes) {
      let ofTheme = cells.get(themeKey);
      if (!ofTheme) cells.set(themeKey, (ofTheme = new Map()));
      let cell = ofTheme.get(row.__code);
      if (!cell) {
        const jurisdiction = byCode.get(row.__code)!;
        const plan = planByCode.get(row.__code) ?? null;
        ofTheme.set(row.__code, (cell = { jurisdiction, plan, tasks: [], unmatchedTasks: [], indicators: [] }));
      }
      cell.tasks.push(task);
      if (!row.__matched) cell.unmatchedTasks.push(task);
      cell.indicators.push(...indicators);
    }
  }

  const rows: ComparisonRow[] = [];
  for (const themeRow of themeRows) {
    const ofTheme = cells.get(themeRow.key as string);
    if (!ofTheme) continue;
    const row = jurisdictions.map(
      (jurisdiction) =>
        ofTheme.get(jurisdiction.code) ?? {
          jurisdiction,
          plan: planByCode.get(jurisdiction.code) ?? null,
          tasks: [],
          unmatchedTasks: [],
          indicators: [],
        },
    );
    const missingFrom = row.filter((cell) => !cell.tasks.length).map((cell) => cell.jurisdiction);
    rows.push({
      theme: themeReader.hydrate(themeRow),
      cells: row,
      missingFrom,
      uniqueTo: ofTheme.size === 1 && row.length > 1 ? row.find((cell) => cell.tasks.length)!.jurisdiction : null,
    });
  }
  return { year, jurisdictions, rows };
}
