/**
 * Imports off the event loop: uploads are imported by a worker thread (piscina, import-worker.ts),
 * one at a time, each parse within a time budget. The server's thread only waits: `/healthz` and
 * reads are answered while a 30 MB .docx is refused or an 8 000-task plan is written and aligned.
 *
 * A parse still running when its budget is spent is stopped by terminating its worker; the import
 * had written nothing yet (its transaction starts after the parse, see `ImportProgress.parsed`),
 * and a worker terminated at any later point loses its connections, so PostgreSQL rolls its
 * transaction back. Either way the database holds the whole import or none of it.
 */
import { Piscina } from 'piscina';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user.js';
import { SharedImportProgress } from './import-progress.js';
import type { ImportOptions, ImportSummary, PlanFile } from './import-service.js';
import { reviveImportError, type ImportOutcome, type ImportTask, type WarmTask } from './import-task.js';
import { PlanTooLargeError } from './parsed-plan.js';

/** How long a parse may run, unless IMPORT_BUDGET_MS says otherwise: 8 000 tasks parse in 5–8 s on a busy 2-core machine. */
export const DEFAULT_IMPORT_BUDGET_MS = 20_000;

export function importBudgetFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.IMPORT_BUDGET_MS;
  if (given === undefined || given === '') return DEFAULT_IMPORT_BUDGET_MS;
  const budget = Number(given);
  if (!Number.isInteger(budget) || budget <= 0) throw new Error(`IMPORT_BUDGET_MS: expected a whole number of milliseconds, not ${given}`);
  return budget;
}

/**
 * Run from TypeScript (tsx, vitest), this file is src/importer/import-workers.ts and the worker
 * is its .ts neighbour, loaded through tsx; bundled (scripts/bundle.mjs), it is part of
 * dist/server/main.js and the worker is dist/server/import-worker.js beside it.
 */
function workerEntry(): { filename: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const filename = new URL(fromSource ? './import-worker.ts' : './import-worker.js', import.meta.url).href;
  const hasTsx = process.execArgv.some((argument) => /tsx/.test(argument));
  return { filename, execArgv: fromSource && !hasTsx ? [...process.execArgv, '--import', 'tsx'] : process.execArgv };
}

export interface ImportWorkers {
  /** `importPlan` in a worker, its parse stopped past the budget with a PlanTooLargeError. */
  importPlan(
    file: PlanFile,
    options?: Pick<ImportOptions, 'jurisdictionCode' | 'year' | 'replace' | 'actor' | 'log'> & { auditedAs?: AuthUser },
  ): Promise<ImportSummary>;
  /**
   * Starts the worker and its connections if none is running, without waiting: an editor's upload
   * calls it before its body arrives, so the worker's start (loading the importer, connecting)
   * overlaps the transfer instead of following it.
   */
  warm(): void;
  /** Stops the workers (an import in flight is rolled back). */
  close(): Promise<void>;
}

export function createImportWorkers(
  dataSource: DataSource,
  { budgetMs = importBudgetFromEnv() }: { budgetMs?: number } = {},
): ImportWorkers {
  // The server's own database and statement timeout (db/data-source.ts sets both).
  const options = dataSource.options as { url?: string; extra?: { statement_timeout?: number } };
  if (!options.url) throw new Error('The import workers connect by URL: the DataSource has none.');
  const database = { url: options.url, statementTimeoutMs: options.extra?.statement_timeout };
  let pool: Piscina | null = null;
  // Started on the first upload: a server that never imports pays nothing.
  const workers = () =>
    (pool ??= new Piscina({
      ...workerEntry(),
      minThreads: 0,
      // One import at a time (they share a province-year's alignment), on one core of the two.
      maxThreads: 1,
      // Starting a worker loads the importer and connects (seconds on a busy machine): it stays
      // ready, with its two connections, for uploads in the next ten minutes.
      idleTimeout: 10 * 60_000,
      // Between tasks the worker's event loop keeps running, for its idle pg connections.
      atomics: 'disabled',
      // Lower priority than the server's own thread: readers first when the cores are busy.
      niceIncrement: 10,
    }));

  return {
    warm() {
      const pool = workers();
      if (pool.threads.length === 0 && pool.queueSize === 0) {
        const task: WarmTask = { warm: true, database };
        pool.run(task).catch(() => undefined);
      }
    },
    async importPlan(file, { log = console.error, auditedAs, ...importOptions } = {}) {
      const progress = new SharedImportProgress();
      const abort = new AbortController();
      const bytes = Uint8Array.from(file.bytes);
      const task: ImportTask = {
        database,
        file: { fileName: file.fileName, bytes },
        options: importOptions,
        auditedAs,
        progress: progress.buffer,
      };
      let timer: NodeJS.Timeout | undefined;
      let stopped = false;
      let settled = false;
      void progress.whenStarted().then(() => {
        if (settled) return;
        timer = setTimeout(() => {
          if (progress.stop()) {
            stopped = true;
            abort.abort();
          }
        }, budgetMs);
      });
      try {
        const outcome = (await workers().run(task, { signal: abort.signal, transferList: [bytes.buffer] })) as ImportOutcome;
        for (const message of outcome.logged) log(message);
        if (outcome.error) throw reviveImportError(outcome.error);
        return outcome.summary!;
      } catch (error) {
        if (!stopped) throw error;
        const { inflatedBytes, xmlBytes, characters, lines, tasks } = progress.snapshot();
        throw new PlanTooLargeError(file.fileName, {
          budgetMs,
          bytes: file.bytes.length,
          inflatedBytes,
          xmlBytes,
          characters,
          lines,
          tasksRead: tasks,
        });
      } finally {
        settled = true;
        clearTimeout(timer);
        progress.release();
      }
    },
    async close() {
      await pool?.destroy();
      pool = null;
    },
  };
}
