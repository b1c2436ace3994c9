import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { recordAudit } from '../auth/audit.service.js';
import { storeChangeSets } from '../change/change-set.js';
import { seedsDir } from '../common/paths.js';
import { upsert, type RowOf } from '../db/bulk-write.js';
import { ApiError, ErrorCode } from '../graphql/errors.js';
import { Task } from '../task/task.entity.js';
import { TaskTheme, TaskThemeSource, Theme } from './theme.entity.js';

interface ThemeSeed {
  key: string;
  name: string;
  nameEn: string;
  description: string;
  keywords: string[];
}

/** The taxonomy as seeds/reference/themes.json holds it, in its order. */
export function readThemeSeeds(file = join(seedsDir, 'reference', 'themes.json')): Theme[] {
  const { themes } = JSON.parse(readFileSync(file, 'utf8')) as { themes: ThemeSeed[] };
  return themes.map((seed, index) => Object.assign(new Theme(), { ...seed, ordinal: index + 1 }));
}

/** Writes the taxonomy, only the rows that are missing or differ from the file; returns how many it wrote. */
export function loadThemeSeeds(manager: EntityManager | DataSource): Promise<number> {
  const rows = readThemeSeeds().map((theme): RowOf<Theme> => ({
    key: theme.key,
    name: theme.name,
    nameEn: theme.nameEn,
    description: theme.description,
    keywords: theme.keywords,
    ordinal: theme.ordinal,
  }));
  return upsert(manager, Theme, rows);
}

/**
 * Replaces a task's themes by an editor's choice (source MANUAL, the first key primary). The
 * classifier leaves a task with MANUAL themes alone on later runs, so the choice sticks.
 */
export async function setTaskThemes(manager: EntityManager, taskId: string, themeKeys: string[]): Promise<TaskTheme[]> {
  const task = await manager.getRepository(Task).findOneBy({ id: taskId });
  if (!task) throw new ApiError(ErrorCode.TASK_NOT_FOUND, `No task "${taskId}".`, { taskId });
  const keys = [...new Set(themeKeys)];
  const known = keys.length ? await manager.getRepository(Theme).findBy({ key: In(keys) }) : [];
  const unknown = keys.filter((key) => !known.some((theme) => theme.key === key));
  if (unknown.length) throw new ApiError(ErrorCode.THEME_UNKNOWN, `Unknown theme keys: ${unknown.join(', ')}.`, { unknown });
  if (!keys.length) throw new ApiError(ErrorCode.INPUT_INVALID, 'A task needs at least one theme.', { taskId });
  await manager.getRepository(TaskTheme).delete({ taskId });
  const rows = keys.map((themeKey, index) =>
    Object.assign(new TaskTheme(), { taskId, themeKey, source: TaskThemeSource.MANUAL, primary: index === 0, score: 1, keywords: [] }),
  );
  return manager.getRepository(TaskTheme).save(rows);
}

/** What the `setTaskThemes` mutation does: {@link setTaskThemes} in a transaction, audited. */
export async function setTaskThemesByEditor(dataSource: DataSource, user: AuthUser, taskId: string, themeKeys: string[]): Promise<Task> {
  const task = await dataSource.transaction(async (manager) => {
    const before = await manager.getRepository(TaskTheme).findBy({ taskId });
    const after = await setTaskThemes(manager, taskId, themeKeys);
    const task = (await manager.getRepository(Task).findOneBy({ id: taskId }))!;
    await recordAudit(manager, user, { mutation: 'setTaskThemes', args: { taskId, themeKeys }, before, after, planIds: [task.planId] });
    return task;
  });
  // The stored changes since the year before and until the year after read the task's themes: stored
  // again now, or the plan's change sets would be computed on every read until the next alignment.
  // They are a stored answer whose fingerprint says when it is stale, so a failure here loses nothing.
  await storeChangeSets(dataSource, [task.planId]).catch((error: unknown) =>
    console.warn(`Could not store the change sets of plan ${task.planId} again: ${(error as Error).message}`),
  );
  return task;
}
