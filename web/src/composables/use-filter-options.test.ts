import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { useFilterOptions } from './use-filter-options';
import { createGraphqlClient } from '@/graphql/client';
import { fakeFetch, type GraphqlRequest, type Responder } from '@/test/mount-app';

const respond: Responder = () => ({
  themes: [{ key: 'campus-food-safety', name: '校园食品安全', nameEn: 'Campus food safety' }],
  planYears: [2022, 2021],
});

async function setup() {
  const requests: GraphqlRequest[] = [];
  let options!: ReturnType<typeof useFilterOptions>;
  const Probe = defineComponent({
    setup() {
      options = useFilterOptions();
      return () => h('span');
    },
  });
  const client = createGraphqlClient({ url: 'http://test/graphql', fetch: fakeFetch(respond, requests) });
  mount(Probe, { global: { plugins: [[urql, client]] } });
  await flushPromises();
  await flushPromises();
  return { options, requests };
}

describe('useFilterOptions', () => {
  it('offers the themes and the years newest first, and no jurisdiction list', async () => {
    const { options, requests } = await setup();
    expect(options.years.value).toEqual([2022, 2021]);
    expect(options.themes.value.map((theme) => theme.key)).toEqual(['campus-food-safety']);
    expect(requests.map((r) => r.operationName)).toEqual(['FilterOptions']);
    expect(options.fetching.value).toBe(false);
  });
});
