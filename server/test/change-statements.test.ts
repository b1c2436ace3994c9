import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../src/graphql/global-id.js';
import { loadMetricSeeds, mapIndicatorsToMetrics } from '../src/metric/metric.service.js';
import { startTestApi, type TestApi } from './api.js';
import { insertJurisdictions, insertPlan, samplePlan, type PlanSpec } from './fixtures.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { CountingLogger } from '../src/db/counting-logger.js';

const CHANGES = `query($from: ID!, $to: ID!) { planChanges(from: $from, to: $to) {
  from { id previous { id } } to { id previous { id } }
  tasks {
    kind reworded
    before { id title clauses { id text } }
    after { id clauses { id assignments { agency { name } } } indicators { id cascade { verdict parent { id } } } }
    clauses { before { id } after { id } diff { kind text } }
    agencies { kind role agency { name } }
    targets { kind stricter before { id metric { key } } after { id metric { key } cascade { verdict reason parent { id } } } }
  }
} }`;

const CASCADE = `{ targetCascade(metricKey: "sampling-density", jurisdictionCode: "320000", year: 2021, first: 100) {
  totalCount nodes { laxer plan { id jurisdiction { name } } indicator { id value task { id } } verdicts { verdict distance parent { id value } } }
} }`;

/** `times` copies of the sample plan's sections: a plan that size. */
function planOfSize(jurisdictionCode: string, year: number, times: number): PlanSpec {
  const sample = samplePlan(jurisdictionCode, year);
  return {
    ...sample,
    sections: Array.from({ length: times }, (_, copy) =>
      sample.sections.map((section) => ({ ...section, title: `${section.title}${copy}` })),
    ).flat(),
    schedule: [],
  };
}

/**
 * The change set and the cascade read everything through batched loaders: the statements of a
 * request depend on the query's shape, not on how many tasks and targets the plans hold.
 */
describe('statements of plan changes and cascades', () => {
  let db: TestDatabase;
  let api: TestApi;
  const logger = new CountingLogger();

  beforeAll(async () => {
    db = await createTestDatabase({ logger });
    await insertJurisdictions(db.dataSource);
    await loadMetricSeeds(db.dataSource);
    api = await startTestApi(db.dataSource);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  async function countStatements(query: string, variables?: Record<string, unknown>) {
    logger.reset();
    const response = await api.query(query, variables);
    expect(response.errors).toBeUndefined();
    return { count: logger.statements.length, data: response.data! };
  }

  it('do not grow with the size of the plans compared', async () => {
    await insertPlan(db.dataSource, planOfSize('320300', 2020, 1));
    await insertPlan(db.dataSource, planOfSize('320300', 2021, 1));
    await insertPlan(db.dataSource, planOfSize('320612', 2020, 5));
    await insertPlan(db.dataSource, planOfSize('320612', 2021, 5));
    await insertPlan(db.dataSource, planOfSize('320600', 2021, 3));
    await insertPlan(db.dataSource, planOfSize('320000', 2021, 2));
    await mapIndicatorsToMetrics(db.dataSource);
    const small = await countStatements(CHANGES, { from: toGlobalId('Plan', '320300-2020'), to: toGlobalId('Plan', '320300-2021') });
    const large = await countStatements(CHANGES, { from: toGlobalId('Plan', '320612-2020'), to: toGlobalId('Plan', '320612-2021') });
    expect(small.data.planChanges.tasks).toHaveLength(4);
    expect(large.data.planChanges.tasks).toHaveLength(20);
    expect(large.count).toBe(small.count);
  });

  it('are one for a change set with its tasks, clause diffs, agencies and targets', async () => {
    const query = `query($from: ID!, $to: ID!) { planChanges(from: $from, to: $to) {
      from { id year } to { id year }
      tasks { kind score reworded before { id ordinal title } after { id ordinal title text }
        clauses { before { id } after { id } diff { kind text } } agencies { kind role agency { id name } }
        targets { kind stricter delta before { id subject value unit } after { id subject value unit metric { key } } } }
    } }`;
    const { count, data } = await countStatements(query, {
      from: toGlobalId('Plan', '320612-2020'),
      to: toGlobalId('Plan', '320612-2021'),
    });
    expect(data.planChanges.tasks).toHaveLength(20);
    expect(count).toBe(1);
  });

  it('of a cascade do not grow with the number of plans under the province', async () => {
    const before = await countStatements(CASCADE);
    await insertPlan(db.dataSource, planOfSize('320311', 2021, 4));
    await mapIndicatorsToMetrics(db.dataSource);
    const after = await countStatements(CASCADE);
    expect(after.data.targetCascade.totalCount).toBeGreaterThan(before.data.targetCascade.totalCount);
    expect(after.count).toBe(before.count);
  });
});
