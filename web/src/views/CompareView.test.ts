import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountAt, type Responder } from '@/test/mount-app';
import { comparisonFixture } from '@/test/comparison-fixture';
import { jurisdictionSearch, nantongTongzhou, xuzhou } from '@/test/jurisdiction-fixture';

const filterOptions = { themes: [], planYears: [2021] };
const names: Record<string, typeof xuzhou> = { '320300': xuzhou, '320612': nantongTongzhou };

const menus: Responder = (operation, variables) => {
  if (operation === 'FilterOptions') return filterOptions;
  if (operation === 'JurisdictionName') return { jurisdiction: names[String(variables.code)] ?? null };
  return jurisdictionSearch(operation, variables);
};
const respond: Responder = (operation, variables) => (operation === 'Comparison' ? comparisonFixture : menus(operation, variables));

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('CompareView', () => {
  it('asks for the jurisdictions and year of its URL and shows the campus row with both tasks', async () => {
    const { wrapper, requests } = await mountAt('/compare?j=320612,320300&year=2021', respond);
    expect(requests.find((r) => r.operationName === 'Comparison')?.variables).toEqual({
      jurisdictionCodes: ['320612', '320300'],
      year: 2021,
    });
    const row = wrapper.get('[data-testid="row-campus-food-safety"]');
    expect(row.findAll('[data-testid="compare-task"]')).toHaveLength(2);
    expect(wrapper.get('[data-testid="cell-campus-food-safety-320300"] mark.shared').text()).toContain('校园食品安全');
    expect(wrapper.get('[data-testid="row-infant-formula"] [data-testid="only-in"]').text()).toBe('仅徐州市有');
    expect(wrapper.get('[data-testid="cell-infant-formula-320612"]').text()).toContain('无对应任务');
    expect(wrapper.find('[data-testid="row-small-workshops"] [data-testid="unique-task"]').exists()).toBe(true);
  });

  it('shows the sampling density targets side by side', async () => {
    const { wrapper } = await mountAt('/compare?j=320612,320300&year=2021', respond);
    const chart = wrapper.get('[data-testid="metric-sampling-density"]');
    expect(chart.get('[data-testid="target-320612-0"]').text()).toBe('6');
    // Xuzhou's 4.5 asks less than Jiangsu's 5: marked in the table (and outlined in the chart).
    expect(chart.get('[data-testid="target-320300-0"]').text()).toBe('4.5 （低于上级）');
    expect(chart.get('[data-testid="target-320300-0"]').classes()).toContain('is-laxer');
    expect(chart.find('[data-testid="metric-laxer-note"]').exists()).toBe(true);
  });

  it('filters to the themes missing somewhere and keeps that in the URL', async () => {
    const { wrapper, router } = await mountAt('/compare?j=320612,320300&year=2021', respond);
    await wrapper.get('[data-testid="gaps-only"]').setValue(true);
    await flushPromises();
    expect(router.currentRoute.value.query.gaps).toBe('1');
    expect(wrapper.findAll('[data-testid="compare-table"] tbody > tr').map((tr) => tr.attributes('data-testid'))).toEqual([
      'row-small-workshops',
      'row-infant-formula',
    ]);
  });

  it('downloads the comparison as CSV', async () => {
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const { wrapper } = await mountAt('/compare?j=320612,320300&year=2021', respond);
    await wrapper.get('[data-testid="export-csv"]').trigger('click');
    const csv = await created[0]!.text();
    expect(csv.split('\r\n').filter((line) => line.startsWith('校园食品安全,'))).toHaveLength(2);
  });

  it('asks for a second jurisdiction before comparing', async () => {
    const { wrapper, requests } = await mountAt('/compare?j=320612&year=2021', respond);
    expect(wrapper.find('[data-testid="compare-hint"]').exists()).toBe(true);
    expect(requests.some((r) => r.operationName === 'Comparison')).toBe(false);
  });

  it('names the chosen jurisdictions by their full names and adds one found by pinyin', async () => {
    const { wrapper, router } = await mountAt('/compare?j=320612&year=2021', respond);
    expect(wrapper.get('[data-testid="jurisdiction-chip-320612"]').text()).toContain('江苏省南通市通州区');
    const input = wrapper.get('[data-testid="compare-add"] input');
    await input.setValue('xz');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await flushPromises();
    await input.trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(router.currentRoute.value.query.j).toBe('320612,320300');
  });

  it('shows the API error with a retry button', async () => {
    const failing: Responder = (operation) =>
      operation === 'Comparison' ? Object.assign(new Error('boom'), { name: 'server/internal' }) : menus(operation, {});
    const { wrapper } = await mountAt('/compare?j=320612,320300&year=2021', failing);
    expect(wrapper.get('[data-testid="state-error"]').text()).toContain('服务器内部错误');
  });
});
