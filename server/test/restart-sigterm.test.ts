import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertJurisdictions, insertPlan, samplePlan } from './fixtures.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

const serverDir = fileURLToPath(new URL('../', import.meta.url));

/** Whether a process of that id exists (signal 0 only asks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * `pnpm start` as a real process, with its embedded PostgreSQL in a temporary folder
 * (PLAN_ATLAS_DATA_DIR): SIGTERM must let a request already in flight finish, refuse new
 * connections, stop PostgreSQL and exit 0.
 */
describe('SIGTERM', () => {
  let dir: string;
  let child: ChildProcess;
  let port: number;
  let output = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plan-atlas-sigterm-'));
    chmodSync(dir, 0o755);
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serverDir,
      env: { ...process.env, PORT: '0', DATABASE_URL: '', PLAN_ATLAS_DATA_DIR: dir, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    port = await new Promise<number>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
        if (match) {
          clearInterval(timer);
          resolve(Number(match[1]));
        }
      }, 100);
      child.once('exit', (code) => {
        clearInterval(timer);
        reject(new Error(`The server exited with ${code} before listening:\n${output}`));
      });
    });
  }, 180_000);
  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('drains the request in flight, refuses new ones, stops the embedded database and exits 0', async () => {
    const postgresPid = Number(readFileSync(join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(alive(postgresPid)).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

    // A request whose body is still arriving when the signal comes.
    const body = JSON.stringify({ query: '{ plans { totalCount } }' });
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    const answered = new Promise<void>((resolve) => socket.once('end', resolve));
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`,
    );
    socket.write(body.slice(0, 10));

    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(child.exitCode).toBeNull();
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();

    socket.write(body.slice(10));
    await answered;
    expect(answer, output).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toContain('{"data":{"plans":{"totalCount":2}}}');

    expect(await exited).toBe(0);
    expect(output).toContain('SIGTERM: draining requests and closing the database');
    expect(alive(postgresPid)).toBe(false);
    expect(existsSync(join(dir, 'postgres', 'postmaster.pid'))).toBe(false);
  }, 60_000);
});

/**
 * A 12 MB answer read by a client at 1 MB/s (slower than a 10 s grace period allows) is being
 * written when SIGTERM comes: it must arrive whole, new connections be refused meanwhile, and the
 * server exit 0 once it is written.
 */
describe('SIGTERM while a large answer is being written', () => {
  const SIZE = 12 * 1024 * 1024;
  const RATE = 1024 * 1024;
  const sourceText = Array.from({ length: SIZE / 16 }, (_, index) => `line ${String(index).padStart(9, '0')}\n`).join('');
  let database: TestDatabase;
  let server: ServerProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    await insertJurisdictions(database.dataSource);
    await insertPlan(database.dataSource, samplePlan('320612', 2021));
    await database.dataSource.query('UPDATE plan SET source_text = $1', [sourceText]);
    server = await startServerProcess({ DATABASE_URL: database.url, WEB_CONCURRENCY: '1' });
  }, 180_000);
  afterAll(async () => {
    if (server?.child.exitCode === null) server.child.kill('SIGKILL');
    await database?.drop();
  });

  it('sends it whole, refuses new connections, then exits 0', async () => {
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
    const body = JSON.stringify({ query: '{ plans { nodes { sourceText } } }' });
    const socket = connect(server.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    const chunks: Buffer[] = [];
    let received = 0;
    const started = new Promise<void>((resolve) => socket.once('data', () => resolve()));
    // Read at RATE: the system's buffers fill up and the server is left writing.
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      socket.pause();
      setTimeout(() => socket.resume(), (chunk.length / RATE) * 1000);
    });
    const ended = new Promise<void>((resolve, reject) => {
      socket.once('end', resolve);
      socket.once('error', reject);
    });
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    await started;
    const signalled = performance.now();
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(received, 'the answer was already read before SIGTERM').toBeLessThan(SIZE / 2);
    expect(server.child.exitCode, server.output).toBeNull();
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();

    await ended;
    const answer = Buffer.concat(chunks).toString('utf8');
    const split = answer.indexOf('\r\n\r\n');
    const head = answer.slice(0, split);
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1]);
    const payload = answer.slice(split + 4);
    expect(Buffer.byteLength(payload)).toBe(length);
    expect((JSON.parse(payload) as { data: { plans: { nodes: { sourceText: string }[] } } }).data.plans.nodes[0]!.sourceText).toBe(
      sourceText,
    );
    expect(await exited).toBe(0);
    console.log(
      `SIGTERM during a ${(length / 1024 / 1024).toFixed(1)} MB answer read at 1 MB/s: sent whole, exit 0 ` +
        `${((performance.now() - signalled) / 1000).toFixed(1)} s after the signal`,
    );
  }, 120_000);
});
