import express, { type Router } from 'express';
import type { DataSource } from 'typeorm';
import { RETRY_AFTER_SECONDS } from '../db/availability.js';

/** A health check must answer even when PostgreSQL hangs. */
const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * `/healthz`, liveness: the process serves HTTP (200 even while the database is away, so an
 * orchestrator does not restart a server that will recover on its own); it reports the database.
 * `/readyz`, readiness: 200 only when the database answers and no migration is pending, 503 otherwise.
 */
export function healthRoutes(dataSource: DataSource): Router {
  const router = express.Router();
  const databaseAnswers = () =>
    withTimeout(dataSource.query('SELECT 1'), CHECK_TIMEOUT_MS).then(
      () => true,
      () => false,
    );

  router.get('/healthz', async (_request, response) => {
    response.set('Cache-Control', 'no-store').json({ status: 'ok', database: (await databaseAnswers()) ? 'ok' : 'unreachable' });
  });

  router.get('/readyz', async (_request, response) => {
    response.set('Cache-Control', 'no-store');
    if (!(await databaseAnswers())) {
      response.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS)).json({ status: 'unavailable', database: 'unreachable' });
      return;
    }
    const pending = await withTimeout(pendingMigrations(dataSource), CHECK_TIMEOUT_MS).catch(() => null);
    if (pending === null || pending.length > 0) {
      response
        .status(503)
        .json({ status: 'unavailable', database: 'ok', migrations: pending ? 'pending' : 'unknown', pending: pending ?? [] });
      return;
    }
    response.json({ status: 'ok', database: 'ok', migrations: 'ok' });
  });
  return router;
}

/** Names of the migrations this build knows that the database has not run (read-only, unlike TypeORM's showMigrations). */
async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const rows: { name: string }[] = await dataSource.query(`SELECT name FROM "${table}"`);
  const applied = new Set(rows.map((row) => row.name));
  return dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name).filter((name) => !applied.has(name));
}
