import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDataSource } from '../src/db/data-source.js';
import { createApp } from '../src/http/app.js';
import { checkScenario, type Scenario } from './http-load.js';
import { CountingLogger } from '../src/db/counting-logger.js';

/**
 * SQL statements per request of each scenario, with two different arguments each (the first and
 * the seventh of its rotation), on an in-process server whose DataSource counts statements, with
 * the read cache off (with it, a miss costs one statement more, the data version, and a hit that one).
 * The BEGIN and COMMIT of the read's snapshot (graphql/snapshot.ts) are not counted.
 */
export async function statementsPerRequest(databaseUrl: string, scenarios: Scenario[]): Promise<Record<string, number[]>> {
  const logger = new CountingLogger();
  const dataSource = createDataSource({ url: databaseUrl, logger });
  await dataSource.initialize();
  const httpServer = createServer();
  const { app, apollo } = await createApp({ dataSource, httpServer, log: () => undefined });
  httpServer.on('request', app);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const counts: Record<string, number[]> = {};
  try {
    for (const scenario of scenarios) {
      counts[scenario.name] = [];
      for (const call of [0, 6]) {
        logger.reset();
        await checkScenario(baseUrl, { ...scenario, variables: () => scenario.variables(call) });
        counts[scenario.name].push(logger.statements.length);
      }
    }
  } finally {
    await apollo.stop();
    await dataSource.destroy();
  }
  return counts;
}
