import { inject } from 'vitest';

export interface GraphQLResponse {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions: { code: string; [key: string]: unknown } }[];
}

export const baseUrl = () => inject('baseUrl');

/** POSTs a GraphQL request to the running server, as the web app and GraphiQL do. */
export async function graphql(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
  const response = await fetch(`${baseUrl()}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse;
}
