import type { DataSource } from 'typeorm';
import { loaderByKey, loaderManyByKey } from '../graphql/batch.js';
import { PlanRevision } from './plan-revision.entity.js';
import { Plan } from './plan.entity.js';

export function createPlanLoaders(dataSource: DataSource) {
  return {
    planById: loaderByKey<Plan, string>(dataSource, Plan, 'id'),
    plansByJurisdictionCode: loaderManyByKey<Plan, string>(dataSource, Plan, 'jurisdictionCode', { year: 'ASC' }),
    revisionById: loaderByKey<PlanRevision, string>(dataSource, PlanRevision, 'id'),
    revisionsByPlanId: loaderManyByKey<PlanRevision, string>(dataSource, PlanRevision, 'planId', { number: 'DESC' }),
  };
}
