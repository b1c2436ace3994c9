import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { Agency } from '../agency/agency.entity.js';
import { EntityReader, groupByKey, loaderManyByKey } from '../graphql/batch.js';
import { holdPrefetched, type PrefetchQuery } from '../graphql/prefetch.js';
import { Assignment } from './assignment.entity.js';

export function createAssignmentLoaders(dataSource: DataSource) {
  const order = { ordinal: 'ASC', id: 'ASC' } as const;
  const reader = EntityReader.of(dataSource, Assignment);
  const agencyReader = EntityReader.of(dataSource, Agency);
  const agencyPages = new Map<string, DataLoader<number, Assignment[]>>();
  return {
    assignmentsByClauseId: loaderManyByKey<Assignment, string>(dataSource, Assignment, 'clauseId', order),
    assignmentsByScheduleItemId: loaderManyByKey<Assignment, string>(dataSource, Assignment, 'scheduleItemId', order),
    /**
     * One page of each agency's assignments by id: the `limit` first after id `after` (0 for the
     * first page), in one statement for every agency of a request that asks for the same page.
     */
    assignmentPageByAgencyId(limit: number, after: number): DataLoader<number, Assignment[]> {
      const key = `${limit}:${after}`;
      let loader = agencyPages.get(key);
      if (!loader) {
        agencyPages.set(
          key,
          (loader = new DataLoader<number, Assignment[]>(async (agencyIds) => {
            const rows: Record<string, unknown>[] = await dataSource.query(
              `SELECT * FROM (
                 SELECT ${reader.select('a')}, row_number() OVER (PARTITION BY a.agency_id ORDER BY a.id) AS "__n"
                 FROM assignment a WHERE a.agency_id = ANY($1) AND a.id > $2
               ) page WHERE page."__n" <= $3 ORDER BY page."id"`,
              [agencyIds, after, limit],
            );
            return groupByKey(agencyIds, rows, (row) => row.agencyId as number).map((group) => group.map((row) => reader.hydrate(row)));
          })),
        );
      }
      return loader;
    },
    /** How many clauses and schedule rows name each agency. */
    assignmentCountByAgencyId: new DataLoader<number, number>(async (agencyIds) => {
      const rows: { agencyId: number; count: number }[] = await dataSource.query(
        'SELECT agency_id AS "agencyId", count(*)::int AS count FROM assignment WHERE agency_id = ANY($1) GROUP BY agency_id',
        [agencyIds],
      );
      const counts = new Map(rows.map((row) => [row.agencyId, row.count]));
      return agencyIds.map((id) => counts.get(id) ?? 0);
    }),
    /**
     * The assignments of all clauses of each task, in document order (clause, then bracket position),
     * each with its agency read in the same statement (`Task.agencies` needs no second round trip).
     */
    clauseAssignmentsByTaskId: new DataLoader<string, Assignment[]>(async (taskIds) => {
      const rows: Record<string, unknown>[] = await dataSource.query(
        `SELECT ${reader.select('a')}, c.task_id AS "__key", ${agencyReader.jsonObject('g')} AS "__agency"
           ${CLAUSE_ASSIGNMENTS} WHERE c.task_id = ANY($1) ORDER BY ${CLAUSE_ASSIGNMENT_ORDER}`,
        [taskIds],
      );
      return groupByKey(taskIds, rows, (row) => row.__key as string).map((group) => group.map((row) => clauseAssignment(dataSource, row)));
    }),
  };
}

/** A task's clauses' assignments with their agencies (`a`, `c`, `g`), in document order. */
const CLAUSE_ASSIGNMENTS = 'FROM assignment a JOIN clause c ON c.id = a.clause_id JOIN agency g ON g.id = a.agency_id';
const CLAUSE_ASSIGNMENT_ORDER = 'c.ordinal, a.ordinal, a.id';

/** An assignment read with its agency as `__agency`, the agency kept as what its `agency` field answers. */
function clauseAssignment(dataSource: DataSource, row: Record<string, unknown>): Assignment {
  const assignment = EntityReader.of(dataSource, Assignment).hydrate(row);
  holdPrefetched(assignment, 'agency', EntityReader.of(dataSource, Agency).hydrate(row.__agency as Record<string, unknown>));
  return assignment;
}

/**
 * `Task.agencies` read ahead (`@PrefetchBy`): every clause assignment of the task with its agency,
 * as JSON, priming `clauseAssignmentsByTaskId` as that loader would have read them; the field's
 * `role` is applied to them by its resolver.
 */
export const TASK_CLAUSE_ASSIGNMENTS: PrefetchQuery = {
  sql: (dataSource, alias, task) => {
    const pairs = [`'__agency', ${EntityReader.of(dataSource, Agency).jsonObject('g')}`];
    const object = EntityReader.of(dataSource, Assignment).jsonObject('a', pairs);
    return `SELECT coalesce(json_agg(${object} ORDER BY ${CLAUSE_ASSIGNMENT_ORDER}), CAST('[]' AS json))
      ${CLAUSE_ASSIGNMENTS} WHERE c.task_id = ${alias}.${task.column('id')}`;
  },
  prime: (loaders, dataSource, task, value) => {
    loaders.clauseAssignmentsByTaskId.prime(
      task.id as string,
      (value as Record<string, unknown>[]).map((row) => clauseAssignment(dataSource, row)),
    );
  },
};
