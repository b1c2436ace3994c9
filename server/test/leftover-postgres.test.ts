import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../src/db/embedded.js';

const serverDir = fileURLToPath(new URL('../', import.meta.url));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `pnpm start` as a real process on the embedded PostgreSQL in `dir`, with its output so far. */
function startServer(dir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, PORT: '0', DATABASE_URL: '', PLAN_ATLAS_DATA_DIR: dir, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = { child, output: '', port: 0 };
  child.stdout!.on('data', (chunk: Buffer) => (server.output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (server.output += chunk.toString()));
  const listening = new Promise<typeof server>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /listening on http:\/\/localhost:(\d+)/.exec(server.output);
      if (match) {
        clearInterval(timer);
        server.port = Number(match[1]);
        resolve(server);
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`The server exited with ${code} before listening:\n${server.output}`));
    });
  });
  return listening;
}

/**
 * A server killed with SIGKILL cannot stop its embedded PostgreSQL, which keeps running on the
 * data directory. The next start must stop it, say so in one line, and serve as usual.
 */
describe('a PostgreSQL left running by a killed server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plan-atlas-leftover-'));
  // When run as root, PostgreSQL runs as the `postgres` system user, which must reach the folder.
  chmodSync(dir, 0o755);
  const children: ChildProcess[] = [];
  const postmasterPid = () => Number(readFileSync(join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    try {
      process.kill(postmasterPid(), 'SIGINT');
    } catch {
      // already stopped
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    rmSync(dir, { recursive: true, force: true });
  });

  it('is stopped with a one-line explanation by the next start, which then serves', async () => {
    const first = await startServer(dir);
    children.push(first.child);
    const leftover = postmasterPid();
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    expect(alive(leftover)).toBe(true);

    const second = await startServer(dir);
    children.push(second.child);
    const notices = second.output.split('\n').filter((line) => line.includes('left running'));
    expect(notices).toEqual([
      `Stopping the embedded PostgreSQL (pid ${leftover}) left running by a Plan Atlas process that was killed; starting a fresh one.`,
    ]);
    expect(alive(leftover)).toBe(false);
    const ready = await fetch(`http://127.0.0.1:${second.port}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ok', database: 'ok', migrations: 'ok' });

    // While its server lives, the database is not taken from it: a second start says why, in one line.
    await expect(startEmbeddedPostgres(join(dir, 'postgres'))).rejects.toThrow(
      `another process (pid ${second.child.pid}) is running the embedded PostgreSQL in ${join(dir, 'postgres')}; stop it first`,
    );

    const exited = new Promise((resolve) => second.child.once('exit', resolve));
    second.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 180_000);
});
