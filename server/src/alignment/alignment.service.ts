import { In, type DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { recordAudit } from '../auth/audit.service.js';
import { ApiError, ErrorCode } from '../graphql/errors.js';
import { loadMetricSeeds, mapIndicatorsToMetrics } from '../metric/metric.service.js';
import { TaskTheme, TaskThemeSource } from '../theme/theme.entity.js';
import { loadThemeSeeds } from '../theme/theme.service.js';
import { alignTasks, scorePairs, type AlignableTask, type AlignmentThresholds, type TaskLink } from './engine.js';
import { AlignmentMethod, AlignmentReview, AlignmentStatus, TaskAlignment } from './task-alignment.entity.js';
import { classifyTasks } from './theme-classifier.js';

export interface AlignmentSummary {
  tasks: number;
  /** Task–theme memberships written by the classifier. */
  taskThemes: number;
  /** Directed links written (each equivalent pair counts twice). */
  links: number;
  /** Reviews re-applied. */
  reviews: number;
  /** Indicators mapped to a metric. */
  indicators: number;
  milliseconds: number;
}

export interface AlignmentRunOptions {
  /** Re-align only the groups these plans belong to (after importing them); default everything. */
  planIds?: string[];
  thresholds?: AlignmentThresholds;
}

interface TaskRow {
  id: string;
  title: string | null;
  text: string;
  planId: string;
  year: number;
  jurisdictionCode: string;
}

const INSERT_CHUNK = 1_000;

/** Plans are compared within a year and a province (the first two digits of GB/T 2260). */
function groupKey(task: TaskRow): string {
  return `${task.year}:${task.jurisdictionCode.slice(0, 2)}`;
}

/**
 * One alignment run: loads the theme and metric taxonomies, classifies tasks into themes (leaving
 * an editor's MANUAL themes alone), maps indicators to metrics, links equivalent tasks across the
 * plans of each year and province, and re-applies reviewers' decisions. One transaction: readers
 * see the old links or the new, never a half-written set.
 */
export async function runAlignment(dataSource: DataSource, options: AlignmentRunOptions = {}): Promise<AlignmentSummary> {
  const started = performance.now();
  return dataSource.transaction(async (manager) => {
    const themes = await loadThemeSeeds(manager);
    await loadMetricSeeds(manager);
    const tasks = await tasksInScope(manager, options.planIds);
    const taskIds = tasks.map((task) => task.id);
    if (!tasks.length) return { tasks: 0, taskThemes: 0, links: 0, reviews: 0, indicators: 0, milliseconds: 0 };

    const themeRows = await classify(manager, tasks, themes);
    const indicators = await mapIndicatorsToMetrics(manager, taskIds);

    const themesOf = new Map<string, string[]>();
    for (const row of themeRows) themesOf.set(row.taskId, [...(themesOf.get(row.taskId) ?? []), row.themeKey]);
    const alignable: AlignableTask[] = tasks.map((task) => ({ ...task, themes: themesOf.get(task.id) ?? [] }));
    const groups = new Map(tasks.map((task) => [task.id, groupKey(task)]));
    const links = alignTasks(alignable, { thresholds: options.thresholds, groupOf: (task) => groups.get(task.id)! });

    const { rows, reviews } = await withReviews(manager, alignable, links);
    await manager.query(`DELETE FROM task_alignment WHERE task_id = ANY($1)`, [taskIds]);
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      await manager.getRepository(TaskAlignment).insert(rows.slice(start, start + INSERT_CHUNK));
    }
    return {
      tasks: tasks.length,
      taskThemes: themeRows.filter((row) => row.source === TaskThemeSource.RULE).length,
      links: rows.length,
      reviews,
      indicators,
      milliseconds: Math.round(performance.now() - started),
    };
  });
}

async function tasksInScope(manager: EntityManager, planIds?: string[]): Promise<TaskRow[]> {
  const select = `SELECT t.id, t.title, t.text, t.plan_id AS "planId", p.year, p.jurisdiction_code AS "jurisdictionCode"
    FROM task t JOIN plan p ON p.id = t.plan_id`;
  if (!planIds) return manager.query(`${select} ORDER BY t.id`);
  // The plans' groups (year and province), so a newly imported plan is compared with its peers.
  return manager.query(
    `${select} WHERE (p.year, left(p.jurisdiction_code, 2)) IN (
       SELECT year, left(jurisdiction_code, 2) FROM plan WHERE id = ANY($1))
     ORDER BY t.id`,
    [planIds],
  );
}

