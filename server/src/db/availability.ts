/**
 * Tells the database's faults apart from the application's: a PostgreSQL that is restarting or
 * unreachable is answered with 503 (try again), a statement cancelled by statement_timeout with
 * its own code, and everything else stays an internal error.
 */

/** SQLSTATEs meaning "the server is not there right now" (class 08, shutdown, starting up, full). */
const UNAVAILABLE_SQLSTATE = /^(08\w{3}|57P0[123]|53300)$/;
/** Socket errors of a connection that could not be made or was cut. */
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** pg reports a connection lost mid-query, or a pool that could not connect in time, in words only. */
const UNAVAILABLE_MESSAGE = /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect/i;
/** query_canceled: statement_timeout fired. */
const STATEMENT_TIMEOUT_SQLSTATE = '57014';

/**
 * TypeORM hands a connection back to the pool as soon as pg reports it lost, and refuses the
 * queries its transaction still sends with one of these errors instead of the loss. Read as the
 * loss when one was reported shortly before (in this thread: an import worker's error is judged
 * again by the server's thread, whose pool saw the loss too); otherwise it is a bug of ours and
 * stays an internal error.
 */
const RELEASED_BY_LOSS = new Set(['QueryRunnerProviderAlreadyReleasedError', 'QueryRunnerAlreadyReleasedError']);
const LOSS_WINDOW_MS = 30_000;
let lastConnectionLoss = -Infinity;

/** Called for every connection pg reports lost (data-source.ts). */
export function noteConnectionLost(): void {
  lastConnectionLoss = performance.now();
}

/** The error and the errors it wraps (GraphQL's originalError, TypeORM's driverError, `cause`, AggregateError's). */
function* chain(error: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (!error || typeof error !== 'object' || depth > 5) return;
  const record = error as Record<string, unknown>;
  yield record;
  for (const key of ['originalError', 'driverError', 'cause']) yield* chain(record[key], depth + 1);
  if (Array.isArray(record.errors)) for (const inner of record.errors) yield* chain(inner, depth + 1);
}

/** True when `error` (or what it wraps) says PostgreSQL cannot be reached or is shutting down. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const link of chain(error)) {
    const code = typeof link.code === 'string' ? link.code : '';
    if (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code)) return true;
    if (typeof link.message === 'string' && UNAVAILABLE_MESSAGE.test(link.message)) return true;
    if (typeof link.name === 'string' && RELEASED_BY_LOSS.has(link.name) && performance.now() - lastConnectionLoss < LOSS_WINDOW_MS)
      return true;
  }
  return false;
}

/** True when `error` (or what it wraps) is a statement cancelled by statement_timeout. */
export function isStatementTimeout(error: unknown): boolean {
  for (const link of chain(error)) if (link.code === STATEMENT_TIMEOUT_SQLSTATE) return true;
  return false;
}

/** Seconds a client should wait before retrying while the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;
