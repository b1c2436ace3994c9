import { fileURLToPath } from 'node:url';

/** The repository's top folder, whatever the working directory. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Source plans and reference data. */
export const seedsDir = `${repoRoot}seeds`;

/** Where the embedded PostgreSQL keeps its data between runs (git-ignored). */
export const dataDir = `${repoRoot}.data`;
