import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { loaderByKey, loaderManyByKey } from '../graphql/batch.js';
import { PlanRevision } from './plan-revision.entity.js';
import { Plan } from './plan.entity.js';

export function createPlanLoaders(dataSource: DataSource) {
  return {
    /** Plans without their source text (Plan.readOnDemand); `planSourceTextById` reads it. */
    planById: loaderByKey<Plan, string>(dataSource, Plan, 'id'),
    planSourceTextById: new DataLoader<string, string | null>(async (ids) => {
      const rows: { id: string; sourceText: string }[] = await dataSource.query(
        'SELECT id, source_text AS "sourceText" FROM plan WHERE id = ANY($1)',
        [ids],
      );
      const byId = new Map(rows.map((row) => [row.id, row.sourceText]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    plansByJurisdictionCode: loaderManyByKey<Plan, string>(dataSource, Plan, 'jurisdictionCode', { year: 'ASC' }),
    revisionById: loaderByKey<PlanRevision, string>(dataSource, PlanRevision, 'id'),
    revisionsByPlanId: loaderManyByKey<PlanRevision, string>(dataSource, PlanRevision, 'planId', { number: 'DESC' }),
  };
}
