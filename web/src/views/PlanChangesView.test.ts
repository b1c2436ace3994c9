import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { mountAt, type Responder } from '@/test/mount-app';

const indicator = (id: string, subject: string, value: number, unit = '批次/千人') => ({
  id,
  subject,
  comparator: 'EQ',
  value,
  unit,
  period: 'YEAR',
  cumulative: false,
  qualifier: null,
  sourceText: '',
  spanStart: 0,
  spanEnd: 0,
});
const task = (id: string, ordinal: number, title: string, text = `${title}。`) => ({
  id,
  ordinal,
  fullLabel: String(ordinal),
  title,
  text,
});
const jurisdiction = { id: 'J320612', code: '320612', name: '通州区', shortName: '通州', level: 'DISTRICT' };

const versions = {
  plan: {
    id: 'P2022',
    year: 2022,
    title: '2022年通州区食品安全重点工作安排',
    jurisdiction: {
      ...jurisdiction,
      plans: [
        { id: 'P2021', year: 2021 },
        { id: 'P2022', year: 2022 },
      ],
    },
    previous: { id: 'P2021', year: 2021 },
  },
};

const changes = {
  planChanges: {
    from: { id: 'P2021', year: 2021 },
    to: { id: 'P2022', year: 2022 },
    tasks: [
      {
        kind: 'KEPT',
        score: 0.94,
        reworded: true,
        before: [task('A1', 1, '强化党政同责')],
        after: [task('B1', 1, '强化党政同责')],
        clauses: [
          {
            before: { id: 'A1c1', ordinal: 1 },
            after: { id: 'B1c1', ordinal: 1 },
            diff: [
              { kind: 'EQUAL', text: '强化' },
              { kind: 'DELETE', text: '红线' },
              { kind: 'INSERT', text: '风险' },
              { kind: 'EQUAL', text: '意识' },
            ],
          },
        ],
        agencies: [],
        targets: [],
      },
      {
        kind: 'ADDED',
        score: null,
        reworded: false,
        before: [],
        after: [task('B2', 2, '推进食品安全包保督导')],
        clauses: [],
        agencies: [],
        targets: [],
      },
      {
        kind: 'KEPT',
        score: 0.99,
        reworded: false,
        before: [task('A4', 4, '实施风险评估与监测专项提升行动')],
        after: [task('B5', 5, '实施风险评估与监测专项提升行动')],
        clauses: [],
        agencies: [{ kind: 'LOST', role: 'SHARED', agency: { id: 'G1', name: '区发展改革委' } }],
        targets: [
          { kind: 'RAISED', stricter: true, delta: 1, before: indicator('I1', '抽检量', 6), after: indicator('I2', '抽检量', 7) },
          {
            kind: 'LOWERED',
            stricter: false,
            delta: -0.5,
            before: indicator('I3', '抽检合格率', 98, '%'),
            after: indicator('I4', '抽检合格率', 97.5, '%'),
          },
        ],
      },
      {
        kind: 'KEPT',
        score: 1,
        reworded: false,
        before: [task('A9', 9, '开展制止餐饮浪费专项整治活动')],
        after: [task('B10', 10, '开展制止餐饮浪费专项整治活动')],
        clauses: [],
        agencies: [],
        targets: [],
      },
      {
        kind: 'DROPPED',
        score: null,
        reworded: false,
        before: [task('A7', 7, '深入推进保健食品行业专项清理整治行动')],
        after: [],
        clauses: [],
        agencies: [],
        targets: [],
      },
    ],
  },
};

const parent = (value: number, name: string) => ({
  ...indicator(`P${value}${name}`, '市场监管环节食品安全监督抽检量', value),
  task: { id: 'T', plan: { id: 'PP', year: 2021, jurisdiction: { ...jurisdiction, name } } },
});
const cascade = {
  plan: {
    id: 'P2022',
    sections: [
      {
        id: 'S1',
        tasks: [
          {
            id: 'B5',
            ordinal: 5,
            fullLabel: '5',
            title: '实施风险评估与监测专项提升行动',
            indicators: [
              {
                ...indicator('I2', '市场监管环节食品安全监督抽检量', 7),
                metric: { key: 'sampling-density', name: '抽检量', nameEn: 'Sampling density' },
                cascade: [
                  {
                    distance: 1,
                    verdict: 'NOT_COMPARABLE',
                    reason: 'unit 批次/千人 differs from 万批次; period Q1 differs from YEAR',
                    reasons: [
                      { kind: 'UNIT', value: '批次/千人', parentValue: '万批次' },
                      { kind: 'PERIOD', value: 'Q1', parentValue: 'YEAR' },
                    ],
                    parent: parent(3, '南通市'),
                  },
                  { distance: 2, verdict: 'STRICTER', reason: null, reasons: [], parent: parent(5, '江苏省') },
                ],
              },
              {
                ...indicator('I4', '食品安全抽检合格率', 97.5, '%'),
                metric: { key: 'food-sampling-pass-rate', name: '食品安全抽检合格率', nameEn: 'Food sampling pass rate' },
                cascade: [{ distance: 1, verdict: 'LAXER', reason: null, reasons: [], parent: parent(98, '江苏省') }],
              },
            ],
          },
        ],
      },
    ],
  },
};

