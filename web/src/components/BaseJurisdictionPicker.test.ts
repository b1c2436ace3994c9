import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import BaseJurisdictionPicker from './BaseJurisdictionPicker.vue';
import { createGraphqlClient } from '@/graphql/client';
import { createAppI18n, type Locale } from '@/i18n';
import { fakeFetch, type GraphqlRequest } from '@/test/mount-app';
import { jurisdictionSearch } from '@/test/jurisdiction-fixture';

type PickerProps = InstanceType<typeof BaseJurisdictionPicker>['$props'];

function mountPicker(
  props: Partial<PickerProps> = {},
  { locale = 'zh-CN' as Locale, fetch = undefined as typeof globalThis.fetch | undefined } = {},
) {
  const requests: GraphqlRequest[] = [];
  const client = createGraphqlClient({ url: 'http://test/graphql', fetch: fetch ?? fakeFetch(jurisdictionSearch, requests) });
  const wrapper = mount(BaseJurisdictionPicker, {
    props: { label: '地区', ...props },
    global: { plugins: [createAppI18n(locale), [urql, client]] },
    attachTo: document.body,
  });
  return { wrapper, requests };
}

async function type(wrapper: ReturnType<typeof mountPicker>['wrapper'], text: string) {
  const input = wrapper.get('[data-testid="jurisdiction-picker-input"]');
  await input.trigger('focus');
  await input.setValue(text);
  await vi.advanceTimersByTimeAsync(250);
  await flushPromises();
  await flushPromises();
  return input;
}

const optionTexts = (wrapper: ReturnType<typeof mountPicker>['wrapper']) =>
  wrapper.findAll('[role="option"]').map((option) =>
    option
      .findAll(':scope > span')
      .map((part) => part.text().replace(/\s+/g, ' '))
      .join(' | '),
  );

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('BaseJurisdictionPicker', () => {
  it('offers both 通州区 for "tz", told apart by their full names and levels', async () => {
    const { wrapper, requests } = mountPicker();
    const input = await type(wrapper, 'tz');
    expect(requests.map((r) => r.variables)).toEqual([{ text: 'tz', first: 20 }]);
    expect(input.attributes('aria-expanded')).toBe('true');
    expect(wrapper.get('[role="listbox"]').attributes('id')).toBe(input.attributes('aria-controls'));
    expect(optionTexts(wrapper)).toEqual(['北京市通州区 | 区', '江苏省南通市通州区 | 区 | 有计划']);
    expect(wrapper.get('[aria-live="polite"]').text()).toBe('2 个匹配的地区');
  });

  it('moves with the arrow keys, chooses with Enter and empties the box', async () => {
    const { wrapper } = mountPicker();
    const input = await type(wrapper, '通州');
    const options = wrapper.findAll('[role="option"]');
    expect(input.attributes('aria-activedescendant')).toBe(options[0]!.attributes('id'));
    await input.trigger('keydown', { key: 'ArrowDown' });
    expect(input.attributes('aria-activedescendant')).toBe(options[1]!.attributes('id'));
    expect(options[1]!.attributes('aria-selected')).toBe('true');
    await input.trigger('keydown', { key: 'ArrowDown' });
    expect(input.attributes('aria-activedescendant')).toBe(options[0]!.attributes('id'));
    await input.trigger('keydown', { key: 'ArrowUp' });
    await input.trigger('keydown', { key: 'Enter' });
    expect(wrapper.emitted('select')?.[0]?.[0]).toMatchObject({ code: '320612', fullName: '江苏省南通市通州区' });
    expect((input.element as HTMLInputElement).value).toBe('');
    expect(input.attributes('aria-expanded')).toBe('false');
  });

  it('closes with Esc and chooses with the mouse', async () => {
    const { wrapper } = mountPicker();
    const input = await type(wrapper, 'xz');
    await input.trigger('keydown', { key: 'Escape' });
    expect(input.attributes('aria-expanded')).toBe('false');
    expect(input.attributes('aria-activedescendant')).toBeUndefined();
    await input.trigger('keydown', { key: 'ArrowDown' });
    await wrapper.get('[data-testid="picker-option-320300"]').trigger('mousedown');
    expect(wrapper.emitted('select')?.[0]?.[0]).toMatchObject({ code: '320300' });
  });

  it('offers but does not let choose a jurisdiction with no plan that year, or one already chosen', async () => {
    const { wrapper } = mountPicker({ planYear: 2021, requirePlan: true, exclude: ['320300'] });
    let input = await type(wrapper, 'tz');
    const beijing = wrapper.get('[data-testid="picker-option-110112"]');
    expect(beijing.attributes('aria-disabled')).toBe('true');
    expect(beijing.text()).toContain('2021年无计划');
    // The first choosable one is ready for Enter.
    expect(input.attributes('aria-activedescendant')).toBe(wrapper.get('[data-testid="picker-option-320612"]').attributes('id'));
    await beijing.trigger('mousedown');
    expect(wrapper.emitted('select')).toBeUndefined();
    input = await type(wrapper, '徐州');
    expect(wrapper.get('[data-testid="picker-option-320300"]').text()).toContain('已选');
    await input.trigger('keydown', { key: 'Enter' });
    expect(wrapper.emitted('select')).toBeUndefined();
  });

  it('speaks English, and marks a ceased division', async () => {
    const { wrapper } = mountPicker({ planYear: 2021, requirePlan: true }, { locale: 'en' });
    await type(wrapper, '海门');
    expect(optionTexts(wrapper)).toEqual(['江苏省南通市海门市 | County-level city · ceased 2020 | No plan for 2021']);
    await type(wrapper, '上海');
    expect(wrapper.get('[data-testid="picker-status"]').text()).toBe('No jurisdiction matches');
  });

  it('says so when the server cannot be reached', async () => {
    const offline = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof globalThis.fetch;
    const { wrapper } = mountPicker({}, { fetch: offline });
    await type(wrapper, 'tz');
    expect(wrapper.get('[data-testid="picker-status"]').text()).toBe('无法连接服务器，请检查网络或稍后重试。');
  });
});
