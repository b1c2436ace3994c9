import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CountingLogger } from '../src/db/counting-logger.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { startTestApi, type TestApi } from './api.js';
import { insertJurisdictions, insertPlan, samplePlan } from './fixtures.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * Reads select the columns an operation asks for (prefetch.ts): a plan list that asks for titles
 * does not read preambles. Rows are read whole as soon as one path of the operation could need
 * more than its own fields, so no answer ever lacks a value.
 */
describe('columns read per request', () => {
  let db: TestDatabase;
  let api: TestApi;
  const logger = new CountingLogger();

  beforeAll(async () => {
    db = await createTestDatabase({ logger });
    await insertJurisdictions(db.dataSource);
    await insertPlan(db.dataSource, samplePlan('320612', 2021));
    api = await startTestApi(db.dataSource);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  async function read(query: string, variables?: Record<string, unknown>) {
    logger.reset();
    const response = await api.query(query, variables);
    expect(response.errors).toBeUndefined();
    return { data: response.data!, sql: logger.statements.join('\n') };
  }

  it('leave out the plan columns and the relations’ columns a query does not select', async () => {
    const list = await read('{ plans(first: 20) { nodes { id title jurisdiction { name } } } }');
    expect(list.data.plans.nodes).toEqual([
      { id: toGlobalId('Plan', '320612-2021'), title: expect.any(String), jurisdiction: { name: '通州区' } },
    ]);
    expect(list.sql).toContain('"title"');
    expect(list.sql).not.toContain('"preamble"');
    expect(list.sql).not.toContain('full_name');

    const detail = await read('query($id: ID!) { plan(id: $id) { title sections { title tasks { title clauses { text } } } } }', {
      id: toGlobalId('Plan', '320612-2021'),
    });
    expect(detail.data.plan.sections[0].tasks[0]).toEqual({
      title: '强化党政同责',
      clauses: [{ text: '落实党政同责要求。' }, { text: '完善考核。' }],
    });
    expect(detail.sql).not.toContain('"preamble"');
    expect(detail.sql).not.toContain('."span_start"');
    // Rows read below the plan leave out their foreign keys and other properties that are no field…
    expect(detail.sql).not.toContain(`'planId'`);
    expect(detail.sql).not.toContain(`'clauseRoles'`);
    expect(detail.sql).not.toContain(`'deadlineDate'`);

    // …but for the key of a relation selected below them (the loader it primes is keyed by it).
    const agencies = await read(
      'query($id: ID!) { plan(id: $id) { sections { tasks { clauses { assignments { role agency { name } } } } } } }',
      { id: toGlobalId('Plan', '320612-2021') },
    );
    const assignments = agencies.data.plan.sections[0].tasks[0].clauses[0].assignments;
    expect(assignments.length).toBeGreaterThan(0);
    for (const assignment of assignments) expect(assignment.agency.name).toEqual(expect.any(String));
    expect(agencies.sql).toContain(`'agencyId'`);
    expect(agencies.sql).not.toContain(`'clauseId'`);
  });

  it('leave out the task text a text search does not select, and keep it for the highlights that need it', async () => {
    // The cursors are made of the plan and the ordinal: they are read though not selected.
    const titles = await read('{ tasks(filter: { text: "党政" }) { nodes { title } pageInfo { endCursor } } }');
    expect(titles.data.tasks.nodes).toEqual([{ title: '强化党政同责' }]);
    expect(titles.data.tasks.pageInfo.endCursor).toEqual(expect.any(String));
    expect(titles.sql).toContain(`AS "ordinal"`);
    expect(titles.sql).not.toContain(`AS "text"`);
    // Task.matches has a resolver of its own (it reads the text): whole rows.
    const matches = await read('{ tasks(filter: { text: "党政" }) { nodes { title matches { field start end } } } }');
    expect(matches.data.tasks.nodes[0].matches.length).toBeGreaterThan(0);
    expect(matches.sql).toContain(`AS "text"`);
  });

  it('read whole rows when a field with a resolver of its own, or another root field, is selected', async () => {
    const withPreamble = await read('{ plans(first: 20) { nodes { title preamble } } }');
    expect(withPreamble.sql).toContain('"preamble"');

    // Plan.previous has a resolver of its own, which may read any column of the plan.
    const previous = await read('{ plans(first: 20) { nodes { title previous { id } } } }');
    expect(previous.data.plans.nodes).toEqual([{ title: expect.any(String), previous: null }]);
    expect(previous.sql).toContain('"preamble"');

    // Two root fields read sections through one loader: both see every field either asks for.
    const id = toGlobalId('Plan', '320612-2021');
    const both = await read(
      `query($id: ID!) { plan(id: $id) { sections { title } } node(id: $id) { ... on Plan { sections { ordinal title } } } }`,
      { id },
    );
    expect(both.data.node.sections).toEqual(
      both.data.plan.sections.map((section: { title: string }, index: number) => ({ ordinal: index + 1, title: section.title })),
    );
  });

  it('keep the properties a field declares it reads (@Reads) and leave out the rest', async () => {
    await db.dataSource.query(
      `UPDATE task SET deadline = '6月底前', deadline_date = '2021-06-30', deadline_span_start = 4, deadline_span_end = 8 WHERE title = '强化党政同责'`,
    );
    const declared = await read(
      `query($id: ID!) { plan(id: $id) { title sections { tasks { title deadline { text date spanStart spanEnd } agencies(role: LEAD) { name } indicators { value } } } } }`,
      { id: toGlobalId('Plan', '320612-2021') },
    );
    const [task] = declared.data.plan.sections[0].tasks;
    expect(task.title).toBe('强化党政同责');
    // Task.deadline reads deadline, deadlineDate and its span, none of which is a plain field.
    expect(task.deadline).toEqual({ text: '6月底前', date: '2021-06-30', spanStart: 4, spanEnd: 8 });
    // Task.agencies reads the task's clause assignments with their agencies in the plan's statement (@PrefetchBy).
    expect(task.agencies.length).toBeGreaterThan(0);
    for (const agency of task.agencies) expect(agency.name).toEqual(expect.any(String));
    expect(declared.sql).toContain(`'deadlineDate'`);
    expect(declared.sql).not.toContain('"preamble"');
    expect(declared.sql).not.toContain(`'clauseRoles'`);
  });
});
