import type { DataSource, EntityManager } from 'typeorm';
import { runAlignment } from '../alignment/alignment.service.js';
import { JurisdictionDirectory } from '../jurisdiction/jurisdiction.service.js';
import { PlanAttribution, SourceFormat } from '../plan/plan.entity.js';
import { writeParsedPlan } from './import-service.js';
import { parsePlanFile, parsePlanText } from './parse.js';
import { PlanParseError } from './parsed-plan.js';
import { flushSearchIndex } from '../task/search-index.js';

/** How one kind of part of a plan changed when its source was read again. */
export interface PartChanges {
  before: number;
  after: number;
  /** Ids the new reading has that the old one lacked. */
  added: number;
  /** Ids the old reading had that the new one lacks. */
  removed: number;
  /** Ids in both whose values differ. */
  changed: number;
}

export interface ReparseReport {
  planId: string;
  /** 'failed': the current parser refuses the stored source; the plan was left as it was. */
  status: 'changed' | 'unchanged' | 'failed';
  error: string | null;
  sections: PartChanges;
  tasks: PartChanges;
  clauses: PartChanges;
  indicators: PartChanges;
  assignments: PartChanges;
}

/** The parts a report compares, each as `id → row` read by one statement. */
const PARTS = {
  sections: `SELECT id, to_jsonb(section.*) AS row FROM section WHERE plan_id = $1`,
  tasks: `SELECT id, to_jsonb(task.*) AS row FROM task WHERE plan_id = $1`,
  clauses: `SELECT clause.id, to_jsonb(clause.*) AS row FROM clause JOIN task ON task.id = clause.task_id WHERE task.plan_id = $1`,
  indicators: `SELECT indicator.id, to_jsonb(indicator.*) AS row FROM indicator JOIN task ON task.id = indicator.task_id WHERE task.plan_id = $1`,
  // Assignments have no stable id: keyed by where they sit and their position.
  assignments: `SELECT coalesce(a.clause_id, a.schedule_item_id) || '#' || a.ordinal AS id, to_jsonb(a.*) - 'id' AS row
                FROM assignment a
                LEFT JOIN clause ON clause.id = a.clause_id LEFT JOIN task ON task.id = clause.task_id
                LEFT JOIN schedule_item ON schedule_item.id = a.schedule_item_id
                WHERE task.plan_id = $1 OR schedule_item.plan_id = $1`,
} as const;
type Part = keyof typeof PARTS;
type Snapshot = Record<Part, Map<string, string>>;

interface StoredPlan {
  id: string;
  jurisdiction_code: string;
  year: number;
  attribution: PlanAttribution;
  source_text: string;
  source_format: SourceFormat;
  source_sha256: string;
  source_file_name: string;
  source_bytes: Buffer | null;
}

/**
 * Reads every stored plan's source again with the current parser (`pnpm run reparse`), each in
 * a transaction of its own: its jurisdiction, year and source stay as stored; parts whose ids
 * survive keep them, so reviews, themes set by editors, tokens and the audit log stay; then the
 * changed plans are aligned again. A plan the parser now refuses is reported and left alone.
 */
export async function reparsePlans(
  dataSource: DataSource,
  options: { planIds?: string[]; align?: boolean } = {},
): Promise<ReparseReport[]> {
  const ids: { id: string }[] = await dataSource.query(
    options.planIds ? `SELECT id FROM plan WHERE id = ANY($1) ORDER BY id` : `SELECT id FROM plan ORDER BY id`,
    options.planIds ? [options.planIds] : [],
  );
  // The reference data does not change under a reparse: one directory for every plan.
  const directory = await JurisdictionDirectory.load(dataSource.manager);
  const reports: ReparseReport[] = [];
  for (const { id } of ids) reports.push(await reparsePlan(dataSource, directory, id));
  const changed = reports.filter((report) => report.status === 'changed').map((report) => report.planId);
  if (changed.length > 0) await flushSearchIndex(dataSource);
  if (changed.length > 0 && options.align !== false) await runAlignment(dataSource, { planIds: changed });
  return reports;
}

