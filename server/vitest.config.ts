import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Tests of the server's own embedded PostgreSQL (killed, frozen, restarted under it): they never
 * use DATABASE_URL, so a run against the machine's server (CI's second pass) would repeat them
 * unchanged. They run whenever DATABASE_URL is unset, as in CI's first pass.
 */
const EMBEDDED_ONLY = ['test/restart-kills.test.ts', 'test/frozen-postgres.test.ts', 'test/restart-postgres.test.ts'];

export default defineConfig({
  resolve: {
    // type-graphql loads graphql's CommonJS entry; Vite would pick the ESM one and the schema
    // would mix two graphql realms ("Cannot use GraphQLObjectType from another module or realm").
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...(process.env.DATABASE_URL ? EMBEDDED_ONLY : [])],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
