import type { TokenFailure } from './token.service.js';

/** A failed authentication attempt, as logged: never the token or any part of it. */
export interface AuthFailure {
  failure: TokenFailure;
  /** The request, without its query string: `POST /graphql`. */
  request: string;
  /** The client's address. */
  from: string | undefined;
}

/** `POST /graphql`: the method and path of a request, without a query string (no secret belongs there, but some clients put one). */
export function requestLine(request: { method: string; originalUrl: string }): string {
  return `${request.method} ${request.originalUrl.split('?')[0]}`;
}

export type AuthFailureLog = (attempt: AuthFailure) => void;

export interface AuthFailureLogOptions {
  /** Lines written per window; the attempts beyond are counted and summed up in one line. */
  limit?: number;
  windowMs?: number;
  now?: () => number;
}

const REASONS = {
  malformed: 'an Authorization header that is not `Bearer pa_…`',
  unknown: 'a token that matches none',
  revoked: 'a revoked token',
} as const;

/**
 * Logs failed authentication attempts (a wrong, malformed or revoked token), at most `limit` lines
 * a window: someone guessing tokens must not flood the log. Attempts beyond the limit are counted,
 * and the count is written when the window ends (by a timer that does not keep the process alive).
 */
export function createAuthFailureLog(
  log: (message: string) => void,
  { limit = 10, windowMs = 60_000, now = Date.now }: AuthFailureLogOptions = {},
): AuthFailureLog {
  let windowStart = -Infinity;
  let written = 0;
  let suppressed = 0;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (suppressed > 0) {
      log(`Authentication failed ${suppressed} more times within ${windowMs / 1000} s (not logged one by one).`);
    }
    suppressed = 0;
  };
  return ({ failure, request, from }) => {
    const time = now();
    if (time - windowStart >= windowMs) {
      flush();
      windowStart = time;
      written = 0;
    }
    if (written >= limit) {
      if (suppressed++ === 0) timer = setTimeout(flush, windowStart + windowMs - time).unref();
      return;
    }
    written++;
    const token = failure.reason === 'revoked' ? `${REASONS.revoked} (#${failure.tokenId})` : REASONS[failure.reason];
    log(`Authentication failed: ${token}, on ${request} from ${from ?? 'an unknown address'}.`);
  };
}
