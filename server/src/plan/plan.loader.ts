import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { EntityReader, groupByKey, loaderByKey, loaderManyByKey } from '../graphql/batch.js';
import { PlanRevision } from './plan-revision.entity.js';
import { Plan } from './plan.entity.js';

export function createPlanLoaders(dataSource: DataSource) {
  const revisions = EntityReader.of(dataSource, PlanRevision);
  const revisionPages = new Map<string, DataLoader<string, PlanRevision[]>>();
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
    /** Revisions without their source text (PlanRevision.readOnDemand); `revisionSourceTextById` reads it. */
    revisionById: loaderByKey<PlanRevision, string>(dataSource, PlanRevision, 'id'),
    revisionSourceTextById: new DataLoader<string, string | null>(async (ids) => {
      const rows: { id: string; sourceText: string }[] = await dataSource.query(
        'SELECT id, source_text AS "sourceText" FROM plan_revision WHERE id = ANY($1)',
        [ids],
      );
      const byId = new Map(rows.map((row) => [row.id, row.sourceText]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** The `limit` newest revisions of each plan older than revision `before` (none: from the newest). */
    revisionPageByPlanId(limit: number, before: number | null): DataLoader<string, PlanRevision[]> {
      const key = `${limit}:${before}`;
      let loader = revisionPages.get(key);
      if (!loader) {
        revisionPages.set(
          key,
          (loader = new DataLoader<string, PlanRevision[]>(async (planIds) => {
            const rows: Record<string, unknown>[] = await dataSource.query(
              `SELECT * FROM (
                 SELECT ${revisions.select('r')}, row_number() OVER (PARTITION BY r.plan_id ORDER BY r.number DESC) AS "__n"
                 FROM plan_revision r WHERE r.plan_id = ANY($1) AND ($2::int IS NULL OR r.number < $2)
               ) page WHERE page."__n" <= $3 ORDER BY page."number" DESC`,
              [planIds, before, limit],
            );
            return groupByKey(planIds, rows, (row) => row.planId as string).map((group) => group.map((row) => revisions.hydrate(row)));
          })),
        );
      }
      return loader;
    },
  };
}
