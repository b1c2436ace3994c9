/**
 * `tsx bench/change-sets.ts`: every consecutive plan pair of the bench database as a change set,
 * in-process, with the bench's query (scenarios.ts PLAN_CHANGES). Prints the CPU per change set
 * (and with `--phases`, where it goes: read, matching, clause diffs, GraphQL execution…), and
 * writes the answers (`--out`) or checks them against answers written before (`--expect`): the
 * change set must answer the same, byte for byte, whatever is made faster.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres BENCH_DATABASE_NAME=<a copy of the bench database> \
 *     pnpm --filter @plan-atlas/server exec tsx bench/change-sets.ts --rounds 3 --expect /tmp/answers.json
 *
 * It migrates the database it is given (as `bench --reuse` does) and writes nothing else to it.
 */
import 'reflect-metadata';
import { Command } from 'commander';
import { execute, parse } from 'graphql';
import { createContext } from '../src/graphql/context.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { buildApiSchema } from '../src/graphql/schema.js';
import { openBenchDatabase } from './database.js';
import { cpuPerItem, DRIVER, EXECUTION, loadAverage, printPhases, writeOrCheckAnswers, type Phase } from './in-process.js';
import { PLAN_CHANGES } from './scenarios.js';

const options = new Command()
  .option('--rounds <n>', 'passes over all pairs (the CPU per change set is their median)', '3')
  .option('--out <file>', 'write the answers, by pair, as JSON')
  .option('--expect <file>', 'compare the answers with a file written by --out; exit 1 when one differs')
  .option('--phases', 'profile one more pass and split its CPU by phase (read, matching, clause diffs, execution…)')
  .parse()
  .opts<{ rounds: string; out?: string; expect?: string; phases?: boolean }>();

/**
 * Where a profile's samples go: the innermost frame of a sample's stack that names a phase decides
 * (a normalize() under the matcher is matching, under a clause diff a diff). By function name for
 * the change set's own code, by package for the driver and graphql-js.
 */
const PHASES: Phase[] = [
  ['matching', (name) => ['matchChanges', 'matchTasks', 'scoreAcross'].includes(name)],
  ['clause diffs', (name) => ['compareClauses', 'diffText'].includes(name)],
  ['agencies, targets', (name) => ['compareAgencies', 'compareTargets'].includes(name)],
  ['fingerprint', (name) => name === 'changeSetFingerprint'],
  ['read', (name, url) => name === 'readPlans' || DRIVER.test(url)],
  ['execution', (_, url) => EXECUTION.test(url)],
];

const database = await openBenchDatabase({ serverUrl: process.env.BENCH_DATABASE_URL, reuse: true });
const { dataSource } = database;
const pairs: { from: string; to: string }[] = await dataSource.query(
  `SELECT earlier.id AS "from", later.id AS "to" FROM plan later
   JOIN plan earlier ON earlier.jurisdiction_code = later.jurisdiction_code AND earlier.year = later.year - 1
   ORDER BY later.id`,
);
const schema = await buildApiSchema();
const document = parse(PLAN_CHANGES);
const answers: Record<string, string> = {};

/** One pass over the pairs, each the whole request as the server runs it less Apollo and HTTP: execution and the JSON answer. */
async function pass(): Promise<void> {
  for (const { from, to } of pairs) {
    const context = createContext(dataSource);
    const result = await execute({
      schema,
      document,
      contextValue: context,
      variableValues: { from: toGlobalId('Plan', from), to: toGlobalId('Plan', to) },
    });
    await context.snapshot.close();
    const answer = JSON.stringify(result);
    if (result.errors) throw new Error(`${from} > ${to}: ${answer}`);
    answers[`${from}>${to}`] ??= answer;
  }
}

console.log(`${pairs.length} pairs, ${options.rounds} rounds; load average ${loadAverage()}`);
await cpuPerItem(pass, pairs.length, Number(options.rounds), 'change set');
if (options.phases) await printPhases(pass, pairs.length, 'change set', PHASES, 'other (context, JSON answer, Node I/O)');
const failed = writeOrCheckAnswers(answers, options);
await database.close();
process.exit(failed ? 1 : 0);
