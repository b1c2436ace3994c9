import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../src/db/embedded.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a PostgreSQL server on which tests create their own throwaway databases. */
    testServerUrl: string;
  }
}

/**
 * Tests run on a real PostgreSQL: the server of DATABASE_URL when set (each test file creates and
 * drops its own database there, never touching the named one), otherwise a fresh embedded server in
 * a temporary folder, never the product's `.data/`.
 */
export default async function setup(project: TestProject) {
  const external = process.env.DATABASE_URL;
  if (external) {
    project.provide('testServerUrl', external);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'plan-atlas-test-pg-'));
  // When run as root, PostgreSQL runs as the `postgres` system user, which must reach the folder.
  chmodSync(dir, 0o755);
  const postgres = await startEmbeddedPostgres(join(dir, 'data'));
  project.provide('testServerUrl', postgres.url);
  return async () => {
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
