import { In, Not, type DataSource } from 'typeorm';
import { ApiError, ErrorCode } from '../graphql/errors.js';
import { Indicator, Period } from '../indicator/indicator.entity.js';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { Plan } from '../plan/plan.entity.js';
import { Task } from '../task/task.entity.js';
import { TaskTheme, Theme } from '../theme/theme.entity.js';
import type { Comparison, ComparisonRow } from './comparison.types.js';
import { AlignmentStatus, TaskAlignment } from './task-alignment.entity.js';

/** How many jurisdictions one comparison may hold (a province's cities and a few more). */
export const MAX_COMPARED = 50;

/** Jurisdictions by code, in the order given; an `jurisdiction/not_found` error names unknown codes. */
export async function jurisdictionsInOrder(dataSource: DataSource, codes: string[]): Promise<Jurisdiction[]> {
  const found = await dataSource.getRepository(Jurisdiction).findBy({ code: In(codes) });
  const byCode = new Map(found.map((jurisdiction) => [jurisdiction.code, jurisdiction]));
  const unknown = codes.filter((code) => !byCode.has(code));
  if (unknown.length)
    throw new ApiError(ErrorCode.JURISDICTION_NOT_FOUND, `Unknown jurisdiction codes: ${unknown.join(', ')}.`, { unknown });
  return codes.map((code) => byCode.get(code)!);
}

/**
 * The plans of `codes` for `year`, side by side theme by theme: a fixed number of statements
 * whatever the number of jurisdictions, tasks and themes.
 */
export async function compare(dataSource: DataSource, codes: string[], year: number): Promise<Comparison> {
  const distinct = [...new Set(codes)];
  if (!distinct.length || distinct.length > MAX_COMPARED) {
    throw new ApiError(ErrorCode.INPUT_INVALID, `Compare between 1 and ${MAX_COMPARED} distinct jurisdictions.`, {
      count: distinct.length,
    });
  }
  const jurisdictions = await jurisdictionsInOrder(dataSource, distinct);
  const plans = await dataSource.getRepository(Plan).findBy({ jurisdictionCode: In(distinct), year });
  const planByCode = new Map(plans.map((plan) => [plan.jurisdictionCode, plan]));
  const tasks = plans.length
    ? await dataSource.getRepository(Task).find({ where: { planId: In(plans.map((plan) => plan.id)) }, order: { ordinal: 'ASC' } })
    : [];
  const taskIds = tasks.map((task) => task.id);
  const [taskThemes, indicators, links, themes] = await Promise.all([
    taskIds.length ? dataSource.getRepository(TaskTheme).findBy({ taskId: In(taskIds) }) : [],
    taskIds.length
      ? dataSource.getRepository(Indicator).find({ where: { taskId: In(taskIds), period: Period.YEAR }, order: { spanStart: 'ASC' } })
      : [],
    taskIds.length
      ? dataSource.getRepository(TaskAlignment).find({
          where: { taskId: In(taskIds), otherTaskId: In(taskIds), status: Not(AlignmentStatus.REJECTED) },
          select: { taskId: true, otherTaskId: true },
        })
      : [],
    dataSource.getRepository(Theme).find({ order: { ordinal: 'ASC' } }),
  ]);

  const codeOfPlan = new Map(plans.map((plan) => [plan.id, plan.jurisdictionCode]));
  const codeOfTask = new Map(tasks.map((task) => [task.id, codeOfPlan.get(task.planId)!]));
  const matched = new Set(
    links.filter((link) => codeOfTask.get(link.taskId) !== codeOfTask.get(link.otherTaskId)).map((link) => link.taskId),
  );
  const themesOfTask = new Map<string, Set<string>>();
  for (const row of taskThemes) themesOfTask.set(row.taskId, (themesOfTask.get(row.taskId) ?? new Set()).add(row.themeKey));
  const indicatorsOfTask = new Map<string, Indicator[]>();
  for (const indicator of indicators)
    indicatorsOfTask.set(indicator.taskId, [...(indicatorsOfTask.get(indicator.taskId) ?? []), indicator]);

  const rows: ComparisonRow[] = [];
  for (const theme of themes) {
    const cells = jurisdictions.map((jurisdiction) => {
      const cellTasks = tasks.filter((task) => codeOfTask.get(task.id) === jurisdiction.code && themesOfTask.get(task.id)?.has(theme.key));
      return {
        jurisdiction,
        plan: planByCode.get(jurisdiction.code) ?? null,
        tasks: cellTasks,
        unmatchedTasks: cellTasks.filter((task) => !matched.has(task.id)),
        indicators: cellTasks.flatMap((task) => indicatorsOfTask.get(task.id) ?? []),
      };
    });
    const present = cells.filter((cell) => cell.tasks.length);
    if (!present.length) continue;
    rows.push({
      theme,
      cells,
      missingFrom: cells.filter((cell) => !cell.tasks.length).map((cell) => cell.jurisdiction),
      uniqueTo: present.length === 1 && cells.length > 1 ? present[0].jurisdiction : null,
    });
  }
  return { year, jurisdictions, rows };
}
