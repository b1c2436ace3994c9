/**
 * Plans in the layouts real jurisdictions use, imported whole (attribution included) and read back
 * over GraphQL. The documents are the parser's own test documents (src/importer/testing/layouts/),
 * written in the shape of real plans; the expected values were read off them by hand.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPlan } from '../src/importer/import-service.js';
import { htmlPage, type FixtureCell } from '../src/importer/testing/fixtures.js';
import { loadReferenceData } from '../src/reference/reference.service.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { startTestApi, type TestApi } from './api.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

const layout = (name: string) => readFileSync(fileURLToPath(new URL(`../src/importer/testing/layouts/${name}`, import.meta.url)));

/** 宾川县2022年食品安全重点工作任务分解表: a portal page whose plan is one table with a merged section row. */
const binchuanTable: FixtureCell[][] = [
  ['序号', '工作任务', '具体内容', '牵头单位', '责任单位', '完成时限'].map((text) => ({ text })),
  [{ text: '一、落实食品安全责任' }],
  ['1', '压实属地责任', '将食品安全工作纳入乡镇年度综合考核，考核权重不低于3%。', '县食安办', '各乡（镇）人民政府', '2022年6月底前'].map(
    (text) => ({ text }),
  ),
  ['2', '落实企业主体责任', '督促食品生产企业全面建立自查制度，自查率达到100%。', '县市场监管局', '县工业信息化商务科技局', '年底前'].map(
    (text) => ({
      text,
    }),
  ),
  [{ text: '二、强化全链条监管' }],
  ['3', '开展校园食品安全守护行动', '学校食堂“明厨亮灶”覆盖率达到100%。', '县教育体育局', '县市场监管局、县卫生健康局', '长期坚持'].map(
    (text) => ({ text }),
  ),
];
const binchuan = htmlPage(['宾川县2022年食品安全重点工作任务分解表'], binchuanTable, ['宾川县食品安全委员会办公室', '2022年3月8日']);

const PLAN_QUERY = `query ($id: ID!) {
  plan(id: $id) {
    title draft attribution
    jurisdiction { code fullName }
    sections {
      label title preamble
      groups { label title }
      tasks {
        ordinal label path fullLabel title
        group { label }
        deadline { text date }
        clauses { text deadline { text date } assignments { role printedName } }
      }
    }
  }
}`;

interface TaskRead {
  ordinal: number;
  label: string;
  path: string[];
  fullLabel: string;
  title: string | null;
  group: { label: string } | null;
  deadline: { text: string; date: string | null } | null;
  clauses: { text: string; deadline: { text: string; date: string | null } | null; assignments: { role: string; printedName: string }[] }[];
}
interface PlanRead {
  title: string;
  draft: boolean;
  attribution: string;
  jurisdiction: { code: string; fullName: string };
  sections: { label: string; title: string; preamble: string | null; groups: { label: string; title: string }[]; tasks: TaskRead[] }[];
}