async function reparsePlan(dataSource: DataSource, directory: JurisdictionDirectory, planId: string): Promise<ReparseReport> {
  return dataSource.transaction('READ COMMITTED', async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`plan:${planId}`]);
    const [plan]: StoredPlan[] = await manager.query(
      `SELECT id, jurisdiction_code, year, attribution, source_text, source_format, source_sha256, source_file_name, source_bytes
       FROM plan WHERE id = $1`,
      [planId],
    );
    const before = await snapshot(manager, planId);
    const bytes = plan.source_bytes ?? Buffer.from(plan.source_text, 'utf8');
    let parsed;
    try {
      // A page or a .docx is read from its bytes, as on import; text from the stored text (its bytes may have been GB18030).
      parsed = plan.source_bytes
        ? await parsePlanFile(plan.source_file_name, plan.source_bytes, { year: plan.year })
        : parsePlanText(plan.source_file_name, plan.source_text, plan.source_format, { year: plan.year });
    } catch (error) {
      if (!(error instanceof PlanParseError)) throw error;
      return report(planId, 'failed', error.message, before, before);
    }
    await writeParsedPlan(
      manager,
      directory,
      {
        planId,
        jurisdictionCode: plan.jurisdiction_code,
        file: { fileName: plan.source_file_name, bytes },
        sha256: plan.source_sha256,
        parsed,
        attribution: plan.attribution,
      },
      { keepImportedAt: true },
    );
    const after = await snapshot(manager, planId);
    const changed = (Object.keys(PARTS) as Part[]).some((part) => !sameRows(before[part], after[part]));
    return report(planId, changed ? 'changed' : 'unchanged', null, before, after);
  });
}

async function snapshot(manager: EntityManager, planId: string): Promise<Snapshot> {
  const entries = await Promise.all(
    (Object.entries(PARTS) as [Part, string][]).map(async ([part, sql]) => {
      const rows: { id: string; row: unknown }[] = await manager.query(sql, [planId]);
      return [part, new Map(rows.map((row) => [row.id, JSON.stringify(row.row)]))] as const;
    }),
  );
  return Object.fromEntries(entries) as Snapshot;
}

function sameRows(before: Map<string, string>, after: Map<string, string>): boolean {
  return before.size === after.size && [...before].every(([id, row]) => after.get(id) === row);
}

function report(planId: string, status: ReparseReport['status'], error: string | null, before: Snapshot, after: Snapshot): ReparseReport {
  const compare = (part: Part): PartChanges => {
    const old = before[part];
    const now = after[part];
    return {
      before: old.size,
      after: now.size,
      added: [...now.keys()].filter((id) => !old.has(id)).length,
      removed: [...old.keys()].filter((id) => !now.has(id)).length,
      changed: [...now].filter(([id, row]) => old.has(id) && old.get(id) !== row).length,
    };
  };
  return {
    planId,
    status,
    error,
    sections: compare('sections'),
    tasks: compare('tasks'),
    clauses: compare('clauses'),
    indicators: compare('indicators'),
    assignments: compare('assignments'),
  };
}

/** One line for people: "320612-2021 changed: tasks 22 → 22 (1 changed), clauses 36 → 37 (+1) …". */
export function describeReparse(report: ReparseReport): string {
  if (report.status === 'failed') return `${report.planId} failed, left as it was: ${report.error}`;
  const parts = (['sections', 'tasks', 'clauses', 'indicators', 'assignments'] as const).map((part) => {
    const { before, after, added, removed, changed } = report[part];
    const details = [added && `+${added}`, removed && `-${removed}`, changed && `${changed} changed`].filter(Boolean);
    return `${part} ${before} → ${after}${details.length ? ` (${details.join(', ')})` : ''}`;
  });
  return `${report.planId} ${report.status}: ${parts.join(', ')}`;
}
