/**
 * `pnpm start`: the Plan Atlas server. PORT (default 4000), DATABASE_URL (default: an embedded
 * PostgreSQL under .data/), NODE_ENV=development for stack traces in errors, STATEMENT_TIMEOUT_MS
 * (default 15000) for PostgreSQL's statement_timeout, REDIS_URL to share the read cache and
 * persisted queries between instances, READ_CACHE=off to serve without the read cache.
 */
import { exitOnStartError } from './db/database-start-error.js';
import { startServer } from './http/server.js';

const port = process.env.PORT ? Number(process.env.PORT) : 4000;
const server = await startServer({
  port,
  databaseUrl: process.env.DATABASE_URL || undefined,
  development: process.env.NODE_ENV === 'development',
  statementTimeoutMs: process.env.STATEMENT_TIMEOUT_MS ? Number(process.env.STATEMENT_TIMEOUT_MS) : undefined,
  redisUrl: process.env.REDIS_URL || undefined,
  readCache: process.env.READ_CACHE !== 'off',
}).catch(exitOnStartError);

console.log(`Plan Atlas is listening on ${server.url}`);
console.log(`  GraphQL   ${server.url}/graphql`);
console.log(`  GraphiQL  ${server.url}/graphiql`);
console.log(`  Health    ${server.url}/healthz, ${server.url}/readyz`);
console.log(`  Upload    POST ${server.url}/api/plans (editor token)`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // We take these signals over (a library's listener must not exit before the drain ends), and
  // close() stops the embedded database. (tsx's own signal relay hides itself and stays.)
  for (const listener of process.listeners(signal)) process.off(signal, listener);
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: draining requests and closing the database…`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
