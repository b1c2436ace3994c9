import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource, Logger } from 'typeorm';
import { inject } from 'vitest';
import { createDataSource } from '../src/db/data-source.js';

export interface TestDatabase {
  dataSource: DataSource;
  url: string;
  drop(): Promise<void>;
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, migrated database of its own on the test server, dropped by `drop()`. */
export async function createTestDatabase(options: { logger?: Logger } = {}): Promise<TestDatabase> {
  const serverUrl = inject('testServerUrl');
  const name = `plan_atlas_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabase(serverUrl, name);
  const dataSource = createDataSource({ url, logger: options.logger });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return {
    dataSource,
    url,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
