import { defineConfig } from 'vitest/config';

/**
 * Black-box tests: e2e-web/build-web.ts builds what changed, global-setup.ts starts the real server (as `pnpm start` does)
 * on a throwaway database, and the tests talk to it over HTTP and through a real browser.
 */
export default defineConfig({
  test: {
    include: ['api/**/*.test.ts', 'graphiql/**/*.test.ts', 'e2e-web/**/*.test.ts', 'scale/**/*.test.ts'],
    // The editors' flows upload and review: they get a server and database of their own (vitest.editor.config.ts),
    // so the readers' tests here see the seeds alone.
    exclude: ['e2e-web/editor.test.ts', 'e2e-web/changes.test.ts'],
    // The builds come first: the server mounts web/dist and GraphiQL only if they exist when it starts.
    globalSetup: ['e2e-web/build-web.ts', 'global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
