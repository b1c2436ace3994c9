import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('../', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output: string;
  port: number;
  url: string;
}

/**
 * `pnpm start`'s entry point (src/main.ts, through tsx) as a process of its own, with `env` over
 * ours: PLAN_ATLAS_DATA_DIR for an embedded PostgreSQL in a folder of the test's, or DATABASE_URL.
 * Resolves once it listens.
 */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, PORT: '0', DATABASE_URL: '', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server: ServerProcess = { child, output: '', port: 0, url: '' };
  child.stdout!.on('data', (chunk: Buffer) => (server.output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (server.output += chunk.toString()));
  return new Promise<ServerProcess>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /listening on http:\/\/localhost:(\d+)/.exec(server.output);
      if (match) {
        clearInterval(timer);
        server.port = Number(match[1]);
        server.url = `http://127.0.0.1:${server.port}`;
        resolve(server);
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`The server exited with ${code} before listening:\n${server.output}`));
    });
  });
}

/** Resident memory of a process in bytes (VmRSS), from /proc (Linux). */
export function rssBytes(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return line ? Number(line[1]) * 1024 : NaN;
}

/** Resident memory of a process in MiB. */
export function rssMiB(pid: number): number {
  return rssBytes(pid) / 2 ** 20;
}
