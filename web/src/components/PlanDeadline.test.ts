import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import PlanDeadline from './PlanDeadline.vue';
import type { DeadlineFieldsFragment } from '@/graphql/generated/graphql';
import { createAppI18n, type Locale } from '@/i18n';

const endOfJune: DeadlineFieldsFragment = { text: '6月底前', date: '2021-06-30', spanStart: 10, spanEnd: 15 };
const ongoing: DeadlineFieldsFragment = { text: '长期坚持', date: null, spanStart: 40, spanEnd: 44 };

const mountIn = (locale: Locale, deadline: DeadlineFieldsFragment) =>
  mount(PlanDeadline, { props: { deadline }, global: { plugins: [createAppI18n(locale)] } });

describe('PlanDeadline', () => {
  it('prints the deadline as the plan does, with the date it names on hover and for screen readers', () => {
    const chip = mountIn('zh-CN', endOfJune);
    expect(chip.get('[data-testid="deadline-text"]').text()).toBe('6月底前');
    expect(chip.get('time').attributes('datetime')).toBe('2021-06-30');
    expect(chip.attributes('title')).toBe('截止 2021年6月30日');
    expect(chip.get('.visually-hidden').text()).toBe('（截止 2021年6月30日）');
    expect(chip.text()).toContain('完成时限');
  });

  it('gives an open-ended deadline no date', () => {
    const chip = mountIn('en', ongoing);
    expect(chip.find('time').exists()).toBe(false);
    expect(chip.get('[data-testid="deadline-text"]').text()).toBe('长期坚持');
    expect(chip.attributes('title')).toBe('Ongoing (长期坚持), no end date');
    expect(chip.classes()).toContain('is-open-ended');
  });
});
