import type { GraphQLFormattedError } from 'graphql';
import { APOLLO_CODES, ErrorCode } from './errors.js';

const OUR_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * Gives every error one of our codes. Unexpected errors (a failed SQL statement…) are logged
 * and sent as a bare "Internal server error" unless in development, so nothing of the server's
 * internals leaks; Apollo adds stack traces only where `includeStacktraceInErrorResponses` says.
 */
export function createFormatError({ development, log }: { development: boolean; log: (error: unknown) => void }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = formatted.extensions?.code;
    const code = typeof original === 'string' && OUR_CODES.has(original) ? original : (APOLLO_CODES[String(original)] ?? ErrorCode.INTERNAL);
    if (code === ErrorCode.INTERNAL) {
      log(error);
      if (!development) {
        return { message: 'Internal server error.', locations: formatted.locations, path: formatted.path, extensions: { code } };
      }
    }
    return { ...formatted, extensions: { ...formatted.extensions, code } };
  };
}
