import { Client, cacheExchange, fetchExchange, type CombinedError } from '@urql/core';
import { authorizationHeaders } from '@/composables/use-session';

export interface GraphqlClientOptions {
  /** The GraphQL endpoint; the SPA is served beside it, so a relative path suits every host. */
  url?: string;
  /** Replaces the transport; component tests pass a fake one. */
  fetch?: typeof fetch;
}

export function createGraphqlClient(options: GraphqlClientOptions = {}): Client {
  return new Client({
    url: options.url ?? '/graphql',
    exchanges: [cacheExchange, fetchExchange],
    fetch: options.fetch,
    // Queries go as GET (GraphQL over HTTP), which caches and proxies understand; one whose URL
    // would pass 2047 characters goes as POST, as mutations always do.
    preferGetMethod: 'within-url-limit',
    requestPolicy: 'cache-first',
    // A signed-in editor's token goes in the header of every request (never in the URL): the
    // server answers editors' own fields and caches nothing sent with a token.
    fetchOptions: () => ({ headers: authorizationHeaders() }),
  });
}

/**
 * The i18n key of the message for a failed request: the API's namespaced `extensions.code`
 * (see server/src/graphql/errors.ts) when it sent one, a network failure, or unknown.
 */
export function errorMessageKey(error: CombinedError): string {
  if (error.networkError) return 'errors.network';
  const code = error.graphQLErrors.find((e) => typeof e.extensions?.code === 'string')?.extensions.code;
  return typeof code === 'string' ? `errors.${code}` : 'errors.unknown';
}
