import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { AgencyNamer } from '../agency/agency-names.js';
import { runAlignment } from '../alignment/alignment.service.js';
import { agencyKey, collectAgencies, upsertAgencies } from '../agency/agency.service.js';
import { bumpDataVersion } from '../cache/data-version.js';
import { seedsDir } from '../common/paths.js';
import { insert, upsert, type Columns, type Row } from '../db/bulk-write.js';
import { JurisdictionLevel } from '../jurisdiction/jurisdiction.entity.js';
import { JurisdictionDirectory, JurisdictionNotIdentifiedError } from '../jurisdiction/jurisdiction.service.js';
import { parsePlanFile } from './parse.js';
import { PlanAttribution } from '../plan/plan.entity.js';
import {
  type ParsedAgencyRef,
  type ParsedDeadline,
  type ParsedIndicator,
  type ParsedPlan,
  type ParsedTask,
  PlanAttributionError,
  PlanParseError,
} from './parsed-plan.js';

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
  const parsed = await parsePlanFile(file.fileName, file.bytes, { year: options.year });
  checkStructure(file.fileName, parsed);
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
  return dataSource.transaction('READ COMMITTED', async (manager): Promise<ImportSummary[]> => {
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
    const candidates = error.candidates.map((candidate) => ({
      code: candidate.code,
      fullName: directory
        .lineage(candidate.code)
        .reverse()
        .filter((level) => level.level !== JurisdictionLevel.COUNTRY)
        .map((level) => level.name)
        .join(''),
    }));
    const choose =
      candidates.length > 0
        ? `; choose one with --jurisdiction CODE: ${candidates.map((candidate) => `${candidate.code} ${candidate.fullName}`).join(', ')}`
        : '; say which with --jurisdiction CODE';
    throw new PlanAttributionError(
      fileName,
      lineAt(parsed.sourceText, shown ?? 0),
      `an issuing body or title naming one jurisdiction of the reference data (${error.reason}: ${error.detail})${choose}`,
      candidates,
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
  const all = writes.map(planRows);
  const rowsOf = (part: keyof PlanRows) => all.flatMap((rows) => rows[part]);
  const [plans, sections, groups, tasks, clauses, scheduleItems, indicators, assignments] = (
    ['plan', 'sections', 'groups', 'tasks', 'clauses', 'scheduleItems', 'indicators', 'assignments'] as const
  ).map(rowsOf);

  // Assignments have no stable id: the old revisions' go, the new ones' come.
  await manager.query(
    `DELETE FROM assignment
     WHERE clause_id IN (SELECT clause.id FROM clause JOIN task ON task.id = clause.task_id WHERE task.plan_id = ANY($1))
        OR schedule_item_id IN (SELECT id FROM schedule_item WHERE plan_id = ANY($1))`,
    [planIds],
  );
  await upsert(manager, 'plan', PLAN_COLUMNS, plans, options.keepImportedAt ? {} : { extraSet: 'imported_at = now()' });
  await upsert(manager, 'section', SECTION_COLUMNS, sections);
  await upsert(manager, 'section_group', GROUP_COLUMNS, groups);
  await upsert(manager, 'task', TASK_COLUMNS, tasks);
  await upsert(manager, 'clause', CLAUSE_COLUMNS, clauses);
  await upsert(manager, 'schedule_item', SCHEDULE_ITEM_COLUMNS, scheduleItems);
  await upsert(manager, 'indicator', INDICATOR_COLUMNS, indicators);
  await insert(manager, 'assignment', ASSIGNMENT_COLUMNS, assignments);

  const ids = (rows: Row[]) => rows.map((row) => row.id as string);
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
  plan: Row[];
  sections: Row[];
  groups: Row[];
  tasks: Row[];
  clauses: Row[];
  scheduleItems: Row[];
  indicators: Row[];
  assignments: Row[];
}

/** The rows of one plan and its parts, with their deterministic ids. */
function planRows(write: PlanWrite): PlanRows {
  const { planId, parsed } = write;
  const { header } = parsed;
  const keepsBytes = parsed.format === 'DOCX' || parsed.format === 'HTML';
  const plan: Row = {
    id: planId,
    jurisdiction_code: write.jurisdictionCode,
    year: parsed.year,
    title: parsed.title,
    draft: parsed.draft,
    attribution: write.attribution,
    notice_title: header.noticeTitle,
    issuer_mark: header.issuerMark,
    document_number: header.documentNumber,
    issuer: header.issuer,
    issued_on: header.issuedOn,
    disclosure: header.disclosure,
    addressees: header.addressees,
    copy_to: header.copyTo,
    printed_by: header.printedBy,
    printed_on: header.printedOn,
    attachments: header.attachments,
    preamble: parsed.preamble,
    source_text: parsed.sourceText,
    source_format: parsed.format,
    source_sha256: write.sha256,
    source_file_name: basename(write.file.fileName),
    // bytea's text form, which jsonb_to_recordset reads.
    source_bytes: keepsBytes ? `\\x${Buffer.from(write.file.bytes).toString('hex')}` : null,
  };
  const sections: Row[] = [];
  const groups: Row[] = [];
  const tasks: Row[] = [];
  const clauses: Row[] = [];
  const scheduleItems: Row[] = [];
  const indicators: Row[] = [];
  const assignments: Row[] = [];
  const addIndicators = (ownerId: string, owner: Row, list: ParsedIndicator[]) =>
    list.forEach((indicator, index) =>
      indicators.push({
        id: `${ownerId}-i${index + 1}`,
        ...owner,
        ordinal: index + 1,
        subject: indicator.subject,
        comparator: indicator.comparator,
        value: indicator.value,
        unit: indicator.unit,
        period: indicator.period,
        cumulative: indicator.cumulative,
        qualifier: indicator.qualifier,
        source_text: indicator.text,
        span_start: indicator.span.start,
        span_end: indicator.span.end,
      }),
    );
  const addAssignments = (owner: Row, refs: ParsedAgencyRef[]) =>
    refs.forEach((ref, index) =>
      assignments.push({
        clause_id: null,
        schedule_item_id: null,
        ...owner,
        agency_id: write.agencyIdOf(ref),
        role: ref.role,
        ordinal: index + 1,
        printed_name: ref.name,
        span_start: ref.span.start,
        span_end: ref.span.end,
      }),
    );
  const citedLabels = fullLabels(parsed.sections.flatMap((section) => section.tasks));
  for (const section of parsed.sections) {
    const sectionId = `${planId}-s${section.ordinal}`;
    sections.push({
      id: sectionId,
      plan_id: planId,
      ordinal: section.ordinal,
      label: section.label,
      title: section.title,
      preamble: section.preamble,
      span_start: section.span.start,
      span_end: section.span.end,
    });
    const groupId = (ordinal: number) => `${sectionId}-g${ordinal}`;
    for (const group of section.groups) {
      groups.push({
        id: groupId(group.ordinal),
        plan_id: planId,
        section_id: sectionId,
        ordinal: group.ordinal,
        label: group.label,
        title: group.title,
        preamble: group.preamble,
        span_start: group.span.start,
        span_end: group.span.end,
      });
    }
    for (const task of section.tasks) {
      const taskId = `${planId}-t${task.ordinal}`;
      tasks.push({
        id: taskId,
        plan_id: planId,
        section_id: sectionId,
        group_id: task.groupOrdinal === null ? null : groupId(task.groupOrdinal),
        ordinal: task.ordinal,
        label: task.label,
        path: task.path,
        full_label: citedLabels.get(task) ?? task.label,
        title: task.title,
        text: task.text,
        span_start: task.span.start,
        span_end: task.span.end,
        ...deadlineRow(task.deadline),
      });
      addIndicators(taskId, { task_id: taskId, clause_id: null, schedule_item_id: null }, task.indicators);
      for (const clause of task.clauses) {
        const clauseId = `${taskId}-c${clause.ordinal}`;
        clauses.push({
          id: clauseId,
          task_id: taskId,
          ordinal: clause.ordinal,
          text: clause.text,
          responsibility: clause.responsibility,
          span_start: clause.span.start,
          span_end: clause.span.end,
          ...deadlineRow(clause.deadline),
        });
        addIndicators(clauseId, { task_id: taskId, clause_id: clauseId, schedule_item_id: null }, clause.indicators);
        addAssignments({ clause_id: clauseId }, clause.assignments);
      }
    }
  }
  for (const row of parsed.schedule) {
    const rowId = `${planId}-r${row.ordinal}`;
    const taskId = `${planId}-t${row.taskOrdinal}`;
    scheduleItems.push({
      id: rowId,
      plan_id: planId,
      task_id: taskId,
      ordinal: row.ordinal,
      work_title: row.workTitle,
      content: row.content,
      q1: row.q1,
      q2: row.q2,
      q3: row.q3,
      q4: row.q4,
      span_start: row.span.start,
      span_end: row.span.end,
    });
    addIndicators(rowId, { task_id: taskId, clause_id: null, schedule_item_id: rowId }, row.indicators);
    // Numbered through both unit columns, 牵头单位 first.
    addAssignments({ schedule_item_id: rowId }, [...row.lead, ...row.responsible]);
  }
  return { plan: [plan], sections, groups, tasks, clauses, scheduleItems, indicators, assignments };
}

/**
 * How readers cite each task: by its label where the plan numbers its tasks through the document
 * ("5"), with the labels above it where the plan restarts its numbering ("二（三）3"), for every
 * task of such a plan (its 3 alone would not say which 3).
 */
function fullLabels(tasks: ParsedTask[]): Map<ParsedTask, string> {
  const labels = tasks.map((task) => task.label);
  const restarts = labels.some((label) => label === '') || new Set(labels).size < labels.length;
  return new Map(tasks.map((task) => [task, restarts ? [...task.path, task.label].join('') : task.label]));
}

function deadlineRow(deadline: ParsedDeadline | null): Row {
  return {
    deadline: deadline?.text ?? null,
    deadline_date: deadline?.date ?? null,
    deadline_span_start: deadline?.span.start ?? null,
    deadline_span_end: deadline?.span.end ?? null,
  };
}

const SPAN: Columns = { span_start: 'integer', span_end: 'integer' };
const PLAN_COLUMNS: Columns = {
  id: 'text',
  jurisdiction_code: 'varchar',
  year: 'integer',
  title: 'text',
  draft: 'boolean',
  attribution: 'varchar',
  notice_title: 'text',
  issuer_mark: 'text',
  document_number: 'text',
  issuer: 'text',
  issued_on: 'date',
  disclosure: 'text',
  addressees: 'text',
  copy_to: 'text',
  printed_by: 'text',
  printed_on: 'date',
  attachments: 'text[]',
  preamble: 'text',
  source_text: 'text',
  source_format: 'varchar',
  source_sha256: 'char(64)',
  source_file_name: 'text',
  source_bytes: 'bytea',
};
const DEADLINE: Columns = { deadline: 'text', deadline_date: 'date', deadline_span_start: 'integer', deadline_span_end: 'integer' };
const SECTION_COLUMNS: Columns = {
  id: 'text',
  plan_id: 'text',
  ordinal: 'integer',
  label: 'text',
  title: 'text',
  preamble: 'text',
  ...SPAN,
};
const GROUP_COLUMNS: Columns = {
  id: 'text',
  plan_id: 'text',
  section_id: 'text',
  ordinal: 'integer',
  label: 'text',
  title: 'text',
  preamble: 'text',
  ...SPAN,
};
const TASK_COLUMNS: Columns = {
  id: 'text',
  plan_id: 'text',
  section_id: 'text',
  group_id: 'text',
  ordinal: 'integer',
  label: 'text',
  path: 'text[]',
  full_label: 'text',
  title: 'text',
  text: 'text',
  ...SPAN,
  ...DEADLINE,
};
const CLAUSE_COLUMNS: Columns = {
  id: 'text',
  task_id: 'text',
  ordinal: 'integer',
  text: 'text',
  responsibility: 'text',
  ...SPAN,
  ...DEADLINE,
};
const SCHEDULE_ITEM_COLUMNS: Columns = {
  id: 'text',
  plan_id: 'text',
  task_id: 'text',
  ordinal: 'integer',
  work_title: 'text',
  content: 'text',
  q1: 'text',
  q2: 'text',
  q3: 'text',
  q4: 'text',
  ...SPAN,
};
const INDICATOR_COLUMNS: Columns = {
  id: 'text',
  task_id: 'text',
  clause_id: 'text',
  schedule_item_id: 'text',
  ordinal: 'integer',
  subject: 'text',
  comparator: 'varchar',
  value: 'double precision',
  unit: 'text',
  period: 'varchar',
  cumulative: 'boolean',
  qualifier: 'text',
  source_text: 'text',
  ...SPAN,
};
const ASSIGNMENT_COLUMNS: Columns = {
  clause_id: 'text',
  schedule_item_id: 'text',
  agency_id: 'integer',
  role: 'varchar',
  ordinal: 'integer',
  printed_name: 'text',
  ...SPAN,
};
