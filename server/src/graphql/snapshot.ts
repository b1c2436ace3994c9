import type { ApolloServerPlugin } from '@apollo/server';
import type pg from 'pg';
import { QueryFailedError, type DataSource, type QueryRunner } from 'typeorm';
import { readDataVersion } from '../cache/data-version.js';
import { readsInOneStatement } from './prefetch.js';

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

const BEGIN = 'START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY';
const COMMIT = 'COMMIT';

/** pg's client as the snapshot drives it: `pipeline` is read at each send (pg 8.23's client.js, `_pulseQueryQueue`), the socket corked around BEGIN. */
type PipelinedClient = pg.PoolClient & {
  pipeline: boolean;
  connection: { stream: NodeJS.WritableStream & { cork(): void; uncork(): void } };
};

export class ReadSnapshot {
  readonly dataSource: DataSource;
  /** Off for mutations (set once the operation is known, before any resolver runs). */
  private enabled = true;
  private runner?: QueryRunner;
  /** The connection once BEGIN is on its way; rejects when none could be had. */
  private session?: Promise<PipelinedClient>;
  /** BEGIN's answer: a statement's rows count only if it succeeded. */
  private began?: Promise<unknown>;
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

  /**
   * No snapshot for this request: a mutation must see its own writes, and a read answered by one
   * statement sees one state of the database anyway (a transaction around it would only cost its
   * BEGIN and COMMIT). Too late once a statement has gone out in the snapshot.
   */
  withoutSnapshot(): void {
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
   * Ends the transaction and gives the connection back once PostgreSQL has answered the COMMIT,
   * which follows the statements already sent. Nobody needs to wait for it: the answer is built
   * (the plugin below does not). Statements a resolver still sends after that (the client went
   * away mid-answer) fail: they could not be part of the snapshot. Never rejects: it runs from a
   * response's 'close' listener, where a rejection would go unheard.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const runner = this.runner;
    if (!runner) return;
    let client: PipelinedClient | undefined;
    try {
      client = await this.session!;
      this.base.logger.logQuery(COMMIT, [], runner);
      await client.query(COMMIT);
    } catch {
      // No connection, or it broke (the database went away): TypeORM has already handed it back
      // to the pool as broken when the client reported the error, so it is not reused.
    } finally {
      if (client) client.pipeline = false;
      await runner
        .release()
        .catch((error: unknown) => console.warn(`Could not give back a read's connection: ${(error as Error).message}`));
    }
  }

  /**
   * The request's connection, taken from the pool at the first statement. Its statements go
   * straight to pg's client in pipeline mode: each is written as it is sent, without waiting for
   * the answer to the one before (a request's DataLoaders send their batches at once), and
   * PostgreSQL runs them in that order, all in the transaction. BEGIN leaves in the same write as
   * the first statement (the socket is corked until the statements already asked for are queued),
   * so a read costs no round trip more than its statements. Raw SQL, repositories and query
   * builders all reach it through the runner's `query`, replaced here; BEGIN and COMMIT skip
   * TypeORM's query machinery but are logged through its logger like every statement.
   */
  private connection(): QueryRunner | undefined {
    if (this.runner || this.closed) return this.runner;
    const runner = this.base.createQueryRunner('slave');
    const logger = this.base.logger;
    this.session = (runner.connect() as Promise<PipelinedClient>).then((client) => {
      client.pipeline = true;
      const stream = client.connection.stream;
      stream.cork();
      setImmediate(() => stream.uncork());
      logger.logQuery(BEGIN, [], runner);
      this.began = client.query(BEGIN);
      // Its error reaches every statement of the request (below); this only marks it as handled.
      this.began.catch(() => undefined);
      return client;
    });
    this.session.catch(() => undefined);
    runner.query = ((sql: string, parameters?: unknown[], structured?: boolean) => {
      if (this.closed) return Promise.reject(new Error('The read has ended; its snapshot is closed.'));
      return this.session!.then((client) => {
        logger.logQuery(sql, parameters, runner);
        const result = client.query(sql, parameters);
        // A statement whose BEGIN failed ran outside the snapshot: its rows are not used.
        return Promise.all([this.began, result]).then(
          ([, raw]) => typeOrmResult(raw, structured),
          (error: unknown) => {
            logger.logQueryError(error as Error, sql, parameters, runner);
            throw new QueryFailedError(sql, parameters, error as Error);
          },
        );
      });
    }) as QueryRunner['query'];
    return (this.runner = runner);
  }
}

/** What TypeORM's PostgresQueryRunner.query returns for pg's result: the rows, or a QueryResult when `structured`. */
function typeOrmResult(raw: pg.QueryResult, structured: boolean | undefined): unknown {
  const rows = raw.command === 'DELETE' || raw.command === 'UPDATE' ? [raw.rows, raw.rowCount] : raw.rows;
  return structured ? { records: raw.rows, affected: raw.rowCount, raw: rows } : rows;
}

/**
 * Mutations and reads answered by one statement (readsInOneStatement: a plan with its parts, a page of
 * plans) go without the snapshot; every request gives its connection back once its answer is built.
 */
export function snapshotPlugin(): ApolloServerPlugin<{ snapshot: ReadSnapshot }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue, schema, document, request }) {
          if (operation?.operation !== 'query' || readsInOneStatement(schema, document, operation, request.variables))
            contextValue.snapshot.withoutSnapshot();
        },
        async willSendResponse({ contextValue }) {
          // The answer is built: it need not wait for the COMMIT.
          void contextValue.snapshot.close();
        },
      };
    },
  };
}
