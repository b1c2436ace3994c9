import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { useJurisdictionSearch } from './use-jurisdiction-search';
import { createGraphqlClient } from '@/graphql/client';
import { fakeFetch, type GraphqlRequest, type Responder } from '@/test/mount-app';
import { jurisdictionSearch } from '@/test/jurisdiction-fixture';

async function setup(respond: Responder = jurisdictionSearch) {
  const requests: GraphqlRequest[] = [];
  const text = ref('');
  let search!: ReturnType<typeof useJurisdictionSearch>;
  const Probe = defineComponent({
    setup() {
      search = useJurisdictionSearch(text, { debounceMs: 200 });
      return () => h('span');
    },
  });
  const client = createGraphqlClient({ url: 'http://test/graphql', fetch: fakeFetch(respond, requests) });
  const wrapper = mount(Probe, { global: { plugins: [[urql, client]] } });
  return { text, search: () => search, requests, wrapper };
}

/** Lets the debounce run out and the fake server answer. */
async function settle(ms = 200) {
  await vi.advanceTimersByTimeAsync(ms);
  await flushPromises();
  await flushPromises();
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('useJurisdictionSearch', () => {
  it('asks nothing for an empty box', async () => {
    const { search, requests } = await setup();
    await settle();
    expect(requests).toEqual([]);
    expect(search().matches.value).toEqual([]);
    expect(search().pending.value).toBe(false);
  });

  it('asks once typing pauses, for the trimmed text, 20 at most', async () => {
    const { text, search, requests } = await setup();
    text.value = 't';
    await settle(50);
    text.value = 'tz ';
    await settle(100);
    expect(requests).toEqual([]);
    expect(search().pending.value).toBe(true);
    await settle(100);
    expect(requests.map((r) => r.variables)).toEqual([{ text: 'tz', first: 20 }]);
    expect(search().matches.value.map((j) => j.fullName)).toEqual(['北京市通州区', '江苏省南通市通州区']);
    expect(search().pending.value).toBe(false);
  });

  it('forgets the matches at once when the box is cleared', async () => {
    const { text, search } = await setup();
    text.value = '通州';
    await settle();
    expect(search().matches.value).toHaveLength(2);
    text.value = '';
    await flushPromises();
    expect(search().matches.value).toEqual([]);
  });

  it('reports a failed request, e.g. with no network', async () => {
    const { text, search } = await setup(() => Object.assign(new Error('boom'), { name: 'server/internal' }));
    text.value = 'tz';
    await settle();
    expect(search().error.value?.graphQLErrors[0]?.message).toBe('boom');
  });
});
