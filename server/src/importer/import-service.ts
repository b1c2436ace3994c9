import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { AgencyNamer } from '../agency/agency-names.js';
import { runAlignment } from '../alignment/alignment.service.js';
import { agencyKey, collectAgencies, upsertAgencies } from '../agency/agency.service.js';
import { bumpDataVersion } from '../cache/data-version.js';
import { seedsDir } from '../common/paths.js';
import { insert, upsert } from '../db/bulk-write.js';
import { Assignment } from '../assignment/assignment.entity.js';
import { assignmentOmitted, assignmentRows, type AssignmentRow } from '../assignment/assignment.rows.js';
import { Clause } from '../clause/clause.entity.js';
import { clauseRow, type ClauseRow } from '../clause/clause.rows.js';
import { Indicator } from '../indicator/indicator.entity.js';
import { indicatorOmitted, indicatorRows, type IndicatorRow } from '../indicator/indicator.rows.js';
import { planOmitted, planRow, type PlanRow } from '../plan/plan.rows.js';
import { ScheduleItem } from '../schedule/schedule-item.entity.js';
import { scheduleItemRow, type ScheduleItemRow } from '../schedule/schedule-item.rows.js';
import { SectionGroup } from '../section/section-group.entity.js';
import { Section } from '../section/section.entity.js';
import { groupId, sectionGroupRow, sectionRow, type SectionGroupRow, type SectionRow } from '../section/section.rows.js';
import { flushSearchIndex } from '../task/search-index.js';
import { Task } from '../task/task.entity.js';
import { fullLabels, taskRow, type TaskRow } from '../task/task.rows.js';
import { JurisdictionDirectory, JurisdictionNotIdentifiedError } from '../jurisdiction/jurisdiction.service.js';
import type { ImportProgress } from './import-progress.js';
import { parsePlanFile } from './parse.js';
import { Plan, PlanAttribution } from '../plan/plan.entity.js';
import { type ParsedAgencyRef, type ParsedPlan, PlanAttributionError, PlanParseError } from './parsed-plan.js';

export type ImportStatus = 'created' | 'replaced' | 'unchanged';

/** What an import did, and how much the plan holds. */
export interface ImportSummary {
  planId: string;
  status: ImportStatus;
  jurisdictionCode: string;
  year: number;
  sections: number;
  tasks: number;
  clauses: number;
  /** Distinct agencies the plan names. */
  agencies: number;
  indicators: number;
  scheduleItems: number;
  /**
   * Whether the plan is aligned when the import returns. false when the alignment after the
   * commit failed (the plan stays written and the error is logged; importing the same bytes again,
   * or `pnpm run align`, aligns it) or when the caller passed align: false and aligns itself.
   */
  aligned: boolean;
}

export interface PlanFile {
  /** Shown in errors and kept as the plan's sourceFileName (its base name). */
  fileName: string;
  bytes: Uint8Array;
}

export interface ImportOptions {
  /** false: leave alignment to the caller (a bulk import aligns once at the end). */
  align?: boolean;
  /**
   * Runs in the import's transaction once the plan is written (not when it is unchanged): the API
   * records its audit entry here, so a change and its record commit or roll back together.
   */
  onWritten?: (manager: EntityManager, write: { summary: WrittenSummary; sha256: string; previousSha256: string | null }) => Promise<void>;
  /** Where an alignment failure after the commit is reported; console.error by default. */
  log?: (message: string) => void;
  /**
   * The GB/T 2260 code the user says the plan is for (`--jurisdiction`): it wins over what the
   * document says, and the plan records that a person chose it.
   */
  jurisdictionCode?: string;
  /** The year the user says the plan is for (`--year`), winning over the title's. */
  year?: number;
  /**
   * Replace a different document stored for the same jurisdiction and year (`--replace`). Without
   * it only a revision of the stored document (same 发文字号 or same title) replaces it.
   */
  replace?: boolean;
  /** Who imports, recorded on a revision this import replaces: an editor token's name; "cli" by default. */
  actor?: string;
  /** Told how far the parse got, and when it is over (the import workers' time budget: import-workers.ts). */
  progress?: ImportProgress;
}

