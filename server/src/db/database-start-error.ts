/**
 * The embedded PostgreSQL cannot start for a reason the user must fix (a missing package, a
 * folder out of reach, a port or data directory in use). `pnpm start` and the CLIs print its
 * message as one line, without a stack trace.
 */
export class DatabaseStartError extends Error {
  override name = 'DatabaseStartError';
}

/** For entry points: a DatabaseStartError becomes one line on stderr and exit code 1; anything else is rethrown. */
export function exitOnStartError(error: unknown): never {
  if (!(error instanceof DatabaseStartError)) throw error;
  console.error(`Plan Atlas cannot start: ${error.message}`);
  process.exit(1);
}
