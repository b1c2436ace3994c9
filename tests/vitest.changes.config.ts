import { defineConfig } from 'vitest/config';

/**
 * The browser test of issue 15's pages (e2e-web/changes.test.ts): it uploads a plan's next year and the plans above
 * it, so it runs against a server and database of its own, started by the same global setup, and the readers' tests
 * (vitest.config.ts) keep seeing the seeds alone.
 */
export default defineConfig({
  test: {
    include: ['e2e-web/changes.test.ts'],
    globalSetup: ['e2e-web/build-web.ts', 'global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
