/**
 * What the benches share: the median and the load average; and what the in-process ones
 * (change-sets.ts, comparison.ts) share: CPU per item over rounds, a profiled pass split by phase,
 * and the answers written (`--out`) or checked against answers written before (`--expect`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The load averages (1, 5, 15 min), as the figures are written down with them. */
export const loadAverage = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

/** A phase and how to tell its frames: by function name, or by the file's URL (a package, our source). */
export type Phase = [phase: string, matches: (functionName: string, url: string) => boolean];

/** Frames of the driver and of GraphQL execution, which every request has. */
export const DRIVER = /node_modules\/(\.pnpm\/)?(pg|pg-protocol|pg-types|typeorm)[@/]/;
export const EXECUTION = /node_modules\/(\.pnpm\/)?(graphql|graphql-jit|type-graphql)[@/]/;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

/** CPU milliseconds of a profile by phase (the innermost frame that names one decides), GC apart, idle left out. */
function phasesOf(profile: Profile, phases: Phase[], other: string): Map<string, number> {
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
    else phase = phases.find(([, matches]) => matches(functionName, url))?.[0];
    const above = parent.get(node.id);
    phase ??= above ? classify(above) : other;
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

/** Runs `pass` `rounds` times and prints the CPU per item (the median of the rounds). */
export async function cpuPerItem(pass: () => Promise<void>, items: number, rounds: number, what: string): Promise<void> {
  const perItem: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = process.cpuUsage();
    await pass();
    const { user, system } = process.cpuUsage(start);
    perItem.push((user + system) / 1000 / items);
  }
  console.log(
    `CPU per ${what}: ${median(perItem).toFixed(2)} ms, median of rounds ${perItem.map((ms) => ms.toFixed(2)).join(', ')} (load average ${loadAverage()})`,
  );
}

/** Runs `pass` once more under the profiler and prints where its CPU went, per item and as a share. */
export async function printPhases(
  pass: () => Promise<void>,
  items: number,
  what: string,
  phases: Phase[],
  other: string,
  profileFile?: string,
): Promise<void> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  await pass();
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  if (profileFile) writeFileSync(profileFile, JSON.stringify(profile));
  const totals = phasesOf(profile as Profile, phases, other);
  const sum = [...totals.values()].reduce((a, b) => a + b, 0);
  console.log(`Where a ${what}'s CPU goes (a profiled pass), ms per ${what} and share:`);
  for (const [phase, ms] of [...totals].sort((a, b) => b[1] - a[1])) {
    console.log(`  ${phase.padEnd(40)} ${(ms / items).toFixed(2).padStart(6)}  ${((100 * ms) / sum).toFixed(0).padStart(3)} %`);
  }
}

/**
 * Writes the answers to `out`, and compares them with those `expected` holds (written by `out`
 * before): whatever is made faster must answer the same, byte for byte. True when one differs.
 */
export function writeOrCheckAnswers(answers: Record<string, string>, { out, expect }: { out?: string; expect?: string }): boolean {
  if (out) writeFileSync(out, JSON.stringify(answers, null, 1));
  if (!expect) return false;
  const expected: Record<string, string> = JSON.parse(readFileSync(expect, 'utf8'));
  const differing = Object.keys({ ...expected, ...answers }).filter((key) => expected[key] !== answers[key]);
  console.log(
    differing.length
      ? `${differing.length} of ${Object.keys(answers).length} answers differ from ${expect}: ${differing.slice(0, 5).join(' | ')}`
      : `All ${Object.keys(answers).length} answers are byte-identical to ${expect}.`,
  );
  return differing.length > 0;
}
