import type pg from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource } from '../src/db/data-source.js';
import { PER_CONNECTION } from '../src/db/prepared-statements.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { startTestApi } from './api.js';
import { insertJurisdictions, insertPlan, samplePlan } from './fixtures.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * The product's connections (db/data-source.ts) run its short reads without PostgreSQL's JIT and
 * without parallel workers: each cost more to start than the statement took (BENCHMARKS.md). The
 * server keeps its idle connections, whose backends have already paid for their first reads. A
 * statement sent again is prepared once per connection (db/prepared-statements.ts).
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

  it('prepare a statement on its connection the second time it is sent, and answer it the same each time', async () => {
    const prepared = (dataSource: DataSource) =>
      dataSource.transaction(async (manager) => {
        const sql = 'SELECT $1::int + 1 AS next';
        const answers = [await manager.query(sql, [1]), await manager.query(sql, [2]), await manager.query(sql, [3])];
        const named: { statement: string }[] = await manager.query(
          'SELECT statement FROM pg_prepared_statements WHERE statement = $1 AND NOT from_sql',
          ['SELECT $1::int + 1 AS next'],
        );
        return { answers, named: named.length };
      });
    // One connection (a transaction holds it): the first run unnamed, the second prepares it, the third reuses it.
    expect(await prepared(db.dataSource)).toEqual({ answers: [[{ next: 2 }], [{ next: 3 }], [{ next: 4 }]], named: 1 });
    // Behind a pooler that cannot keep them (DATABASE_PREPARED_STATEMENTS=off), none is.
    const unprepared = createDataSource({ url: db.url, prepareStatements: false });
    await unprepared.initialize();
    try {
      expect(await prepared(unprepared)).toEqual({ answers: [[{ next: 2 }], [{ next: 3 }], [{ next: 4 }]], named: 0 });
    } finally {
      await unprepared.destroy();
    }
  });

  it('leave statements unnamed that run once, hold several commands, or exceed what a connection keeps', async () => {
    await db.dataSource.transaction(async (manager) => {
      const statements = async () =>
        ((await manager.query('SELECT count(*)::int AS count FROM pg_prepared_statements WHERE NOT from_sql')) as { count: number }[])[0]
          .count;
      // Sent twice first, so that this count is named itself before it counts.
      await statements();
      const before = await statements();
      await manager.query('SELECT $1::text AS once', ['x']);
      // Twice, yet several commands: the extended protocol would refuse it ("cannot insert multiple
      // commands into a prepared statement"), so it stays a simple query.
      for (let run = 0; run < 2; run++) await manager.query('SELECT 1 AS a; SELECT 2 AS b');
      expect(await statements()).toBe(before);
      // More distinct statements than a connection keeps, each sent twice: the ones beyond still answer, unnamed.
      for (let index = 0; index < PER_CONNECTION + 5; index++) {
        for (let run = 0; run < 2; run++) {
          expect(await manager.query(`SELECT $1::int AS "n${index}"`, [index])).toEqual([{ [`n${index}`]: index }]);
        }
      }
      expect(await statements()).toBe(PER_CONNECTION);
    });
  });

  it('end a connection after its lifetime, and the statements it had named with it', async () => {
    const shortLived = createDataSource({ url: db.url, poolSize: 1, connectionLifetimeSeconds: 1 });
    await shortLived.initialize();
    try {
      const backend = async () =>
        (
          (await shortLived.query(
            'SELECT pg_backend_pid() AS pid, (SELECT count(*)::int FROM pg_prepared_statements WHERE NOT from_sql) AS named, $1::int AS run',
            [1],
          )) as { pid: number; named: number }[]
        )[0];
      for (let run = 0; run < 2; run++) await shortLived.query('SELECT $1::text AS other', ['x']);
      await backend();
      const before = await backend();
      expect(before.named).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      // A new backend, holding only the statement being run (named at once: the process has sent it twice).
      const after = await backend();
      expect(after.pid).not.toBe(before.pid);
      expect(after.named).toBe(1);
    } finally {
      await shortLived.destroy();
    }
  });

  it("plan the plan detail's one statement once and keep that plan, not plan it again on every run", async () => {
    // One connection, so every run of the statement is on the backend asked below.
    const single = createDataSource({ url: db.url, poolSize: 1 });
    await single.initialize();
    const api = await startTestApi(single);
    try {
      await insertJurisdictions(single);
      await insertPlan(single, samplePlan('320612', 2021));
      const query = 'query($id: ID!) { plan(id: $id) { title sections { title tasks { title clauses { text } } } } }';
      for (let run = 0; run < 10; run++) {
        const response = await api.query(query, { id: toGlobalId('Plan', '320612-2021') });
        expect(response.data?.plan.sections.length).toBeGreaterThan(0);
      }
      // PostgreSQL plans a prepared statement for its values five times, then keeps a generic plan
      // when it is priced no dearer; `= ANY($1)` (priced as ten plans) never was.
      const [counts]: { generic: number; custom: number }[] = await single.query(
        `SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement LIKE '%FROM "plan" r WHERE%'`,
      );
      expect(counts.custom).toBe(5);
      expect(counts.generic).toBe(4);
    } finally {
      await api.close();
      await single.destroy();
    }
  });
});
