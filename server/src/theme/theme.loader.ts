import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { loaderByKey, loaderManyByKey } from '../graphql/batch.js';
import { Task } from '../task/task.entity.js';
import { TaskTheme, Theme } from './theme.entity.js';

/** A theme's tasks, optionally narrowed to some jurisdictions and a year. */
export interface ThemeTasksKey {
  themeKey: string;
  jurisdictionCodes: string[] | null;
  year: number | null;
}

export function createThemeLoaders(dataSource: DataSource) {
  return {
    themeByKey: loaderByKey<Theme, string>(dataSource, Theme, 'key'),
    /** A task's themes, the primary one first. */
    taskThemesByTaskId: loaderManyByKey<TaskTheme, string>(dataSource, TaskTheme, 'taskId', { primary: 'DESC', score: 'DESC' }),
    /** One statement per distinct filter in the batch, whatever the number of themes. */
    tasksByTheme: new DataLoader<ThemeTasksKey, Task[], string>(
      async (keys) => {
        const results = new Map<string, Task[]>();
        const byFilter = new Map<string, ThemeTasksKey[]>();
        for (const key of keys) {
          const filter = JSON.stringify([key.jurisdictionCodes, key.year]);
          byFilter.set(filter, [...(byFilter.get(filter) ?? []), key]);
        }
        for (const group of byFilter.values()) {
          const { jurisdictionCodes, year } = group[0];
          const pairs: Array<{ taskId: string; themeKey: string }> = await dataSource.query(
            `SELECT tt.task_id AS "taskId", tt.theme_key AS "themeKey"
               FROM task_theme tt JOIN task t ON t.id = tt.task_id JOIN plan p ON p.id = t.plan_id
              WHERE tt.theme_key = ANY($1)
                AND ($2::text[] IS NULL OR p.jurisdiction_code = ANY($2))
                AND ($3::int IS NULL OR p.year = $3)
              ORDER BY p.jurisdiction_code, p.year, t.ordinal`,
            [group.map((key) => key.themeKey), jurisdictionCodes, year],
          );
          const ids = [...new Set(pairs.map((pair) => pair.taskId))];
          const tasks = ids.length ? await dataSource.getRepository(Task).findBy({ id: In(ids) }) : [];
          const taskById = new Map(tasks.map((task) => [task.id, task]));
          for (const pair of pairs) {
            const id = cacheKey({ themeKey: pair.themeKey, jurisdictionCodes, year });
            results.set(id, [...(results.get(id) ?? []), taskById.get(pair.taskId)!]);
          }
        }
        return keys.map((key) => results.get(cacheKey(key)) ?? []);
      },
      { cacheKeyFn: cacheKey },
    ),
  };
}

function cacheKey(key: ThemeTasksKey): string {
  return JSON.stringify([key.themeKey, key.jurisdictionCodes, key.year]);
}
