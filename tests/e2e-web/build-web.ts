import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Builds the SPA into web/dist before the server starts (a global setup listed ahead of
 * ../global-setup.ts): the server mounts web/dist at / only when it exists at start-up, and the
 * browser tests must see the current code, not an old build.
 */
export default function buildWeb(): void {
  const webDir = fileURLToPath(new URL('../../web/', import.meta.url));
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    cwd: webDir,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`Building the web app failed:\n${build.stdout}${build.stderr}`);
}
