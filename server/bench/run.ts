/**
 * `pnpm run bench`: the national-scale benchmark. Builds a synthetic corpus (every jurisdiction,
 * several years) in a dedicated database, imports it through the product's import path, aligns it
 * at 100, 1,000 and all jurisdictions, then measures GraphQL latency and throughput at 1 and 32
 * clients on loopback, statements per request and the server's memory. See BENCHMARKS.md.
 */
import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { runAlignment } from '../src/alignment/alignment.service.js';
import { refreshStatistics } from '../src/db/bulk-write.js';
import { storeChangeSets } from '../src/change/change-set.js';
import { importPlan } from '../src/importer/import-service.js';
import { seedsDir } from '../src/common/paths.js';
import { Corpus } from './corpus/corpus.js';
import { loadTemplates } from './corpus/plans.js';
import { openBenchDatabase } from './database.js';
import { checkScenario, runLoad, warmUp, type LoadFigures } from './http-load.js';
import { loadAverage } from './in-process.js';
import { loadCorpus } from './load.js';
import { benchScenarios } from './scenarios.js';
import { cpuMeter, serverMemory, SETTLE_SECONDS, startServer, stopServer } from './server.js';
import { statementsPerRequest } from './statements.js';

/** One load run as recorded: its figures, the load average around it, and CPU per request (absent from older results). */
type Measured = LoadFigures & { load: string; serverCpuMs?: number; databaseCpuMs?: number };

const serverDir = fileURLToPath(new URL('../', import.meta.url));
const ALL_PROVINCES = 31;
const STAGES = [100, 1_000];

const program = new Command()
  .name('bench')
  .description('Benchmark Plan Atlas on a synthetic national corpus.')
  .option('--scale <fraction>', 'share of the 31 provinces to generate (0.1 → 3 provinces)', '1')
  .option('--years <n>', 'plan years per jurisdiction, from 2021', '3')
  .option('--seed <n>', 'corpus seed', '1')
  .option('--seconds <n>', 'duration of each load test', '8')
  .option('--no-http', 'skip the GraphQL load tests')
  .option('--only <names>', "measure only these requests, comma-separated (e.g. 'plan changes,sampling cascade')")
  .option('--clients <list>', 'client counts of each load test, comma-separated', '1,32')
  .option('--cache <mode>', "measure with the read cache 'uncached', 'cached' or 'both'", 'both')
  .option('--reuse', 'with BENCH_DATABASE_URL: keep the bench database when it holds a corpus, and skip the import and alignment')
  .option('--write', 'replace the generated section of BENCHMARKS.md with the results')
  .parse();
const options = program.opts<{
  scale: string;
  years: string;
  seed: string;
  seconds: string;
  http: boolean;
  only?: string;
  clients: string;
  reuse?: boolean;
  cache: 'uncached' | 'cached' | 'both';
  write?: boolean;
}>();

const log = (message: string) => console.log(message);

const provinces = Math.max(1, Math.round(ALL_PROVINCES * Number(options.scale)));
const years = Array.from({ length: Number(options.years) }, (_, index) => 2021 + index);
const seconds = Number(options.seconds);
const clientCounts = options.clients.split(',').map(Number);
const only = options.only?.split(',').map((name) => name.trim());
if (options.reuse && !process.env.BENCH_DATABASE_URL) throw new Error('--reuse keeps a database on BENCH_DATABASE_URL: set it.');
// The generated section of BENCHMARKS.md is a whole run's.
if (options.write && (only || options.reuse || options.cache !== 'both'))
  throw new Error('--write takes a whole run: no --only, --reuse or --cache.');

