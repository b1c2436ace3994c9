import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { createApp } from '../src/http/app.js';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions: { code: string; [key: string]: unknown } }[];
}

export interface TestApi {
  url: string;
  /** POSTs a GraphQL request and returns its JSON body. */
  query<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** The real HTTP app (Express + Apollo) on a free port, over `dataSource`. */
export async function startTestApi(
  dataSource: DataSource,
  options: { development?: boolean; log?: (message: string) => void; readCache?: boolean } = {},
): Promise<TestApi> {
  const httpServer = createServer();
  const { app, apollo } = await createApp({
    dataSource,
    httpServer,
    development: options.development ?? false,
    log: options.log ?? (() => undefined),
    readCache: options.readCache ?? false,
  });
  httpServer.on('request', app);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  return {
    url,
    async query(query, variables) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse<never>;
    },
    close: () => apollo.stop(),
  };
}
