import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { upsert, type RowOf } from '../db/bulk-write.js';
import type { AlignableTask } from '../alignment/engine.js';
import { stripResponsibility } from '../alignment/text.js';
import { changeSetKey, PREVIOUS_PLAN, readPlans, type TaskRows } from './change.reader.js';
import { TaskChangeKind } from './change.types.js';
import { PlanChangeSet, type StoredTaskChange } from './plan-change-set.entity.js';
import { DEFAULT_MATCH_THRESHOLDS, matchTasks, wordingKey } from './task-matching.js';
import { compareClauses, isReworded } from './version-diff.js';

/** A task change before its clauses, agencies and targets are compared. */
export type MatchedChange = Omit<StoredTaskChange, 'clauses'>;

/**
 * The tasks of a jurisdiction's earlier plan matched with those of its later one (task-matching.ts),
 * each match with whether its wording changed.
 */
export function matchChanges(jurisdictionCode: string, before: TaskRows[], after: TaskRows[]): MatchedChange[] {
  // Each task's text without its responsibility brackets once, for the alignment score and the
  // wording the matcher pairs tasks by and `reworded` compares.
  const cleaned = new Map([...before, ...after].map(({ task }) => [task.id, stripResponsibility(task.text)]));
  const alignable = ({ task, themes }: TaskRows): AlignableTask => ({
    id: task.id,
    planId: task.planId,
    jurisdictionCode,
    title: task.title,
    text: task.text,
    themes,
    clean: cleaned.get(task.id),
  });
  const wordings = new Map([...before, ...after].map(({ task }) => [task.id, wordingKey(task.text, cleaned.get(task.id))]));
  const keyOf = (task: { id: string }) => wordings.get(task.id)!;
  const tasks = new Map([...before, ...after].map(({ task }) => [task.id, task]));
  return matchTasks(before.map(alignable), after.map(alignable), DEFAULT_MATCH_THRESHOLDS, keyOf).map((match) => ({
    ...match,
    reworded: isMatched(match.kind) && isReworded(match.before.map(byId(tasks)), match.after.map(byId(tasks)), keyOf),
  }));
}

/** Whether a change has a task on both sides (kept, split or merged): only those compare clauses and agencies. */
export function isMatched(kind: TaskChangeKind): boolean {
  return kind !== TaskChangeKind.ADDED && kind !== TaskChangeKind.DROPPED;
}

const byId =
  <T>(items: ReadonlyMap<string, T>) =>
  (id: string): T =>
    items.get(id)!;

/**
 * Bumped whenever what a stored change set holds would come out differently from the same tasks:
 * a change to the matcher, the alignment score it uses, `reworded` or the clause diff (jsdiff's
 * version included). ICU's version, whose word segmenter cuts the diffs, is part of the
 * fingerprint by itself.
 */
const COMPUTATION_VERSION = 1;

/**
 * Everything the stored part of a change set is computed from, hashed: each task of both plans in
 * order (id, title, text, themes) with its clauses in order (id, text), and the computation's
 * version. Equal fingerprints, equal stored parts.
 */
export function changeSetFingerprint(before: TaskRows[], after: TaskRows[]): string {
  const inputs = (side: TaskRows[]) =>
    side.map(({ task, themes, clauses }) => [task.id, task.title, task.text, themes, clauses.map((clause) => [clause.id, clause.text])]);
  return createHash('sha256')
    .update(JSON.stringify([COMPUTATION_VERSION, process.versions.icu ?? null, inputs(before), inputs(after)]))
    .digest('base64url');
}

/** The part of a change set computed from the plans' tasks and clauses alone, as stored. */
export function computeStoredChangeSet(jurisdictionCode: string, before: TaskRows[], after: TaskRows[]): StoredTaskChange[] {
  const rowsOf = new Map([...before, ...after].map((rows) => [rows.task.id, rows]));
  const clausesOf = (ids: string[]) => ids.flatMap((id) => rowsOf.get(id)!.clauses);
  return matchChanges(jurisdictionCode, before, after).map((change) => ({
    ...change,
    clauses: isMatched(change.kind)
      ? compareClauses(clausesOf(change.before), clausesOf(change.after)).map(({ before, after, diff }) => ({
          before: before?.id ?? null,
          after: after?.id ?? null,
          diff,
        }))
      : [],
  }));
}

/** Plans read per statement when change sets are stored (two per pair, most pairs sharing none). */
const PLANS_PER_READ = 100;

/**
 * Computes and stores the change set of each pair of consecutive plans of a jurisdiction (a plan
 * and `Plan.previous`) that involves one of `planIds` (every pair when none are given), unless the
 * one stored is still fresh. Run after alignment (alignment.service.ts), which sets the themes the
 * matcher reads. Each read is one statement, so a stored fingerprint always describes data that
 * was, at one instant, what it was computed from. Returns how many pairs were written.
 */
export async function storeChangeSets(dataSource: DataSource, planIds?: string[]): Promise<number> {
  const pairs: { from: string; to: string; jurisdictionCode: string }[] = await dataSource.query(
    `SELECT previous.id AS "from", later.id AS "to", later.jurisdiction_code AS "jurisdictionCode"
     FROM plan later
     ${PREVIOUS_PLAN}
     ${planIds ? 'WHERE later.id = ANY($1) OR previous.id = ANY($1)' : ''}
     ORDER BY later.jurisdiction_code, later.year`,
    planIds ? [planIds] : [],
  );
  let written = 0;
  for (let start = 0; start < pairs.length;) {
    const batch: typeof pairs = [];
    const batchPlans = new Set<string>();
    for (; start < pairs.length && batchPlans.size < PLANS_PER_READ; start++) {
      batch.push(pairs[start]);
      batchPlans.add(pairs[start].from).add(pairs[start].to);
    }
    const { plans, tasksOf, changeSets } = await readPlans(dataSource, [...batchPlans]);
    const rows: RowOf<PlanChangeSet>[] = [];
    for (const { from, to, jurisdictionCode } of batch) {
      // A plan deleted since the pairs were listed takes its change sets with it.
      if (!plans.has(from) || !plans.has(to)) continue;
      const before = tasksOf.get(from)!;
      const after = tasksOf.get(to)!;
      const fingerprint = changeSetFingerprint(before, after);
      if (changeSets.get(changeSetKey(from, to))?.fingerprint === fingerprint) continue;
      rows.push({ fromPlanId: from, toPlanId: to, fingerprint, tasks: computeStoredChangeSet(jurisdictionCode, before, after) });
    }
    written += await upsert(dataSource, PlanChangeSet, rows);
  }
  return written;
}
