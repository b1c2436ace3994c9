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
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { Command } from 'commander';
import { execute, parse } from 'graphql';
import { createContext } from '../src/graphql/context.js';
import { toGlobalId } from '../src/graphql/global-id.js';
import { buildApiSchema } from '../src/graphql/schema.js';
import { openBenchDatabase } from './database.js';
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
const PHASES: Array<[phase: string, matches: (functionName: string, url: string) => boolean]> = [
  ['matching', (name) => ['matchChanges', 'matchTasks', 'scoreAcross'].includes(name)],
  ['clause diffs', (name) => ['compareClauses', 'diffText'].includes(name)],
  ['agencies, targets', (name) => ['compareAgencies', 'compareTargets'].includes(name)],
  ['fingerprint', (name) => name === 'changeSetFingerprint'],
  ['read', (name, url) => name === 'readPlans' || /node_modules\/(\.pnpm\/)?(pg|pg-protocol|pg-types|typeorm)[@/]/.test(url)],
  ['execution', (_, url) => /node_modules\/(\.pnpm\/)?(graphql|type-graphql)[@/]/.test(url)],
];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

/** CPU milliseconds of a profile by phase, GC apart, idle left out. */
function phasesOf(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }): Map<string, number> {
  const parent = new Map<number, ProfileNode>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const phaseOf = new Map<number, string>();
  const classify = (node: ProfileNode): string => {
    let phase = phaseOf.get(node.id);
    if (phase) return phase;
    const { functionName, url } = node.callFrame;
    if (functionName === '(garbage collector)') phase = 'garbage collection';
    else if (functionName === '(idle)' || functionName === '(program)') phase = 'idle';
    else phase = PHASES.find(([, matches]) => matches(functionName, url))?.[0];
    const above = parent.get(node.id);
    phase ??= above ? classify(above) : 'other (context, JSON answer, Node I/O)';
    phaseOf.set(node.id, phase);
    return phase;
  };
  const totals = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const phase = classify(byId.get(id)!);
    totals.set(phase, (totals.get(phase) ?? 0) + profile.timeDeltas[index] / 1000);
  });
  totals.delete('idle');
  return totals;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

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

console.log(`${pairs.length} pairs, ${options.rounds} rounds; load average ${load()}`);
const perRequest: number[] = [];
for (let round = 0; round < Number(options.rounds); round++) {
  const start = process.cpuUsage();
  await pass();
  const { user, system } = process.cpuUsage(start);
  perRequest.push((user + system) / 1000 / pairs.length);
}
console.log(
  `CPU per change set: ${median(perRequest).toFixed(2)} ms, median of rounds ${perRequest.map((ms) => ms.toFixed(2)).join(', ')} (load average ${load()})`,
);

if (options.phases) {
  // One more pass, profiled: where its CPU went.
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  await pass();
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const totals = phasesOf(profile as Parameters<typeof phasesOf>[0]);
  const sum = [...totals.values()].reduce((a, b) => a + b, 0);
  console.log("Where a change set's CPU goes (a profiled pass), ms per change set and share:");
  for (const [phase, ms] of [...totals].sort((a, b) => b[1] - a[1])) {
    console.log(`  ${phase.padEnd(30)} ${(ms / pairs.length).toFixed(2).padStart(6)}  ${((100 * ms) / sum).toFixed(0).padStart(3)} %`);
  }
}

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
