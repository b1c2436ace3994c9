import { mount, flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { useRouteQuery, useRouteQueryList, useRouteQueryNumber } from './use-route-query';

async function setup(url: string) {
  let state!: {
    text: ReturnType<typeof useRouteQuery>;
    year: ReturnType<typeof useRouteQueryNumber>;
    codes: ReturnType<typeof useRouteQueryList>;
  };
  const Probe = defineComponent({
    setup() {
      state = { text: useRouteQuery('q'), year: useRouteQueryNumber('year', 2021), codes: useRouteQueryList('j') };
      return () => h('div');
    },
  });
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/compare', component: Probe }] });
  await router.push(url);
  mount({ render: () => h(Probe) }, { global: { plugins: [router] } });
  return { router, state };
}

describe('useRouteQuery', () => {
  it('reads the parameters of a shared link', async () => {
    const { state } = await setup('/compare?j=320612,320300&year=2020&q=校园');
    expect(state.codes.value).toEqual(['320612', '320300']);
    expect(state.year.value).toBe(2020);
    expect(state.text.value).toBe('校园');
  });

  it('falls back to defaults for missing or unreadable values', async () => {
    const { state } = await setup('/compare?year=abc');
    expect(state.year.value).toBe(2021);
    expect(state.codes.value).toEqual([]);
    expect(state.text.value).toBe('');
  });

  it('merges writes of the same tick into one navigation and drops defaults from the URL', async () => {
    const { router, state } = await setup('/compare?q=x');
    state.codes.value = ['320612', '320300', '320612'];
    state.year.value = 2021;
    state.text.value = '';
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/compare?j=320612,320300');
    expect(state.codes.value).toEqual(['320612', '320300']);
  });
});
