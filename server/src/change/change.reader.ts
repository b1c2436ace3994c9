import type { DataSource } from 'typeorm';
import { Agency } from '../agency/agency.entity.js';
import { Assignment } from '../assignment/assignment.entity.js';
import { Clause } from '../clause/clause.entity.js';
import { EntityReader } from '../graphql/batch.js';
import type { Loaders } from '../graphql/loaders.js';
import { Indicator } from '../indicator/indicator.entity.js';
import { Metric } from '../metric/metric.entity.js';
import { Plan } from '../plan/plan.entity.js';
import { Task } from '../task/task.entity.js';
import { PlanChangeSet } from './plan-change-set.entity.js';

/**
 * Joins `previous` to a plan aliased `later`: the plan before it, the same jurisdiction's latest plan
 * of an earlier year (an inner join: plans with none drop out).
 */
export const PREVIOUS_PLAN = `JOIN LATERAL (
       SELECT id FROM plan earlier
       WHERE earlier.jurisdiction_code = later.jurisdiction_code AND earlier.year < later.year
       ORDER BY earlier.year DESC LIMIT 1
     ) previous ON TRUE`;

/** A task as a change set compares it: the task and what hangs below it. */
export interface TaskRows {
  task: Task;
  /** Theme keys (the classifier's and editors'), for the alignment score. */
  themes: string[];
  clauses: Clause[];
  /** The clauses' assignments, in document order. */
  assignments: Assignment[];
  /** The task's targets, in document order (clauses', then schedule rows'). */
  indicators: Indicator[];
}

export interface PlanRows {
  /** The plans asked for, by id (a missing one is absent). */
  plans: Map<string, Plan>;
  /** Each plan's tasks in order, by plan id. */
  tasksOf: Map<string, TaskRows[]>;
  metrics: Map<string, Metric>;
  /** The stored change sets between two of the plans, by `changeSetKey(from, to)`, fresh or not. */
  changeSets: Map<string, PlanChangeSet>;
}

/** How `readPlans` keys the stored change sets it finds. */
export function changeSetKey(fromPlanId: string, toPlanId: string): string {
  return `${fromPlanId}>${toPlanId}`;
}

/**
 * Plans with everything a change set compares — tasks, themes, clauses, assignments and their
 * agencies, targets and their metrics — and the change sets stored between them, in one statement
 * (nested JSON, as prefetch.ts reads a plan). For a request, the `loaders` are primed with what it
 * found, so the fields a client then selects on tasks, clauses and targets need no statement of
 * their own. One round trip, whatever the plans' size: on a busy machine each round trip is a wait
 * in PostgreSQL's queue and one in Node's.
 */
export async function readPlans(dataSource: DataSource, planIds: string[], loaders?: Loaders): Promise<PlanRows> {
  const rows: RawRow[] = await dataSource.query(statementFor(dataSource), [planIds]);
  const readers = readersOf(dataSource);
  const plans = new Map<string, Plan>();
  const tasksOf = new Map<string, TaskRows[]>(planIds.map((id) => [id, []]));
  const metrics = new Map<string, Metric>();
  const changeSets = new Map<string, PlanChangeSet>();
  for (const { kind, row } of rows) {
    if (kind === 'plan') {
      const plan = readers.plan.hydrate(row as Record<string, unknown>);
      plans.set(plan.id, plan);
      loaders?.planById.prime(plan.id, plan);
    } else if (kind === 'changeSet') {
      const changeSet = readers.changeSet.hydrate(row as Record<string, unknown>);
      changeSets.set(changeSetKey(changeSet.fromPlanId, changeSet.toPlanId), changeSet);
    } else if (kind === 'task') {
      const raw = row as RawTask;
      const task = readers.task.hydrate(raw.task);
      const rows: TaskRows = {
        task,
        themes: raw.themes ?? [],
        clauses: (raw.clauses ?? []).map((clause) => readers.clause.hydrate(clause)),
        assignments: (raw.assignments ?? []).map((assignment) => readers.assignment.hydrate(assignment)),
        indicators: (raw.indicators ?? []).map((indicator) => readers.indicator.hydrate(indicator)),
      };
      tasksOf.get(task.planId)?.push(rows);
      if (!loaders) continue;
      loaders.taskById.prime(task.id, task);
      loaders.clausesByTaskId.prime(task.id, rows.clauses);
      loaders.clauseAssignmentsByTaskId.prime(task.id, rows.assignments);
      loaders.indicatorsByTaskId.prime(task.id, rows.indicators);
      for (const indicator of rows.indicators) loaders.indicatorById.prime(indicator.id, indicator);
    } else if (kind === 'metric') {
      const metric = readers.metric.hydrate(row as Record<string, unknown>);
      metrics.set(metric.key, metric);
      loaders?.metricByKey.prime(metric.key, metric);
    } else if (loaders) {
      const agency = readers.agency.hydrate(row as Record<string, unknown>);
      loaders.agencyById.prime(agency.id, agency);
    }
  }
  for (const [planId, tasks] of tasksOf) {
    tasks.sort((a, b) => a.task.ordinal - b.task.ordinal);
    if (plans.has(planId)) {
      loaders?.tasksByPlanId.prime(
        planId,
        tasks.map((rows) => rows.task),
      );
    }
  }
  return { plans, tasksOf, metrics, changeSets };
}

