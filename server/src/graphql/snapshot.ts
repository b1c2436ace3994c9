import type { ApolloServerPlugin } from '@apollo/server';
import type { DataSource, QueryRunner } from 'typeorm';
import { readDataVersion } from '../cache/data-version.js';

/**
 * One snapshot of the database per GraphQL read.
 *
 * An answer is built by several statements (a DataLoader batch per relation), and an import commits
 * a whole plan at once: without a snapshot, a reader could take the tasks of one revision and the
 * clauses of the next, a plan that never existed. A read therefore runs all its statements on one
 * connection, in one `REPEATABLE READ READ ONLY` transaction begun at its first statement: every
 * statement sees the data as it was then. Mutations are not read in a snapshot; they write in
 * transactions of their own and must read what they wrote.
 *
 * `dataSource` is what resolvers receive as `context.dataSource`: the server's DataSource with its
 * `query`, `manager`, repositories and query builders bound to the snapshot's connection while the
 * request is a read. The connection is held until the answer is built, then released (`close`).
 */
/** What reaches the database through a DataSource; everything else (metadata, options) is shared. */
const ROUTED = new Set<string | symbol>(['query', 'manager', 'getRepository', 'createQueryBuilder']);

export class ReadSnapshot {
  readonly dataSource: DataSource;
  /** Off for mutations (set once the operation is known, before any resolver runs). */
  private enabled = true;
  private runner?: QueryRunner;
  private closed = false;

  constructor(private readonly base: DataSource) {
    this.dataSource = new Proxy(base, {
      get: (target, property, receiver) => {
        const runner = this.enabled && ROUTED.has(property) ? this.connection() : undefined;
        if (!runner) return Reflect.get(target, property, receiver);
        switch (property) {
          case 'query':
            return (sql: string, parameters?: unknown[]) => runner.query(sql, parameters);
          case 'manager':
            return runner.manager;
          case 'getRepository':
            return (entity: Parameters<DataSource['getRepository']>[0]) => runner.manager.getRepository(entity);
          case 'createQueryBuilder':
            return (entityOrRunner?: unknown, alias?: string) =>
              entityOrRunner === undefined
                ? target.createQueryBuilder(runner)
                : target.createQueryBuilder(entityOrRunner as never, alias as string, runner);
          default:
            return Reflect.get(target, property, receiver);
        }
      },
    });
  }

  /** Mutations read and write live: they must see their own writes. */
  readLive(): void {
    if (!this.runner) this.enabled = false;
  }

  /**
   * Begins the snapshot now and returns the data version it sees (cache/data-version.ts), so a
   * cached answer is keyed by exactly the data it was built from.
   */
  async version(): Promise<string> {
    if (!this.connection()) throw new Error('The request is not read in a snapshot.');
    return readDataVersion(this.dataSource);
  }

  /**
   * Ends the transaction and gives the connection back. Statements a resolver still sends after
   * that (the client went away mid-answer) fail: they could not be part of the snapshot.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const runner = this.runner;
    if (!runner) return;
    try {
      // Sent after the statements still queued on the connection.
      await runner.query('COMMIT');
    } catch {
      // The connection broke (the database went away): TypeORM has already handed it back to the
      // pool as broken when the client reported the error, so it is not reused.
    } finally {
      // Never rejects: it runs from a response's 'close' listener, where a rejection would go unheard.
      await runner
        .release()
        .catch((error: unknown) => console.warn(`Could not give back a read's connection: ${(error as Error).message}`));
    }
  }

  /**
   * The request's connection, taken from the pool at the first statement. Statements are sent one
   * after another on it (a request's DataLoaders would otherwise send their batches at once, which
   * one pg client only queues), the first being the BEGIN, whichever path sends them: raw SQL, a
   * repository or a query builder.
   */
  private connection(): QueryRunner | undefined {
    if (this.runner || this.closed) return this.runner;
    const runner = this.base.createQueryRunner('slave');
    const send = runner.query.bind(runner);
    const began = send('START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    // Its error reaches every statement of the request (below); this only marks it as handled.
    began.catch(() => undefined);
    let last: Promise<unknown> = began.catch(() => undefined);
    runner.query = ((sql: string, parameters?: unknown[], structured?: boolean) => {
      const previous = last;
      const result = began.then(() => previous).then(() => send(sql, parameters, structured as never));
      // The next statement waits for this one, whether it succeeds or fails.
      last = result.catch(() => undefined);
      return result;
    }) as QueryRunner['query'];
    return (this.runner = runner);
  }
}

/** Carries the snapshot from the read cache, which begins it to key its answer, to the context. */
export const SNAPSHOT_LOCAL = 'planAtlasSnapshot';

/** Mutations leave the snapshot; every request gives its connection back once its answer is built. */
export function snapshotPlugin(): ApolloServerPlugin<{ snapshot: ReadSnapshot }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== 'query') contextValue.snapshot.readLive();
        },
        async willSendResponse({ contextValue }) {
          await contextValue.snapshot.close();
        },
      };
    },
  };
}
