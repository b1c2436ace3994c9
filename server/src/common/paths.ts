import { fileURLToPath } from 'node:url';

/** The repository's top folder, whatever the working directory. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

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
