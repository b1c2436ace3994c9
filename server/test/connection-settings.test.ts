import type pg from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource } from '../src/db/data-source.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * The product's connections (db/data-source.ts) run its short reads without PostgreSQL's JIT and
 * without parallel workers: each cost more to start than the statement took (BENCHMARKS.md). The
 * server keeps its idle connections, whose backends have already paid for their first reads.
 */
describe("the product's database connections", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('compile no statement and start no parallel worker, on every connection of the pool', async () => {
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        db.dataSource.transaction(async (manager) => {
          const [{ jit }]: { jit: string }[] = await manager.query('SHOW jit');
          const [{ max_parallel_workers_per_gather: workers }]: { max_parallel_workers_per_gather: string }[] = await manager.query(
            'SHOW max_parallel_workers_per_gather',
          );
          return { jit, workers };
        }),
      ),
    );
    expect(answers).toEqual(Array.from({ length: 4 }, () => ({ jit: 'off', workers: '0' })));
  });

  it("keep the server's idle connections past pg's 10 s, and let a CLI's go", async () => {
    const server = createDataSource({ url: db.url, keepIdleConnections: true });
    const cli = createDataSource({ url: db.url });
    const pools = await Promise.all(
      [server, cli].map(async (dataSource: DataSource) => {
        await dataSource.initialize();
        // Four at once: four connections.
        await Promise.all(Array.from({ length: 4 }, () => dataSource.query('SELECT pg_sleep(0.05)')));
        return (dataSource.driver as PostgresDriver).master as pg.Pool;
      }),
    );
    try {
      expect(pools.map((pool) => pool.idleCount)).toEqual([4, 4]);
      await new Promise((resolve) => setTimeout(resolve, 11_000));
      expect(pools.map((pool) => pool.idleCount)).toEqual([4, 0]);
      // The kept ones still answer.
      expect(await server.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await Promise.all([server.destroy(), cli.destroy()]);
    }
  }, 30_000);
});
