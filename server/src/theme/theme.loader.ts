import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { EntityReader, loaderByKey, loaderManyByKey } from '../graphql/batch.js';
import { Task } from '../task/task.entity.js';
import { TaskTheme, Theme } from './theme.entity.js';

/** A page of a theme's tasks, optionally narrowed to some jurisdictions and a year. */
export interface ThemeTasksKey {
  themeKey: string;
  jurisdictionCodes: string[] | null;
  year: number | null;
  /** Rows to read: the page's size and one more, which says whether more follow. */
  limit: number;
  /** The keyset (plan id, ordinal) of the task the page starts after, or null. */
  after: [string, number] | null;
}

/** Every task of a theme, for its count. */
export type ThemeTaskCountKey = Omit<ThemeTasksKey, 'limit' | 'after'>;

const FILTER = `tt.theme_key = ANY($1) AND ($2::text[] IS NULL OR p.jurisdiction_code = ANY($2)) AND ($3::int IS NULL OR p.year = $3)`;

export function createThemeLoaders(dataSource: DataSource) {
  const reader = EntityReader.of(dataSource, Task);
  return {
    themeByKey: loaderByKey<Theme, string>(dataSource, Theme, 'key'),
    /** A task's themes, the primary one first. */
    taskThemesByTaskId: loaderManyByKey<TaskTheme, string>(dataSource, TaskTheme, 'taskId', { primary: 'DESC', score: 'DESC' }),
    /**
     * A page of each theme's tasks, by plan (jurisdiction code, year) and printed number: one
     * statement per distinct filter and page in the batch, whatever the number of themes.
     */
    tasksByTheme: new DataLoader<ThemeTasksKey, Task[], string>(
      async (keys) => {
        const results = new Map<string, Task[]>();
        for (const group of groupByFilter(keys, (key) => [key.jurisdictionCodes, key.year, key.limit, key.after])) {
          const { jurisdictionCodes, year, limit, after } = group[0];
          const rows: Record<string, unknown>[] = await dataSource.query(
            `SELECT * FROM (
               SELECT ${reader.select('t')}, tt.theme_key AS "__themeKey",
                      row_number() OVER (PARTITION BY tt.theme_key ORDER BY t.plan_id, t.ordinal) AS "__n"
                 FROM task_theme tt JOIN task t ON t.id = tt.task_id JOIN plan p ON p.id = t.plan_id
                WHERE ${FILTER} AND ($4::text IS NULL OR (t.plan_id, t.ordinal) > ($4, $5::int))
             ) page WHERE page."__n" <= $6 ORDER BY page."planId", page."ordinal"`,
            [group.map((key) => key.themeKey), jurisdictionCodes, year, after?.[0] ?? null, after?.[1] ?? null, limit],
          );
          for (const row of rows) {
            const id = cacheKey({ ...group[0], themeKey: row.__themeKey as string });
            results.set(id, [...(results.get(id) ?? []), reader.hydrate(row)]);
          }
        }
        return keys.map((key) => results.get(cacheKey(key)) ?? []);
      },
      { cacheKeyFn: cacheKey },
    ),
    /** How many tasks each theme has (under the same filter): one statement per distinct filter. */
    taskCountByTheme: new DataLoader<ThemeTaskCountKey, number, string>(
      async (keys) => {
        const results = new Map<string, number>();
        for (const group of groupByFilter(keys, (key) => [key.jurisdictionCodes, key.year])) {
          const { jurisdictionCodes, year } = group[0];
          const rows: { themeKey: string; count: number }[] = await dataSource.query(
            `SELECT tt.theme_key AS "themeKey", count(*)::int AS count
               FROM task_theme tt JOIN task t ON t.id = tt.task_id JOIN plan p ON p.id = t.plan_id
              WHERE ${FILTER} GROUP BY tt.theme_key`,
            [group.map((key) => key.themeKey), jurisdictionCodes, year],
          );
          for (const row of rows) results.set(JSON.stringify([row.themeKey, jurisdictionCodes, year]), row.count);
        }
        return keys.map((key) => results.get(JSON.stringify([key.themeKey, key.jurisdictionCodes, key.year])) ?? 0);
      },
      { cacheKeyFn: (key) => JSON.stringify([key.themeKey, key.jurisdictionCodes, key.year]) },
    ),
  };
}

/** The keys grouped by what `filter` returns for them (all but the theme): each group is one statement. */
function groupByFilter<K>(keys: readonly K[], filter: (key: K) => unknown[]): K[][] {
  const groups = new Map<string, K[]>();
  for (const key of keys) {
    const id = JSON.stringify(filter(key));
    groups.set(id, [...(groups.get(id) ?? []), key]);
  }
  return [...groups.values()];
}

function cacheKey(key: ThemeTasksKey): string {
  return JSON.stringify([key.themeKey, key.jurisdictionCodes, key.year, key.limit, key.after]);
}