describe('plans in other layouts import whole and read back over GraphQL', () => {
  let db: TestDatabase;
  let api: TestApi;

  async function readPlan(planId: string): Promise<PlanRead> {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: PLAN_QUERY, variables: { id: toGlobalId('Plan', planId) } }),
    });
    const body = (await response.json()) as { data: { plan: PlanRead }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data.plan;
  }
  const tasksOf = (plan: PlanRead) => plan.sections.flatMap((section) => section.tasks);
  const roles = (task: TaskRead) => task.clauses.flatMap((clause) => clause.assignments.map((a) => `${a.role} ${a.printedName}`));

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadReferenceData(db.dataSource);
    api = await startTestApi(db.dataSource);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('a provincial plan in two parts with groups, numbering restarting in each group (安徽省 2020)', async () => {
    const summary = await importPlan(db.dataSource, { fileName: 'anhui-2020.txt', bytes: layout('anhui-2020.txt') }, { align: false });
    expect(summary).toMatchObject({ planId: '340000-2020', status: 'created' });
    const plan = await readPlan('340000-2020');
    expect(plan).toMatchObject({
      title: '安徽省2020年食品安全重点工作安排',
      draft: false,
      jurisdiction: { code: '340000', fullName: '安徽省' },
    });
    expect(
      plan.sections.map((section) => [section.label, section.title, section.groups.map((group) => group.label + group.title)]),
    ).toEqual([
      ['一', '年度重点任务', ['（一）深化食品安全改革', '（二）强化源头治理']],
      ['二', '长期推进工作', ['（一）加强风险监测评估', '（二）推进社会共治']],
    ]);
    expect(plan.sections[1].preamble).toBe('这些工作需要久久为功，各地各部门要持续用力、常抓不懈。');
    const tasks = tasksOf(plan);
    expect(tasks.map((task) => task.fullLabel)).toEqual([
      '一（一）1',
      '一（一）2',
      '一（二）1',
      '一（二）2',
      '一（二）3',
      '二（一）1',
      '二（二）1',
      '二（二）2',
    ]);
    expect(tasks.map((task) => task.ordinal)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(tasks[0]).toMatchObject({ label: '1', path: ['一', '（一）'], title: '推进食品安全领域改革', group: { label: '（一）' } });
    expect(tasks[0].clauses[0].deadline).toEqual({ text: '2020年6月底前', date: '2020-06-30' });
    expect(roles(tasks[2])).toEqual(['LEAD 省农业农村厅', 'SUPPORT 省生态环境厅', 'SUPPORT 省市场监管局']);
    expect(roles(tasks[6])).toEqual(['LEAD 省食安办', 'SUPPORT 省委宣传部', 'SUPPORT 省教育厅', 'SUPPORT 各市人民政府食安委']);
  });

  it('a district plan reposted without 文号, responsibility on lines of their own (池州市贵池区 2020)', async () => {
    const summary = await importPlan(db.dataSource, { fileName: 'guichi-2020.txt', bytes: layout('guichi-2020.txt') }, { align: false });
    expect(summary).toMatchObject({ planId: '341702-2020', tasks: 5, clauses: 5 });
    const plan = await readPlan('341702-2020');
    expect(plan.jurisdiction).toEqual({ code: '341702', fullName: '安徽省池州市贵池区' });
    const tasks = tasksOf(plan);
    expect(tasks.map((task) => [task.fullLabel, task.deadline?.text ?? null, task.deadline?.date ?? null])).toEqual([
      ['1', '2020年12月1日前', '2020-12-01'],
      ['2', '6月底前', '2020-06-30'],
      ['3', '长期坚持', null],
      ['4', '年底前', '2020-12-31'],
      ['5', '2020年9月底前', '2020-09-30'],
    ]);
    expect(roles(tasks[2])).toEqual(['LEAD 区教育局', 'SUPPORT 区市场监管局', 'SUPPORT 区卫生健康委']);
    expect(roles(tasks[3])).toEqual(['LEAD 区市场监管局', 'SUPPORT 区公安局', 'SUPPORT 区农业农村局', 'SUPPORT 区商务局']);
  });

  it('a national plan whose tasks are （一）（二）… restarting in each section (国办发〔2017〕28号)', async () => {
    const summary = await importPlan(
      db.dataSource,
      { fileName: 'national-2017.txt', bytes: layout('national-2017.txt') },
      { align: false },
    );
    expect(summary.planId).toBe('100000-2017');
    const plan = await readPlan('100000-2017');
    expect(plan.jurisdiction.code).toBe('100000');
    const tasks = tasksOf(plan);
    expect(tasks[0]).toMatchObject({ label: '（一）', path: ['一'], fullLabel: '一（一）' });
    expect(tasks.filter((task) => task.label === '（一）').length).toBeGreaterThan(1);
    expect(new Set(tasks.map((task) => task.fullLabel)).size).toBe(tasks.length);
  });

  it('a draft (征求意见稿) of a plan that names no real place, filed where the user says', async () => {
    const file = { fileName: 'draft-2022.md', bytes: layout('draft-2022.md') };
    await expect(importPlan(db.dataSource, file, { align: false })).rejects.toThrow(/issuer: expected/);
    const summary = await importPlan(db.dataSource, file, { align: false, jurisdictionCode: '320600' });
    expect(summary.planId).toBe('320600-2022');
    const plan = await readPlan('320600-2022');
    expect(plan).toMatchObject({ title: '某某市2022年食品安全重点工作安排', draft: true, attribution: 'USER' });
  });

  it('a plan that is one table on a portal page (宾川县 2022)', async () => {
    const summary = await importPlan(db.dataSource, { fileName: 'binchuan-2022.html', bytes: Buffer.from(binchuan) }, { align: false });
    expect(summary).toMatchObject({ planId: '532924-2022', sections: 2, tasks: 3, clauses: 3 });
    const plan = await readPlan('532924-2022');
    expect(plan.jurisdiction.fullName).toBe('云南省大理白族自治州宾川县');
    expect(plan.sections.map((section) => `${section.label}、${section.title}`)).toEqual(['一、落实食品安全责任', '二、强化全链条监管']);
    const tasks = tasksOf(plan);
    expect(tasks.map((task) => [task.fullLabel, task.title, task.deadline?.date ?? null])).toEqual([
      ['1', '压实属地责任', '2022-06-30'],
      ['2', '落实企业主体责任', '2022-12-31'],
      ['3', '开展校园食品安全守护行动', null],
    ]);
    expect(tasks[2].clauses[0].text).toBe('学校食堂“明厨亮灶”覆盖率达到100%。');
    expect(roles(tasks[2])).toEqual(['LEAD 县教育体育局', 'RESPONSIBLE 县市场监管局', 'RESPONSIBLE 县卫生健康局']);
  });
});
