import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { groupByKey, loaderManyByKey } from '../graphql/batch.js';
import { Assignment } from './assignment.entity.js';

export function createAssignmentLoaders(dataSource: DataSource) {
  const order = { ordinal: 'ASC', id: 'ASC' } as const;
  return {
    assignmentsByClauseId: loaderManyByKey<Assignment, string>(dataSource, Assignment, 'clauseId', order),
    assignmentsByScheduleItemId: loaderManyByKey<Assignment, string>(dataSource, Assignment, 'scheduleItemId', order),
    assignmentsByAgencyId: loaderManyByKey<Assignment, number>(dataSource, Assignment, 'agencyId', { id: 'ASC' }),
    /** The assignments of all clauses of each task, in document order (clause, then bracket position). */
    clauseAssignmentsByTaskId: new DataLoader<string, Assignment[]>(async (taskIds) => {
      const rows = await dataSource.getRepository(Assignment).find({
        relations: { clause: true },
        where: { clause: { taskId: In([...taskIds]) } },
        order: { clause: { ordinal: 'ASC' }, ordinal: 'ASC' },
      });
      return groupByKey(taskIds, rows, (row) => row.clause!.taskId);
    }),
  };
}
