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
    extra: {
      max: poolSize,
      ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs, idle_in_transaction_session_timeout: statementTimeoutMs } : {}),
    },
  });
}