const respond: Responder = (operation) => ({ PlanVersions: versions, PlanChanges: changes, PlanCascade: cascade })[operation];

afterEach(() => {
  document.body.innerHTML = '';
});

describe('PlanChangesView', () => {
  it("compares with last year's plan, with badges on tasks and targets, unchanged tasks hidden", async () => {
    const { wrapper, requests } = await mountAt('/plans/P2022/changes', respond);
    expect(requests.find((r) => r.operationName === 'PlanChanges')?.variables).toEqual({ from: 'P2021', to: 'P2022' });
    expect(wrapper.get('[data-testid="changes-summary"]').text()).toBe(
      '保留 3 项 · 新增 1 项 · 删除 1 项 · 拆分 0 项 · 合并 0 项 · 措辞变化 1 项',
    );
    const shown = wrapper.findAll('article.change-task').map((article) => article.attributes('data-testid'));
    expect(shown).toEqual(['change-KEPT-1-1', 'change-ADDED-—-2', 'change-KEPT-4-5', 'change-DROPPED-7-—']);
    expect(wrapper.get('[data-testid="change-KEPT-1-1"]').find('[data-testid="badge-REWORDED"]').text()).toBe('措辞变化');
    const targets = wrapper.get('[data-testid="change-KEPT-4-5"]');
    expect(targets.get('[data-testid="badge-RAISED"]').text()).toBe('提高');
    expect(targets.get('[data-testid="badge-LOWERED"]').text()).toBe('降低');
    expect(targets.get('[data-testid="target-RAISED"]').text()).toContain('抽检量：6批次/千人 → 7批次/千人');
    expect(targets.get('[data-testid="target-LOWERED"]').text()).toContain('放宽');
    expect(targets.get('[data-testid="agency-change"]').text()).toBe('区发展改革委 不再分工负责');
    expect(wrapper.get('[data-testid="change-ADDED-—-2"] [data-testid="badge-ADDED"]').text()).toBe('新增');
    expect(wrapper.get('[data-testid="change-DROPPED-7-—"] [data-testid="badge-DROPPED"]').text()).toBe('删除');
  });

  it("shows a task's two versions side by side, deletions left, insertions right", async () => {
    const { wrapper } = await mountAt('/plans/P2022/changes', respond);
    await wrapper.get('[data-testid="change-KEPT-1-1"] [data-testid="toggle-diff"]').trigger('click');
    const diff = wrapper.get('[data-testid="change-diff"]');
    expect(diff.get('.change-diff__side--before').text()).toBe('强化红线意识');
    expect(diff.get('.change-diff__side--before del').text()).toBe('红线');
    expect(diff.get('.change-diff__side--after ins').text()).toBe('风险');
  });

  it('keeps the unchanged tasks and the earlier year chosen in the URL', async () => {
    const { wrapper, router } = await mountAt('/plans/P2022/changes', respond);
    await wrapper.get('[data-testid="show-all"]').setValue(true);
    await flushPromises();
    expect(router.currentRoute.value.query.all).toBe('1');
    expect(wrapper.findAll('article.change-task')).toHaveLength(5);
  });

  it('marks the targets laxer than a level above', async () => {
    const { wrapper, requests } = await mountAt('/plans/P2022/changes?view=cascade', respond);
    expect(requests.some((r) => r.operationName === 'PlanChanges')).toBe(false);
    expect(wrapper.get('[data-testid="laxer-count"]').text()).toBe('1 项指标低于上级要求');
    expect(wrapper.get('[data-testid="cascade-I4"]').classes()).toContain('is-laxer');
    expect(wrapper.get('[data-testid="cascade-I4"] [data-testid="verdict-LAXER"]').text()).toContain('江苏省');
    expect(wrapper.get('[data-testid="cascade-I2"]').classes()).not.toContain('is-laxer');
  });

  it("says in the page's language why a level's target does not compare", async () => {
    const { wrapper } = await mountAt('/plans/P2022/changes?view=cascade', respond);
    const reasons = wrapper.findAll('[data-testid="cascade-I2"] [data-testid="verdict-reason"]').map((node) => node.text());
    expect(reasons).toEqual(['（计量单位不同（本级 批次/千人，上级 万批次）；期间不同（本级一季度，上级全年））']);
    expect(wrapper.findAll('[data-testid="cascade-I4"] [data-testid="verdict-reason"]')).toHaveLength(0);
  });
});