const database = await openBenchDatabase({ serverUrl: process.env.BENCH_DATABASE_URL || undefined, reuse: options.reuse });
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: {
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres: database.version,
    database: process.env.BENCH_DATABASE_URL ? 'BENCH_DATABASE_URL' : 'embedded',
    readCache: process.env.REDIS_URL ? 'in-process + Redis (REDIS_URL)' : 'in-process',
    loadAtStart: loadAverage(),
  },
};
let server: ChildProcess | undefined;
try {
  const corpus = new Corpus(await loadTemplates(), { seed: Number(options.seed), years, provinces });
  const jurisdictions = corpus.planned.length;
  log(`Corpus: ${jurisdictions} jurisdictions in ${provinces} provinces × ${years.length} years = ${corpus.planCount} plans`);
  const [{ count: planned }]: { count: number }[] = await database.dataSource.query('SELECT count(*)::int AS count FROM plan');
  const reused = options.reuse && planned > 0;
  if (reused) {
    // A corpus aligned before change sets were stored (migration PlanChangeSets) gets them now, as its alignment would have.
    const stored = await storeChangeSets(database.dataSource);
    log(`Reusing the bench database's corpus (${planned} plans): no import, no alignment; ${stored} change sets stored.`);
  }

  if (!reused) {
    // Load in stages and align after each: alignment time at 100, 1,000 and all jurisdictions.
    const stages = [...STAGES.filter((stage) => stage < jurisdictions), jurisdictions];
    const alignment: Array<Record<string, number>> = [];
    let imported = { plans: 0, tasks: 0, milliseconds: 0 };
    let from = 0;
    for (const to of stages) {
      log(`Importing the plans of jurisdictions ${from + 1}–${to}…`);
      const loaded = await loadCorpus(database.dataSource, corpus, { from, to, log });
      imported = {
        plans: imported.plans + loaded.plans,
        tasks: imported.tasks + loaded.tasks,
        milliseconds: imported.milliseconds + loaded.importMilliseconds,
      };
      from = to;
      log(`Aligning ${to} jurisdictions (${imported.plans} plans)…`);
      // From scratch each time: the figure is what aligning that many jurisdictions costs.
      await database.dataSource.query('TRUNCATE task_alignment, task_theme');
      const summary = await runAlignment(database.dataSource);
      alignment.push({
        jurisdictions: to,
        plans: imported.plans,
        tasks: summary.tasks,
        links: summary.links,
        seconds: summary.milliseconds / 1000,
      });
      log(`  ${summary.tasks} tasks, ${summary.links} links in ${summary.milliseconds / 1000} s`);
    }
    results.import = { ...imported, plansPerSecond: Math.round((imported.plans / imported.milliseconds) * 1000) };
    results.alignment = alignment;
  }
  const [sizes]: { plans: string; tasks: string; links: string; database: string }[] = await database.dataSource.query(
    `SELECT (SELECT count(*) FROM plan) AS plans, (SELECT count(*) FROM task) AS tasks, (SELECT count(*) FROM task_alignment) AS links,
       pg_size_pretty(pg_database_size(current_database())) AS database`,
  );
  results.sizes = sizes;

  if (!reused) {
    // One real document into the loaded corpus: parse, write, and re-align its year and province.
    const xuzhou = { fileName: 'xuzhou-2021.md', bytes: readFileSync(join(seedsDir, 'xuzhou-2021.md')) };
    const single = performance.now();
    await importPlan(database.dataSource, xuzhou);
    results.singleImportSeconds = Math.round(performance.now() - single) / 1000;
    log(`One document imported into the corpus (with its group's re-alignment) in ${results.singleImportSeconds} s`);
  }

  if (options.http) {
    // Fresh statistics of what the alignment wrote, as autovacuum would have them on a database that
    // has been running (the alignment refreshed them before it wrote its links).
    await refreshStatistics(database.dataSource);
    const scenarios = (await benchScenarios(database.dataSource, years[years.length - 1])).filter(
      (scenario) => !only || only.some((name) => scenario.name.startsWith(name)),
    );
    if (scenarios.length === 0) throw new Error(`--only ${options.only}: no such request`);
    results.statements = await statementsPerRequest(database.url, scenarios);
    log(`Statements per request: ${JSON.stringify(results.statements)}`);

    // The same requests without and with the read cache (warmed first: its steady state): what the
    // database path costs, and what is served.
    const latency: Record<string, Record<string, Array<Measured>>> = { uncached: {}, cached: {} };
    const modes = options.cache === 'both' ? (['uncached', 'cached'] as const) : ([options.cache] as const);
    for (const mode of modes) {
      const started = await startServer(database.url, { READ_CACHE: mode === 'cached' ? 'on' : 'off' });
      server = started.child;
      for (const scenario of scenarios) await checkScenario(started.baseUrl, scenario);
      for (const scenario of scenarios) {
        if (mode === 'cached') await warmUp(started.baseUrl, scenario);
        latency[mode][scenario.name] = [];
        for (const clients of clientCounts) {
          const loadBefore = loadAverage();
          const meter = cpuMeter(server.pid!);
          const figures = await runLoad(started.baseUrl, scenario, clients, seconds);
          const during = `${loadBefore} → ${loadAverage()}`;
          const { serverMs, databaseMs } = meter(figures.requests);
          latency[mode][scenario.name].push({ ...figures, load: during, serverCpuMs: serverMs, databaseCpuMs: databaseMs });
          log(
            `  ${mode} ${scenario.name} × ${clients}: p50 ${figures.p50} ms, p95 ${figures.p95} ms, p99 ${figures.p99} ms, ${figures.throughput} req/s, CPU ${serverMs} ms server + ${databaseMs} ms database a request (load ${during})`,
          );
        }
      }
      const afterLoad = serverMemory(server.pid!);
      await new Promise((resolve) => setTimeout(resolve, SETTLE_SECONDS * 1000));
      results[`serverMemory${mode === 'cached' ? 'Cached' : 'Uncached'}`] = {
        ...afterLoad,
        settledRssMiB: serverMemory(server.pid!).rssMiB,
      };
      await stopServer(server);
      server = undefined;
    }
    results.latency = latency;
  }
  (results.machine as Record<string, unknown>).loadAtEnd = loadAverage();
} finally {
  server?.kill('SIGTERM');
  await database.close();
}