/**
 * The jurisdiction and year already hold a different document. Nothing was written; the stored
 * plan stays as it was unless the import is repeated with `replace`.
 */
export class PlanConflictError extends Error {
  constructor(
    readonly planId: string,
    readonly stored: StoredDocument,
    readonly incoming: { title: string; documentNumber: string | null; fileName: string },
  ) {
    super(
      `${incoming.fileName}: ${planId} already holds a different document, 《${stored.title}》` +
        `${stored.documentNumber ? ` (${stored.documentNumber})` : ''} imported from ${stored.sourceFileName}; ` +
        `this file is 《${incoming.title}》${incoming.documentNumber ? ` (${incoming.documentNumber})` : ''}. ` +
        `It is not a revision of it (neither its 发文字号 nor its title match), so nothing was changed: ` +
        `import it with --replace to replace the stored plan (the stored one is kept as a revision), ` +
        `or with --jurisdiction/--year if it belongs elsewhere.`,
    );
    this.name = 'PlanConflictError';
  }
}

/** What a jurisdiction and year hold now, as a conflict reports it. */
export interface StoredDocument {
  title: string;
  documentNumber: string | null;
  sourceFileName: string;
  sourceSha256: string;
  importedAt: Date;
}

/** What the import's transaction knows: everything but the alignment, which runs after the commit. */
type WrittenSummary = Omit<ImportSummary, 'aligned'>;

const namer = new AgencyNamer();

/**
 * Imports one plan document in one transaction: parses it (refusing it whole with a line-numbered
 * PlanParseError), recognises its jurisdiction, and writes the plan. The same bytes again change
 * nothing ('unchanged'); another revision of the same jurisdiction's plan for the same year
 * replaces the old one ('replaced'), keeping the deterministic ids of parts that remain. The
 * reference data must be loaded (`loadReferenceData`, which the server and CLIs run on start).
 */
export async function importPlan(dataSource: DataSource, file: PlanFile, options: ImportOptions = {}): Promise<ImportSummary> {
  const parsed = await parsePlanFile(file.fileName, file.bytes, { year: options.year, progress: options.progress });
  checkStructure(file.fileName, parsed);
  options.progress?.parsed();
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const imported = await dataSource.transaction('READ COMMITTED', async (manager): Promise<WrittenSummary> => {
    const directory = await JurisdictionDirectory.load(manager);
    const jurisdiction = options.jurisdictionCode
      ? chosenJurisdiction(directory, options.jurisdictionCode)
      : identify(directory, file.fileName, parsed);
    const attribution =
      options.jurisdictionCode !== undefined || options.year !== undefined ? PlanAttribution.USER : PlanAttribution.DOCUMENT;
    const planId = `${jurisdiction.code}-${parsed.year}`;
    // Two imports of one plan take turns: the second sees what the first committed.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`plan:${planId}`]);
    const existing: ({ source_sha256: string } & StoredRow)[] = await manager.query(
      `SELECT source_sha256, title, document_number, source_file_name, imported_at FROM plan WHERE id = $1`,
      [planId],
    );
    const lineage = directory.lineage(jurisdiction.code);
    const agencies = collectAgencies(allAgencyRefs(parsed).map((ref) => namer.canonicalise(ref.name, lineage)));
    const summary: WrittenSummary = {
      planId,
      status: existing.length === 0 ? 'created' : 'replaced',
      jurisdictionCode: jurisdiction.code,
      year: parsed.year,
      ...countParts(parsed),
      agencies: agencies.length,
    };
    if (existing[0]?.source_sha256 === sha256) return { ...summary, status: 'unchanged' };
    if (existing[0]) {
      const stored = storedDocument(existing[0]);
      const revision = isRevision(stored, parsed);
      if (!revision && !options.replace) {
        throw new PlanConflictError(planId, stored, {
          title: parsed.title,
          documentNumber: parsed.header.documentNumber,
          fileName: file.fileName,
        });
      }
      await keepRevision(manager, planId, { replacedBy: options.actor ?? 'cli', reason: revision ? 'revision' : 'replace' });
    }
    await writeParsedPlan(manager, directory, { planId, jurisdictionCode: jurisdiction.code, file, sha256, parsed, attribution });
    await options.onWritten?.(manager, { summary, sha256, previousSha256: existing[0]?.source_sha256 ?? null });
    return summary;
  });
  if (imported.status !== 'unchanged') await flushSearchIndex(dataSource, options.log);
  // The plan's tasks were re-created: classify and link them again, re-applying reviews. An
  // unchanged plan whose alignment failed after an earlier import is aligned now. A bulk import
  // passes align: false and runs one alignment at the end instead of one per plan.
  if (imported.status === 'unchanged' && (await alignedPlans(dataSource.manager, [imported.planId])).size > 0) {
    return { ...imported, aligned: true };
  }
  if (options.align === false) return { ...imported, aligned: false };
  try {
    await runAlignment(dataSource, { planIds: [imported.planId] });
    return { ...imported, aligned: true };
  } catch (error) {
    // The plan is committed: an import that answered "failed" would be retried as 'unchanged'.
    logAlignmentFailure(options.log, [imported], error);
    return { ...imported, aligned: false };
  }
}

