import { normalize } from '../alignment/text.js';
import type { Assignment } from '../assignment/assignment.entity.js';
import { comparableOf, compareStrictness, directionOf, subjectCore, subjectsComparable, type Comparable } from '../cascade/target-rules.js';
import type { Clause } from '../clause/clause.entity.js';
import type { Indicator } from '../indicator/indicator.entity.js';
import type { Metric } from '../metric/metric.entity.js';
import type { Task } from '../task/task.entity.js';
import { AgencyChangeKind, TargetChangeKind, type AgencyChange, type ClauseChange, type TargetChange } from './change.types.js';
import { wordingKey } from './task-matching.js';
import { diffText } from './text-diff.js';

/**
 * How two versions of a task differ: its targets, clauses, agencies and wording. Pure functions
 * over rows already loaded (change.service.ts loads them for both plans at once).
 */

/**
 * Pairs the targets of the two versions: first those measuring the same thing (same metric,
 * same subject once scope words are set aside, same period and unit), then those of one metric
 * whose subjects are comparable. A target whose unit changed past conversion is dropped and added:
 * 6 批次/千人 and 2.8 万批次 are not one target moved. Later version's order, dropped ones last.
 */
export function compareTargets(before: Indicator[], after: Indicator[], metrics: ReadonlyMap<string, Metric>): TargetChange[] {
  const metricOf = (indicator: Indicator) => (indicator.metricKey ? (metrics.get(indicator.metricKey) ?? null) : null);
  const asComparable = (indicator: Indicator) => comparableOf(indicator, metricOf(indicator), null);
  const earlier = before.map(asComparable);
  const later = after.map(asComparable);
  const partner = new Map<Comparable, Comparable>();
  const taken = new Set<Comparable>();
  const sameKind = (a: Comparable, b: Comparable) =>
    a.indicator.metricKey === b.indicator.metricKey && a.period === b.period && a.unit === b.unit;
  const passes: Array<(a: Comparable, b: Comparable) => boolean> = [
    (a, b) => sameKind(a, b) && subjectCore(a.indicator.subject) === subjectCore(b.indicator.subject),
    (a, b) => sameKind(a, b) && a.indicator.metricKey !== null && subjectsComparable(a.indicator.subject, b.indicator.subject),
  ];
  for (const pass of passes) {
    for (const next of later) {
      if (partner.has(next)) continue;
      const previous = earlier.find((candidate) => !taken.has(candidate) && pass(candidate, next));
      if (!previous) continue;
      partner.set(next, previous);
      taken.add(previous);
    }
  }
  const changes: TargetChange[] = later.map((next) => {
    const previous = partner.get(next);
    if (!previous) return { kind: TargetChangeKind.ADDED, before: null, after: next.indicator, stricter: null, delta: null };
    const delta = round(next.value - previous.value);
    const kind = delta > 0 ? TargetChangeKind.RAISED : delta < 0 ? TargetChangeKind.LOWERED : TargetChangeKind.UNCHANGED;
    const direction = directionOf(next.indicator, metricOf(next.indicator));
    return {
      kind,
      before: previous.indicator,
      after: next.indicator,
      stricter: direction === null ? null : compareStrictness(next, previous, direction) > 0,
      delta,
    };
  });
  for (const previous of earlier) {
    if (!taken.has(previous)) {
      changes.push({ kind: TargetChangeKind.DROPPED, before: previous.indicator, after: null, stricter: null, delta: null });
    }
  }
  return changes;
}

/** Text compared for wording: full-width folded, whitespace gone. */
function wording(text: string): string {
  return normalize(text);
}

