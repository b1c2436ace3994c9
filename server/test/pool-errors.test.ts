import type pg from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * pg emits 'error' on a client whose server ends its session (57P01 admin_shutdown when
 * PostgreSQL is stopped or killed, as pg_terminate_backend does here). An 'error' event nobody
 * listens to ends the process, so every pooled client, idle or checked out, must be heard.
 */
describe('pooled connections whose session the server ends', () => {
  let database: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = (database.dataSource.driver as PostgresDriver).master as pg.Pool;
  });
  afterAll(async () => {
    await database?.drop();
  });

  const terminateOthers = () =>
    database.dataSource.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );

  it('do not end the process when checked out outside a query runner', async () => {
    const client = await pool.connect();
    expect(client.listenerCount('error')).toBeGreaterThan(0);
    const failed = new Promise<Error & { code?: string }>((resolve) => client.once('error', resolve));
    await terminateOthers();
    expect((await failed).code).toBe('57P01');
    client.release(true);
    expect(await database.dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('do not end the process when idle, and the pool reconnects', async () => {
    const clients = await Promise.all([pool.connect(), pool.connect(), pool.connect()]);
    for (const client of clients) client.release();
    expect(pool.idleCount).toBeGreaterThanOrEqual(3);
    await terminateOthers();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await database.dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});
