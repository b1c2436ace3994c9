import pg from 'pg';
import { DataSource, type Logger } from 'typeorm';
import { Agency } from '../agency/agency.entity.js';
import { AlignmentReview, TaskAlignment } from '../alignment/task-alignment.entity.js';
import { ApiToken } from '../auth/api-token.entity.js';
import { AuditLog } from '../auth/audit-log.entity.js';
import { DataVersion } from '../cache/data-version.entity.js';
import { Assignment } from '../assignment/assignment.entity.js';
import { PlanChangeSet } from '../change/plan-change-set.entity.js';
import { Clause } from '../clause/clause.entity.js';
import { Indicator } from '../indicator/indicator.entity.js';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { Metric } from '../metric/metric.entity.js';
import { PlanRevision } from '../plan/plan-revision.entity.js';
import { Plan } from '../plan/plan.entity.js';
import { ScheduleItem } from '../schedule/schedule-item.entity.js';
import { SectionGroup } from '../section/section-group.entity.js';
import { Section } from '../section/section.entity.js';
import { Task } from '../task/task.entity.js';
import { TaskTheme, Theme } from '../theme/theme.entity.js';
import { noteConnectionLost } from './availability.js';
import { CONNECTION_LIFETIME_SECONDS, StatementNames, type NamedStatements } from './prepared-statements.js';
import { migrations } from './migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';
import { DatabaseNotAnsweringError, DatabaseWatchdog } from './watchdog.js';

export const entities = [
  Jurisdiction,
  Plan,
  PlanRevision,
  Section,
  SectionGroup,
  Task,
  Clause,
  Agency,
  Assignment,
  ScheduleItem,
  Indicator,
  Theme,
  TaskTheme,
  Metric,
  TaskAlignment,
  AlignmentReview,
  ApiToken,
  AuditLog,
  DataVersion,
  PlanChangeSet,
];

export interface DataSourceOptions {
  url: string;
  /** Receives every SQL statement (used to count statements per request). */
  logger?: Logger;
  poolSize?: number;
  /**
   * The server's guard against runaway queries: PostgreSQL cancels any statement running longer
   * (and ends a transaction left idle as long). Unset for CLIs and migrations run by hand.
   */
  statementTimeoutMs?: number;
  /**
   * The server's: connections are kept when idle instead of closed after 10 s (pg's default). A new
   * connection is a new PostgreSQL backend, which pays a page fault on each shared buffer it touches
   * for the first time: a national search for 农村 took 140–149 ms after 12 s idle against 19–27 ms
   * on a kept one, so a planner's first click after a pause was the slow one. CLIs let theirs go.
   */
  keepIdleConnections?: boolean;
  /**
   * Statements sent again are prepared once per connection (prepared-statements.ts); false sends
   * each unnamed, as a pooler that hands a session's statements to other backends needs (PgBouncer
   * in transaction mode without `max_prepared_statements`). Default: DATABASE_PREPARED_STATEMENTS
   * unless it is `off`.
   */
  prepareStatements?: boolean;
  /** How long a connection lives before the pool ends it (default CONNECTION_LIFETIME_SECONDS). */
  connectionLifetimeSeconds?: number;
}

/** How long to wait for a connection before a request fails (PostgreSQL restarting or unreachable). */
const CONNECT_TIMEOUT_MS = 5_000;

/** One line per distinct loss of the database, not one per pooled connection. */
let lastConnectionError = { message: '', at: 0 };
function onConnectionError(error: Error): void {
  noteConnectionLost();
  const now = Date.now();
  if (error.message === lastConnectionError.message && now - lastConnectionError.at < 5_000) return;
  lastConnectionError = { message: error.message, at: now };
  console.warn(`PostgreSQL connection lost: ${error.message}`);
}

/**
 * pg's Pool, with an 'error' listener on every client it makes. pg emits 'error' on a client when
 * its server goes away (57P01 when PostgreSQL is stopped or killed); a client checked out of the
 * pool outside a TypeORM query runner has no listener then, and an unheard 'error' event ends the
 * process. The pool's own 'error' event (idle clients) is heard through `poolErrorHandler`.
 * A watchdog (watchdog.ts) cuts its connections when the database stops answering, and refuses
 * new ones until it answers again.
 */
