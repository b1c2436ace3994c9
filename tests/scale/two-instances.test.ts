import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../server/src/db/embedded.js';

/**
 * Scale-out: two server instances (`src/main.ts`, as `pnpm start` runs it) behind one PostgreSQL
 * and one Redis. Each keeps a read cache; a write through one must be seen by the next read
 * through the other, cached responses and persisted queries are shared through Redis.
 * .ci/run starts Redis when it is down; REDIS_URL names another.
 */
const serverDir = fileURLToPath(new URL('../../server/', import.meta.url));
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const STARTUP_TIMEOUT_MS = 120_000;

interface Instance {
  child: ChildProcess;
  url: string;
}

function startInstance(databaseUrl: string): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, PORT: '0', DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, NODE_ENV: 'production', READ_CACHE: 'on' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No server within ${STARTUP_TIMEOUT_MS} ms:\n${output}`)), STARTUP_TIMEOUT_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with code ${code}:\n${output}`));
    });
  });
}

function stopInstance(instance: Instance | undefined): Promise<void> {
  if (!instance || instance.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    instance.child.once('exit', () => resolve());
    instance.child.kill('SIGTERM');
  });
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

interface Answer {
  cache: string | null;
  body: { data?: Record<string, any> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function graphql(instance: Instance, body: Record<string, unknown>, authorization?: string): Promise<Answer> {
  const response = await fetch(`${instance.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization: `Bearer ${authorization}` } : {}) },
    body: JSON.stringify(body),
  });
  return { cache: response.headers.get('x-cache'), body: (await response.json()) as Answer['body'] };
}

const EQUIVALENTS = `query Equivalents($code: String) {
  plans(filter: { jurisdictionCodes: ["320612"], year: 2021 }) {
    nodes { tasks { ordinal equivalents(jurisdictionCode: $code) { id status note task { ordinal } } } }
  }
}`;

describe('two server instances behind one PostgreSQL and one Redis', () => {
  let stopPostgres = async () => undefined as void;
  let serverUrl: string;
  let database: string;
  let a: Instance | undefined;
  let b: Instance | undefined;
  let editorToken: string;

  beforeAll(async () => {
    if (process.env.DATABASE_URL) {
      serverUrl = process.env.DATABASE_URL;
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'plan-atlas-scale-pg-'));
      chmodSync(dir, 0o755);
      const postgres = await startEmbeddedPostgres(join(dir, 'data'));
      serverUrl = postgres.url;
      stopPostgres = async () => {
        await postgres.stop();
        rmSync(dir, { recursive: true, force: true });
      };
    }
    database = `plan_atlas_scale_${randomBytes(6).toString('hex')}`;
    await adminQuery(serverUrl, `CREATE DATABASE "${database}"`);
    const databaseUrl = new URL(serverUrl);
    databaseUrl.pathname = `/${database}`;
    // A imports the seeds into the empty database first; B then finds them there.
    a = await startInstance(databaseUrl.toString());
    b = await startInstance(databaseUrl.toString());
    const token = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/token.ts', 'create', '--role', 'editor', '--name', 'scale-test'],
      {
        cwd: serverDir,
        env: { ...process.env, DATABASE_URL: databaseUrl.toString() },
        encoding: 'utf8',
      },
    );
    editorToken = token.stdout.trim().split('\n').pop()!;
    expect(editorToken, token.stderr).toMatch(/^pa_/);
  }, STARTUP_TIMEOUT_MS * 2);

  afterAll(async () => {
    await Promise.all([stopInstance(a), stopInstance(b)]);
    if (database) await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await stopPostgres();
  });

  it('sees a review made through A in the next read through B, though B had cached the old answer', async () => {
    const variables = { code: '320300' };
    const before = await graphql(b!, { query: EQUIVALENTS, variables });
    expect(before.body.errors).toBeUndefined();
    const again = await graphql(b!, { query: EQUIVALENTS, variables });
    expect(again.cache).toBe('hit');
    const campus = (answer: Answer) =>
      answer.body.data!.plans.nodes[0].tasks.find((task: { ordinal: number }) => task.ordinal === 5).equivalents as {
        id: string;
        status: string;
        note: string | null;
        task: { ordinal: number };
      }[];
    const link = campus(before).find((equivalent) => equivalent.task.ordinal === 2)!;
    expect(link.status).toBe('SUGGESTED');

    const review = await graphql(
      a!,
      {
        query: 'mutation($id: ID!) { reviewAlignment(id: $id, status: CONFIRMED, note: "scale test") { status } }',
        variables: { id: link.id },
      },
      editorToken,
    );
    expect(review.body.errors).toBeUndefined();
    expect(review.body.data!.reviewAlignment.status).toBe('CONFIRMED');

    const after = await graphql(b!, { query: EQUIVALENTS, variables });
    expect(after.cache).toBe('miss');
    const reviewed = campus(after).find((equivalent) => equivalent.id === link.id)!;
    expect(reviewed).toMatchObject({ status: 'CONFIRMED', note: 'scale test' });
  });

  it('shares cached responses through Redis: what A computed, B serves', async () => {
    const query = '{ plans(filter: { year: 2021 }) { totalCount nodes { id title } } }';
    const first = await graphql(a!, { query });
    expect(first.cache).toBe('miss');
    const fromB = await graphql(b!, { query });
    expect(fromB.cache).toBe('hit');
    expect(fromB.body).toEqual(first.body);
  });

  it('shares persisted queries: a hash registered through A is known to B', async () => {
    const query = '{ themes { key name } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const unknown = await graphql(b!, { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } });
    expect(unknown.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await graphql(a!, { query, extensions });
    expect(registered.body.errors).toBeUndefined();
    const byHash = await graphql(b!, { extensions });
    expect(byHash.body).toEqual(registered.body);
  });
});
