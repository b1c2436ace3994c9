import type { DataSource } from 'typeorm';
import type { Clause } from '../clause/clause.entity.js';
import type { Loaders } from '../graphql/loaders.js';
import { ApiError, ErrorCode } from '../graphql/errors.js';
import type { Metric } from '../metric/metric.entity.js';
import { changeSetFingerprint, isMatched, matchChanges, type MatchedChange } from './change-set.js';
import { changeSetKey, PREVIOUS_PLAN, readPlans, type TaskRows } from './change.reader.js';
import type { ClauseChange, PlanChanges, TaskChange } from './change.types.js';
import type { StoredTaskChange } from './plan-change-set.entity.js';
import { compareAgencies, compareClauses, compareTargets } from './version-diff.js';

/**
 * What changed from one plan of a jurisdiction to a later one. Both plans and everything below
 * their tasks are read in one statement (change.reader.ts), which primes the request's loaders for
 * the fields a client then asks of tasks, clauses and targets, and brings the change set stored for
 * the pair at alignment time (change-set.ts), if any. When that one was computed from the tasks
 * and clauses as they are now (its fingerprint), its matching, rewording and clause diffs are
 * used; otherwise the tasks are matched across the years at once (every change set needs it) and a
 * change's clause diffs computed when the query first selects them. Agencies and targets are
 * computed when selected, once.
 */
export async function findPlanChanges(dataSource: DataSource, loaders: Loaders, fromId: string, toId: string): Promise<PlanChanges> {
  const { plans, tasksOf, metrics, changeSets } = await readPlans(dataSource, [fromId, toId], loaders);
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
  const before = tasksOf.get(from.id)!;
  const after = tasksOf.get(to.id)!;
  const stored = changeSets.get(changeSetKey(from.id, to.id));
  const fresh = stored && stored.fingerprint === changeSetFingerprint(before, after) ? stored.tasks : undefined;
  return { from, to, tasks: taskChanges(fresh ?? matchChanges(from.jurisdictionCode, before, after), before, after, metrics) };
}

/** The task changes of matched tasks, with their clause diffs as stored or, when not, computed when first read. */
function taskChanges(
  matches: Array<MatchedChange | StoredTaskChange>,
  rowsBefore: TaskRows[],
  rowsAfter: TaskRows[],
  metrics: ReadonlyMap<string, Metric>,
): TaskChange[] {
  const rowsOf = new Map([...rowsBefore, ...rowsAfter].map((rows) => [rows.task.id, rows]));
  let clauseById: Map<string, Clause> | undefined;
  const clause = (id: string | null) => {
    if (id === null) return null;
    clauseById ??= new Map([...rowsOf.values()].flatMap((rows) => rows.clauses.map((each) => [each.id, each])));
    return clauseById.get(id)!;
  };
  return matches.map((match): TaskChange => {
    const before = match.before.map((id) => rowsOf.get(id)!);
    const after = match.after.map((id) => rowsOf.get(id)!);
    const both = isMatched(match.kind);
    const all = <T>(side: TaskRows[], of: (rows: TaskRows) => T[]) => side.flatMap(of);
    return lazily(
      {
        kind: match.kind,
        before: before.map((rows) => rows.task),
        after: after.map((rows) => rows.task),
        score: match.score,
        reworded: match.reworded,
      },
      {
        clauses: (): ClauseChange[] =>
          'clauses' in match
            ? match.clauses.map((change) => ({ before: clause(change.before), after: clause(change.after), diff: change.diff }))
            : both
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

/** The plan before each plan (PREVIOUS_PLAN), or null. */
export async function findPreviousPlanIds(dataSource: DataSource, planIds: readonly string[]): Promise<(string | null)[]> {
  const rows: { id: string; previous: string }[] = await dataSource.query(
    `SELECT later.id, previous.id AS previous
     FROM plan later
     ${PREVIOUS_PLAN}
     WHERE later.id = ANY($1)`,
    [planIds],
  );
  const previousOf = new Map(rows.map((row) => [row.id, row.previous]));
  return planIds.map((id) => previousOf.get(id) ?? null);
}
