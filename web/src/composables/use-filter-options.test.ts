import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { useFilterOptions, type JurisdictionsOf } from './use-filter-options';
import { createGraphqlClient } from '@/graphql/client';
import { fakeFetch, type GraphqlRequest, type Responder } from '@/test/mount-app';

const xuzhou = { id: 'J320300', code: '320300', name: '徐州市', shortName: '徐州', level: 'CITY' };
const tongzhou = { id: 'J320612', code: '320612', name: '通州区', shortName: '通州', level: 'DISTRICT' };

// Tongzhou has plans for 2021 and 2022, Xuzhou for 2021 only.
const respond: Responder = (operation, variables) =>
  operation === 'FilterOptions'
    ? { themes: [], planYears: [2022, 2021] }
    : { jurisdictionsWithPlans: variables.year === 2022 ? [tongzhou] : [xuzhou, tongzhou] };

async function setup(jurisdictionsOf?: JurisdictionsOf) {
  const requests: GraphqlRequest[] = [];
  let options!: ReturnType<typeof useFilterOptions>;
  const Probe = defineComponent({
    setup() {
      options = useFilterOptions(jurisdictionsOf);
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
  it('offers the years newest first and the jurisdictions with a plan of any year', async () => {
    const { options, requests } = await setup('any-year');
    expect(options.years.value).toEqual([2022, 2021]);
    expect(options.jurisdictions.value.map((j) => j.code)).toEqual(['320300', '320612']);
    expect(requests.find((r) => r.operationName === 'JurisdictionsWithPlans')?.variables).toEqual({ year: null });
    expect(options.fetching.value).toBe(false);
  });

  it('lists the jurisdictions of the year it picks from the years there are, asking once', async () => {
    const { options, requests } = await setup((years) => years[0] ?? null);
    expect(options.jurisdictionsYear.value).toBe(2022);
    expect(options.jurisdictions.value.map((j) => j.code)).toEqual(['320612']);
    expect(requests.filter((r) => r.operationName === 'JurisdictionsWithPlans').map((r) => r.variables)).toEqual([{ year: 2022 }]);
  });

  it('asks for no jurisdictions when the view has no jurisdiction menu', async () => {
    const { options, requests } = await setup();
    expect(options.years.value).toEqual([2022, 2021]);
    expect(requests.map((r) => r.operationName)).toEqual(['FilterOptions']);
  });
});