/** Writes the classifier's themes for tasks without MANUAL ones; returns every theme of the tasks. */
async function classify(manager: EntityManager, tasks: TaskRow[], themes: Parameters<typeof classifyTasks>[1]): Promise<TaskTheme[]> {
  const repository = manager.getRepository(TaskTheme);
  const taskIds = tasks.map((task) => task.id);
  const manual = await repository.findBy({ taskId: In(taskIds), source: TaskThemeSource.MANUAL });
  const manualTasks = new Set(manual.map((row) => row.taskId));
  await manager.query(`DELETE FROM task_theme WHERE task_id = ANY($1) AND source = $2`, [taskIds, TaskThemeSource.RULE]);
  const rows = classifyTasks(
    tasks.filter((task) => !manualTasks.has(task.id)),
    themes,
  ).map((assignment) => Object.assign(new TaskTheme(), { ...assignment, source: TaskThemeSource.RULE }));
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) await repository.insert(rows.slice(start, start + INSERT_CHUNK));
  return [...manual, ...rows];
}

/** A pair's review key: the smaller task id first. */
function pairOf(taskId: string, otherTaskId: string): [string, string] {
  return taskId < otherTaskId ? [taskId, otherTaskId] : [otherTaskId, taskId];
}

export function alignmentId(taskId: string, otherTaskId: string): string {
  return `${taskId}~${otherTaskId}`;
}

/**
 * The engine's links as rows, with reviewers' decisions applied: a reviewed pair keeps its status
 * and note; a CONFIRMED pair the engine no longer suggests stays, as MANUAL.
 */
async function withReviews(manager: EntityManager, tasks: AlignableTask[], links: TaskLink[]) {
  const taskById = new Map(tasks.map((task) => [task.id, task]));
  const taskIds = [...taskById.keys()];
  const reviews = await manager.getRepository(AlignmentReview).find({
    where: [{ taskId: In(taskIds) }, { otherTaskId: In(taskIds) }],
  });
  const byPair = new Map(reviews.map((review) => [`${review.taskId}~${review.otherTaskId}`, review]));
  const suggested = new Set(links.map((link) => pairOf(link.taskId, link.otherTaskId).join('~')));
  const revived = reviews.filter(
    (review) =>
      review.status === AlignmentStatus.CONFIRMED &&
      !suggested.has(`${review.taskId}~${review.otherTaskId}`) &&
      taskById.has(review.taskId) &&
      taskById.has(review.otherTaskId),
  );
  const manualLinks = scorePairs(
    tasks,
    revived.map((review) => [review.taskId, review.otherTaskId]),
  ).flatMap((link) => [
    { ...link, method: 'MANUAL' as const },
    { ...link, taskId: link.otherTaskId, otherTaskId: link.taskId, method: 'MANUAL' as const },
  ]);
  let applied = 0;
  const rows = [...links, ...manualLinks].map((link) => {
    const review = byPair.get(pairOf(link.taskId, link.otherTaskId).join('~'));
    if (review) applied++;
    return Object.assign(new TaskAlignment(), {
      id: alignmentId(link.taskId, link.otherTaskId),
      taskId: link.taskId,
      otherTaskId: link.otherTaskId,
      otherJurisdictionCode: taskById.get(link.otherTaskId)!.jurisdictionCode,
      score: link.score,
      evidence: link.evidence,
      method: AlignmentMethod[link.method],
      status: review?.status ?? AlignmentStatus.SUGGESTED,
      note: review?.note ?? null,
      reviewedBy: review?.reviewedBy ?? null,
      reviewedAt: review?.reviewedAt ?? null,
    });
  });
  return { rows, reviews: applied / 2 };
}

/**
 * A reviewer's decision on a link: kept in alignment_review (so it survives re-alignment and
 * re-import) and applied at once to both directions of the link, with an audit-log entry.
 */
export async function reviewAlignment(
  dataSource: DataSource,
  user: AuthUser,
  args: { id: string; status: AlignmentStatus; note: string | null },
): Promise<TaskAlignment> {
  return dataSource.transaction(async (manager) => {
    const repository = manager.getRepository(TaskAlignment);
    const before = await repository.findOneBy({ id: args.id });
    if (!before) throw new ApiError(ErrorCode.ALIGNMENT_NOT_FOUND, `No task alignment "${args.id}".`, { id: args.id });
    const [taskId, otherTaskId] = pairOf(before.taskId, before.otherTaskId);
    const review = { status: args.status, note: args.note, reviewedBy: user.name, reviewedAt: new Date() };
    await manager.getRepository(AlignmentReview).upsert({ taskId, otherTaskId, ...review }, ['taskId', 'otherTaskId']);
    await repository.update({ id: In([alignmentId(taskId, otherTaskId), alignmentId(otherTaskId, taskId)]) }, review);
    const after = (await repository.findOneBy({ id: args.id }))!;
    await recordAudit(manager, user, 'reviewAlignment', args, before, after);
    return after;
  });
}
