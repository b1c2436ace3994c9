import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../server/src/db/embedded.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the running server, e.g. http://localhost:40123 */
    baseUrl: string;
    /** An editor's API token on that server's database (`pnpm run token create --role editor`). */
    editorToken: string;
  }
}

const serverDir = fileURLToPath(new URL('../server/', import.meta.url));
const STARTUP_TIMEOUT_MS = 180_000;

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Starts `src/main.ts` as `pnpm start` does and resolves with its URL once it listens. */
function startServer(databaseUrl: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    // NODE_ENV=production: introspection and GraphiQL must work there too.
    env: { ...process.env, PORT: '0', DATABASE_URL: databaseUrl, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The server did not start within ${STARTUP_TIMEOUT_MS} ms:\n${output}`)),
      STARTUP_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, baseUrl: match[1] });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with code ${code} before listening:\n${output}`));
    });
  });
}

/** DATABASE_URL's server, or a fresh embedded PostgreSQL in a temporary folder. */
async function startPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'plan-atlas-e2e-pg-'));
  // When run as root, PostgreSQL runs as the `postgres` system user, which must reach the folder.
  chmodSync(dir, 0o755);
  const postgres = await startEmbeddedPostgres(join(dir, 'data'));
  return {
    url: postgres.url,
    async stop() {
      await postgres.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates an editor token as an administrator does, with the CLI. */
function createEditorToken(databaseUrl: string): string {
  const created = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/token.ts', 'create', '--role', 'editor', '--name', 'e2e-editor'],
    {
      cwd: serverDir,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: 'utf8',
    },
  );
  const token = created.stdout.trim();
  if (created.status !== 0 || !token.startsWith('pa_')) throw new Error(`Creating an editor token failed:\n${created.stderr}`);
  return token;
}

/**
 * A throwaway database (on DATABASE_URL's server when set, else a fresh embedded PostgreSQL)
 * and the server on a free port (e2e-web/build-web.ts has built GraphiQL and the web app).
 */
export default async function setup(project: TestProject) {
  const postgres = await startPostgres();
  const serverUrl = postgres.url;
  const database = `plan_atlas_e2e_${randomBytes(6).toString('hex')}`;
  const cleanUp = async () => {
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await postgres.stop();
  };
  await adminQuery(serverUrl, `CREATE DATABASE "${database}"`);
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${database}`;

  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(databaseUrl.toString());
  } catch (error) {
    await cleanUp();
    throw error;
  }
  project.provide('baseUrl', server.baseUrl);
  try {
    project.provide('editorToken', createEditorToken(databaseUrl.toString()));
  } catch (error) {
    server.child.kill('SIGTERM');
    await cleanUp();
    throw error;
  }

  return async () => {
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    const code = await exited;
    await cleanUp();
    // SIGTERM must drain and close cleanly: anything else is a failure of `pnpm start`.
    if (code !== 0) throw new Error(`The server exited with code ${code} after SIGTERM`);
  };
}
