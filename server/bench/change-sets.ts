/**
 * `tsx bench/change-sets.ts`: every consecutive plan pair of the bench database as a change set,
 * in-process, with the bench's query (scenarios.ts PLAN_CHANGES). Prints the CPU per change set by
 * phase (read, matching, clause diffs, agencies, targets, GraphQL execution and serialisation), and
 * writes the answers (`--out`) or checks them against answers written before (`--expect`): the
 * change set must answer the same, byte for byte, whatever is made faster.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres BENCH_DATABASE_NAME=<a copy of the bench database> \
 *     pnpm --filter @plan-atlas/server exec tsx bench/change-sets.ts --rounds 3 --expect /tmp/answers.json
 *
 * It migrates the database it is given (as `bench --reuse` does) and writes nothing else to it.
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Command } from 'commander';
import { execute, parse } from 'graphql';
import { findPlanChanges } from '../src/change/change.service.js';
import { readPlans } from '../src/change/change.reader.js';
import { createContext } from '../src/graphql/context.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { createLoaders } from '../src/graphql/loaders.js';
import { buildApiSchema } from '../src/graphql/schema.js';
import { openBenchDatabase } from './database.js';
import { PLAN_CHANGES } from './scenarios.js';

const options = new Command()
  .option('--rounds <n>', 'passes over all pairs (phases are the median of the rounds)', '3')
  .option('--out <file>', 'write the answers, by pair, as JSON')
  .option('--expect <file>', 'compare the answers with a file written by --out; exit 1 when one differs')
  .parse()
  .opts<{ rounds: string; out?: string; expect?: string }>();

const PHASES = ['read', 'matching', 'clause diffs', 'agencies', 'targets', 'request'] as const;
type Phase = (typeof PHASES)[number];

/** CPU microseconds (user + system) of this process while `work` runs. */
async function cpu(work: () => Promise<unknown> | unknown): Promise<number> {
  const start = process.cpuUsage();
  await work();
  const { user, system } = process.cpuUsage(start);
  return user + system;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

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
const rounds: Record<Phase, number>[] = [];
console.log(
  `${pairs.length} pairs, ${options.rounds} rounds; load average ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}`,
);

for (let round = 0; round < Number(options.rounds); round++) {
  const total = Object.fromEntries(PHASES.map((phase) => [phase, 0])) as Record<Phase, number>;
  for (const { from, to } of pairs) {
    // The read alone, then the change set (its read again, and the matching), then each lazy part.
    total.read += await cpu(() => readPlans(dataSource, [from, to], createLoaders(dataSource)));
    let changes!: Awaited<ReturnType<typeof findPlanChanges>>;
    const readAndMatch = await cpu(async () => (changes = await findPlanChanges(dataSource, createLoaders(dataSource), from, to)));
    total.matching += readAndMatch;
    total['clause diffs'] += await cpu(() => changes.tasks.map((change) => change.clauses));
    total.agencies += await cpu(() => changes.tasks.map((change) => change.agencies));
    total.targets += await cpu(() => changes.tasks.map((change) => change.targets));
    // The whole request as the server runs it, less Apollo and HTTP: execution and the JSON answer.
    let answer = '';
    total.request += await cpu(async () => {
      const context = createContext(dataSource);
      const result = await execute({
        schema,
        document,
        contextValue: context,
        variableValues: { from: toGlobalId('Plan', from), to: toGlobalId('Plan', to) },
      });
      await context.snapshot.close();
      answer = JSON.stringify(result);
      if (result.errors) throw new Error(`${from} > ${to}: ${answer}`);
    });
    if (round === 0) answers[`${from}>${to}`] = answer;
  }
  total.matching -= total.read;
  rounds.push(total);
  console.log(
    `round ${round + 1}: load average ${loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')}`,
  );
}

const perPair = (phase: Phase) => median(rounds.map((round) => round[phase])) / pairs.length / 1000;
const parts = PHASES.filter((phase) => phase !== 'request');
const request = perPair('request');
const counted = parts.reduce((sum, phase) => sum + perPair(phase), 0);
console.log('CPU per change set, ms (median of the rounds):');
for (const phase of parts)
  console.log(`  ${phase.padEnd(14)} ${perPair(phase).toFixed(2).padStart(6)}  ${((100 * perPair(phase)) / request).toFixed(0)} %`);
console.log(
  `  ${'execution'.padEnd(14)} ${(request - counted).toFixed(2).padStart(6)}  ${((100 * (request - counted)) / request).toFixed(0)} %  (GraphQL execution and serialisation: the request less the above)`,
);
console.log(
  `  ${'request'.padEnd(14)} ${request.toFixed(2).padStart(6)}  (GraphQL execute + JSON.stringify; rounds: ${rounds.map((round) => (round.request / pairs.length / 1000).toFixed(2)).join(', ')})`,
);

if (options.out) writeFileSync(options.out, JSON.stringify(answers, null, 1));
let failed = false;
if (options.expect) {
  const expected: Record<string, string> = JSON.parse(readFileSync(options.expect, 'utf8'));
  const differing = Object.keys({ ...expected, ...answers }).filter((pair) => expected[pair] !== answers[pair]);
  failed = differing.length > 0;
  console.log(
    failed
      ? `${differing.length} of ${pairs.length} answers differ from ${options.expect}: ${differing.slice(0, 10).join(', ')}`
      : `All ${pairs.length} answers are byte-identical to ${options.expect}.`,
  );
}
await database.close();
process.exit(failed ? 1 : 0);
