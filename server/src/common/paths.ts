import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder above `from` holding pnpm-workspace.yaml, with a trailing slash. */
function workspaceRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return `${dir}/`;
    if (dirname(dir) === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
  }
}

/**
 * The repository's top folder, whatever the working directory, and whether this module runs from
 * src/ (tsx, tests) or bundled into server/dist/ (`pnpm start`).
 */
export const repoRoot = workspaceRoot(dirname(fileURLToPath(import.meta.url)));

/** Source plans and reference data. */
export const seedsDir = `${repoRoot}seeds`;

/** Where the embedded PostgreSQL keeps its data between runs (git-ignored); PLAN_ATLAS_DATA_DIR moves it (tests use a temporary one). */
export const dataDir = process.env.PLAN_ATLAS_DATA_DIR || `${repoRoot}.data`;

/** The emitted GraphQL SDL, committed (`pnpm --filter @plan-atlas/server emit-schema`). */
export const schemaFile = `${repoRoot}schema/schema.graphql`;

/** The GraphiQL bundle the server serves at /graphiql (`pnpm --filter @plan-atlas/server build`). */
export const graphiqlDistDir = `${repoRoot}server/dist/graphiql`;

/** The web app's build, served at / when present. */
export const webDistDir = `${repoRoot}web/dist`;
