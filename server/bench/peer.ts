/**
 * `pnpm run bench:peer`: Plan Atlas with its read cache off against PostGraphile v4, on one
 * database holding the two seed plans, one process each, the same data asked of both: a plan with
 * its parts, a list of plans with their jurisdiction, a task search. The runs are interleaved
 * (Plan Atlas, PostGraphile, Plan Atlas…) so the shared machine's load falls on both alike.
 * PostGraphile is installed for the bench only, into a temporary folder, never a dependency.
 */
import 'reflect-metadata';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { toGlobalId } from '../src/graphql/global-id.js';
import { openBenchDatabase } from './database.js';
import { checkScenario, runLoad, type Scenario } from './http-load.js';
import { loadAverage, median } from './in-process.js';
import { cpuMeter, serverMemory, SETTLE_SECONDS, startServer, stopServer } from './server.js';

const POSTGRAPHILE = '4.14.1';
const CONNECTION_FILTER = '2.3.0';
const SEED_PLANS = ['320612-2021', '320300-2021'];
const SEARCH_WORD = '冷链';
const WARM_UP_SECONDS = 2;

const program = new Command()
  .name('bench:peer')
  .description('Plan Atlas (read cache off) against PostGraphile v4 on the seed plans.')
  .option('--seconds <n>', 'duration of each load test', '5')
  .option('--rounds <n>', 'interleaved rounds per request', '3')
  .option('--clients <n>', 'concurrent clients', '32')
  .option('--write', 'replace the peer section of BENCHMARKS.md with the results')
  .parse();
const options = program.opts<{ seconds: string; rounds: string; clients: string; write?: boolean }>();
const serverDir = fileURLToPath(new URL('../', import.meta.url));

interface Pair {
  name: string;
  atlas: Scenario;
  peer: Scenario;
}

/** The same three requests in each API's words. */
function pairs(): Pair[] {
  const plan = (call: number) => SEED_PLANS[call % SEED_PLANS.length];
  const scenario = (name: string, query: string, variables: (call: number) => Record<string, unknown>): Scenario => ({
    name,
    query,
    variables,
    rotation: SEED_PLANS.length,
  });
  return [
    {
      name: 'plan detail',
      atlas: scenario(
        'plan detail',
        `query($id: ID!) { plan(id: $id) { id title year documentNumber issuedOn jurisdiction { code name }
          sections { id ordinal title tasks { id ordinal title text
            clauses { id ordinal text assignments { role agency { id name kind } } indicators { id subject comparator value unit } } } } } }`,
        (call) => ({ id: toGlobalId('Plan', plan(call)) }),
      ),
      peer: scenario(
        'plan detail',
        `query($id: String!) { planById(id: $id) { id title year documentNumber issuedOn jurisdictionByJurisdictionCode { code name }
          sectionsByPlanIdList(orderBy: ORDINAL_ASC) { id ordinal title tasksBySectionIdList(orderBy: ORDINAL_ASC) { id ordinal title text
            clausesByTaskIdList(orderBy: ORDINAL_ASC) { id ordinal text
              assignmentsByClauseIdList(orderBy: [ORDINAL_ASC, ID_ASC]) { role agencyByAgencyId { id name kind } }
              indicatorsByClauseIdList(orderBy: ORDINAL_ASC) { id subject comparator value unit } } } } } }`,
        (call) => ({ id: plan(call) }),
      ),
    },
    {
      name: 'plan list',
      atlas: scenario('plan list', `{ plans(first: 20) { nodes { id title year jurisdiction { code name } } } }`, () => ({})),
      peer: scenario(
        'plan list',
        `{ allPlansList(first: 20, orderBy: ID_ASC) { id title year jurisdictionByJurisdictionCode { code name } } }`,
        () => ({}),
      ),
    },
    {
      name: `task search (${SEARCH_WORD})`,
      atlas: scenario(
        'task search',
        `query($text: String!) { tasks(filter: { text: $text }, first: 20) { totalCount nodes { id ordinal title } } }`,
        () => ({ text: SEARCH_WORD }),
      ),
      peer: scenario(
        'task search',
        `query($text: String!) { allTasks(first: 20, orderBy: [PLAN_ID_ASC, ORDINAL_ASC],
          filter: { or: [{ text: { includes: $text } }, { title: { includes: $text } }] }) { totalCount nodes { id ordinal title } } }`,
        () => ({ text: SEARCH_WORD }),
      ),
    },
  ];
}

