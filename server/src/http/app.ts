import { existsSync } from 'node:fs';
import type { RequestListener, Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import express, { type Express } from 'express';
import type { DataSource } from 'typeorm';
import { graphiqlDistDir, webDistDir } from '../common/paths.js';
import { createAuthFailureLog } from '../auth/auth-failures.js';
import { createCaches } from '../cache/caches.js';
import type { Context } from '../graphql/context.js';
import { databaseUnavailablePlugin } from '../graphql/database-unavailable.js';
import { createFormatError } from '../graphql/format-error.js';
import { inputGuardPlugin } from '../graphql/input-guard.js';
import { createQueryLimits, QUERY_LIMITS } from '../graphql/limits.js';
import { compiledExecution } from '../graphql/compiled-execution.js';
import { buildApiSchema } from '../graphql/schema.js';
import { snapshotPlugin } from '../graphql/snapshot.js';
import { healthRoutes } from './health.js';
import { graphqlRoute, isGraphQLRequest } from './graphql-route.js';
import { singlePageApp } from './static.js';
import { planUploadRoutes } from './upload.js';

export interface AppOptions {
  dataSource: DataSource;
  httpServer: Server;
  /** Stack traces and internal error messages in responses: only when NODE_ENV=development. */
  development?: boolean;
  log?: (message: string) => void;
  /** Share the read cache and persisted queries between instances through this Redis. */
  redisUrl?: string;
  /**
   * Serve repeated reads from the read cache (src/cache/read-cache.ts). Off unless asked: tests
   * that write rows directly, around the services that move the data version, build apps too.
   */
  readCache?: boolean;
}

/**
 * The HTTP application, a request listener for node's HTTP server: GraphQL at /graphql (POST, and
 * GET for queries) on node's own request and response (graphql-route.ts), and on Express, plan
 * upload at POST /api/plans, GraphiQL at /graphiql, /healthz and /readyz, and the web app
 * (web/dist) at /. Limits and refusals are described in SECURITY.md.
 */
export async function createApp({
  dataSource,
  httpServer,
  development = false,
  log = console.error,
  redisUrl,
  readCache = false,
}: AppOptions) {
  const limits = createQueryLimits({ development });
  const caches = createCaches({ dataSource, redisUrl, readCache, log });
  const authFailures = createAuthFailureLog(log);
  const apollo = new ApolloServer<Context>({
    // Operations run as functions graphql-jit compiles for them (compiled-execution.ts).
    gateway: compiledExecution(await buildApiSchema()),
    // GraphiQL and researchers' tools need introspection, in production too.
    introspection: true,
    // Persisted queries (APQ) are on by default; with Redis, every instance knows every hash.
    ...(caches.apolloCache ? { cache: caches.apolloCache } : {}),
    includeStacktraceInErrorResponses: development,
    formatError: createFormatError({ development, log: (error) => log(`GraphQL error: ${(error as Error)?.stack ?? String(error)}`) }),
    allowBatchedHttpRequests: false,
    // Apollo's CSRF guard refuses plain GET queries, which GraphQL over HTTP requires. It is not
    // needed here: no cookies (tokens travel in Authorization, which browsers never add on their
    // own), GET cannot mutate (405), and a POST must be application/json, which a cross-site page
    // cannot send without a CORS preflight this server never grants.
    csrfPrevention: false,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    validationRules: limits.validationRules,
    plugins: [
      // Apollo's landing page loads from a CDN; we serve our own GraphiQL instead.
      ApolloServerPluginLandingPageDisabled(),
      // Cache hints are unused (the read cache keys on the data version): Apollo's cache-control
      // plugin would wrap every field of every response to compute them (~3 % of a plan detail).
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...limits.plugins,
      inputGuardPlugin(),
      snapshotPlugin(),
      databaseUnavailablePlugin(),
      caches.plugin,
    ],
  });
  await apollo.start();

  const routes: Express = express();
  routes.disable('x-powered-by');
  // Express would hash every answer it sends (a SHA-1 of the body, for an ETag): its own (health,
  // upload) are never revalidated. Static files keep theirs (serve-static sets its own).
  routes.set('etag', false);

  routes.use(healthRoutes(dataSource));
  const uploads = planUploadRoutes(dataSource, { log, authFailures });
  // The import worker goes with the server (Apollo's drain closes httpServer on stop and SIGTERM).
  httpServer.on('close', () => void uploads.close());
  routes.use('/api/plans', uploads);

  routes.use(
    '/graphiql',
    singlePageApp(graphiqlDistDir, { missing: 'GraphiQL is not built: run `pnpm --filter @plan-atlas/server build`.' }),
  );
  if (existsSync(webDistDir))
    routes.use('/', singlePageApp(webDistDir, { missing: 'The web app is not built: run `pnpm --filter @plan-atlas/web build`.' }));

  const graphql = graphqlRoute({ apollo, dataSource, readCache: caches.readCache, authFailures, log });
  const app: RequestListener = (request, response) =>
    isGraphQLRequest(request.url) ? graphql(request, response) : routes(request, response);
  return { app, apollo };
}
