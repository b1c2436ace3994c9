import type { DataSource } from 'typeorm';
import { loaderByKey } from '../graphql/batch.js';
import { Agency } from './agency.entity.js';

export function createAgencyLoaders(dataSource: DataSource) {
  return {
    agencyById: loaderByKey<Agency, number>(dataSource, Agency, 'id'),
  };
}
