import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { DataSource } from 'typeorm';
import { requestLine, type AuthFailureLog } from '../auth/auth-failures.js';
import { graphqlParameters, type ReadCache } from '../cache/read-cache.js';
import { createContext, type Context } from '../graphql/context.js';
import { ErrorCode } from '../graphql/errors.js';
import { ReadSnapshot } from '../graphql/snapshot.js';
import { answerBodyError, isJsonRequest, persistedQueryProblem, readJsonBody, refuseMediaType, sendError } from './limits.js';

export interface GraphQLRouteOptions {
  apollo: ApolloServer<Context>;
  dataSource: DataSource;
  /** Asked before Apollo when the read cache is on. */
  readCache?: ReadCache;
  authFailures: AuthFailureLog;
  log: (message: string) => void;
}

/**
 * Whether a request is for /graphql, matched as Express matched `app.use('/graphql', …)` before:
 * in any case, with or without a path below it (`/graphql/`), with a query string or not.
 */
export function isGraphQLRequest(url: string | undefined): boolean {
  if (!url) return false;
  const end = url.indexOf('?');
  let path = end === -1 ? url : url.slice(0, end);
  // An absolute URL (`POST http://host/graphql`), which HTTP/1.1 servers must accept.
  if (!path.startsWith('/') && URL.canParse(path)) path = new URL(path).pathname;
  if (path.length < 8 || path.slice(0, 8).toLowerCase() !== '/graphql') return false;
  return path.length === 8 || path[8] === '/';
}

/**
 * GraphQL at /graphql on node's own request and response: the only hot route, answered without
 * Express's per-request stack (router, body-parser, `res.send`), which cost 12–15 % of the server's
 * CPU under a plan list. It reads the body (limits.ts), refuses bad persisted queries, asks the read
 * cache, then hands the request to Apollo's `executeHTTPGraphQLRequest`, as Apollo's own
 * integrations do, and writes its answer at once. Each read is answered in one snapshot of the
 * database (graphql/snapshot.ts): the read cache's on a miss, else one begun with the context,
 * closed when the response is.
 */
export function graphqlRoute({ apollo, dataSource, readCache, authFailures, log }: GraphQLRouteOptions) {
  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const url = request.url ?? '/graphql';
    let body: unknown;
    if (method === 'POST') {
      if (!isJsonRequest(request)) return refuseMediaType(request, response);
      try {
        body = await readJsonBody(request);
      } catch (error) {
        return answerBodyError(error as Error, request, response, log);
      }
    }
    const queryAt = url.indexOf('?');
    const search = queryAt === -1 ? '' : url.slice(queryAt);
    const parameters = graphqlParameters(method, body, search);
    const problem = persistedQueryProblem(parameters);
    if (problem) return sendError(request, response, 400, ErrorCode.REQUEST_PERSISTED_QUERY_INVALID, problem);

    const cached = readCache ? await readCache(request, response, parameters) : { answered: false as const };
    if (cached.answered) return;
    let snapshot = cached.snapshot;

    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers, search, body },
      context: async () => {
        // Given back when the answer is built, or when the client goes away before that.
        if (!snapshot) {
          const created = (snapshot = new ReadSnapshot(dataSource));
          response.once('close', () => void created.close());
        }
        return createContext(
          dataSource,
          request.headers.authorization,
          // The socket's address, as Express's `req.ip` gave it (`trust proxy` is not set).
          (failure) => authFailures({ failure, request: requestLine({ method, originalUrl: url }), from: request.socket.remoteAddress }),
          snapshot,
        );
      },
    });
    // Apollo answers in chunks only for @defer/@stream, which graphql 16 (pinned) does not have.
    if (result.body.kind !== 'complete') throw new Error('Apollo answered in chunks (incremental delivery), which /graphql does not send.');
    const status = result.status ?? 200;
    const answerHeaders: OutgoingHttpHeaders = { 'content-length': Buffer.byteLength(result.body.string) };
    for (const [name, value] of result.headers) answerHeaders[name] = value;
    // Kept before it is sent: the Redis write then goes out ahead of the answer, so another instance
    // asked the same by this client next finds it. Kept after, a loaded box could run the client, and
    // its next request through another instance, before this process issued the write (a miss in CI).
    cached.keep?.(status, result.body.string);
    response.writeHead(status, answerHeaders).end(result.body.string);
  }

  return (request: IncomingMessage, response: ServerResponse): void => {
    answer(request, response).catch((error: unknown) => {
      log(`HTTP error on ${request.method} ${request.url}: ${(error as Error)?.stack ?? String(error)}`);
      if (!response.headersSent) sendError(request, response, 500, ErrorCode.INTERNAL, 'Internal server error.');
      else response.destroy();
    });
  };
}