/**
 * Writes one parsed plan of a known jurisdiction in the caller's transaction (which holds the
 * plan's lock): its agencies, then the plan and its parts by their deterministic ids.
 * `keepImportedAt` leaves the plan's import time alone (a re-read of the stored source).
 */
export async function writeParsedPlan(
  manager: EntityManager,
  directory: JurisdictionDirectory,
  write: Omit<PlanWrite, 'agencyIdOf'>,
  options: { keepImportedAt?: boolean } = {},
): Promise<void> {
  const lineage = directory.lineage(write.jurisdictionCode);
  const canonical = (ref: ParsedAgencyRef) => namer.canonicalise(ref.name, lineage);
  const agencyIds = await upsertAgencies(manager, collectAgencies(allAgencyRefs(write.parsed).map(canonical)));
  await writePlans(manager, [{ ...write, agencyIdOf: (ref) => agencyIds.get(agencyKey(canonical(ref)))! }], options);
}

interface StoredRow {
  title: string;
  document_number: string | null;
  source_file_name: string;
  source_sha256: string;
  imported_at: Date;
}

function storedDocument(row: StoredRow): StoredDocument {
  return {
    title: row.title,
    documentNumber: row.document_number,
    sourceFileName: row.source_file_name,
    sourceSha256: row.source_sha256,
    importedAt: row.imported_at,
  };
}

/**
 * A file is a revision of the stored document when it carries the same 发文字号, or, lacking one on
 * either side, the same title: a corrected reissue, not another document of the same year.
 */
function isRevision(stored: StoredDocument, parsed: ParsedPlan): boolean {
  const incomingNumber = parsed.header.documentNumber;
  if (stored.documentNumber !== null && incomingNumber !== null && stored.documentNumber === incomingNumber) return true;
  return stored.title === parsed.title;
}

/** Copies the stored document into plan_revision before a newer one replaces it. */
async function keepRevision(
  manager: EntityManager,
  planId: string,
  how: { replacedBy: string; reason: 'revision' | 'replace' },
): Promise<void> {
  await manager.query(
    `INSERT INTO plan_revision (id, plan_id, number, title, document_number, source_text, source_format, source_sha256,
                                source_file_name, source_bytes, imported_at, replaced_at, replaced_by, reason)
     SELECT plan.id || '-v' || next.number, plan.id, next.number, plan.title, plan.document_number, plan.source_text,
            plan.source_format, plan.source_sha256, plan.source_file_name, plan.source_bytes, plan.imported_at, now(), $2, $3
     FROM plan, LATERAL (SELECT coalesce(max(number), 0) + 1 AS number FROM plan_revision WHERE plan_id = plan.id) AS next
     WHERE plan.id = $1`,
    [planId, how.replacedBy, how.reason],
  );
}

/** The shape of a GB/T 2260 code and of a plan year, as a user types them (`--jurisdiction`, `?year=`). */
export const JURISDICTION_CODE = /^\d{6}$/;
export const PLAN_YEAR = /^(?:19|20)\d{2}$/;

/** A jurisdiction code the user gave that the reference data does not hold. */
export class UnknownJurisdictionError extends Error {
  constructor(readonly code: string) {
    super(`jurisdiction ${code}: expected a GB/T 2260 code of the reference data (e.g. 110112 for 北京市通州区)`);
    this.name = 'UnknownJurisdictionError';
  }
}

