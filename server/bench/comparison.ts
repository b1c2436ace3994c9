/**
 * `tsx bench/comparison.ts`: the bench's `comparison of 10` and a query of every field of a
 * comparison, over many sets of jurisdictions of the bench database, in-process. Prints the CPU per
 * comparison (and with `--phases`, where it goes), and writes the answers (`--out`) or checks them
 * against answers written before (`--expect`): the comparison must answer the same, byte for byte,
 * whatever is made faster. With `--http`, it also starts the server as the bench does and reports,
 * per number of clients, latency and the CPU per request of the server process and of the database's
 * backends (PostgreSQL on this machine).
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres BENCH_DATABASE_NAME=<a bench database> \
 *     pnpm --filter @plan-atlas/server exec tsx bench/comparison.ts --rounds 5 --expect /tmp/comparisons.json
 *
 * It migrates the database it is given (as `bench --reuse` does) and writes nothing else to it.
 */
import 'reflect-metadata';
import { Command } from 'commander';
import { execute, parse } from 'graphql';
import { createContext } from '../src/graphql/context.js';
import { buildApiSchema } from '../src/graphql/schema.js';
import { openBenchDatabase } from './database.js';
import { runLoad, warmUp, type Scenario } from './http-load.js';
import { cpuPerItem, DRIVER, EXECUTION, loadAverage, printPhases, writeOrCheckAnswers, type Phase } from './in-process.js';
import { benchScenarios } from './scenarios.js';
import { cpuMeter, startServer, stopServer } from './server.js';

const options = new Command()
  .option('--rounds <n>', 'passes over the bench sets (the CPU per comparison is their median)', '5')
  .option('--out <file>', 'write the answers, by query and set, as JSON')
  .option('--expect <file>', 'compare the answers with a file written by --out; exit 1 when one differs')
  .option('--phases', 'profile one more pass and split its CPU by phase (reading, building the cells, execution…)')
  .option('--profile <file>', 'with --phases: also write the profiled pass (.cpuprofile)')
  .option('--http <clients>', 'also load the server with these client counts, comma-separated (e.g. 1,32)')
  .option('--seconds <n>', 'duration of each HTTP load', '8')
  .parse()
  .opts<{ rounds: string; out?: string; expect?: string; phases?: boolean; profile?: string; http?: string; seconds: string }>();

/** Every field of a comparison, its cells' plans, tasks and targets: what the check compares beyond the bench's own query. */
const EVERY_FIELD = `query Comparison($codes: [String!]!, $year: Int!) {
  comparison(jurisdictionCodes: $codes, year: $year) {
    year
    jurisdictions { id code name fullName shortName pinyin level validFrom validUntil }
    rows {
      theme { key name nameEn ordinal }
      missingFrom { code }
      uniqueTo { code name }
      cells {
        jurisdiction { id code name }
        plan { id year title }
        tasks { id ordinal label fullLabel path title text spanStart spanEnd plan { id } }
        unmatchedTasks { id ordinal title }
        indicators { id ordinal subject comparator value unit period cumulative qualifier sourceText spanStart spanEnd task { id } }
      }
    }
  }
}`;

const PHASES: Phase[] = [
  ['driver (pg, TypeORM)', (_, url) => DRIVER.test(url)],
  ['comparison service', (_, url) => url.includes('/src/alignment/comparison')],
  ['execution (graphql-js, graphql-jit)', (_, url) => EXECUTION.test(url)],
];

const database = await openBenchDatabase({ serverUrl: process.env.BENCH_DATABASE_URL, reuse: true });
const { dataSource } = database;
const [{ year }]: { year: number }[] = await dataSource.query(`SELECT max(year) AS year FROM plan`);
const scenario = (await benchScenarios(dataSource, year)).find((each) => each.name === 'comparison of 10')!;
const tens = Array.from({ length: scenario.rotation }, (_, call) => scenario.variables(call).codes as string[]);
const provinces: { codes: string[] }[] = await dataSource.query(
  `SELECT array_agg(code ORDER BY code) AS codes FROM jurisdiction WHERE level = 'CITY' GROUP BY parent_code ORDER BY parent_code`,
);

/** The sets checked: the bench's tens, the same backwards, by threes, one alone, a province's cities, with repeats, and ones that fail. */
const checked: Array<{ codes: string[]; year: number }> = [
  ...tens.map((codes) => ({ codes, year })),
  ...tens.map((codes) => ({ codes: [...codes].reverse(), year })),
  ...tens.slice(0, 10).flatMap((codes) => [
    { codes: codes.slice(0, 3), year },
    { codes: [codes[1]], year },
  ]),
  ...provinces.map(({ codes }) => ({ codes: codes.slice(0, 50), year })),
  { codes: [...tens[0], tens[0][0], tens[0][3]], year },
  { codes: tens[0], year: year - 1 },
  { codes: [tens[0][0], '999999'], year },
  { codes: [], year },
];

const schema = await buildApiSchema();
const queries = { bench: parse(scenario.query), everyField: parse(EVERY_FIELD) };
const answers: Record<string, string> = {};

async function run(document: ReturnType<typeof parse>, variables: { codes: string[]; year: number }): Promise<string> {
  const context = createContext(dataSource);
  const result = await execute({ schema, document, contextValue: context, variableValues: variables });
  await context.snapshot.close();
  return JSON.stringify(result);
}

/** One pass of the bench's query over its sets: the request as the server runs it less Apollo and HTTP. */
async function pass(): Promise<void> {
  for (const codes of tens) {
    const answer = await run(queries.bench, { codes, year });
    if (answer.includes('"errors"')) throw new Error(`${codes.join(',')}: ${answer.slice(0, 500)}`);
  }
}

for (const [name, document] of Object.entries(queries)) {
  for (const variables of checked) answers[`${name} ${variables.year} ${variables.codes.join(',')}`] = await run(document, variables);
}

console.log(`${tens.length} sets of ten for ${year}, ${options.rounds} rounds; load average ${loadAverage()}`);
await pass();
await cpuPerItem(pass, tens.length, Number(options.rounds), 'comparison');
if (options.phases) await printPhases(pass, tens.length, 'comparison', PHASES, 'other (context, snapshot, JSON answer)', options.profile);

if (options.http) {
  // The server as the bench starts it, read cache off; the CPU is the whole process's, from /proc,
  // and the database's that of every PostgreSQL process on this machine (cpuMeter in server.ts).
  const { child, baseUrl } = await startServer(database.url, { READ_CACHE: 'off' });
  try {
    await warmUp(baseUrl, scenario as Scenario);
    for (const clients of options.http.split(',').map(Number)) {
      const loadBefore = loadAverage();
      const meter = cpuMeter(child.pid!);
      const figures = await runLoad(baseUrl, scenario, clients, Number(options.seconds));
      const { serverMs, databaseMs } = meter(figures.requests);
      console.log(
        `HTTP × ${clients}: p50 ${figures.p50} ms, p95 ${figures.p95} ms, ${figures.throughput} req/s, ${figures.errors} errors, ` +
          `CPU per request: server ${serverMs.toFixed(2)} ms, database ${databaseMs.toFixed(2)} ms (load ${loadBefore} → ${loadAverage()})`,
      );
    }
  } finally {
    await stopServer(child);
  }
}

const failed = writeOrCheckAnswers(answers, options);
await database.close();
process.exit(failed ? 1 : 0);
