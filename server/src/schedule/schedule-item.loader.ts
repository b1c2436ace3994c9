import type { DataSource } from 'typeorm';
import { loaderByKey, loaderManyByKey } from '../graphql/batch.js';
import { ScheduleItem } from './schedule-item.entity.js';

export function createScheduleItemLoaders(dataSource: DataSource) {
  return {
    scheduleItemById: loaderByKey<ScheduleItem, string>(dataSource, ScheduleItem, 'id'),
    scheduleItemsByPlanId: loaderManyByKey<ScheduleItem, string>(dataSource, ScheduleItem, 'planId', { ordinal: 'ASC' }),
    scheduleItemsByTaskId: loaderManyByKey<ScheduleItem, string>(dataSource, ScheduleItem, 'taskId', { ordinal: 'ASC' }),
  };
}