/** A row of the statement: a plan, a task with what hangs below it, a metric, an agency or a stored change set. */
interface RawRow {
  kind: 'plan' | 'task' | 'metric' | 'agency' | 'changeSet';
  row: unknown;
}
interface RawTask {
  task: Record<string, unknown>;
  themes: string[] | null;
  clauses: Record<string, unknown>[] | null;
  assignments: Record<string, unknown>[] | null;
  indicators: Record<string, unknown>[] | null;
}

function readersOf(dataSource: DataSource) {
  return {
    plan: EntityReader.of(dataSource, Plan),
    task: EntityReader.of(dataSource, Task),
    clause: EntityReader.of(dataSource, Clause),
    assignment: EntityReader.of(dataSource, Assignment),
    indicator: EntityReader.of(dataSource, Indicator),
    metric: EntityReader.of(dataSource, Metric),
    agency: EntityReader.of(dataSource, Agency),
    changeSet: EntityReader.of(dataSource, PlanChangeSet),
  };
}

const statements = new WeakMap<DataSource, string>();

/**
 * The statement, built once per data source from the entities' metadata. Orders are the loaders'
 * (tasksByPlanId, clausesByTaskId, clauseAssignmentsByTaskId, indicatorsByTaskId), so primed and
 * loaded lists read the same.
 */
function statementFor(dataSource: DataSource): string {
  let sql = statements.get(dataSource);
  if (sql) return sql;
  const readers = readersOf(dataSource);
  sql = `WITH t AS (SELECT * FROM task WHERE plan_id = ANY($1))
    SELECT 'plan' AS kind, ${readers.plan.jsonObject('p')} AS row FROM plan p WHERE p.id = ANY($1)
    UNION ALL
    SELECT 'task', json_build_object(
      'task', ${readers.task.jsonObject('t')},
      'themes', (SELECT json_agg(tt.theme_key ORDER BY tt.theme_key) FROM task_theme tt WHERE tt.task_id = t.id),
      'clauses', (SELECT json_agg(${readers.clause.jsonObject('c')} ORDER BY c.ordinal) FROM clause c WHERE c.task_id = t.id),
      'assignments', (SELECT json_agg(${readers.assignment.jsonObject('a')} ORDER BY c.ordinal, a.ordinal, a.id)
         FROM assignment a JOIN clause c ON c.id = a.clause_id WHERE c.task_id = t.id),
      'indicators', (SELECT json_agg(${readers.indicator.jsonObject('i')} ORDER BY c.ordinal ASC NULLS LAST, s.ordinal, i.ordinal)
         FROM indicator i LEFT JOIN clause c ON c.id = i.clause_id LEFT JOIN schedule_item s ON s.id = i.schedule_item_id
         WHERE i.task_id = t.id)
    ) FROM t
    UNION ALL
    SELECT 'metric', ${readers.metric.jsonObject('m')} FROM metric m
    WHERE m.key IN (SELECT i.metric_key FROM indicator i JOIN t ON t.id = i.task_id)
    UNION ALL
    SELECT 'agency', ${readers.agency.jsonObject('g')} FROM agency g
    WHERE g.id IN (SELECT a.agency_id FROM assignment a JOIN clause c ON c.id = a.clause_id JOIN t ON t.id = c.task_id)
    UNION ALL
    SELECT 'changeSet', ${readers.changeSet.jsonObject('s')} FROM ${readers.changeSet.table} s
    WHERE s.from_plan_id = ANY($1) AND s.to_plan_id = ANY($1)`;
  statements.set(dataSource, sql);
  return sql;
}
