import type { DataSource } from 'typeorm';
import { EntityReader, loaderByKey, loaderManyByKey, loaderManyBySql } from '../graphql/batch.js';
import { Indicator } from './indicator.entity.js';

export function createIndicatorLoaders(dataSource: DataSource) {
  const reader = EntityReader.of(dataSource, Indicator);
  return {
    indicatorById: loaderByKey<Indicator, string>(dataSource, Indicator, 'id'),
    indicatorsByClauseId: loaderManyByKey<Indicator, string>(dataSource, Indicator, 'clauseId', { ordinal: 'ASC' }),
    indicatorsByScheduleItemId: loaderManyByKey<Indicator, string>(dataSource, Indicator, 'scheduleItemId', { ordinal: 'ASC' }),
    /** All indicators of each task: its clauses' in document order, then its schedule rows'. */
    indicatorsByTaskId: loaderManyBySql<Indicator, string>(
      dataSource,
      reader,
      `SELECT ${reader.select('i')}, i.task_id AS "__key" FROM indicator i
         LEFT JOIN clause c ON c.id = i.clause_id LEFT JOIN schedule_item s ON s.id = i.schedule_item_id
        WHERE i.task_id = ANY($1) ORDER BY c.ordinal ASC NULLS LAST, s.ordinal, i.ordinal`,
    ),
  };
}
