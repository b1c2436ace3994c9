import type { ApolloServerPlugin } from '@apollo/server';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../db/availability.js';

/**
 * While PostgreSQL is away (restarting, down), answers 503 with Retry-After instead of a 200
 * carrying internal errors, so clients and proxies know to try again; format-error.ts gives each
 * such error the code `database/unavailable`. The pool reconnects by itself once it is back.
 */
export function databaseUnavailablePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ errors, response }) {
          if (!errors?.some((error) => isDatabaseUnavailable(error))) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}
