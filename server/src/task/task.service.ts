import type { DataSource } from 'typeorm';
import { paginate, type Connection, type Keyset, type PageArgs } from '../graphql/connection.js';
import { Task } from './task.entity.js';
import type { TaskFilter } from './task.input.js';

/** Tasks page plan by plan (plan ids sort by jurisdiction, then year), in document order. */
const TASK_KEYSET: Keyset<Task> = {
  name: 'TaskConnection',
  columns: ['task.planId', 'task.ordinal'],
  values: (task) => [task.planId, task.ordinal],
};

/** `text` as a LIKE pattern that matches it literally anywhere. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** One page of the tasks matching `filter`. */
export function findTasks(dataSource: DataSource, filter: TaskFilter | null | undefined, page: PageArgs): Promise<Connection<Task>> {
  const query = dataSource.getRepository(Task).createQueryBuilder('task');
  if (filter?.jurisdictionCodes || filter?.year != null) {
    query.innerJoin('task.plan', 'plan');
    if (filter.jurisdictionCodes) {
      if (filter.jurisdictionCodes.length === 0) query.andWhere('FALSE');
      else query.andWhere('plan.jurisdictionCode IN (:...codes)', { codes: filter.jurisdictionCodes });
    }
    if (filter.year != null) query.andWhere('plan.year = :year', { year: filter.year });
  }
  if (filter?.agencyKind || filter?.role) {
    // Kind and role must hold for the same assignment: "tasks led by a market-regulation bureau".
    const conditions = ['clause.task_id = task.id'];
    if (filter.agencyKind) conditions.push('agency.kind = :agencyKind');
    if (filter.role) conditions.push('assignment.role = :role');
    query.andWhere(
      `EXISTS (SELECT 1 FROM assignment JOIN clause ON clause.id = assignment.clause_id JOIN agency ON agency.id = assignment.agency_id WHERE ${conditions.join(' AND ')})`,
      { agencyKind: filter.agencyKind, role: filter.role },
    );
  }
  if (filter?.text) {
    query.andWhere(`(task.text ILIKE :pattern ESCAPE '\\' OR task.title ILIKE :pattern ESCAPE '\\')`, {
      pattern: containsPattern(filter.text),
    });
  }
  return paginate(query, TASK_KEYSET, page);
}
