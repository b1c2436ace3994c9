import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedsDir } from '../common/paths.js';

/** A gold pairing made by reading two plans (seeds/reference/gold-alignment-*.json). */
export interface GoldAlignment {
  a: { jurisdictionCode: string; year: number; tasks: number };
  b: { jurisdictionCode: string; year: number; tasks: number };
  pairs: Array<{ a: number; b: number; kind: 'sure' | 'possible'; reason: string }>;
  unique: { a: Array<{ task: number; reason: string }>; b: Array<{ task: number; reason: string }> };
}

export function readGold(name: string): GoldAlignment {
  return JSON.parse(readFileSync(join(seedsDir, 'reference', name), 'utf8')) as GoldAlignment;
}

export interface AlignmentScore {
  predicted: number;
  correct: number;
  sure: number;
  sureFound: number;
  /** Predicted pairs that are sure or possible, over all predicted pairs. */
  precision: number;
  /** Sure pairs predicted, over all sure pairs. */
  recall: number;
  /** Predicted pairs the gold does not allow, as "a:b" task numbers. */
  wrong: string[];
  /** Sure pairs not predicted. */
  missed: string[];
}

/**
 * Precision and recall of predicted pairs (task numbers of plan a and plan b) against a gold
 * pairing, with sure and possible pairs as in word-alignment evaluation: a possible pair is never
 * wrong, only sure pairs must be found.
 */
export function scoreAlignment(gold: GoldAlignment, predicted: Array<[number, number]>): AlignmentScore {
  const allowed = new Set(gold.pairs.map((pair) => `${pair.a}:${pair.b}`));
  const sure = gold.pairs.filter((pair) => pair.kind === 'sure').map((pair) => `${pair.a}:${pair.b}`);
  const keys = [...new Set(predicted.map(([a, b]) => `${a}:${b}`))];
  const wrong = keys.filter((key) => !allowed.has(key));
  const missed = sure.filter((key) => !keys.includes(key));
  return {
    predicted: keys.length,
    correct: keys.length - wrong.length,
    sure: sure.length,
    sureFound: sure.length - missed.length,
    precision: keys.length ? (keys.length - wrong.length) / keys.length : 1,
    recall: sure.length ? (sure.length - missed.length) / sure.length : 1,
    wrong,
    missed,
  };
}
