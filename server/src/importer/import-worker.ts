/**
 * An import worker (piscina runs this file in a worker thread; see import-workers.ts): one upload's
 * import, from the bytes to the alignment, off the server's event loop. The parse, the rows and the
 * alignment's scoring take seconds of CPU for a large plan; here they stall no reader. Each worker
 * keeps a small pool of its own connections to the server's database between imports.
 */
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { recordAudit } from '../auth/audit.service.js';
import { createDataSource } from '../db/data-source.js';
import { SharedImportProgress } from './import-progress.js';
import { importPlan } from './import-service.js';
import { serializeImportError, type ImportOutcome, type ImportTask, type WarmTask } from './import-task.js';

/** Two connections: the import's transaction, and the alignment's second group in flight. */
const POOL_SIZE = 2;
const dataSources = new Map<string, Promise<DataSource>>();

function dataSourceFor({ url, statementTimeoutMs }: ImportTask['database']): Promise<DataSource> {
  const key = `${url} ${statementTimeoutMs ?? ''}`;
  let opened = dataSources.get(key);
  if (!opened) {
    opened = createDataSource({ url, poolSize: POOL_SIZE, statementTimeoutMs }).initialize();
    opened.catch(() => dataSources.delete(key));
    dataSources.set(key, opened);
  }
  return opened;
}

export default async function runImport(task: ImportTask | WarmTask): Promise<ImportOutcome> {
  if (task.warm) {
    await dataSourceFor(task.database).catch(() => undefined);
    return { logged: [] };
  }
  const progress = new SharedImportProgress(task.progress);
  const logged: string[] = [];
  const { fileName, bytes } = task.file;
  const user = task.auditedAs;
  try {
    const dataSource = await dataSourceFor(task.database);
    // The budget's clock starts here, once the worker is up and connected.
    progress.started();
    const summary = await importPlan(dataSource, task.file, {
      ...task.options,
      progress,
      log: (message) => logged.push(message),
      onWritten: user
        ? (manager, { summary, sha256, previousSha256 }) =>
            recordAudit(manager, user, {
              mutation: 'importPlan',
              args: { fileName, bytes: bytes.length, sha256 },
              before: previousSha256 ? { planId: summary.planId, sourceSha256: previousSha256 } : null,
              after: summary,
              planIds: [summary.planId],
            })
        : undefined,
    });
    return { summary, logged };
  } catch (error) {
    return { error: serializeImportError(error), logged };
  }
}
