/**
 * `pnpm start`'s build step: runs each package's builds only when their inputs changed since the
 * last successful build. A package declares its builds in its package.json under `buildCache`:
 * `{ "<script>": { "inputs": [files or folders], "output": "<folder the script writes>" } }`.
 * The hash of the inputs (plus the lockfile, the workspace's shared config and the Node version)
 * is stored as `.build-inputs` inside the output folder once the script succeeds; a missing or
 * different hash runs the script again. Plain Node (no tsx) so that a warm start pays nothing.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SHARED_INPUTS = ['pnpm-lock.yaml', 'pnpm-workspace.yaml', 'tsconfig.base.json'];
const STAMP = '.build-inputs';
/** Tests and their snapshots never reach a build's output. */
const NOT_AN_INPUT = /(^|\/)(node_modules|dist)(\/|$)|\.test\.ts$|__snapshots__/;

/** Every file under the given paths (relative to `dir`), sorted, minus tests. */
function files(dir, paths) {
  const found = [];
  const walk = (path) => {
    const absolute = join(dir, path);
    if (!existsSync(absolute) || NOT_AN_INPUT.test(path)) return;
    if (statSync(absolute).isDirectory()) for (const name of readdirSync(absolute)) walk(join(path, name));
    else found.push(absolute);
  };
  for (const path of paths) walk(path);
  return found.sort();
}

function inputHash(packageDir, inputs) {
  const hash = createHash('sha256').update(process.version);
  for (const file of [...files(packageDir, inputs), ...files(root, SHARED_INPUTS)]) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

const workspace = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
const packageDirs = [...workspace.matchAll(/^\s+-\s+(\S+)\s*$/gm)].map((match) => match[1]);
let built = 0;
for (const packageDir of packageDirs.map((dir) => join(root, dir))) {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  for (const [script, { inputs, output }] of Object.entries(manifest.buildCache ?? {})) {
    const stamp = join(packageDir, output, STAMP);
    const hash = inputHash(packageDir, inputs);
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) continue;
    console.log(`Building ${manifest.name} (${script}): its sources changed since the last build`);
    const run = spawnSync('pnpm', ['run', script], { cwd: packageDir, stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 1);
    writeFileSync(stamp, hash);
    built += 1;
  }
}
if (!built) console.log('Builds are up to date with their sources.');
