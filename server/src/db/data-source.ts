import pg from 'pg';
import { DataSource, type Logger } from 'typeorm';
import { Agency } from '../agency/agency.entity.js';
import { AlignmentReview, TaskAlignment } from '../alignment/task-alignment.entity.js';
import { ApiToken } from '../auth/api-token.entity.js';
import { AuditLog } from '../auth/audit-log.entity.js';
import { DataVersion } from '../cache/data-version.entity.js';
import { Assignment } from '../assignment/assignment.entity.js';
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
import { migrations } from './migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

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
}

/** How long to wait for a connection before a request fails (PostgreSQL restarting or unreachable). */
const CONNECT_TIMEOUT_MS = 5_000;

/** One line per distinct loss of the database, not one per pooled connection. */
let lastConnectionError = { message: '', at: 0 };
function onConnectionError(error: Error): void {
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
 */
class GuardedPool extends pg.Pool {
  constructor(config?: pg.PoolConfig) {
    super(config);
    this.on('connect', (client) => client.on('error', onConnectionError));
  }
}
const guardedPg = Object.assign(Object.create(pg) as typeof pg, { Pool: GuardedPool });

/** A TypeORM DataSource on `pg`; the schema comes from migrations only. */
export function createDataSource({ url, logger, poolSize = 10, statementTimeoutMs }: DataSourceOptions): DataSource {
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
      ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs, idle_in_transaction_session_timeout: statementTimeoutMs } : {}),
    },
  });
}
