import type { DataSource } from 'typeorm';
import { loaderByKey, loaderManyByKey } from '../graphql/batch.js';
import { Jurisdiction } from './jurisdiction.entity.js';

export function createJurisdictionLoaders(dataSource: DataSource) {
  return {
    jurisdictionByCode: loaderByKey<Jurisdiction, string>(dataSource, Jurisdiction, 'code'),
    jurisdictionsByParentCode: loaderManyByKey<Jurisdiction, string>(dataSource, Jurisdiction, 'parentCode', { code: 'ASC' }),
  };
}