/** The jurisdiction a user named: it must be in the reference data. */
function chosenJurisdiction(directory: JurisdictionDirectory, code: string) {
  const jurisdiction = directory.get(code);
  if (!jurisdiction) throw new UnknownJurisdictionError(code);
  return jurisdiction;
}

function logAlignmentFailure(log: ((message: string) => void) | undefined, plans: WrittenSummary[], error: unknown): void {
  (log ?? console.error)(
    `Imported ${plans.map((plan) => plan.planId).join(', ')} but could not align them (importing the same file again, ` +
      `or \`pnpm run align\`, retries): ${(error as Error)?.stack ?? String(error)}`,
  );
}

/**
 * Which of these plans have been aligned: the classifier gives every task a theme, so a plan
 * with tasks and no task_theme row was never aligned (its alignment failed after the commit).
 */
async function alignedPlans(manager: EntityManager, planIds: string[]): Promise<Set<string>> {
  const rows: { plan_id: string }[] = await manager.query(
    `SELECT DISTINCT task.plan_id FROM task_theme JOIN task ON task.id = task_theme.task_id WHERE task.plan_id = ANY($1)`,
    [planIds],
  );
  return new Set(rows.map((row) => row.plan_id));
}

/** A plan already read (by the parser, or made by the benchmark's corpus generator) and whose it is. */
export interface ParsedPlanFile {
  file: PlanFile;
  parsed: ParsedPlan;
  jurisdictionCode: string;
}

/**
 * Writes many parsed plans of known jurisdictions in one transaction, with the same statements as
 * `importPlan` (one per table for the whole batch), and without aligning: the caller runs one
 * alignment for the lot. For bulk loads, where one transaction per plan would cost more than the
 * plan's rows.
 */
export async function importParsedPlans(dataSource: DataSource, plans: ParsedPlanFile[]): Promise<ImportSummary[]> {
  for (const plan of plans) checkStructure(plan.file.fileName, plan.parsed);
  const summaries = await dataSource.transaction('READ COMMITTED', async (manager): Promise<ImportSummary[]> => {
    const directory = await JurisdictionDirectory.load(manager);
    const planIds = plans.map((plan) => `${plan.jurisdictionCode}-${plan.parsed.year}`);
    // Sorted, so two batches that share plans cannot deadlock on each other's locks.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('plan:' || id, 0)) FROM unnest($1::text[]) AS id ORDER BY id`, [
      planIds,
    ]);
    const existing: { id: string; source_sha256: string }[] = await manager.query(`SELECT id, source_sha256 FROM plan WHERE id = ANY($1)`, [
      planIds,
    ]);
    const shaOf = new Map(existing.map((row) => [row.id, row.source_sha256]));
    const aligned = await alignedPlans(manager, planIds);
    const prepared = plans.map((plan, index) => {
      const lineage = directory.lineage(plan.jurisdictionCode);
      const canonical = (ref: ParsedAgencyRef) => namer.canonicalise(ref.name, lineage);
      const sha256 = createHash('sha256').update(plan.file.bytes).digest('hex');
      const resolved = allAgencyRefs(plan.parsed).map(canonical);
      const agencies = collectAgencies(resolved);
      const status = shaOf.get(planIds[index]) === sha256 ? 'unchanged' : shaOf.has(planIds[index]) ? 'replaced' : 'created';
      const summary: ImportSummary = {
        planId: planIds[index],
        status,
        jurisdictionCode: plan.jurisdictionCode,
        year: plan.parsed.year,
        ...countParts(plan.parsed),
        agencies: agencies.length,
        aligned: status === 'unchanged' && aligned.has(planIds[index]),
      };
      return { plan, sha256, canonical, resolved, summary };
    });
    const changed = prepared.filter((item) => item.summary.status !== 'unchanged');
    const agencyIds = await upsertAgencies(manager, collectAgencies(changed.flatMap((item) => item.resolved)));
    await writePlans(
      manager,
      changed.map(({ plan, sha256, canonical, summary }) => ({
        planId: summary.planId,
        jurisdictionCode: plan.jurisdictionCode,
        file: plan.file,
        sha256,
        parsed: plan.parsed,
        attribution: PlanAttribution.DOCUMENT,
        agencyIdOf: (ref: ParsedAgencyRef) => agencyIds.get(agencyKey(canonical(ref)))!,
      })),
    );
    return prepared.map((item) => item.summary);
  });
  if (summaries.some((summary) => summary.status !== 'unchanged')) await flushSearchIndex(dataSource);
  return summaries;
}

