import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { RouterView, createMemoryHistory } from 'vue-router';
import { createGraphqlClient } from '@/graphql/client';
import { createAppI18n, type Locale } from '@/i18n';
import { createAppRouter } from '@/router';

/**
 * Mounts the app's router at `url` with the real GraphQL client whose transport answers from
 * `respond` (keyed by operation name), so a view is tested as the user sees it, server aside;
 * in Chinese unless a test asks for English.
 */
export type Responder = (operationName: string, variables: Record<string, unknown>) => unknown;

export interface GraphqlRequest {
  operationName: string;
  variables: Record<string, unknown>;
}

/** A query sent as GET carries its operation name and JSON variables in the URL. */
function fromSearchParams(params: URLSearchParams): GraphqlRequest {
  const variables = params.get('variables');
  return {
    operationName: params.get('operationName') ?? '',
    variables: variables ? (JSON.parse(variables) as Record<string, unknown>) : {},
  };
}

/** A transport that records each request in `requests` and answers it from `respond`. */
export function fakeFetch(respond: Responder, requests: GraphqlRequest[]): typeof globalThis.fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const body = init?.body ? (JSON.parse(String(init.body)) as GraphqlRequest) : fromSearchParams(new URL(String(input)).searchParams);
    requests.push(body);
    const data = respond(body.operationName, body.variables ?? {});
    const payload = data instanceof Error ? { data: null, errors: [{ message: data.message, extensions: { code: data.name } }] } : { data };
    return new Response(JSON.stringify(payload), { headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
}

export async function mountAt(url: string, respond: Responder, locale: Locale = 'zh-CN') {
  const requests: GraphqlRequest[] = [];
  const fetch = fakeFetch(respond, requests);

  const router = createAppRouter(createMemoryHistory());
  await router.push(url);
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), {
    global: {
      plugins: [router, createAppI18n(locale), [urql, createGraphqlClient({ url: 'http://test/graphql', fetch })]],
      // ECharts needs a laid-out page to draw; the charts' data tables carry the same numbers.
      stubs: { VChart: { props: ['option'], template: '<div class="chart-stub"></div>' } },
    },
    attachTo: document.body,
  });
  await router.isReady();
  await flushPromises();
  await flushPromises();
  return { wrapper, router, requests };
}
