import type { DataSource } from 'typeorm';
import { loaderByKey, loaderManyByKey } from '../graphql/batch.js';
import { Task } from './task.entity.js';

export function createTaskLoaders(dataSource: DataSource) {
  return {
    taskById: loaderByKey<Task, string>(dataSource, Task, 'id'),
    tasksByPlanId: loaderManyByKey<Task, string>(dataSource, Task, 'planId', { ordinal: 'ASC' }),
    tasksBySectionId: loaderManyByKey<Task, string>(dataSource, Task, 'sectionId', { ordinal: 'ASC' }),
    tasksByGroupId: loaderManyByKey<Task, string>(dataSource, Task, 'groupId', { ordinal: 'ASC' }),
  };
}