/**
 * What the server does on start, after `loadReferenceData`: imports every plan document at the top
 * of `seeds/` (not `seeds/reference/`) if no plan is stored yet. Returns null when plans were
 * already there.
 */
export async function importSeedsIfEmpty(
  dataSource: DataSource,
  options: { dir?: string; log?: (message: string) => void } = {},
): Promise<ImportSummary[] | null> {
  const [{ count }]: { count: number }[] = await dataSource.query(`SELECT count(*)::int AS count FROM plan`);
  if (count > 0) return null;
  const dir = options.dir ?? seedsDir;
  const summaries: ImportSummary[] = [];
  // The seeds share a year and province: one alignment at the end, not one per file.
  for (const name of planFilesIn(dir)) {
    const summary = await importPlan(dataSource, { fileName: name, bytes: readFileSync(join(dir, name)) }, { align: false });
    options.log?.(`${name}: ${describeSummary(summary)}`);
    summaries.push(summary);
  }
  const unaligned = summaries.filter((summary) => !summary.aligned);
  if (unaligned.length === 0) return summaries;
  try {
    await runAlignment(dataSource, { planIds: unaligned.map((summary) => summary.planId) });
  } catch (error) {
    logAlignmentFailure(options.log, unaligned, error);
    return summaries;
  }
  return summaries.map((summary) => ({ ...summary, aligned: true }));
}

/** Plan documents in a folder: .txt, .md, .html/.htm and .docx files, by name; READMEs are not plans. */
export function planFilesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(txt|md|html?|docx)$/i.test(entry.name) && !/^readme\./i.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/** One line for people: "created 320612-2021: 7 sections, 22 tasks, …". */
export function describeSummary(summary: ImportSummary): string {
  return (
    `${summary.status} ${summary.planId}: ${summary.sections} sections, ${summary.tasks} tasks, ` +
    `${summary.clauses} clauses, ${summary.agencies} agencies, ${summary.indicators} indicators, ` +
    `${summary.scheduleItems} schedule rows`
  );
}

/** 1-based line of a source offset, for messages. */
function lineAt(sourceText: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < sourceText.length; i++) if (sourceText[i] === '\n') line++;
  return line;
}

function identify(directory: JurisdictionDirectory, fileName: string, parsed: ParsedPlan) {
  const { header } = parsed;
  try {
    return directory.identify({
      issuer: header.issuer,
      issuerMark: header.issuerMark,
      documentNumber: header.documentNumber,
      title: parsed.title,
      addressees: header.addressees,
      copyTo: header.copyTo,
      body: [
        parsed.preamble ?? '',
        ...parsed.sections.flatMap((section) => [section.title, ...section.tasks.map((task) => task.text)]),
      ].join('\n'),
      agencies: allAgencyRefs(parsed).map((ref) => ref.name),
      year: parsed.year,
    });
  } catch (error) {
    if (!(error instanceof JurisdictionNotIdentifiedError)) throw error;
    const shown = [header.issuerMark, header.issuer, header.documentNumber]
      .filter((text): text is string => text !== null)
      .map((text) => parsed.sourceText.indexOf(text))
      .find((index) => index >= 0);
    // The directory's detail names the candidates and, when there are some, how to choose.
    const choose = /--jurisdiction/.test(error.detail) ? '' : '; say which with --jurisdiction CODE';
    throw new PlanAttributionError(
      fileName,
      lineAt(parsed.sourceText, shown ?? 0),
      `an issuing body or title naming one jurisdiction of the reference data (${error.reason}: ${error.detail})${choose}`,
      error.candidates.map(({ code, fullName }) => ({ code, fullName })),
    );
  }
}

