import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../src/graphql/global-id.js';
import { loadThemeSeeds, setTaskThemes } from '../src/theme/theme.service.js';
import { startTestApi, type GraphQLResponse, type TestApi } from './api.js';
import { insertJurisdictions, insertPlan, samplePlan } from './fixtures.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

describe('the GraphQL API', () => {
  let db: TestDatabase;
  let api: TestApi;
  const logged: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    await insertJurisdictions(db.dataSource);
    await insertPlan(db.dataSource, { ...samplePlan('320612', 2021), title: '2021年通州区食品安全重点工作安排', issuedOn: '2021-05-06' });
    await insertPlan(db.dataSource, samplePlan('320300', 2021));
    await insertPlan(db.dataSource, samplePlan('320612', 2022));
    api = await startTestApi(db.dataSource, { log: (message) => logged.push(message) });
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  describe('plans', () => {
    it('pages by jurisdiction code, then year, with opaque cursors', async () => {
      const query = `query($after: String) { plans(first: 2, after: $after) {
        totalCount nodes { id year jurisdiction { code } } edges { cursor node { year } } pageInfo { hasNextPage endCursor } } }`;
      const first = await api.query(query);
      const page = first.data!.plans;
      expect(page.totalCount).toBe(3);
      expect(page.nodes.map((plan: any) => [plan.jurisdiction.code, plan.year])).toEqual([
        ['320300', 2021],
        ['320612', 2021],
      ]);
      expect(page.pageInfo.hasNextPage).toBe(true);
      expect(page.pageInfo.endCursor).toBe(page.edges[1].cursor);
      const second = (await api.query(query, { after: page.pageInfo.endCursor })).data!.plans;
      expect(second.nodes.map((plan: any) => [plan.jurisdiction.code, plan.year])).toEqual([['320612', 2022]]);
      expect(second.pageInfo).toEqual({ hasNextPage: false, endCursor: second.edges[0].cursor });
      expect(second.totalCount).toBe(3);
    });

    it('default to 20 and refuse more than 100 per page', async () => {
      const ok = await api.query(`{ plans { nodes { id } } }`);
      expect(ok.data!.plans.nodes).toHaveLength(3);
      const refused = await api.query(`{ plans(first: 101) { totalCount } }`);
      expect(refused.errors![0].extensions.code).toBe('input/first_too_large');
      expect(refused.errors![0].message).toBe('first is 101, but a page holds at most 100 items.');
      const negative = await api.query(`{ tasks(first: -1) { totalCount } }`);
      expect(negative.errors![0].extensions.code).toBe('input/invalid');
    });

    it('refuse a cursor of another connection', async () => {
      const taskCursor = (await api.query(`{ tasks(first: 1) { pageInfo { endCursor } } }`)).data!.tasks.pageInfo.endCursor;
      const response = await api.query(`query($after: String) { plans(after: $after) { totalCount } }`, { after: taskCursor });
      expect(response.errors![0].extensions.code).toBe('cursor/invalid');
      expect(response.errors![0].message).toContain('is not a cursor of PlanConnection');
    });

    it('filter by jurisdictions and year', async () => {
      const ids = async (filter: string) =>
        (await api.query(`{ plans(filter: ${filter}) { nodes { id } } }`)).data!.plans.nodes.map((plan: any) => plan.id);
      expect(await ids(`{ jurisdictionCodes: ["320612"] }`)).toEqual([
        toGlobalId('Plan', '320612-2021'),
        toGlobalId('Plan', '320612-2022'),
      ]);
      expect(await ids(`{ jurisdictionCodes: ["320612"], year: 2022 }`)).toEqual([toGlobalId('Plan', '320612-2022')]);
      expect(await ids(`{ year: 2021 }`)).toHaveLength(2);
      expect(await ids(`{ jurisdictionCodes: [] }`)).toEqual([]);
    });

    it('offer the years and the jurisdictions there are plans for, whole lists for the filter menus', async () => {
      const query = `query($year: Int) { planYears jurisdictionsWithPlans(year: $year) { id code name } }`;
      const menus = async (year: number | null) => (await api.query(query, { year })).data!;
      const any = await menus(null);
      expect(any.planYears).toEqual([2022, 2021]);
      // 320000, 320600 and 320311 have no plan, so no menu offers them.
      expect(any.jurisdictionsWithPlans).toEqual([
        { id: toGlobalId('Jurisdiction', '320300'), code: '320300', name: '徐州市' },
        { id: toGlobalId('Jurisdiction', '320612'), code: '320612', name: '通州区' },
      ]);
      expect((await menus(2022)).jurisdictionsWithPlans.map((j: any) => j.code)).toEqual(['320612']);
      expect((await menus(2021)).jurisdictionsWithPlans.map((j: any) => j.code)).toEqual(['320300', '320612']);
      expect((await menus(2030)).jurisdictionsWithPlans).toEqual([]);
    });

    it('serve a plan with its parts, dates as ISO strings', async () => {
      const id = toGlobalId('Plan', '320612-2021');
      const { data } = await api.query(
        `query($id: ID!) { plan(id: $id) { id title issuedOn year jurisdiction { name parent { name parent { name } } }
          sections { label title tasks { ordinal title section { ordinal } plan { year } } }
          tasks { ordinal } schedule { ordinal content q1 q4 task { ordinal } leadAgencies { name } responsibleAgencies { name } indicators { period value } } } }`,
        { id },
      );
      const plan = data!.plan;
      expect(plan).toMatchObject({ id, title: '2021年通州区食品安全重点工作安排', issuedOn: '2021-05-06', year: 2021 });
      expect(plan.jurisdiction).toEqual({ name: '通州区', parent: { name: '南通市', parent: { name: '江苏省' } } });
      expect(plan.sections.map((section: any) => [section.label, section.tasks.map((task: any) => task.ordinal)])).toEqual([
        ['一', [1, 2]],
        ['二', [3, 4]],
      ]);
      expect(plan.sections[1].tasks[0]).toMatchObject({ title: '校园食品安全', section: { ordinal: 2 }, plan: { year: 2021 } });
      expect(plan.tasks.map((task: any) => task.ordinal)).toEqual([1, 2, 3, 4]);
      expect(plan.schedule[0]).toEqual({
        ordinal: 1,
        content: '完成抽检任务',
        q1: '2批次/千人',
        q4: '6批次/千人',
        task: { ordinal: 2 },
        leadAgencies: [{ name: '区市场监管局' }],
        responsibleAgencies: [{ name: '区卫健委' }, { name: '区教育局' }],
        indicators: [
          { period: 'Q1', value: 2 },
          { period: 'Q2', value: 4 },
        ],
      });
      expect(plan.schedule[1]).toMatchObject({ task: { ordinal: 3 }, responsibleAgencies: [] });
    });
  });

  describe('tasks', () => {
    const tasks = async (filter: string) =>
      (await api.query(`{ tasks(filter: ${filter}, first: 100) { totalCount nodes { id plan { year jurisdiction { code } } ordinal } } }`))
        .data!.tasks;

    it('filter by jurisdiction, year, agency kind and role', async () => {
      expect((await tasks(`{}`)).totalCount).toBe(12);
      expect((await tasks(`{ jurisdictionCodes: ["320300"] }`)).totalCount).toBe(4);
      expect((await tasks(`{ jurisdictionCodes: ["320612"], year: 2022 }`)).totalCount).toBe(4);
      // Education leads task 3 only; it supports task 2 and shares nothing.
      const led = await tasks(`{ jurisdictionCodes: ["320612"], year: 2021, agencyKind: EDUCATION, role: LEAD }`);
      expect(led.nodes.map((task: any) => task.ordinal)).toEqual([3]);
      const named = await tasks(`{ jurisdictionCodes: ["320612"], year: 2021, agencyKind: EDUCATION }`);
      expect(named.nodes.map((task: any) => task.ordinal)).toEqual([2, 3]);
      const supported = await tasks(`{ year: 2021, role: SUPPORT }`);
      expect(supported.nodes.map((task: any) => task.ordinal)).toEqual([2, 4, 2, 4]);
    });

    it('search title and text literally, % and _ included', async () => {
      expect((await tasks(`{ text: "校园" }`)).nodes.map((task: any) => task.ordinal)).toEqual([3, 3, 3]);
      expect((await tasks(`{ text: "97%" }`)).totalCount).toBe(3);
      expect((await tasks(`{ text: "宣传周_活动%" }`)).totalCount).toBe(3);
      expect((await tasks(`{ text: "%" }`)).nodes.map((task: any) => task.ordinal)).toEqual([2, 3, 4, 2, 3, 4, 2, 3, 4]);
      expect((await tasks(`{ text: "_" }`)).totalCount).toBe(3);
      expect((await tasks(`{ text: "强化党政" }`)).totalCount).toBe(3);
    });

    it('filter by themes, each task once, paging like any other filter', async () => {
      await loadThemeSeeds(db.dataSource);
      await setTaskThemes(db.dataSource.manager, '320612-2021-t1', ['publicity-legal-education']);
      for (const planId of ['320612-2021', '320300-2021', '320612-2022'])
        await setTaskThemes(db.dataSource.manager, `${planId}-t3`, ['campus-food-safety']);
      // In both themes: must come once when both are asked for.
      await setTaskThemes(db.dataSource.manager, '320612-2022-t4', ['publicity-legal-education', 'campus-food-safety']);

      const campus = ['320300-2021-t3', '320612-2021-t3', '320612-2022-t3', '320612-2022-t4'].map((id) => toGlobalId('Task', id));
      const { data } = await api.query(`{ themes { key tasks { totalCount nodes { id } } } }`);
      const byTheme = data!.themes.find((theme: any) => theme.key === 'campus-food-safety');
      expect(byTheme.tasks.nodes.map((task: any) => task.id)).toEqual(campus);
      expect(byTheme.tasks.totalCount).toBe(4);
      // Paged with the same rule as every connection: two pages of two, then the cap.
      const page = async (after: string | null) =>
        (
          await api.query(
            `query($after: String) { themes { key tasks(first: 2, after: $after) { nodes { id } pageInfo { endCursor hasNextPage } } } }`,
            { after },
          )
        ).data!.themes.find((theme: any) => theme.key === 'campus-food-safety').tasks;
      const first = await page(null);
      const second = await page(first.pageInfo.endCursor);
      expect([...first.nodes, ...second.nodes].map((task: any) => task.id)).toEqual(campus);
      expect([first.pageInfo.hasNextPage, second.pageInfo.hasNextPage]).toEqual([true, false]);
      const tooLarge = await api.query(`{ themes { tasks(first: 101) { totalCount } } }`);
      expect(tooLarge.errors?.[0].extensions.code).toBe('input/first_too_large');
      const filtered = await tasks(`{ themeKeys: ["campus-food-safety"] }`);
      expect(filtered.totalCount).toBe(4);
      expect(filtered.nodes.map((task: any) => task.id)).toEqual(campus);

      const either = await tasks(`{ themeKeys: ["campus-food-safety", "publicity-legal-education"] }`);
      expect(either.totalCount).toBe(5);
      expect(new Set(either.nodes.map((task: any) => task.id)).size).toBe(5);
      expect((await tasks(`{ themeKeys: ["publicity-legal-education"], year: 2022 }`)).nodes.map((task: any) => task.ordinal)).toEqual([4]);
      expect((await tasks(`{ themeKeys: [] }`)).totalCount).toBe(0);
      expect((await tasks(`{ themeKeys: ["no-such-theme"] }`)).totalCount).toBe(0);

      const pages: string[][] = [];
      let after: string | null = null;
      do {
        const page: any = (
          await api.query(
            `query($after: String) { tasks(filter: { themeKeys: ["campus-food-safety", "publicity-legal-education"] }, first: 2, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`,
            { after },
          )
        ).data!.tasks;
        expect(page.totalCount).toBe(5);
        pages.push(page.nodes.map((task: any) => task.id));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
      expect(pages.flat()).toEqual(either.nodes.map((task: any) => task.id));
    });

    it('page through every task exactly once', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: any = (
          await api.query(`query($after: String) { tasks(first: 5, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }`, {
            after,
          })
        ).data!.tasks;
        seen.push(...page.nodes.map((task: any) => task.id));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toHaveLength(12);
      expect(new Set(seen).size).toBe(12);
    });

    it('list distinct agencies by role, clauses, and indicators clause first then schedule', async () => {
      const id = toGlobalId('Task', '320612-2021-t2');
      const { data } = await api.query(
        `query($id: ID!) { node(id: $id) { ... on Task { ordinal
          all: agencies { name kind } lead: agencies(role: LEAD) { name }
          clauses { ordinal text responsibility assignments { role printedName agency { name } } indicators { subject value unit comparator } }
          indicators { value period clause { ordinal } scheduleItem { ordinal } }
          scheduleItems { ordinal } } } }`,
        { id },
      );
      const task = data!.node;
      expect(task.all).toEqual([
        { name: '区市场监管局', kind: 'MARKET_REGULATION' },
        { name: '区教育局', kind: 'EDUCATION' },
      ]);
      expect(task.lead).toEqual([{ name: '区市场监管局' }]);
      expect(task.clauses[1]).toEqual({
        ordinal: 2,
        text: '合格率稳定在97%以上。',
        responsibility: '区市场监管局、区教育局',
        assignments: [
          { role: 'LEAD', printedName: '区市场监管局', agency: { name: '区市场监管局' } },
          { role: 'SUPPORT', printedName: '区教育局', agency: { name: '区教育局' } },
        ],
        indicators: [{ subject: '合格率', value: 97, unit: '%', comparator: 'GTE' }],
      });
      expect(task.indicators).toEqual([
        { value: 6, period: 'YEAR', clause: { ordinal: 1 }, scheduleItem: null },
        { value: 97, period: 'YEAR', clause: { ordinal: 2 }, scheduleItem: null },
        { value: 2, period: 'Q1', clause: null, scheduleItem: { ordinal: 1 } },
        { value: 4, period: 'Q2', clause: null, scheduleItem: { ordinal: 1 } },
      ]);
      expect(task.scheduleItems).toEqual([{ ordinal: 1 }]);
    });
  });

  describe('jurisdictions and agencies', () => {
    it('list jurisdictions by level and parent, with children and plans', async () => {
      const { data } = await api.query(`{
        cities: jurisdictions(level: CITY) { code name children { code } }
        nantong: jurisdictions(parentCode: "320600") { name plans { year } }
        one: jurisdiction(code: "320612") { id code name shortName level }
        none: jurisdiction(code: "999999") { code }
      }`);
      expect(data!.cities).toEqual([
        { code: '320300', name: '徐州市', children: [{ code: '320311' }] },
        { code: '320600', name: '南通市', children: [{ code: '320612' }] },
      ]);
      expect(data!.nantong).toEqual([{ name: '通州区', plans: [{ year: 2021 }, { year: 2022 }] }]);
      expect(data!.one).toEqual({
        id: toGlobalId('Jurisdiction', '320612'),
        code: '320612',
        name: '通州区',
        shortName: '通州',
        level: 'DISTRICT',
      });
      expect(data!.none).toBeNull();
    });

    it('list agencies by jurisdiction and kind, with their assignments', async () => {
      const { data } = await api.query(`{ agencies(jurisdictionCode: "320300", kind: EDUCATION) { nodes { name jurisdiction { code }
        assignments { totalCount nodes { role clause { task { ordinal } } scheduleItem { ordinal } } } } } }`);
      expect(data!.agencies.nodes).toHaveLength(1);
      const [education] = data!.agencies.nodes;
      expect(education.name).toBe('市教育局');
      expect(education.jurisdiction).toEqual({ code: '320300' });
      expect(education.assignments.nodes).toHaveLength(5);
      expect(education.assignments.totalCount).toBe(5);
      expect(education.assignments.nodes.filter((it: any) => it.scheduleItem)).toHaveLength(2);
      const all = (await api.query(`{ agencies { totalCount nodes { name } } }`)).data!.agencies;
      expect([all.totalCount, all.nodes.length]).toEqual([6, 6]);
    });

    it("pages agencies and each agency's assignments with the same first/after rule as every connection", async () => {
      const names: string[] = [];
      let after: string | null = null;
      do {
        const { data, errors }: GraphQLResponse = await api.query(
          `query($after: String) { agencies(first: 4, after: $after) { nodes { name } pageInfo { hasNextPage endCursor } } }`,
          { after },
        );
        expect(errors).toBeUndefined();
        names.push(...data!.agencies.nodes.map((agency: any) => agency.name));
        after = data!.agencies.pageInfo.hasNextPage ? data!.agencies.pageInfo.endCursor : null;
      } while (after);
      expect(names).toHaveLength(6);
      expect(new Set(names).size).toBe(6);

      const pages = async (first: number) => {
        const ids: string[] = [];
        let cursor: string | null = null;
        do {
          const { data, errors }: GraphQLResponse = await api.query(
            `query($after: String, $first: Int) { agencies(jurisdictionCode: "320300", kind: EDUCATION) { nodes {
              assignments(first: $first, after: $after) { nodes { role spanStart clause { id } scheduleItem { id } } pageInfo { hasNextPage endCursor } } } } }`,
            { after: cursor, first },
          );
          expect(errors).toBeUndefined();
          const page: { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = data!.agencies.nodes[0].assignments;
          ids.push(...page.nodes.map((assignment) => JSON.stringify(assignment)));
          cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        } while (cursor);
        return ids;
      };
      expect(await pages(2)).toEqual(await pages(100));
      expect(await pages(2)).toHaveLength(5);

      const tooLarge = await api.query(`{ agencies(first: 101) { nodes { name } } }`);
      expect(tooLarge.errors?.[0].extensions?.code).toBe('input/first_too_large');
      const forged = await api.query(
        `{ agencies { nodes { assignments(after: "${Buffer.from('AssignmentConnection:["x"]').toString('base64url')}") { totalCount } } } }`,
      );
      expect(forged.errors?.[0].extensions?.code).toBe('cursor/invalid');
    });
  });

  describe('node(id:)', () => {
    it('refetches every Node type by the id it hands out', async () => {
      const { data } = await api.query(`{ plans(first: 1) { nodes {
        id jurisdiction { id } sections { id } tasks { id clauses { id assignments { agency { id } } indicators { id } } }
        schedule { id indicators { id } } } } }`);
      const plan = data!.plans.nodes[0];
      const ids: Record<string, string> = {
        Plan: plan.id,
        Jurisdiction: plan.jurisdiction.id,
        Section: plan.sections[0].id,
        Task: plan.tasks[1].id,
        Clause: plan.tasks[1].clauses[0].id,
        Agency: plan.tasks[1].clauses[0].assignments[0].agency.id,
        Indicator: plan.tasks[1].clauses[0].indicators[0].id,
        ScheduleItem: plan.schedule[0].id,
      };
      for (const [type, id] of Object.entries(ids)) {
        const response = await api.query(`query($id: ID!) { node(id: $id) { __typename id } }`, { id });
        expect(response.data!.node, type).toEqual({ __typename: type, id });
      }
    });

    it('returns null for an id of nothing, and a clear error for a malformed or mistyped one', async () => {
      expect((await api.query(`{ node(id: "${toGlobalId('Plan', '110000-1999')}") { id } }`)).data!.node).toBeNull();
      expect((await api.query(`{ node(id: "${toGlobalId('Agency', 'x')}") { id } }`)).data!.node).toBeNull();
      expect((await api.query(`{ node(id: "${toGlobalId('Nothing', '1')}") { id } }`)).data!.node).toBeNull();
      const malformed = await api.query(`{ node(id: "not an id!") { id } }`);
      expect(malformed.errors![0]).toMatchObject({ message: '"not an id!" is not a Plan Atlas id.', extensions: { code: 'id/invalid' } });
      const taskId = toGlobalId('Task', '320612-2021-t1');
      const mistyped = await api.query(`{ plan(id: "${taskId}") { id } }`);
      expect(mistyped.errors![0]).toMatchObject({
        message: `"${taskId}" is not a Plan id (it is a Task id).`,
        extensions: { code: 'id/invalid' },
      });
    });
  });

  describe('errors', () => {
    it('carry our codes for invalid requests, and no stack traces', async () => {
      const unknownField = await api.query(`{ plans { nope } }`);
      expect(unknownField.errors![0].extensions).toEqual({ code: 'request/invalid' });
      const parse = await api.query(`{ plans {`);
      expect(parse.errors![0].extensions).toEqual({ code: 'request/parse_failed' });
      const badVariable = await api.query(`query($first: Int) { plans(first: $first) { totalCount } }`, { first: 'many' });
      expect(badVariable.errors![0].extensions.code).toBe('input/invalid');
      for (const error of [unknownField, parse, badVariable].flatMap((response) => response.errors!)) {
        expect(error.extensions).not.toHaveProperty('stacktrace');
      }
    });

    it('hide the details of unexpected errors outside development, and log them', async () => {
      await db.dataSource.query('ALTER TABLE section RENAME TO section_away');
      try {
        const response = await api.query(`{ plans(first: 1) { nodes { sections { title } } } }`);
        expect(response.errors![0]).toMatchObject({ message: 'Internal server error.', extensions: { code: 'server/internal' } });
        expect(JSON.stringify(response)).not.toContain('section_away');
        expect(logged.some((line) => line.includes('relation "section" does not exist'))).toBe(true);
      } finally {
        await db.dataSource.query('ALTER TABLE section_away RENAME TO section');
      }
    });
  });

  describe('HTTP', () => {
    it('answers GET queries, plain ones too, as GraphQL over HTTP asks (no cookies: nothing for CSRF to ride on)', async () => {
      const url = `${api.url}/graphql?query=${encodeURIComponent('{ plans { totalCount } }')}`;
      const ok = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
      expect(await ok.json()).toEqual({ data: { plans: { totalCount: 3 } } });
      const plain = await fetch(url);
      expect([plain.status, await plain.json()]).toEqual([200, { data: { plans: { totalCount: 3 } } }]);
    });

    it('reports health with the database', async () => {
      const response = await fetch(`${api.url}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
    });
  });
});