const report = renderReport(results);
const resultsDir = join(serverDir, 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\n${report}`);
if (options.write) {
  const file = join(serverDir, '..', 'BENCHMARKS.md');
  const text = readFileSync(file, 'utf8');
  const replaced = text.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, `<!-- bench:start -->\n${report}\n<!-- bench:end -->`);
  writeFileSync(file, replaced);
  log(`Wrote the results into ${file}`);
}
process.exit(0);

/** The results as the Markdown BENCHMARKS.md shows. */
function renderReport(results: Record<string, any>): string {
  const lines: string[] = [];
  const machine = results.machine;
  lines.push(
    `Run ${results.date.slice(0, 16).replace('T', ' ')} UTC: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres} (${machine.database}), read cache: ${machine.readCache}; load average ${machine.loadAtStart} at start, ${machine.loadAtEnd} at end.`,
  );
  lines.push('');
  const imported = results.import;
  lines.push(
    `Corpus: ${results.sizes.plans} plans, ${results.sizes.tasks} tasks, ${results.sizes.links} alignment links; database ${results.sizes.database}.`,
  );
  if (imported) renderImport(lines, results);
  if (results.latency) {
    lines.push('');
    lines.push(
      '| Request | statements | read cache | clients | p50 ms | p95 ms | p99 ms | req/s | CPU ms a request, server + database | errors | load average (1, 5, 15 min) before → after |',
    );
    lines.push('|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const [mode, byScenario] of Object.entries(results.latency as Record<string, Record<string, Array<Measured>>>)) {
      for (const [name, runs] of Object.entries(byScenario)) {
        for (const run of runs) {
          // Runs recorded before the CPU was read have none.
          const cpu = run.serverCpuMs === undefined ? '–' : `${run.serverCpuMs} + ${run.databaseCpuMs}`;
          lines.push(
            `| ${name} | ${results.statements[name].join(' / ')} | ${mode === 'cached' ? 'on' : 'off'} | ${run.clients} | ${run.p50} | ${run.p95} | ${run.p99} | ${run.throughput} | ${cpu} | ${run.errors} | ${run.load} |`,
          );
        }
      }
    }
    lines.push('');
    const memory = (figures: { rssMiB: number; peakRssMiB: number; settledRssMiB?: number } | undefined, cache: string) =>
      figures
        ? [
            `${figures.rssMiB} MiB resident ${cache} (peak ${figures.peakRssMiB} MiB${figures.settledRssMiB === undefined ? '' : `; ${figures.settledRssMiB} MiB after ${SETTLE_SECONDS} s idle`})`,
          ]
        : [];
    lines.push(
      `Server memory after its load tests: ${[...memory(results.serverMemoryUncached, 'without the read cache'), ...memory(results.serverMemoryCached, 'with it')].join(', ')}.`,
    );
  }
  return lines.join('\n');
}

/** The import and alignment figures (a run that built its corpus). */
function renderImport(lines: string[], results: Record<string, any>): void {
  const imported = results.import;
  lines.push('');
  lines.push(
    `Import: ${imported.plans} plans in ${(imported.milliseconds / 1000).toFixed(1)} s = **${imported.plansPerSecond} plans/s** (generation included; alignment deferred). One real document into the loaded corpus, re-aligning its year and province: ${results.singleImportSeconds} s.`,
  );
  lines.push('');
  lines.push('| Alignment | plans | tasks | links | seconds | ms per task |');
  lines.push('|---|---:|---:|---:|---:|---:|');
  for (const stage of results.alignment) {
    lines.push(
      `| ${stage.jurisdictions} jurisdictions | ${stage.plans} | ${stage.tasks} | ${stage.links} | ${stage.seconds.toFixed(1)} | ${((stage.seconds * 1000) / stage.tasks).toFixed(2)} |`,
    );
  }
}
