import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../client.js';

/** The query of issue 3's "Done when", over both seed plans imported by the server's first start. */
const CONTRACT_QUERY = readFileSync(new URL('./contract.query.graphql', import.meta.url), 'utf8');

describe('pnpm start on an empty database', () => {
  let plans: any[];
  const plan = (code: string) => plans.find((it) => it.jurisdiction.code === code);
  const task = (code: string, ordinal: number) => plan(code).tasks.find((it: any) => it.ordinal === ordinal);

  beforeAll(async () => {
    const response = await graphql(CONTRACT_QUERY);
    expect(response.errors).toBeUndefined();
    expect(response.data!.plans.totalCount).toBe(2);
    plans = response.data!.plans.nodes;
  });

  it('serves both seed plans with their covering-notice elements', () => {
    expect(plan('320612')).toMatchObject({
      year: 2021,
      documentNumber: '通食安办〔2021〕2号',
      issuedOn: '2021-05-06',
      jurisdiction: { name: '通州区' },
    });
    expect(plan('320612').title).toContain('2021年通州区食品安全重点工作安排');
    expect(plan('320300')).toMatchObject({ year: 2021, jurisdiction: { name: '徐州市' } });
  });

  it('with their sections and tasks (Tongzhou 7 / 22, Xuzhou 8 / 19)', () => {
    expect(plan('320612').sections.map((it: any) => it.label)).toEqual(['一', '二', '三', '四', '五', '六', '七']);
    expect(plan('320612').tasks.map((it: any) => it.ordinal)).toEqual(Array.from({ length: 22 }, (_, index) => index + 1));
    expect(plan('320612').sections[0]).toMatchObject({
      title: '压实食品安全属地和主体责任',
      tasks: [{ ordinal: 1 }, { ordinal: 2 }, { ordinal: 3 }],
    });
    expect(plan('320300').sections).toHaveLength(8);
    expect(plan('320300').tasks).toHaveLength(19);
  });

  it('with clauses and agencies by role', () => {
    // 5. 实施校园食品安全守护行动: 〔区市场监管局负责〕…〔区教体局负责〕
    const campus = task('320612', 5);
    expect(campus.title).toBe('实施校园食品安全守护行动');
    expect(campus.clauses.map((clause: any) => clause.assignments.map((it: any) => [it.role, it.agency.name]))).toEqual([
      [['RESPONSIBLE', '区市场监管局']],
      [['RESPONSIBLE', '区教体局']],
    ]);
    expect(campus.responsible).toEqual([{ name: '区市场监管局' }, { name: '区教体局' }]);
    // 6. …〔区市场监管局、区农业农村局牵头，区公安局、…按职责分工负责〕
    const rural = task('320612', 6);
    expect(rural.lead).toEqual([{ name: '区市场监管局' }, { name: '区农业农村局' }]);
    expect(rural.clauses[0].assignments.filter((it: any) => it.role === 'SHARED').map((it: any) => it.agency.name)).toContain('区公安局');
  });

  it('with indicators read from the text', () => {
    // 4. …市场监管环节食品安全监督抽检量达到6批次/千人。
    expect(task('320612', 4).indicators).toContainEqual(expect.objectContaining({ value: 6, unit: '批次/千人', period: 'YEAR' }));
    // 1. …市场监管环节食品安全监督抽检量达到 4.5 批次 / 千人。
    expect(task('320300', 1).indicators).toContainEqual(expect.objectContaining({ value: 4.5, unit: '批次/千人', period: 'YEAR' }));
  });

  it("with Xuzhou's 37 schedule rows, each linked to its task", () => {
    const schedule = plan('320300').schedule;
    expect(schedule.map((row: any) => row.ordinal)).toEqual(Array.from({ length: 37 }, (_, index) => index + 1));
    expect(schedule.every((row: any) => row.task)).toBe(true);
    // Row 2: the sampling target, scheduled 1.5 → 3.5 → 4.5 批次/千人. It prints one unit, 市市场监管局,
    // which the main text makes responsible (（市市场监管局负责）), not lead.
    const sampling = schedule[1];
    expect(sampling.task).toEqual({ ordinal: 1, title: '实施风险评估与监测专项提升行动' });
    expect(sampling.responsibleAgencies).toEqual([{ name: '市市场监管局' }]);
    expect(sampling.leadAgencies).toEqual([]);
    expect(sampling.q4).toContain('4.5');
    expect(sampling.indicators).toContainEqual(expect.objectContaining({ period: 'Q2', value: 1.5 }));
    // Row 30, 举办全市食品安全宣传周活动: 牵头 市食安委办公室, 责任 市食安委相关成员单位.
    const publicityWeek = schedule[29];
    expect(publicityWeek.content).toContain('食品安全宣传周');
    expect(publicityWeek.leadAgencies.map((it: any) => it.name)).toEqual([expect.stringMatching(/^市食安/)]);
    expect(publicityWeek.responsibleAgencies.map((it: any) => it.name)).toEqual([expect.stringMatching(/^市食安委.*成员单位$/)]);
    expect(task('320300', 1).scheduleItems.map((row: any) => row.ordinal)).toContain(2);
    expect(plan('320612').schedule).toEqual([]);
  });
});