/**
 * Refuses what the database would refuse less clearly: numbers printed twice, schedule rows
 * pointing at tasks the text does not have.
 */
function checkStructure(fileName: string, parsed: ParsedPlan): void {
  const at = (offset: number) => lineAt(parsed.sourceText, offset);
  const seen = (kind: string, items: { ordinal: number; span: { start: number } }[]) => {
    const ordinals = new Set<number>();
    for (const item of items) {
      if (ordinals.has(item.ordinal)) {
        throw new PlanParseError(fileName, at(item.span.start), kind, `a ${kind} number not used before (${item.ordinal} repeats)`);
      }
      ordinals.add(item.ordinal);
    }
  };
  const tasks = parsed.sections.flatMap((section) => section.tasks);
  seen('section', parsed.sections);
  seen('task', tasks);
  seen('schedule row', parsed.schedule);
  const taskOrdinals = new Set(tasks.map((task) => task.ordinal));
  for (const row of parsed.schedule) {
    if (!taskOrdinals.has(row.taskOrdinal)) {
      throw new PlanParseError(
        fileName,
        at(row.span.start),
        'schedule row',
        `a task of the main text for row ${row.ordinal} (task ${row.taskOrdinal} does not exist)`,
      );
    }
  }
}

function allAgencyRefs(parsed: ParsedPlan): ParsedAgencyRef[] {
  return [
    ...parsed.sections.flatMap((section) => section.tasks.flatMap((task) => task.clauses.flatMap((clause) => clause.assignments))),
    ...parsed.schedule.flatMap((row) => [...row.lead, ...row.responsible]),
  ];
}

function countParts(parsed: ParsedPlan): Omit<ImportSummary, 'planId' | 'status' | 'jurisdictionCode' | 'year' | 'agencies' | 'aligned'> {
  const tasks = parsed.sections.flatMap((section) => section.tasks);
  const clauses = tasks.flatMap((task) => task.clauses);
  return {
    sections: parsed.sections.length,
    tasks: tasks.length,
    clauses: clauses.length,
    indicators:
      tasks.reduce((sum, task) => sum + task.indicators.length, 0) +
      clauses.reduce((sum, clause) => sum + clause.indicators.length, 0) +
      parsed.schedule.reduce((sum, row) => sum + row.indicators.length, 0),
    scheduleItems: parsed.schedule.length,
  };
}

export interface PlanWrite {
  planId: string;
  jurisdictionCode: string;
  attribution: PlanAttribution;
  file: PlanFile;
  sha256: string;
  parsed: ParsedPlan;
  agencyIdOf: (ref: ParsedAgencyRef) => number;
}

/**
 * Writes plans and their parts: one statement per table whatever the number of plans. Parts are
 * upserted by their deterministic ids, then the old revisions' parts that the new ones lack are
 * deleted, so rows elsewhere that point at a task that survives a revision keep pointing at it.
 */
