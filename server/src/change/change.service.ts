import type { DataSource } from 'typeorm';
import type { AlignableTask } from '../alignment/engine.js';
import type { Assignment } from '../assignment/assignment.entity.js';
import type { Clause } from '../clause/clause.entity.js';
import type { Indicator } from '../indicator/indicator.entity.js';
import type { Loaders } from '../graphql/loaders.js';
import { ApiError, ErrorCode } from '../graphql/errors.js';
import type { Metric } from '../metric/metric.entity.js';
import type { Task } from '../task/task.entity.js';
import { TaskChangeKind, type PlanChanges, type TaskChange } from './change.types.js';
import { DEFAULT_MATCH_THRESHOLDS, matchTasks, wordingKey } from './task-matching.js';
import { compareAgencies, compareClauses, compareTargets, isReworded } from './version-diff.js';

/**
 * What changed from one plan of a jurisdiction to a later one. Everything is read through the
 * request's loaders, both plans at once (plans, tasks, themes, clauses, assignments, targets,
 * metrics: seven statements whatever the plans' size), so the fields a client then asks of the
 * tasks, clauses and targets are already in the loaders' caches.
 */
export async function findPlanChanges(dataSource: DataSource, loaders: Loaders, fromId: string, toId: string): Promise<PlanChanges> {
  const [from, to] = await Promise.all([loaders.planById.load(fromId), loaders.planById.load(toId)]);
  if (!from) throw new ApiError(ErrorCode.PLAN_NOT_FOUND, `No plan "${fromId}".`, { argument: 'from' });
  if (!to) throw new ApiError(ErrorCode.PLAN_NOT_FOUND, `No plan "${toId}".`, { argument: 'to' });
  if (from.jurisdictionCode !== to.jurisdictionCode || from.year >= to.year) {
    throw new ApiError(
      ErrorCode.CHANGE_PLANS_NOT_COMPARABLE,
      `Plan changes compare an earlier and a later plan of one jurisdiction; got ${from.id} and ${to.id}.`,
      { from: from.id, to: to.id },
    );
  }

  const [beforeTasks, afterTasks] = await Promise.all([loaders.tasksByPlanId.load(from.id), loaders.tasksByPlanId.load(to.id)]);
  const tasks = [...beforeTasks, ...afterTasks];
  for (const task of tasks) loaders.taskById.prime(task.id, task);
  const taskIds = tasks.map((task) => task.id);
  const [themes, clauses, assignments, indicators] = await Promise.all([
    themesOf(dataSource, taskIds),
    loaders.clausesByTaskId.loadMany(taskIds),
    loaders.clauseAssignmentsByTaskId.loadMany(taskIds),
    loaders.indicatorsByTaskId.loadMany(taskIds),
  ]);
  const byTask = <T>(lists: Array<T[] | Error>): Map<string, T[]> => new Map(taskIds.map((id, index) => [id, unwrap(lists[index])]));
  const clausesOf = byTask<Clause>(clauses);
  const assignmentsOf = byTask<Assignment>(assignments);
  const indicatorsOf = byTask<Indicator>(indicators);
  const metricKeys = [...new Set([...indicatorsOf.values()].flat().flatMap((indicator) => indicator.metricKey ?? []))];
  const metrics = new Map<string, Metric>();
  for (const metric of await loaders.metricByKey.loadMany(metricKeys))
    if (metric && !(metric instanceof Error)) metrics.set(metric.key, metric);

  const alignable = (task: Task): AlignableTask => ({
    id: task.id,
    planId: task.planId,
    jurisdictionCode: from.jurisdictionCode,
    title: task.title,
    text: task.text,
    themes: themes.get(task.id) ?? [],
  });
  const taskById = new Map(tasks.map((task) => [task.id, task]));
  // Each task's wording once: the matcher pairs tasks worded the same, and `reworded` compares it.
  const wordings = new Map(tasks.map((task) => [task.id, wordingKey(task.text)]));
  const keyOf = (task: { id: string }) => wordings.get(task.id)!;
  const matches = matchTasks(beforeTasks.map(alignable), afterTasks.map(alignable), DEFAULT_MATCH_THRESHOLDS, keyOf);
  const changes = matches.map((match): TaskChange => {
    const before = match.before.map((id) => taskById.get(id)!);
    const after = match.after.map((id) => taskById.get(id)!);
    const all = <T>(of: Map<string, T[]>, side: Task[]) => side.flatMap((task) => of.get(task.id) ?? []);
    const both = match.kind !== TaskChangeKind.ADDED && match.kind !== TaskChangeKind.DROPPED;
    return {
      kind: match.kind,
      before,
      after,
      score: match.score,
      reworded: both && isReworded(before, after, keyOf),
      clauses: both ? compareClauses(all(clausesOf, before), all(clausesOf, after)) : [],
      agencies: both ? compareAgencies(all(assignmentsOf, before), all(assignmentsOf, after)) : [],
      targets: compareTargets(all(indicatorsOf, before), all(indicatorsOf, after), metrics),
    };
  });
  return { from, to, tasks: changes };
}

/** The theme keys of each task (the classifier's and editors'), in one statement. */
async function themesOf(dataSource: DataSource, taskIds: string[]): Promise<Map<string, string[]>> {
  const rows: { taskId: string; themeKey: string }[] = await dataSource.query(
    `SELECT task_id AS "taskId", theme_key AS "themeKey" FROM task_theme WHERE task_id = ANY($1) ORDER BY task_id, theme_key`,
    [taskIds],
  );
  const themes = new Map<string, string[]>();
  for (const row of rows) themes.set(row.taskId, [...(themes.get(row.taskId) ?? []), row.themeKey]);
  return themes;
}

/** The plan before each plan: the same jurisdiction's latest plan of an earlier year, or null. */
export async function findPreviousPlanIds(dataSource: DataSource, planIds: readonly string[]): Promise<(string | null)[]> {
  const rows: { id: string; previous: string }[] = await dataSource.query(
    `SELECT later.id, previous.id AS previous
     FROM plan later
     JOIN LATERAL (
       SELECT id FROM plan earlier
       WHERE earlier.jurisdiction_code = later.jurisdiction_code AND earlier.year < later.year
       ORDER BY earlier.year DESC LIMIT 1
     ) previous ON TRUE
     WHERE later.id = ANY($1)`,
    [planIds],
  );
  const previousOf = new Map(rows.map((row) => [row.id, row.previous]));
  return planIds.map((id) => previousOf.get(id) ?? null);
}

function unwrap<T>(value: T[] | Error): T[] {
  if (value instanceof Error) throw value;
  return value;
}
