import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * The product's connections (db/data-source.ts) run its short reads without PostgreSQL's JIT and
 * without parallel workers: each cost more to start than the statement took (BENCHMARKS.md).
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
});