/** Every leaf value of a response but ids (global in one API, raw in the other), sorted. */
function leaves(value: unknown, key = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => leaves(item, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([child, item]) => leaves(item, child));
  return key === 'id' ? [] : [String(value)];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** PostGraphile and its connection-filter plugin (for the text search), in a folder of their own. */
function installPostGraphile(): string {
  const dir = join(tmpdir(), `plan-atlas-postgraphile-${POSTGRAPHILE}`);
  if (!existsSync(join(dir, 'node_modules', '.bin', 'postgraphile'))) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
    console.log(`Installing PostGraphile ${POSTGRAPHILE} into ${dir}…`);
    execFileSync(
      'npm',
      ['install', '--no-audit', '--no-fund', `postgraphile@${POSTGRAPHILE}`, `postgraphile-plugin-connection-filter@${CONNECTION_FILTER}`],
      { cwd: dir, stdio: 'inherit' },
    );
  }
  return dir;
}

async function startPostGraphile(dir: string, databaseUrl: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  const child = spawn(
    join(dir, 'node_modules', '.bin', 'postgraphile'),
    [
      ...['--connection', databaseUrl, '--host', '127.0.0.1', '--port', String(port)],
      ...['--simple-collections', 'both', '--append-plugins', 'postgraphile-plugin-connection-filter'],
      ...['--disable-query-log', '--max-pool-size', '10'],
    ],
    { cwd: dir, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`PostGraphile exited:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
      if (response.ok) return { child, baseUrl };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`PostGraphile did not start:\n${output}`);
}

const seconds = Number(options.seconds);
const rounds = Number(options.rounds);
const clients = Number(options.clients);
const postgraphileDir = installPostGraphile();
const database = await openBenchDatabase({ serverUrl: process.env.BENCH_DATABASE_URL || undefined });
const processes: ChildProcess[] = [];
const results: Record<string, any> = {
  date: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  postgres: database.version,
  loadAtStart: loadAverage(),
  clients,
  seconds,
  rounds,
};
try {
  // Plan Atlas loads the reference data and the two seed plans into the empty database.
  const atlas = await startServer(database.url, { READ_CACHE: 'off' });
  processes.push(atlas.child);
  const peer = await startPostGraphile(postgraphileDir, database.url);
  processes.push(peer.child);
  const requests = pairs();
  for (const pair of requests) {
    for (const call of [0, 1]) {
      const ours = leaves(await checkScenario(atlas.baseUrl, { ...pair.atlas, variables: () => pair.atlas.variables(call) })).sort();
      const theirs = leaves(await checkScenario(peer.baseUrl, { ...pair.peer, variables: () => pair.peer.variables(call) })).sort();
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) throw new Error(`${pair.name}: the two APIs return different data`);
    }
  }
  results.requests = {};
  // One unmeasured run each first: both servers' code is compiled by V8's JIT, and their pools filled.
  for (const pair of requests) {
    await runLoad(atlas.baseUrl, pair.atlas, clients, WARM_UP_SECONDS);
    await runLoad(peer.baseUrl, pair.peer, clients, WARM_UP_SECONDS);
  }
  for (const pair of requests) {
    const figures: Record<'atlas' | 'peer', { throughput: number; p95: number; cpuMs: number; databaseCpuMs: number }[]> = {
      atlas: [],
      peer: [],
    };
    for (let round = 0; round < rounds; round++) {
      for (const side of ['atlas', 'peer'] as const) {
        const pid = (side === 'atlas' ? atlas : peer).child.pid!;
        // The server's own CPU (user + system, all its threads) over the run, per request answered:
        // unlike req/s, the other processes on the machine barely move it.
        const meter = cpuMeter(pid);
        const run = await runLoad(side === 'atlas' ? atlas.baseUrl : peer.baseUrl, pair[side], clients, seconds);
        const { serverMs: cpuMs, databaseMs } = meter(run.requests);
        if (run.errors) throw new Error(`${pair.name} (${side}): ${run.errors} errors`);
        figures[side].push({ throughput: run.throughput, p95: run.p95, cpuMs, databaseCpuMs: databaseMs });
        console.log(
          `  ${pair.name} ${side} round ${round + 1}: ${run.throughput} req/s, p95 ${run.p95} ms, ${cpuMs} ms CPU a request, database ${databaseMs} ms`,
        );
      }
    }
    results.requests[pair.name] = {
      atlas: figures.atlas,
      peer: figures.peer,
      ratio: median(figures.atlas.map((run) => run.throughput)) / median(figures.peer.map((run) => run.throughput)),
      cpuRatio: median(figures.peer.map((run) => run.cpuMs)) / median(figures.atlas.map((run) => run.cpuMs)),
    };
  }
  results.atlasMemory = serverMemory(atlas.child.pid!);
  results.peerMemory = serverMemory(peer.child.pid!);
  // And once the servers have been idle a while (SETTLE_SECONDS).
  await new Promise((resolve) => setTimeout(resolve, SETTLE_SECONDS * 1000));
  results.atlasMemorySettled = serverMemory(atlas.child.pid!);
  results.peerMemorySettled = serverMemory(peer.child.pid!);
  results.loadAtEnd = loadAverage();
} finally {
  for (const child of processes) if (child.exitCode === null) await stopServer(child);
  await database.close();
}

const report = renderReport(results);
mkdirSync(join(serverDir, 'bench', 'results'), { recursive: true });
writeFileSync(join(serverDir, 'bench', 'results', 'peer.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\n${report}`);
if (options.write) {
  const file = join(serverDir, '..', 'BENCHMARKS.md');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace(/<!-- peer:start -->[\s\S]*<!-- peer:end -->/, `<!-- peer:start -->\n${report}\n<!-- peer:end -->`));
  console.log(`Wrote the results into ${file}`);
}
process.exit(0);

function renderReport(results: Record<string, any>): string {
  const range = (runs: { throughput: number }[]) => {
    const values = runs.map((run) => run.throughput);
    return `${Math.min(...values)}–${Math.max(...values)}`;
  };
  const m = results.machine;
  const lines = [
    `Run ${results.date.slice(0, 16).replace('T', ' ')} UTC: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, PostgreSQL ${results.postgres}; ` +
      `PostGraphile ${POSTGRAPHILE}; ${results.clients} clients, ${results.rounds} interleaved rounds of ${results.seconds} s after a warm-up of ${WARM_UP_SECONDS} s; load average ${results.loadAtStart} at start, ${results.loadAtEnd} at end.`,
    '',
    '| Request | Plan Atlas req/s | p95 ms | CPU ms/request | database ms/request | PostGraphile req/s | p95 ms | CPU ms/request | database ms/request | ratio req/s (medians) | ratio CPU (medians) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const cpu = (runs: { cpuMs: number }[]) => median(runs.map((run) => run.cpuMs)).toFixed(2);
  // Runs recorded before the database's CPU was read have none.
  const database = (runs: { databaseCpuMs?: number }[]) =>
    runs.every((run) => run.databaseCpuMs !== undefined) ? median(runs.map((run) => run.databaseCpuMs!)).toFixed(2) : '–';
  for (const [name, figures] of Object.entries(results.requests as Record<string, any>)) {
    lines.push(
      `| ${name} | ${range(figures.atlas)} | ${median(figures.atlas.map((run: any) => run.p95))} | ${cpu(figures.atlas)} | ${database(figures.atlas)} | ${range(figures.peer)} | ${median(figures.peer.map((run: any) => run.p95))} | ${cpu(figures.peer)} | ${database(figures.peer)} | **${figures.ratio.toFixed(2)}×** | **${figures.cpuRatio.toFixed(2)}×** |`,
    );
  }
  lines.push('');
  lines.push(
    "CPU ms/request: the server process's user + system CPU time over a run (all its threads: the main one, garbage collection, libuv) divided by the requests it answered, the figure the machine's load distorts least; the CPU ratio is PostGraphile's over Plan Atlas's, so above 1.0× Plan Atlas spends less. PostgreSQL's own CPU is in neither: database ms/request is every PostgreSQL process's CPU time over the same run (the backends serving the requests, mostly) divided by the requests answered.",
  );
  lines.push('');
  lines.push(
    `Resident memory after the runs: Plan Atlas ${results.atlasMemory.rssMiB} MiB (peak ${results.atlasMemory.peakRssMiB}; ${results.atlasMemorySettled.rssMiB} MiB after ${SETTLE_SECONDS} s idle), PostGraphile ${results.peerMemory.rssMiB} MiB (peak ${results.peerMemory.peakRssMiB}; ${results.peerMemorySettled.rssMiB} MiB after ${SETTLE_SECONDS} s idle).`,
  );
  return lines.join('\n');
}
