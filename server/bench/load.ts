import type { DataSource } from 'typeorm';
import { importParsedPlans } from '../src/importer/import-service.js';
import { loadReferenceData } from '../src/reference/reference.service.js';
import type { Corpus } from './corpus/corpus.js';

export interface LoadResult {
  plans: number;
  tasks: number;
  /** Wall time of the whole load, reference data included. */
  milliseconds: number;
  /** Wall time of the plans' import (generating them included: it is ~1 ms a plan). */
  importMilliseconds: number;
  /** Plans per second through the import path. */
  plansPerSecond: number;
}

/** Plans per import transaction: large enough that per-statement costs vanish, small enough to keep JSON parameters modest. */
export const BATCH_SIZE = 100;
const CONCURRENCY = 2;

/**
 * Writes the corpus through the product's import path (`importParsedPlans`: the statements of
 * `importPlan`, one per table per batch), without aligning; the bench aligns afterwards.
 */
export async function loadCorpus(
  dataSource: DataSource,
  corpus: Corpus,
  options: { from?: number; to?: number; log?: (message: string) => void } = {},
): Promise<LoadResult> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  // As the server does on start: the corpus's jurisdictions are the real ones it loads.
  await loadReferenceData(dataSource);
  const total = corpus.options.years.length * (Math.min(options.to ?? Infinity, corpus.planned.length) - (options.from ?? 0));
  const imported = performance.now();
  let plans = 0;
  let tasks = 0;
  let lastLog = performance.now();
  const batches = corpus.batches(BATCH_SIZE, options.from, options.to);
  // Two transactions in flight: one batch's rows are built in JavaScript while PostgreSQL writes the other's.
  const worker = async () => {
    for (let next = batches.next(); !next.done; next = batches.next()) {
      const summaries = await importParsedPlans(dataSource, next.value);
      plans += summaries.length;
      tasks += summaries.reduce((sum, summary) => sum + summary.tasks, 0);
      if (performance.now() - lastLog > 5_000) {
        lastLog = performance.now();
        log(`  ${plans}/${total} plans (${Math.round((plans / (performance.now() - imported)) * 1000)} plans/s)`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const importMilliseconds = performance.now() - imported;
  return {
    plans,
    tasks,
    milliseconds: Math.round(performance.now() - started),
    importMilliseconds: Math.round(importMilliseconds),
    plansPerSecond: Math.round((plans / importMilliseconds) * 1000),
  };
}
