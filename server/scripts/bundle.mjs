/**
 * Bundles the server's own sources (not its dependencies) into dist/server/main.js, which
 * `pnpm start` runs with plain Node: compiling ~120 TypeScript files through tsx at every start
 * cost seconds. The import worker (src/importer/import-worker.ts, run in a worker thread) is a
 * second entry, dist/server/import-worker.js, which main.js finds beside itself. The compiler is tsx's own esbuild, so the bundle is compiled exactly as
 * `tsx src/main.ts` compiles it (decorators included; no metadata emission either way).
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(createRequire(import.meta.url).resolve('tsx'));
const esbuild = require('esbuild');
const serverDir = fileURLToPath(new URL('../', import.meta.url));

await esbuild.build({
  absWorkingDir: serverDir,
  entryPoints: { main: 'src/main.ts', 'import-worker': 'src/importer/import-worker.ts' },
  outdir: 'dist/server',
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  tsconfig: 'tsconfig.json',
  sourcemap: 'linked',
  logLevel: 'warning',
});
