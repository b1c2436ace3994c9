import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { groupByKey, loaderByKey, loaderManyByKey } from '../graphql/batch.js';
import { Indicator } from './indicator.entity.js';

export function createIndicatorLoaders(dataSource: DataSource) {
  return {
    indicatorById: loaderByKey<Indicator, string>(dataSource, Indicator, 'id'),
    indicatorsByClauseId: loaderManyByKey<Indicator, string>(dataSource, Indicator, 'clauseId', { ordinal: 'ASC' }),
    indicatorsByScheduleItemId: loaderManyByKey<Indicator, string>(dataSource, Indicator, 'scheduleItemId', { ordinal: 'ASC' }),
    /** All indicators of each task: its clauses' in document order, then its schedule rows'. */
    indicatorsByTaskId: new DataLoader<string, Indicator[]>(async (taskIds) => {
      const rows = await dataSource
        .getRepository(Indicator)
        .createQueryBuilder('indicator')
        .leftJoin('indicator.clause', 'clause')
        .leftJoin('indicator.scheduleItem', 'scheduleItem')
        .where('indicator.taskId IN (:...taskIds)', { taskIds })
        .orderBy('clause.ordinal', 'ASC', 'NULLS LAST')
        .addOrderBy('scheduleItem.ordinal', 'ASC')
        .addOrderBy('indicator.ordinal', 'ASC')
        .getMany();
      return groupByKey(taskIds, rows, (row) => row.taskId);
    }),
  };
}