class GuardedPool extends pg.Pool {
  private readonly watchdog: DatabaseWatchdog;

  constructor(config: pg.PoolConfig & { prepareStatements?: boolean } = {}) {
    const statementTimeout = (config as { statement_timeout?: unknown }).statement_timeout;
    const watchdog = new DatabaseWatchdog(config, {
      statementTimeoutMs: typeof statementTimeout === 'number' ? statementTimeout : undefined,
      log: (message) => console.warn(message),
    });
    const statementNames = config.prepareStatements === false ? undefined : new StatementNames();
    class Client extends pg.Client {
      /** The names of the statements prepared on this connection (prepared-statements.ts). */
      private readonly named: NamedStatements = new Map();

      // pg's overloads (text or config, values or callback, callback) are passed through as they came.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      override query(config: any, values?: any, callback?: any): any {
        const name = typeof config === 'string' ? statementNames?.nameFor(config, values, this.named) : undefined;
        return super.query(name ? { name, text: config } : config, values, callback);
      }

      override connect(): Promise<pg.Client>;
      override connect(callback: (error: Error) => void): void;
      override connect(callback?: (error: Error) => void): Promise<pg.Client> | void {
        if (watchdog.frozen) {
          const error = new DatabaseNotAnsweringError('PostgreSQL is not answering; connection not attempted.');
          if (!callback) return Promise.reject(error);
          process.nextTick(() => callback(error));
          return;
        }
        watchdog.track(this);
        return callback ? super.connect(callback) : super.connect();
      }
    }
    super({ ...config, Client });
    this.watchdog = watchdog;
    this.on('connect', (client) => client.on('error', onConnectionError));
  }

  override end(): Promise<void>;
  override end(callback: () => void): void;
  override end(callback?: () => void): Promise<void> | void {
    this.watchdog.stop();
    return callback ? super.end(callback) : super.end();
  }
}
const guardedPg = Object.assign(Object.create(pg) as typeof pg, { Pool: GuardedPool });

/** A TypeORM DataSource on `pg`; the schema comes from migrations only. */
export function createDataSource({
  url,
  logger,
  poolSize = 10,
  statementTimeoutMs,
  keepIdleConnections,
  prepareStatements = process.env.DATABASE_PREPARED_STATEMENTS !== 'off',
  connectionLifetimeSeconds = CONNECTION_LIFETIME_SECONDS,
}: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logging: logger ? ['query'] : false,
    logger,
    connectTimeoutMS: CONNECT_TIMEOUT_MS,
    driver: guardedPg,
    poolErrorHandler: onConnectionError,
    extra: {
      max: poolSize,
      // pg-pool closes idle connections only above `min`.
      ...(keepIdleConnections ? { min: poolSize } : {}),
      prepareStatements,
      // A connection ends after an hour (at its next release when busy), taking its named
      // statements with it: their slots come back (prepared-statements.ts).
      maxLifetimeSeconds: connectionLifetimeSeconds,
      // Idle connections to a host that vanished (no FIN, no RST) are found by TCP in ~40 s
      // (10 s idle, then the system's probes) instead of never; the watchdog covers busy ones.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      // No JIT compilation: the plan detail's nested json_agg is estimated at millions of rows
      // (cost 1.3e8), so PostgreSQL's JIT (on in Debian's build, absent from the embedded one)
      // spent ~0.9 s compiling a statement that runs in 4 ms. Our statements are all short.
      // No parallel workers either: starting them cost more than they saved on a short read, and
      // they took the cores concurrent requests needed. A national task search for 校园 ran in 4 ms
      // alone and 32–47 ms with a worker; the bench's searches went from p95 86 ms at 1 client
      // and 1,219 ms at 32 to 25 and 320 (BENCHMARKS.md).
      options: '-c jit=off -c max_parallel_workers_per_gather=0',
      ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs, idle_in_transaction_session_timeout: statementTimeoutMs } : {}),
    },
  });
}
