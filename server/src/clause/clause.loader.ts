import type { DataSource } from 'typeorm';
import { loaderByKey, loaderManyByKey } from '../graphql/batch.js';
import { Clause } from './clause.entity.js';

export function createClauseLoaders(dataSource: DataSource) {
  return {
    clauseById: loaderByKey<Clause, string>(dataSource, Clause, 'id'),
    clausesByTaskId: loaderManyByKey<Clause, string>(dataSource, Clause, 'taskId', { ordinal: 'ASC' }),
  };
}
