import { defineConfig } from 'vitest/config';

/**
 * The editors' browser test (e2e-web/editor.test.ts): it uploads plans and reviews pairs, so it runs after the
 * readers' tests (vitest.config.ts) against a server and database of its own, started by the same global setup.
 */
export default defineConfig({
  test: {
    include: ['e2e-web/editor.test.ts'],
    globalSetup: ['e2e-web/build-web.ts', 'global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
