import { In, type DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { recordAudit } from '../auth/audit.service.js';
import { bumpDataVersion } from '../cache/data-version.js';
import { storeChangeSets } from '../change/change-set.js';
import { insert, refreshStatistics, type RowOf } from '../db/bulk-write.js';
import { JurisdictionDirectory, type JurisdictionSeed } from '../jurisdiction/jurisdiction.service.js';
import { ApiError, ErrorCode } from '../graphql/errors.js';
import { mapIndicatorsToMetrics } from '../metric/metric.service.js';
import { Task } from '../task/task.entity.js';
import { TaskTheme, TaskThemeSource, Theme } from '../theme/theme.entity.js';
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

/** One year of one province: plans are compared only within such a group. */
interface Group {
  year: number;
  /** The first two digits of GB/T 2260. */
  province: string;
}

/**
 * Which jurisdictions of a province are compared: siblings (the districts of a city, the cities of
 * a province), a jurisdiction and its ancestors, and a jurisdiction and its parent's siblings (a
 * district and the other cities: 通州区 and 徐州市). What planners set side by side, and it keeps a
 * province's links near-linear in its jurisdictions where all pairs would be quadratic: a county's
 * cousins in other cities are not compared. Unknown jurisdictions are compared with all.
 */
export function comparedJurisdictions(directory: JurisdictionDirectory): (code: string, otherCode: string) => boolean {
  return (code, otherCode) => {
    const a = directory.get(code);
    const b = directory.get(otherCode);
    if (!a || !b || a.parentCode === b.parentCode) return true;
    const ancestorsOf = (jurisdiction: JurisdictionSeed) =>
      directory
        .lineage(jurisdiction.code)
        .slice(1)
        .map((ancestor) => ancestor.code);
    if (ancestorsOf(a).includes(b.code) || ancestorsOf(b).includes(a.code)) return true;
    const grandparent = (jurisdiction: JurisdictionSeed) =>
      jurisdiction.parentCode ? directory.get(jurisdiction.parentCode)?.parentCode : undefined;
    return grandparent(a) === b.parentCode || grandparent(b) === a.parentCode;
  };
}

/**
 * One alignment run, with the theme and metric taxonomies as stored (`loadReferenceData`): for
 * each year and province in scope classifies tasks into themes (leaving an editor's MANUAL themes
 * alone), maps indicators to metrics, links equivalent tasks across the group's plans and
 * re-applies reviewers' decisions; then stores the change sets of the plans in scope and their
 * neighbouring years (change/change-set.ts). A run over several plans or all of them first
 * refreshes the planner's statistics (`refreshStatistics`).
 * One transaction per group: readers see a group's old links or its new ones, never a half-written
 * set, and a national run holds one group in memory at a time.
 */
export async function runAlignment(dataSource: DataSource, options: AlignmentRunOptions = {}): Promise<AlignmentSummary> {
  const started = performance.now();
  // A run over several plans, or all of them, follows a bulk load (the import and align CLIs, a
  // reparse, the bench): the planner needs the loaded rows counted. One upload's run does not.
  if (!options.planIds || options.planIds.length > 1) await refreshStatistics(dataSource);
  const themes = await dataSource.getRepository(Theme).find({ order: { ordinal: 'ASC' } });
  const compared = comparedJurisdictions(await JurisdictionDirectory.load(dataSource.manager));
  const total: AlignmentSummary = { tasks: 0, taskThemes: 0, links: 0, reviews: 0, indicators: 0, milliseconds: 0 };
  const groups = await groupsInScope(dataSource, options.planIds);
  // Two groups at a time: one is scored in JavaScript while PostgreSQL writes the other's links.
  const worker = async () => {
    for (let group = groups.shift(); group; group = groups.shift()) {
      const summary = await dataSource.transaction((manager) => alignGroup(manager, group, themes, compared, options.thresholds));
      total.tasks += summary.tasks;
      total.taskThemes += summary.taskThemes;
      total.links += summary.links;
      total.reviews += summary.reviews;
      total.indicators += summary.indicators;
    }
  };
  await Promise.all([worker(), worker()]);
  // With the themes set: what the year-over-year change sets of these plans match tasks by.
  await storeChangeSets(dataSource, options.planIds);
  return { ...total, milliseconds: Math.round(performance.now() - started) };
}

async function alignGroup(
  manager: EntityManager,
  group: Group,
  themes: Parameters<typeof classifyTasks>[1],
  compared: ReturnType<typeof comparedJurisdictions>,
  thresholds: AlignmentThresholds | undefined,
): Promise<Omit<AlignmentSummary, 'milliseconds'>> {
  // Two runs of one group (two instances, the CLI and an upload) take turns: each deletes and
  // re-inserts the group's rows, which would collide on their keys if interleaved.
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`align:${group.year}:${group.province}`]);
  const tasks: TaskRow[] = await manager.query(
    `SELECT t.id, t.title, t.text, t.plan_id AS "planId", p.year, p.jurisdiction_code AS "jurisdictionCode"
     FROM task t JOIN plan p ON p.id = t.plan_id
     WHERE p.year = $1 AND left(p.jurisdiction_code, 2) = $2
     ORDER BY t.id`,
    [group.year, group.province],
  );
  const taskIds = tasks.map((task) => task.id);
  if (!tasks.length) return { tasks: 0, taskThemes: 0, links: 0, reviews: 0, indicators: 0 };

  const themeRows = await classify(manager, tasks, themes);
  const indicators = await mapIndicatorsToMetrics(manager, taskIds);

  const themesOf = new Map<string, string[]>();
  for (const row of themeRows) themesOf.set(row.taskId, [...(themesOf.get(row.taskId) ?? []), row.themeKey]);
  const alignable: AlignableTask[] = tasks.map((task) => ({ ...task, themes: themesOf.get(task.id) ?? [] }));
  const links = alignTasks(alignable, { thresholds, comparable: compared });

  const { rows, reviews } = await withReviews(manager, alignable, links);
  await manager.query(`DELETE FROM task_alignment WHERE task_id = ANY($1)`, [taskIds]);
  for (let start = 0; start < rows.length; start += LINK_CHUNK) await insert(manager, TaskAlignment, rows.slice(start, start + LINK_CHUNK));
  await bumpDataVersion(manager);
  return {
    tasks: tasks.length,
    taskThemes: themeRows.filter((row) => row.source === TaskThemeSource.RULE).length,
    links: rows.length,
    reviews,
    indicators,
  };
}

/** Links per INSERT (one `jsonb_to_recordset` parameter each, a few MB): a national run writes millions. */
const LINK_CHUNK = 5_000;

/** The years and provinces of the given plans (every one that has plans when none are given). */
async function groupsInScope(dataSource: DataSource, planIds?: string[]): Promise<Group[]> {
  return dataSource.query(
    `SELECT DISTINCT year, left(jurisdiction_code, 2) AS province FROM plan ${planIds ? 'WHERE id = ANY($1)' : ''} ORDER BY 1, 2`,
    planIds ? [planIds] : [],
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
  const rows = [...links, ...manualLinks].map((link): RowOf<TaskAlignment> => {
    const review = byPair.get(pairOf(link.taskId, link.otherTaskId).join('~'));
    if (review) applied++;
    return {
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
    };
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
    const tasks = await manager.getRepository(Task).find({ select: { id: true, planId: true }, where: { id: In([taskId, otherTaskId]) } });
    await recordAudit(manager, user, {
      mutation: 'reviewAlignment',
      args,
      before,
      after,
      planIds: tasks.map((task) => task.planId),
    });
    return after;
  });
}
