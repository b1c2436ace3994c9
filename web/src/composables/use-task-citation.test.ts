import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { useTaskCitation, type Citable } from './use-task-citation';
import { createAppI18n, type Locale } from '@/i18n';

function cite(locale: Locale, task: Citable): string {
  const Probe = defineComponent({
    setup() {
      const citation = useTaskCitation();
      return () => h('span', citation(task));
    },
  });
  return mount(Probe, { global: { plugins: [createAppI18n(locale)] } }).text();
}

describe('useTaskCitation', () => {
  it('cites a task numbered through the document by its number', () => {
    expect(cite('zh-CN', { fullLabel: '5', ordinal: 5 })).toBe('第 5 项');
    expect(cite('en', { fullLabel: '5', ordinal: 5 })).toBe('Task 5');
  });

  it('cites a task of a plan that restarts its numbering by its labels as printed, not its position', () => {
    expect(cite('zh-CN', { fullLabel: '二（三）3', ordinal: 14 })).toBe('二（三）3');
    expect(cite('en', { fullLabel: '二（三）3', ordinal: 14 })).toBe('Task 二（三）3');
  });

  it('falls back to the position when the plan prints no number', () => {
    expect(cite('zh-CN', { fullLabel: '', ordinal: 3 })).toBe('第 3 项');
  });
});
