import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Builds what `pnpm start` builds, the web app and GraphiQL among them, before the server starts
 * (a global setup listed ahead of ../global-setup.ts): the server mounts web/dist and
 * server/dist/graphiql only when they exist at start-up, and the browser tests must see the
 * current code. Through the same build cache as `pnpm start`: only what changed since the last
 * build is rebuilt.
 */
export default function buildWeb(): void {
  const script = fileURLToPath(new URL('../../server/scripts/build-if-changed.mjs', import.meta.url));
  const build = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`Building failed:\n${build.stdout}${build.stderr}`);
}
