import type { DataSource } from 'typeorm';
import { EntityReader, loaderManyByKey, loaderManyBySql } from '../graphql/batch.js';
import { Assignment } from './assignment.entity.js';

export function createAssignmentLoaders(dataSource: DataSource) {
  const order = { ordinal: 'ASC', id: 'ASC' } as const;
  const reader = EntityReader.of(dataSource, Assignment);
  return {
    assignmentsByClauseId: loaderManyByKey<Assignment, string>(dataSource, Assignment, 'clauseId', order),
    assignmentsByScheduleItemId: loaderManyByKey<Assignment, string>(dataSource, Assignment, 'scheduleItemId', order),
    assignmentsByAgencyId: loaderManyByKey<Assignment, number>(dataSource, Assignment, 'agencyId', { id: 'ASC' }),
    /** The assignments of all clauses of each task, in document order (clause, then bracket position). */
    clauseAssignmentsByTaskId: loaderManyBySql<Assignment, string>(
      dataSource,
      reader,
      `SELECT ${reader.select('a')}, c.task_id AS "__key" FROM assignment a JOIN clause c ON c.id = a.clause_id
        WHERE c.task_id = ANY($1) ORDER BY c.ordinal, a.ordinal, a.id`,
    ),
  };
}
