import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import type { DataSource } from 'typeorm';
import { graphiqlDistDir, webDistDir } from '../common/paths.js';
import { createContext, type Context } from '../graphql/context.js';
import { createFormatError } from '../graphql/format-error.js';
import { buildApiSchema } from '../graphql/schema.js';
import { singlePageApp } from './static.js';

export interface AppOptions {
  dataSource: DataSource;
  httpServer: Server;
  /** Stack traces and internal error messages in responses: only when NODE_ENV=development. */
  development?: boolean;
  log?: (message: string) => void;
}

/**
 * The HTTP application: GraphQL at /graphql (POST, and GET for queries), GraphiQL at /graphiql,
 * health at /healthz, and the web app (web/dist) at /.
 */
export async function createApp({ dataSource, httpServer, development = false, log = console.error }: AppOptions) {
  const apollo = new ApolloServer<Context>({
    schema: await buildApiSchema(),
    // GraphiQL and researchers' tools need introspection, in production too.
    introspection: true,
    includeStacktraceInErrorResponses: development,
    formatError: createFormatError({ development, log: (error) => log(`GraphQL error: ${(error as Error)?.stack ?? String(error)}`) }),
    plugins: [
      // Apollo's landing page loads from a CDN; we serve our own GraphiQL instead.
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
    ],
  });
  await apollo.start();

  const app: Express = express();
  app.disable('x-powered-by');

  app.get('/healthz', async (_request, response) => {
    try {
      await dataSource.query('SELECT 1');
      response.json({ status: 'ok', database: 'ok' });
    } catch {
      response.status(503).json({ status: 'error', database: 'unreachable' });
    }
  });

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: async ({ req }) => createContext(dataSource, req.headers.authorization) }),
  );

  app.use('/graphiql', singlePageApp(graphiqlDistDir, { missing: 'GraphiQL is not built: run `pnpm --filter @plan-atlas/server build`.' }));
  if (existsSync(webDistDir)) app.use('/', singlePageApp(webDistDir, { missing: 'The web app is not built: run `pnpm --filter @plan-atlas/web build`.' }));

  return { app, apollo };
}
