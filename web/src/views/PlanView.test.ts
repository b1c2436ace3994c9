import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { mountAt, type Responder } from '@/test/mount-app';
import { PLAN_ID, REVISION_ID, planFixture, planSourceFixture, revisionSourceFixture } from '@/test/plan-fixture';

const respond: Responder = (operation) => {
  if (operation === 'PlanDetail') return planFixture;
  if (operation === 'PlanSource') return planSourceFixture;
  if (operation === 'PlanRevisionSource') return revisionSourceFixture;
  throw new Error(`unexpected operation ${operation}`);
};

afterEach(() => {
  document.body.innerHTML = '';
});

describe('PlanView', () => {
  it('reads sections with their preamble and groups with theirs, each task numbered as readers cite it', async () => {
    const { wrapper } = await mountAt(`/plans/${PLAN_ID}`, respond);
    expect(wrapper.get('[data-testid="section-1"] [data-testid="section-preamble"]').text()).toBe(
      '各地各部门要坚持党政同责，层层压实责任。',
    );
    const groups = wrapper.findAll('[data-testid="section-2"] [data-testid="group"]');
    expect(groups.map((group) => group.get('h3').text())).toEqual(['（一）强化源头治理', '（二）严格过程监管', '（三）强化风险防控']);
    expect(groups[0]!.get('[data-testid="group-preamble"]').text()).toBe('坚持源头严防，守住农田到餐桌的第一道关口。');
    // Numbering restarts in each group: the number is the full label, not the position (6).
    expect(groups[2]!.findAll('[data-testid="task-number"]').map((n) => n.text())).toEqual(['二（三）1', '二（三）2', '二（三）3']);
    expect(wrapper.get('[data-testid="task-6"] h4').text()).toBe('二（三）3 推进食品安全信息化建设');
    expect(wrapper.get('nav').text()).toContain('（三）强化风险防控');
  });

  it('shows deadlines as printed, with the date they name on hover, once per task', async () => {
    const { wrapper } = await mountAt(`/plans/${PLAN_ID}`, respond);
    const first = wrapper.get('[data-testid="task-1"]');
    // The task's deadline is its only clause's: shown once, in the task's header.
    expect(first.findAll('[data-testid="deadline"]')).toHaveLength(1);
    const chip = first.get('[data-testid="deadline"]');
    expect(chip.get('[data-testid="deadline-text"]').text()).toBe('6月底前');
    expect(chip.get('time').attributes('datetime')).toBe('2022-06-30');
    expect(chip.attributes('title')).toBe('截止 2022年6月30日');
    const deadlines = wrapper.findAll('[data-testid="task-6"] [data-testid="deadline"]');
    expect(deadlines.map((d) => d.get('[data-testid="deadline-text"]').text())).toEqual(['2022年12月1日前', '长期坚持']);
    expect(deadlines[1]!.find('time').exists()).toBe(false);
    expect(deadlines[1]!.attributes('title')).toBe('长期坚持，没有截止日期');
  });

  it('marks a draft and says the jurisdiction and year were chosen at import', async () => {
    const { wrapper } = await mountAt(`/plans/${PLAN_ID}`, respond);
    expect(wrapper.get('[data-testid="draft-badge"]').text()).toBe('征求意见稿');
    expect(wrapper.get('[data-testid="attribution-note"]').text()).toContain('导入时指定');
  });

  it('names agencies as the plan prints them, the canonical name on hover', async () => {
    const { wrapper } = await mountAt(`/plans/${PLAN_ID}`, respond);
    const names = wrapper.findAll('[data-testid="task-1"] [data-testid="agency-name"]');
    expect(names.map((name) => name.text().replace(/、$/, ''))).toEqual(['省食安委办公室', '省食安委有关成员单位']);
    expect(names[0]!.attributes('title')).toBe('即省食安办');
    expect(wrapper.get('[data-testid="task-3"] [data-testid="agency-name"]').attributes('title')).toBeUndefined();
  });

  it('lists the revisions it replaced and fetches a revision’s text only when opened', async () => {
    const { wrapper, requests } = await mountAt(`/plans/${PLAN_ID}`, respond);
    const revision = wrapper.get('[data-testid="revision-1"]');
    const text = revision.text();
    for (const part of ['第 1 版', '苏食安办〔2022〕1号', 'jiangsu-2022-draft-1.docx', '命令行导入', '修订（发文字号或标题相同）'])
      expect(text).toContain(part);
    expect(revision.get('time[datetime="2022-04-10T06:30:00Z"]').text()).toMatch(/2022/);
    expect(requests.some((r) => r.operationName === 'PlanRevisionSource')).toBe(false);

    const toggle = revision.get('[data-testid="toggle-revision-source"]');
    await toggle.trigger('click');
    await flushPromises();
    expect(requests.filter((r) => r.operationName === 'PlanRevisionSource').map((r) => r.variables)).toEqual([{ id: REVISION_ID }]);
    expect(revision.get('[data-testid="revision-source"]').text()).toContain('（第一稿）');
    expect(toggle.attributes('aria-expanded')).toBe('true');

    await toggle.trigger('click');
    expect(revision.find('[data-testid="revision-source"]').exists()).toBe(false);
  });

  it('shades deadlines in the original text beside tasks, agencies and targets', async () => {
    const { wrapper } = await mountAt(`/plans/${PLAN_ID}?source=1`, respond);
    const source = wrapper.get('[data-testid="plan-source"]');
    expect(source.findAll('.plan-source__text .is-deadline').map((s) => s.text())).toEqual(['6月底前', '2022年12月1日前', '长期坚持']);
    expect(source.findAll('.plan-source__text .is-agency').length).toBeGreaterThan(0);
    expect(source.get('[data-anchor~="T6"]').text()).toBe('3.推进食品安全信息化建设。');
  });

  it('points from an agency, a deadline or a clause to where it was read, with the source open', async () => {
    const { wrapper } = await mountAt(`/plans/${PLAN_ID}?source=1`, respond);
    const focused = () =>
      wrapper
        .findAll('[data-testid="plan-source"] .is-focused')
        .map((piece) => piece.text())
        .join('');
    const agency = wrapper.get('[data-testid="task-1"] [data-testid="agency-name"]');
    await agency.trigger('click');
    expect(focused()).toBe(agency.text().replace(/、$/, ''));
    await wrapper.get('[data-testid="task-1"] [data-testid="deadline"]').trigger('click');
    expect(focused()).toBe('6月底前');
    await wrapper.get('[data-testid="task-6"] [data-testid="locate-clause"]').trigger('click');
    expect(focused().length).toBeGreaterThan(10);
  });

  it('offers readers no editing controls', async () => {
    const { wrapper } = await mountAt(`/plans/${PLAN_ID}`, respond);
    expect(wrapper.find('[data-testid="open-review"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="plan-audit-log"]').exists()).toBe(false);
    // Without the source open, nothing claims to locate anything.
    expect(wrapper.find('[data-testid="locate-clause"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="agency-name"]').attributes('role')).toBeUndefined();
  });

  it('reads in English', async () => {
    const { wrapper } = await mountAt(`/plans/${PLAN_ID}`, respond, 'en');
    expect(wrapper.get('[data-testid="draft-badge"]').text()).toBe('Draft');
    expect(wrapper.get('[data-testid="attribution-note"]').text()).toContain('chosen at import');
    expect(wrapper.get('[data-testid="task-1"] [data-testid="deadline"]').attributes('title')).toBe('Due June 30, 2022');
    expect(wrapper.get('[data-testid="revision-reason"]').text()).toBe('A revision (same 发文字号 or title)');
    expect(wrapper.get('#revisions h2').text()).toBe('Revisions');
  });
});
