import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('../', import.meta.url));

let bundled = false;

/**
 * Starts the product's server on the bench database the way `pnpm start` runs it: the bundle of
 * `src/` (scripts/bundle.mjs, made here from the current sources once per bench) under plain Node,
 * not `tsx src/main.ts`, whose on-the-fly compilation adds its own helpers to every function.
 */
export function startServer(databaseUrl: string, env: Record<string, string>): Promise<{ child: ChildProcess; baseUrl: string }> {
  if (!bundled) {
    execFileSync(process.execPath, ['scripts/bundle.mjs'], { cwd: serverDir, stdio: 'inherit' });
    bundled = true;
  }
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/server/main.js'], {
    cwd: serverDir,
    // One process (WEB_CONCURRENCY=1): the figures are per process, like the peer's.
    env: { ...process.env, WEB_CONCURRENCY: '1', ...env, PORT: '0', DATABASE_URL: databaseUrl, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, baseUrl: match[1].replace('localhost', '127.0.0.1') });
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`The server exited with code ${code}:\n${output}`)));
  });
}

export function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * How long the benches leave a server idle before reading its memory again: V8 gives back heap it
 * grew under the load only once it collects, which it does not do while nothing allocates; the
 * server collects once after 30 s without requests (http/idle-collection.ts).
 */
export const SETTLE_SECONDS = 40;

/** The server process's resident memory now and at its peak (Linux). */
export function serverMemory(pid: number): { rssMiB: number; peakRssMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMiB: Math.round(kib('VmRSS') / 1024), peakRssMiB: Math.round(kib('VmHWM') / 1024) };
}

/** CPU time (user + system, every thread) a process has used so far, in ms (Linux: /proc/<pid>/stat, in clock ticks of 10 ms). */
export function serverCpuMs(pid: number): number {
  const cpu = processCpu(pid);
  if (!cpu) throw new Error(`Process ${pid} has ended: its CPU time cannot be read.`);
  return cpu.ms;
}

/**
 * Starts reading what a load run costs in CPU; the function returned gives it per request answered:
 * the server process's (all its threads), and the database's — every PostgreSQL process on the
 * machine, the backends serving the run mostly, which the server's figure does not see. A backend
 * started during the run counts whole, one that ended drops out (its last span unseen).
 */
export function cpuMeter(serverPid: number): (requests: number) => { serverMs: number; databaseMs: number } {
  const server = serverCpuMs(serverPid);
  const database = databaseCpuByProcess();
  return (requests) => {
    let databaseMs = 0;
    for (const [pid, ms] of databaseCpuByProcess()) databaseMs += ms - (database.get(pid) ?? 0);
    const perRequest = (ms: number) => Math.round((ms / requests) * 100) / 100;
    return { serverMs: perRequest(serverCpuMs(serverPid) - server), databaseMs: perRequest(databaseMs) };
  };
}

/** CPU ms so far of each PostgreSQL process on this machine, by pid. */
function databaseCpuByProcess(): Map<number, number> {
  const byProcess = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cpu = processCpu(Number(entry));
    if (cpu?.command === 'postgres') byProcess.set(Number(entry), cpu.ms);
  }
  return byProcess;
}

/** A process's command name and CPU ms so far, or null once it has ended. */
function processCpu(pid: number): { command: string; ms: number } | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name, in parentheses, may hold spaces: count the fields after it.
  const close = stat.lastIndexOf(') ');
  const fields = stat.slice(close + 2).split(' ');
  // utime and stime are the 14th and 15th fields of the line, the 12th and 13th after the name.
  return { command: stat.slice(stat.indexOf('(') + 1, close), ms: (Number(fields[11]) + Number(fields[12])) * 10 };
}
