/**
 * `pnpm run loadtest`: a bounded load test on loopback. Starts the server as `pnpm start` does,
 * with its own embedded PostgreSQL in a temporary folder (seeded with the two plans), sends the
 * queries the web app and GraphiQL send, in turn, over CONNECTIONS connections for DURATION
 * seconds, and samples the server's RSS every second. Passes (exit 0) with zero errors, timeouts
 * and non-2xx answers, and memory flat: the RSS at the end within MAX_RSS_GROWTH of the RSS
 * after the first fifth of the run (the warm-up: caches, JIT, pool).
 *
 *   pnpm run loadtest                        # 30 s, 50 connections
 *   DURATION=60 CONNECTIONS=100 pnpm run loadtest
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { legitimateQueries } from '../test/legitimate-queries.js';

const serverDir = fileURLToPath(new URL('../', import.meta.url));
/** The RSS may grow this much after warm-up (allocator and V8 heap settling), not more. */
const MAX_RSS_GROWTH = 0.25;

export interface LoadTestOptions {
  durationSeconds: number;
  connections: number;
  log?: (message: string) => void;
}

export interface LoadTestResult {
  requests: number;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  /** Failed connections and answers carrying GraphQL errors. */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Server RSS in MiB, one sample a second. */
  rssMiB: number[];
  rssAfterWarmUpMiB: number;
  rssEndMiB: number;
  rssGrowth: number;
  passed: boolean;
}

/** The server as `pnpm start` runs it, on a free port, over an embedded PostgreSQL in `dataDir`. */
async function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, PORT: '0', DATABASE_URL: '', PLAN_ATLAS_DATA_DIR: dataDir, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearInterval(timer);
        resolve(match[1]);
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`The server exited with ${code} before listening:\n${output}`));
    });
  });
  return { child, url };
}

/** Resident memory of a process, from /proc (Linux), in MiB. */
function rssMiB(pid: number): number {
  const kib = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return kib / 1024;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

export async function runLoadTest({ durationSeconds, connections, log = console.log }: LoadTestOptions): Promise<LoadTestResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plan-atlas-loadtest-'));
  // When run as root, PostgreSQL runs as the `postgres` system user, which must reach the folder.
  chmodSync(dataDir, 0o755);
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    server = await startServer(dataDir);
    const pid = server.child.pid!;
    // A reader's load on the seeds: changes, editor-only queries and those needing the 2022 test plan are
    // measured by the hostile tests, not sent here.
    const queries = legitimateQueries().filter((query) => !query.mutation && !query.editor && !query.nextYear);
    const bodies = queries.map((query) => JSON.stringify({ query: query.query, variables: query.variables }));
    // Each query must work before it is repeated: a 200 carrying GraphQL errors is a failure too.
    for (const [index, body] of bodies.entries()) {
      const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const answer = (await response.json()) as { errors?: unknown[] };
      if (response.status !== 200 || answer.errors)
        throw new Error(`${queries[index].name}: ${response.status} ${JSON.stringify(answer.errors)}`);
    }
    let graphqlErrors = 0;
    log(
      `Load: ${connections} connections for ${durationSeconds} s against ${server.url}, cycling ${queries.length} queries of the web app and GraphiQL`,
    );
    const rss: number[] = [rssMiB(pid)];
    const sampler = setInterval(() => rss.push(rssMiB(pid)), 1_000);
    const result = await autocannon({
      url: `${server.url}/graphql`,
      connections,
      duration: durationSeconds,
      timeout: 10,
      requests: bodies.map((body) => ({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        onResponse: (status: number, answer: string) => {
          if (status === 200 && answer.includes('"errors":[')) graphqlErrors++;
        },
      })),
    });
    clearInterval(sampler);
    rss.push(rssMiB(pid));
    const warmUp = Math.max(1, Math.floor(rss.length / 5));
    const rssAfterWarmUpMiB = median(rss.slice(warmUp - 1, warmUp + 2));
    const rssEndMiB = median(rss.slice(-3));
    const rssGrowth = rssEndMiB / rssAfterWarmUpMiB - 1;
    const summary: LoadTestResult = {
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      latencyMaxMs: result.latency.max,
      errors: result.errors + graphqlErrors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      rssMiB: rss.map((value) => Math.round(value)),
      rssAfterWarmUpMiB: Math.round(rssAfterWarmUpMiB),
      rssEndMiB: Math.round(rssEndMiB),
      rssGrowth: Math.round(rssGrowth * 1000) / 1000,
      passed: result.errors === 0 && result.timeouts === 0 && result.non2xx === 0 && rssGrowth <= MAX_RSS_GROWTH,
    };
    log(
      `${summary.requests} requests (${summary.requestsPerSecond.toFixed(0)}/s), latency p50 ${summary.latencyP50Ms} ms, p99 ${summary.latencyP99Ms} ms, max ${summary.latencyMaxMs} ms; ` +
        `${summary.errors} errors, ${summary.timeouts} timeouts, ${summary.non2xx} non-2xx`,
    );
    log(
      `Server RSS: ${summary.rssAfterWarmUpMiB} MiB after warm-up, ${summary.rssEndMiB} MiB at the end (${(summary.rssGrowth * 100).toFixed(1)}%, at most ${MAX_RSS_GROWTH * 100}%); samples ${summary.rssMiB.join(' ')}`,
    );
    log(summary.passed ? 'PASSED' : 'FAILED');
    return summary;
  } finally {
    if (server && server.child.exitCode === null) {
      const exited = new Promise((resolve) => server!.child.once('exit', resolve));
      server.child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runLoadTest({
    durationSeconds: Number(process.env.DURATION ?? 30),
    connections: Number(process.env.CONNECTIONS ?? 50),
  });
  process.exit(result.passed ? 0 : 1);
}
