import type { GraphQLFormattedError } from 'graphql';
import { isDatabaseUnavailable, isStatementTimeout } from '../db/availability.js';
import { APOLLO_CODES, ErrorCode } from './errors.js';

const OUR_CODES = new Set<string>(Object.values(ErrorCode));
const APQ_CODES = new Set(['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);

/**
 * Gives every error one of our codes. Unexpected errors (a failed SQL statement…) are logged
 * and sent as a bare "Internal server error" unless in development, so nothing of the server's
 * internals leaks; Apollo adds stack traces only where `includeStacktraceInErrorResponses` says.
 */
export function createFormatError({ development, log }: { development: boolean; log: (error: unknown) => void }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (isDatabaseUnavailable(error)) {
      return {
        message: 'The database is unavailable; try again in a few seconds.',
        path: formatted.path,
        extensions: { code: ErrorCode.DATABASE_UNAVAILABLE },
      };
    }
    if (isStatementTimeout(error)) {
      return {
        message: 'The query took too long and was cancelled; ask for less (smaller pages, fewer nested lists).',
        path: formatted.path,
        extensions: { code: ErrorCode.DATABASE_TIMEOUT },
      };
    }
    // The persisted-query protocol (APQ): clients resend the full query on exactly this code.
    if (APQ_CODES.has(String(formatted.extensions?.code))) return formatted;
    const code =
      ourCode(formatted.extensions?.code) ??
      ourCode(innerCode(error)) ??
      APOLLO_CODES[String(formatted.extensions?.code)] ??
      (refusedRequest(error) ? ErrorCode.REQUEST_BAD : ErrorCode.INTERNAL);
    if (code === ErrorCode.INTERNAL) {
      log(error);
      if (!development) {
        return { message: 'Internal server error.', locations: formatted.locations, path: formatted.path, extensions: { code } };
      }
    }
    return { ...formatted, extensions: { ...formatted.extensions, code } };
  };
}

function ourCode(code: unknown): ErrorCode | undefined {
  return typeof code === 'string' && OUR_CODES.has(code) ? (code as ErrorCode) : undefined;
}

/**
 * Apollo re-codes a validation rule's error as GRAPHQL_VALIDATION_FAILED, keeping the rule's own
 * error as `originalError`: the query limits' `request/limit_exceeded` is found there.
 */
function innerCode(error: unknown): unknown {
  const inner = (error as { originalError?: { extensions?: Record<string, unknown> } } | null)?.originalError;
  return inner?.extensions?.code;
}

/**
 * Apollo refuses some requests with an error that has an HTTP status of 4xx but no code: they are
 * the client's mistakes, answered `request/bad`, not logged as the server's.
 */
function refusedRequest(error: unknown): boolean {
  const status = (error as { extensions?: { http?: { status?: unknown } } } | null)?.extensions?.http?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}
