import type { DataSource } from 'typeorm';
import { loaderByKey } from '../graphql/batch.js';
import { Metric } from './metric.entity.js';

export function createMetricLoaders(dataSource: DataSource) {
  return {
    metricByKey: loaderByKey<Metric, string>(dataSource, Metric, 'key'),
  };
}
