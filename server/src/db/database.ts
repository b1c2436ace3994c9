import 'reflect-metadata';
import { join } from 'node:path';
import type { DataSource, Logger } from 'typeorm';
import { dataDir } from '../common/paths.js';
import { createDataSource } from './data-source.js';
import { startEmbeddedPostgres } from './embedded.js';

export interface Database {
  dataSource: DataSource;
  /** Where it runs: the DATABASE_URL given, or the embedded server's. */
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

const EMBEDDED_DATABASE = 'plan_atlas';

/**
 * Opens the product's database: the server named by `url` (DATABASE_URL) when given, otherwise an
 * embedded PostgreSQL keeping its data under `.data/`. Runs pending migrations either way.
 */
export async function openDatabase(
  options: {
    url?: string;
    logger?: Logger;
    log?: (message: string) => void;
    statementTimeoutMs?: number;
    keepIdleConnections?: boolean;
  } = {},
): Promise<Database> {
  let url = options.url;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!url) {
    const postgres = await startEmbeddedPostgres(join(dataDir, 'postgres'), { log: options.log });
    stopEmbedded = postgres.stop;
    await ensureDatabase(postgres.url, EMBEDDED_DATABASE);
    url = postgres.urlFor(EMBEDDED_DATABASE);
  }
  const dataSource = createDataSource({
    url,
    logger: options.logger,
    statementTimeoutMs: options.statementTimeoutMs,
    keepIdleConnections: options.keepIdleConnections,
  });
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await stopEmbedded?.();
    throw error;
  }
  return {
    dataSource,
    url,
    embedded: stopEmbedded !== undefined,
    async close() {
      await dataSource.destroy();
      await stopEmbedded?.();
    },
  };
}

/** Creates `database` on the server at `serverUrl` unless it exists. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: serverUrl });
  // A server stopping mid-way rejects the query below; the 'error' event must not end the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}