/** Dice coefficient of character bigrams: how much of two clauses' wording is shared. */
function similarity(a: string, b: string): number {
  const grams = (text: string) => {
    const chars = [...text];
    const counts = new Map<string, number>();
    for (let i = 0; i + 1 < chars.length; i++) counts.set(chars[i] + chars[i + 1], (counts.get(chars[i] + chars[i + 1]) ?? 0) + 1);
    return counts;
  };
  const x = grams(a);
  const y = grams(b);
  let common = 0;
  let total = 0;
  for (const [gram, count] of x) {
    common += Math.min(count, y.get(gram) ?? 0);
    total += count;
  }
  for (const count of y.values()) total += count;
  return total ? (2 * common) / total : a === b ? 1 : 0;
}

/** Clauses sharing less than this share of their bigrams are different clauses, not one reworded. */
const CLAUSE_SIMILARITY = 0.3;

/**
 * The clauses whose text changed: clauses of the two versions are paired most-alike first (a
 * clause may move within the task, or to another piece of a split task); an unchanged pair is left
 * out, a clause without a partner is reported alone (all inserted or all deleted).
 */
export function compareClauses(before: Clause[], after: Clause[]): ClauseChange[] {
  const partnerOfNext = new Map<Clause, Clause>();
  const taken = new Set<Clause>();
  // Most clauses carry over unchanged: pair those first, and compare only the rest pairwise.
  const unchanged = new Map<string, Clause[]>();
  for (const previous of before) unchanged.set(wording(previous.text), [...(unchanged.get(wording(previous.text)) ?? []), previous]);
  for (const next of after) {
    const previous = unchanged.get(wording(next.text))?.shift();
    if (!previous) continue;
    partnerOfNext.set(next, previous);
    taken.add(previous);
  }
  const pairs: Array<{ previous: Clause; next: Clause; score: number }> = [];
  for (const previous of before) {
    if (taken.has(previous)) continue;
    for (const next of after) {
      if (partnerOfNext.has(next)) continue;
      const score = similarity(wording(previous.text), wording(next.text));
      if (score >= CLAUSE_SIMILARITY) pairs.push({ previous, next, score });
    }
  }
  pairs.sort((a, b) => b.score - a.score);
  for (const { previous, next } of pairs) {
    if (taken.has(previous) || partnerOfNext.has(next)) continue;
    partnerOfNext.set(next, previous);
    taken.add(previous);
  }
  const changes: ClauseChange[] = [];
  for (const next of after) {
    const previous = partnerOfNext.get(next) ?? null;
    if (previous && wording(previous.text) === wording(next.text)) continue;
    changes.push({ before: previous, after: next, diff: diffText(previous?.text ?? '', next.text) });
  }
  for (const previous of before) {
    if (!taken.has(previous)) changes.push({ before: previous, after: null, diff: diffText(previous.text, '') });
  }
  return changes;
}

/** The agencies named in a role by one version only: a change of role is one lost and one gained. */
export function compareAgencies(before: Assignment[], after: Assignment[]): AgencyChange[] {
  const key = (assignment: Assignment) => `${assignment.agencyId}:${assignment.role}`;
  const earlier = new Map(before.map((assignment) => [key(assignment), assignment]));
  const later = new Map(after.map((assignment) => [key(assignment), assignment]));
  return [
    ...[...later].filter(([k]) => !earlier.has(k)).map(([, a]) => ({ kind: AgencyChangeKind.GAINED, agencyId: a.agencyId, role: a.role })),
    ...[...earlier].filter(([k]) => !later.has(k)).map(([, a]) => ({ kind: AgencyChangeKind.LOST, agencyId: a.agencyId, role: a.role })),
  ];
}

/**
 * Whether the wording changed: the tasks' headings and texts, without responsibility brackets
 * (agency changes are reported apart) and with every number masked (a moved target or a new year
 * in 昆仑2022 is not a rewording).
 */
export function isReworded(before: Task[], after: Task[], keyOf: (task: Task) => string = (task) => wordingKey(task.text)): boolean {
  const text = (tasks: Task[]) => tasks.map(keyOf).join('');
  return text(before) !== text(after);
}

function round(value: number): number {
  return Math.round(value * 1_000_000) / 1_000_000;
}
