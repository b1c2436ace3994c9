import type { DataSource } from 'typeorm';
import type { AlignableTask } from '../alignment/engine.js';
import { stripResponsibility } from '../alignment/text.js';
import type { Loaders } from '../graphql/loaders.js';
import { ApiError, ErrorCode } from '../graphql/errors.js';
import { readPlanPair, type TaskRows } from './change.reader.js';
import { TaskChangeKind, type PlanChanges, type TaskChange } from './change.types.js';
import { DEFAULT_MATCH_THRESHOLDS, matchTasks, wordingKey } from './task-matching.js';
import { compareAgencies, compareClauses, compareTargets, isReworded } from './version-diff.js';

/**
 * What changed from one plan of a jurisdiction to a later one. Both plans and everything below
 * their tasks are read in one statement (change.reader.ts), which primes the request's loaders for
 * the fields a client then asks of tasks, clauses and targets. The tasks are matched across the
 * years at once (every change set needs it); a change's clause diffs, agencies and targets are
 * computed when the query first selects them, once.
 */
export async function findPlanChanges(dataSource: DataSource, loaders: Loaders, fromId: string, toId: string): Promise<PlanChanges> {
  const { plans, tasksOf, metrics } = await readPlanPair(dataSource, loaders, [fromId, toId]);
  const from = plans.get(fromId);
  const to = plans.get(toId);
  if (!from) throw new ApiError(ErrorCode.PLAN_NOT_FOUND, `No plan "${fromId}".`, { argument: 'from' });
  if (!to) throw new ApiError(ErrorCode.PLAN_NOT_FOUND, `No plan "${toId}".`, { argument: 'to' });
  if (from.jurisdictionCode !== to.jurisdictionCode || from.year >= to.year) {
    throw new ApiError(
      ErrorCode.CHANGE_PLANS_NOT_COMPARABLE,
      `Plan changes compare an earlier and a later plan of one jurisdiction; got ${from.id} and ${to.id}.`,
      { from: from.id, to: to.id },
    );
  }
  const rowsBefore = tasksOf.get(from.id)!;
  const rowsAfter = tasksOf.get(to.id)!;
  const rowsOf = new Map([...rowsBefore, ...rowsAfter].map((rows) => [rows.task.id, rows]));
  // Each task's text without its responsibility brackets once, for the alignment score and the
  // wording the matcher pairs tasks by and `reworded` compares.
  const cleaned = new Map([...rowsOf.values()].map(({ task }) => [task.id, stripResponsibility(task.text)]));
  const alignable = ({ task, themes }: TaskRows): AlignableTask => ({
    id: task.id,
    planId: task.planId,
    jurisdictionCode: from.jurisdictionCode,
    title: task.title,
    text: task.text,
    themes,
    clean: cleaned.get(task.id),
  });
  const wordings = new Map([...rowsOf.values()].map(({ task }) => [task.id, wordingKey(task.text, cleaned.get(task.id))]));
  const keyOf = (task: { id: string }) => wordings.get(task.id)!;
  const matches = matchTasks(rowsBefore.map(alignable), rowsAfter.map(alignable), DEFAULT_MATCH_THRESHOLDS, keyOf);
  const changes = matches.map((match): TaskChange => {
    const before = match.before.map((id) => rowsOf.get(id)!);
    const after = match.after.map((id) => rowsOf.get(id)!);
    const both = match.kind !== TaskChangeKind.ADDED && match.kind !== TaskChangeKind.DROPPED;
    const all = <T>(side: TaskRows[], of: (rows: TaskRows) => T[]) => side.flatMap(of);
    return lazily(
      {
        kind: match.kind,
        before: before.map((rows) => rows.task),
        after: after.map((rows) => rows.task),
        score: match.score,
        reworded:
          both &&
          isReworded(
            before.map((rows) => rows.task),
            after.map((rows) => rows.task),
            keyOf,
          ),
      },
      {
        clauses: () =>
          both
            ? compareClauses(
                all(before, (rows) => rows.clauses),
                all(after, (rows) => rows.clauses),
              )
            : [],
        agencies: () =>
          both
            ? compareAgencies(
                all(before, (rows) => rows.assignments),
                all(after, (rows) => rows.assignments),
              )
            : [],
        targets: () =>
          compareTargets(
            all(before, (rows) => rows.indicators),
            all(after, (rows) => rows.indicators),
            metrics,
          ),
      },
    );
  });
  return { from, to, tasks: changes };
}

/** `fields` computed on first read, once: a query that does not select a task's clause diffs does not pay for them. */
function lazily<T extends object, L extends Record<string, unknown>>(eager: T, fields: { [K in keyof L]: () => L[K] }): T & L {
  const target = eager as T & L;
  for (const [name, compute] of Object.entries(fields) as Array<[keyof L & string, () => unknown]>) {
    Object.defineProperty(target, name, {
      enumerable: true,
      configurable: true,
      get() {
        const value = compute();
        Object.defineProperty(target, name, { value, enumerable: true });
        return value;
      },
    });
  }
  return target;
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
