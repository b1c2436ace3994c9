import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DataSource, Logger } from 'typeorm';
import { createDataSource } from '../src/db/data-source.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';

export interface BenchDatabase {
  /** URL of the bench database (for servers the bench starts). */
  url: string;
  dataSource: DataSource;
  /** PostgreSQL's version string. */
  version: string;
  close(): Promise<void>;
}

/** BENCH_DATABASE_NAME picks another name, so two people can keep bench databases on one server. */
const DATABASE = process.env.BENCH_DATABASE_NAME || 'plan_atlas_bench';

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * A fresh, migrated database for the bench, never the product's: `plan_atlas_bench` (dropped and
 * recreated) on BENCH_DATABASE_URL's server, or on an embedded PostgreSQL in a temporary folder
 * that `close()` removes. `reuse` keeps the server's bench database when it exists (migrated to
 * the current schema), so a run can measure the requests again without rebuilding the corpus.
 */
export async function openBenchDatabase(
  options: { serverUrl?: string; logger?: Logger; poolSize?: number; reuse?: boolean } = {},
): Promise<BenchDatabase> {
  let serverUrl = options.serverUrl;
  let stopEmbedded = async () => undefined as void;
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'plan-atlas-bench-pg-'));
    // When run as root, PostgreSQL runs as the `postgres` system user, which must reach the folder.
    chmodSync(dir, 0o755);
    const postgres = await startEmbeddedPostgres(join(dir, 'data'));
    serverUrl = postgres.url;
    stopEmbedded = async () => {
      await postgres.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const { rowCount: exists } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
  if (!options.reuse || !exists) {
    await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${DATABASE}"`);
  }
  const { rows } = await admin.query<{ server_version: string }>('SHOW server_version');
  await admin.end();
  const url = withDatabase(serverUrl, DATABASE);
  const dataSource = createDataSource({ url, logger: options.logger, poolSize: options.poolSize });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return {
    url,
    dataSource,
    version: rows[0].server_version,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await stopEmbedded();
    },
  };
}