async function writePlans(manager: EntityManager, writes: PlanWrite[], options: { keepImportedAt?: boolean } = {}): Promise<void> {
  if (writes.length === 0) return;
  const planIds = writes.map((write) => write.planId);
  const rows: PlanRows = {
    plans: [],
    sections: [],
    groups: [],
    tasks: [],
    clauses: [],
    scheduleItems: [],
    indicators: [],
    assignments: [],
  };
  for (const write of writes) addPlanRows(rows, write);
  const { plans, sections, groups, tasks, clauses, scheduleItems, indicators, assignments } = rows;

  // Assignments have no stable id: the old revisions' go, the new ones' come.
  await manager.query(
    `DELETE FROM assignment
     WHERE clause_id IN (SELECT clause.id FROM clause JOIN task ON task.id = clause.task_id WHERE task.plan_id = ANY($1))
        OR schedule_item_id IN (SELECT id FROM schedule_item WHERE plan_id = ANY($1))`,
    [planIds],
  );
  await upsert(manager, Plan, plans, { omit: planOmitted, ...(options.keepImportedAt ? {} : { extraSet: 'imported_at = now()' }) });
  await upsert(manager, Section, sections);
  await upsert(manager, SectionGroup, groups);
  await upsert(manager, Task, tasks);
  await upsert(manager, Clause, clauses);
  await upsert(manager, ScheduleItem, scheduleItems);
  await upsert(manager, Indicator, indicators, { omit: indicatorOmitted });
  await insert(manager, Assignment, assignments, { omit: assignmentOmitted });

  const ids = (rows: { id: string }[]) => rows.map((row) => row.id);
  await manager.query(
    `DELETE FROM indicator USING task WHERE indicator.task_id = task.id AND task.plan_id = ANY($1) AND indicator.id <> ALL($2)`,
    [planIds, ids(indicators)],
  );
  await manager.query(`DELETE FROM clause USING task WHERE clause.task_id = task.id AND task.plan_id = ANY($1) AND clause.id <> ALL($2)`, [
    planIds,
    ids(clauses),
  ]);
  await manager.query(`DELETE FROM schedule_item WHERE plan_id = ANY($1) AND id <> ALL($2)`, [planIds, ids(scheduleItems)]);
  await manager.query(`DELETE FROM task WHERE plan_id = ANY($1) AND id <> ALL($2)`, [planIds, ids(tasks)]);
  await manager.query(`DELETE FROM section_group WHERE plan_id = ANY($1) AND id <> ALL($2)`, [planIds, ids(groups)]);
  await manager.query(`DELETE FROM section WHERE plan_id = ANY($1) AND id <> ALL($2)`, [planIds, ids(sections)]);
  await bumpDataVersion(manager);
}

/** A plan's rows, table by table, as the write statements take them. */
interface PlanRows {
  plans: PlanRow[];
  sections: SectionRow[];
  groups: SectionGroupRow[];
  tasks: TaskRow[];
  clauses: ClauseRow[];
  scheduleItems: ScheduleItemRow[];
  indicators: IndicatorRow[];
  assignments: AssignmentRow[];
}

/** Adds the rows of one plan and its parts, with their deterministic ids, each built beside its entity. */
function addPlanRows(rows: PlanRows, write: PlanWrite): void {
  const { planId, parsed, agencyIdOf } = write;
  const { jurisdictionCode, attribution, sha256 } = write;
  rows.plans.push(planRow({ id: planId, jurisdictionCode, attribution, sourceSha256: sha256 }, parsed, write.file));
  const citedLabels = fullLabels(parsed.sections.flatMap((section) => section.tasks));
  for (const parsedSection of parsed.sections) {
    const section = sectionRow(planId, parsedSection);
    rows.sections.push(section);
    rows.groups.push(...parsedSection.groups.map((group) => sectionGroupRow(planId, section.id, group)));
    for (const parsedTask of parsedSection.tasks) {
      const group = parsedTask.groupOrdinal === null ? null : groupId(section.id, parsedTask.groupOrdinal);
      const fullLabel = citedLabels.get(parsedTask) ?? parsedTask.label;
      const task = taskRow({ planId, sectionId: section.id, groupId: group, year: parsed.year }, parsedTask, fullLabel);
      rows.tasks.push(task);
      rows.indicators.push(...indicatorRows(task.id, { taskId: task.id, clauseId: null, scheduleItemId: null }, parsedTask.indicators));
      for (const parsedClause of parsedTask.clauses) {
        const clause = clauseRow(task.id, parsedClause);
        rows.clauses.push(clause);
        const owner = { taskId: task.id, clauseId: clause.id, scheduleItemId: null };
        rows.indicators.push(...indicatorRows(clause.id, owner, parsedClause.indicators));
        rows.assignments.push(...assignmentRows({ clauseId: clause.id, scheduleItemId: null }, parsedClause.assignments, agencyIdOf));
      }
    }
  }
  for (const parsedItem of parsed.schedule) {
    const item = scheduleItemRow(planId, parsedItem);
    rows.scheduleItems.push(item);
    const owner = { taskId: item.taskId, clauseId: null, scheduleItemId: item.id };
    rows.indicators.push(...indicatorRows(item.id, owner, parsedItem.indicators));
    // Numbered through both unit columns, 牵头单位 first.
    const units = [...parsedItem.lead, ...parsedItem.responsible];
    rows.assignments.push(...assignmentRows({ clauseId: null, scheduleItemId: item.id }, units, agencyIdOf));
  }
}
