import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { beijingTongzhou, jurisdictionSearch } from '@/test/jurisdiction-fixture';
import { mountAt, type Responder } from '@/test/mount-app';

const ref = (code: string, name: string, level: string, parent: object | null = null) => ({
  id: `J${code}`,
  code,
  name,
  shortName: name,
  level,
  parent,
});
const country = ref('100000', '中华人民共和国', 'COUNTRY');
const jiangsu = ref('320000', '江苏省', 'PROVINCE', country);
const nantong = ref('320600', '南通市', 'CITY', jiangsu);
const plan = (code: string, year: number, title: string) => ({ id: `${code}-${year}`, year, title });

const tree = {
  jurisdictionsWithPlans: [
    { ...country, plans: [plan('100000', 2022, '2022年食品安全重点工作安排')] },
    { ...ref('320300', '徐州市', 'CITY', jiangsu), plans: [plan('320300', 2021, '徐州市2021年食品安全重点工作安排')] },
    { ...ref('320612', '通州区', 'DISTRICT', nantong), plans: [plan('320612', 2021, '通州区2021年食品安全重点工作安排')] },
  ],
  provinces: [ref('110000', '北京市', 'PROVINCE'), ref('320000', '江苏省', 'PROVINCE'), ref('650000', '新疆维吾尔自治区', 'PROVINCE')],
};

const respond: Responder = (operation, variables) => {
  if (operation === 'JurisdictionTree') return tree;
  if (operation === 'JurisdictionChildren' && variables.parentCode === '110000')
    return { jurisdictions: [{ ...ref('110112', '通州区', 'DISTRICT'), validUntil: null }] };
  return jurisdictionSearch(operation, variables);
};

afterEach(() => {
  document.body.innerHTML = '';
});

describe('HomeView', () => {
  it('shows the national plan on top and only the branches that lead to plans', async () => {
    const { wrapper } = await mountAt('/', respond);
    const rows = wrapper.get('[data-testid="jurisdiction-tree"]');
    expect(rows.get('[data-testid="jurisdiction-100000"]').text()).toContain('全国');
    expect(rows.find('[data-testid="jurisdiction-110000"]').exists()).toBe(false);
    expect(rows.get('[data-testid="jurisdiction-320600"]').text()).toContain('通州区');
    expect(wrapper.get('[data-testid="quick-compare"]').text()).toContain('徐州市、通州区');
  });

  it('folds the provinces without plans into one line and loads what is below them on demand', async () => {
    const { wrapper, requests } = await mountAt('/', respond);
    const others = wrapper.get('[data-testid="other-provinces"]');
    expect(others.get('summary').text()).toBe('其他 2 个省级行政区暂无计划');
    expect(requests.map((r) => r.operationName)).toEqual(['JurisdictionTree']);
    (others.element as HTMLDetailsElement).open = true;
    await others.trigger('toggle');
    const beijing = wrapper.get('[data-testid="jurisdiction-110000"] details');
    expect(wrapper.get('[data-testid="jurisdiction-650000"]').text()).toContain('新疆维吾尔自治区');
    (beijing.element as HTMLDetailsElement).open = true;
    await beijing.trigger('toggle');
    await flushPromises();
    expect(requests.at(-1)).toEqual({ operationName: 'JurisdictionChildren', variables: { parentCode: '110000' } });
    expect(wrapper.get('[data-testid="jurisdiction-110112"]').text()).toContain('暂无计划');
  });

  it('opens the newest plan of a jurisdiction found by the picker, or says it has none', async () => {
    const { wrapper, router } = await mountAt('/', respond);
    const input = wrapper.get('[data-testid="home-find"] input');
    await input.setValue('通州');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await flushPromises();
    await wrapper.get(`[data-testid="picker-option-${beijingTongzhou.code}"]`).trigger('mousedown');
    expect(wrapper.get('[data-testid="home-found"]').text()).toBe('北京市通州区暂无计划。');
    await input.setValue('tz');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await flushPromises();
    await wrapper.get('[data-testid="picker-option-320612"]').trigger('mousedown');
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/plans/320612-2021'));
  });
});
