import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CountingLogger } from '../src/db/counting-logger.js';
import { startTestApi, type TestApi } from './api.js';
import { insertJurisdictions, insertPlan, samplePlan } from './fixtures.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

const DEEP_QUERY = `{
  plans(first: 100) {
    nodes {
      jurisdiction { name parent { name } }
      sections { tasks {
        clauses { assignments { agency { name } } indicators { value } }
        indicators { value }
        agencies(role: LEAD) { name }
        scheduleItems { leadAgencies { name } responsibleAgencies { name } indicators { period } }
      } }
      schedule { task { ordinal } }
    }
  }
}`;

/**
 * Per-request DataLoaders keep the number of statements a function of the query's shape: the same
 * query over one plan and over five must send the same number of statements.
 */
describe('statements per request', () => {
  let db: TestDatabase;
  let api: TestApi;
  const logger = new CountingLogger();

  beforeAll(async () => {
    db = await createTestDatabase({ logger });
    await insertJurisdictions(db.dataSource);
    api = await startTestApi(db.dataSource);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  async function countStatements(query: string) {
    logger.reset();
    const response = await api.query(query);
    expect(response.errors).toBeUndefined();
    return { count: logger.statements.length, response };
  }

  it('do not grow with the number of plans', async () => {
    await insertPlan(db.dataSource, samplePlan('320612', 2021));
    const one = await countStatements(DEEP_QUERY);
    expect(one.response.data!.plans.nodes).toHaveLength(1);

    for (const [code, year] of [
      ['320300', 2021],
      ['320612', 2022],
      ['320300', 2022],
      ['320311', 2021],
    ] as const) {
      await insertPlan(db.dataSource, samplePlan(code, year));
    }
    const five = await countStatements(DEEP_QUERY);
    expect(five.response.data!.plans.nodes).toHaveLength(5);
    expect(five.count).toBe(one.count);
  });

  it('read the relations a query selects with its page (look-ahead), and the rest one statement per level', async () => {
    const { count } = await countStatements(
      `{ plans(first: 100) { nodes { sections { tasks { clauses { assignments { agency { name } } } indicators { value } } } } } }`,
    );
    // The page of plans with their sections, tasks, clauses, assignments and agencies as nested JSON
    // (@Prefetch, prefetch.ts); the tasks' indicators through their loader. No COUNT: totalCount is not asked.
    expect(count).toBe(2);
  });
  it('of a read answered by one statement go without a snapshot (a plan with its parts, a page of plans)', async () => {
    const plan = `{ plans(first: 1) { nodes { id title jurisdiction { name } sections { tasks { clauses { text } } } } } }`;
    const { count, response } = await countStatements(plan);
    expect(response.data!.plans.nodes).toHaveLength(1);
    expect(count).toBe(1);
    expect(logger.transactionControl).toEqual([]);
    // The same page with its count is two statements, which must see one state of the data.
    await countStatements(plan.replace('nodes {', 'totalCount nodes {'));
    expect(logger.statements).toHaveLength(2);
    expect(logger.transactionControl).toHaveLength(2);
    // The first page of a text search is one statement, its count included.
    const search = await countStatements(`{ tasks(filter: { text: "党政" }) { totalCount nodes { title plan { year } } } }`);
    expect(search.response.data!.tasks.totalCount).toBeGreaterThan(0);
    expect(search.count).toBe(1);
    expect(logger.transactionControl).toEqual([]);
  });
  it("of a task's agencies are read with the page, whatever the role asked, and with their own loader elsewhere", async () => {
    const search = (role: string) => `{ tasks(filter: { text: "党政" }) { nodes { title agencies${role} { name } } } }`;
    const lead = await countStatements(search('(role: LEAD)'));
    const leads = lead.response.data!.tasks.nodes.map((task: { agencies: { name: string }[] }) => task.agencies.map((it) => it.name));
    expect(leads.some((names: string[]) => names.length > 0)).toBe(true);
    // The page with every task's clause assignments and their agencies (@PrefetchBy), no snapshot.
    expect(lead.count).toBe(1);
    expect(logger.transactionControl).toEqual([]);
    const all = await countStatements(search(''));
    expect(all.count).toBe(1);
    // The role is applied to what was read ahead: the leads are some of all agencies, and fewer somewhere.
    const every = all.response.data!.tasks.nodes.map((task: { agencies: { name: string }[] }) => task.agencies.map((it) => it.name));
    leads.forEach((names: string[], index: number) => expect(every[index]).toEqual(expect.arrayContaining(names)));
    expect(leads.flat().length).toBeLessThan(every.flat().length);
    // A task by id reads it, then its assignments with their agencies through their loader: the same agencies.
    const ids = (await countStatements(search('(role: LEAD)').replace('title', 'id'))).response.data!.tasks.nodes.map(
      (task: { id: string }) => task.id,
    );
    for (const [index, id] of ids.entries()) {
      const byLoader = await countStatements(`{ node(id: "${id}") { ... on Task { agencies(role: LEAD) { name } } } }`);
      expect(byLoader.count).toBe(2);
      expect(byLoader.response.data!.node.agencies.map((it: { name: string }) => it.name)).toEqual(leads[index]);
    }
  });
  it('of a read run in one read-only REPEATABLE READ snapshot, begun once and committed once', async () => {
    await countStatements(DEEP_QUERY);
    expect(logger.statements.length).toBeGreaterThan(1);
    expect(logger.transactionControl).toEqual(['START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY', 'COMMIT']);
  });
});
