import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase, type Database } from '../db/database.js';
import { describeSummary, importSeedsIfEmpty } from '../importer/import-service.js';
import { loadReferenceData } from '../reference/reference.service.js';
import { createApp } from './app.js';
import { DRAIN_DEADLINE_MS, trackConnections } from './drain.js';
import { collectWhenIdle } from './idle-collection.js';

export interface StartServerOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** A PostgreSQL URL; without one, the embedded database under `.data/`. */
  databaseUrl?: string;
  development?: boolean;
  log?: (message: string) => void;
  /** PostgreSQL's statement_timeout for the server's connections (SECURITY.md). */
  statementTimeoutMs?: number;
  /** Share the read cache and persisted queries between instances through this Redis (REDIS_URL). */
  redisUrl?: string;
  /** false turns the read cache off (READ_CACHE=off); on by default. */
  readCache?: boolean;
  /**
   * false skips the reference data and seed import: a cluster worker, whose primary has done
   * both (prepareDatabase) before forking it.
   */
  prepare?: boolean;
}

/** Loads the reference data, and the seed plans into an empty database. */
export async function prepareDatabase(database: Database, log: (message: string) => void = console.log): Promise<void> {
  await loadReferenceData(database.dataSource);
  const imported = await importSeedsIfEmpty(database.dataSource);
  for (const summary of imported ?? []) log(`Imported seed plan: ${describeSummary(summary)}`);
}

/** Long enough for an import and its alignment, short enough that a runaway query frees its connection. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 15_000;

export interface RunningServer {
  /** Base URL, e.g. http://localhost:4000 */
  url: string;
  port: number;
  database: Database;
  /** Stops accepting connections, drains the answers in flight, then closes the database (and stops an embedded one). */
  close(): Promise<void>;
}

/**
 * What `pnpm start` runs: opens (and migrates) the database, loads the reference data and imports
 * the seed plans into an empty database, then serves the API.
 */
export async function startServer({
  port,
  host = '0.0.0.0',
  databaseUrl,
  development = false,
  log = console.log,
  statementTimeoutMs = DEFAULT_STATEMENT_TIMEOUT_MS,
  redisUrl,
  readCache = true,
  prepare = true,
}: StartServerOptions): Promise<RunningServer> {
  const database = await openDatabase({ url: databaseUrl, statementTimeoutMs, keepIdleConnections: true });
  try {
    if (prepare) await prepareDatabase(database, log);
    const httpServer = createServer();
    const connections = trackConnections(httpServer);
    const stopCollecting = collectWhenIdle(connections);
    const { app, apollo } = await createApp({ dataSource: database.dataSource, httpServer, development, redisUrl, readCache });
    httpServer.on('request', app);
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(port, host, resolve);
    });
    const actualPort = (httpServer.address() as AddressInfo).port;
    return {
      url: `http://localhost:${actualPort}`,
      port: actualPort,
      database,
      async close() {
        // Answers in flight are written to their last byte (up to DRAIN_DEADLINE_MS) before
        // Apollo stops (its own drain, with a shorter grace period, then finds nothing left) and
        // the database closes under them.
        stopCollecting();
        const cut = await connections.drain();
        if (cut) log(`${cut} connection(s) still answering after ${DRAIN_DEADLINE_MS / 1000} s were cut.`);
        await apollo.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
