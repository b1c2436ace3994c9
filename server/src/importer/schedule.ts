import { extractIndicators, markCumulative } from './indicators.js';
import { MappedText } from './mapped-text.js';
import { bigrams, splitCells, type SourceLine } from './normalize.js';
import { parseAgencyList } from './responsibility.js';
import {
  PlanParseError,
  type ParsedAgencyRef,
  type ParsedIndicator,
  type ParsedScheduleItem,
  type ParsedSection,
  type Period,
} from './parsed-plan.js';

/** Header cells repeated at the top of every page of a 推进表. */
const HEADER_CELL = /^(?:序号|重点工作|工作任务|具体内容|牵头单位|责任单位|.季度目标|.季度|完成时限)$/;
const SECTION_NUMERAL = /^[一二三四五六七八九十]{1,3}$/;
/** Where a cell's text is complete: a cut at a page break leaves it without closing punctuation. */
const COMPLETE_CELL = /[。；！？）”」]$/;
const QUARTERS: readonly Period[] = ['Q1', 'Q2', 'Q3', 'Q4'];

interface RowDraft {
  ordinal: number;
  sectionLabel: string | null;
  workTitle: string | null;
  /** content, q1, q2, q3, q4 */
  fields: MappedText[];
  units: MappedText[];
  lines: SourceLine[];
}

/**
 * Reads a 推进表 (quarterly schedule) from its tab-separated rows. The layout comes out of Word
 * damaged: a header row on every page, rows continued on the next page, a section title repeated
 * in the wrong column, the row number fused into the content cell. So a row is found by its row
 * number (序号), the cells before it say which section and task it belongs to, and the five cells
 * after it are content and Q1–Q4, then the units.
 */
export function parseSchedule(fileName: string, lines: SourceLine[], sections: ParsedSection[]): ParsedScheduleItem[] {
  const sectionTitles = new Set(sections.map((section) => section.title));
  const drafts: RowDraft[] = [];

  // Without a header saying otherwise, a 推进表 has four quarterly columns.
  let quarterColumns = 4;
  let pageHeader: SourceLine | null = null;
  for (const line of lines) {
    const cells = splitCells(line);
    if (cells.some((cell) => HEADER_CELL.test(cell.text))) {
      quarterColumns = Math.min(4, cells.filter((cell) => /季度/.test(cell.text)).length);
      pageHeader = line;
      continue;
    }
    pageHeader = null;
    const expected = drafts.length + 1;
    const anchor = findRowNumber(cells, expected);
    if (anchor === 'gap') {
      throw new PlanParseError(fileName, line.number, 'schedule', `row ${expected} next (schedule rows are numbered consecutively)`);
    }
    if (anchor === null) {
      const previous = drafts[drafts.length - 1];
      const pieces = continuationPieces(cells, sectionTitles);
      if (pieces.length === 0) continue;
      if (!previous) throw new PlanParseError(fileName, line.number, 'schedule', 'row 1 (a row starting with its number)');
      continueRow(previous, cells, pieces);
      previous.lines.push(line);
      continue;
    }
    drafts.push(readRow(expected, cells, anchor, quarterColumns, sectionTitles, line));
  }

  assertNotCutOff(fileName, drafts, pageHeader);
  const tasks = sections.flatMap((section) => section.tasks);
  const taskOrdinals = linkRowsToTasks(drafts, tasks);
  return drafts.map((draft, index) => toScheduleItem(draft, taskOrdinals[index]));
}

/**
 * What a cut leaves in a 推进表: the header Word repeats at the top of a page with no row under it,
 * or a last row without the unit columns the other rows fill.
 */
function assertNotCutOff(fileName: string, drafts: RowDraft[], trailingHeader: SourceLine | null): void {
  if (trailingHeader && drafts.length > 0) {
    throw new PlanParseError(
      fileName,
      trailingHeader.number,
      'schedule',
      `row ${drafts.length + 1} under the table header repeated at the top of a page (the file ends after the header)`,
    );
  }
  const last = drafts[drafts.length - 1];
  const others = drafts.slice(0, -1);
  if (last && last.units.length === 0 && others.length > 0 && others.every((row) => row.units.length > 0)) {
    throw new PlanParseError(
      fileName,
      last.lines[last.lines.length - 1].number,
      'schedule',
      `the unit columns (牵头单位/责任单位) of row ${last.ordinal}, as every other row has them`,
    );
  }
}

interface Anchor {
  /** The cell holding the row number. */
  cell: number;
  /** Where the content starts inside that cell when the number is fused into it ("32 把…"), else null. */
  fusedContent: number | null;
}

function findRowNumber(cells: MappedText[], expected: number): Anchor | 'gap' | null {
  for (let i = 0; i < cells.length; i++) {
    const text = cells[i].text;
    const bare = /^(\d{1,3})$/.exec(text);
    if (bare) return Number(bare[1]) === expected ? { cell: i, fusedContent: null } : 'gap';
    const fused = /^(\d{1,3})(?=[^\d.%])/.exec(text);
    if (fused && Number(fused[1]) === expected) return { cell: i, fusedContent: fused[0].length };
    // The content column is reached once a cell holds a sentence: no row number on this line.
    if (text.length > 0 && !SECTION_NUMERAL.test(text) && /[，。；、]/.test(text.replace(/。$/, ''))) return null;
  }
  return null;
}

function readRow(
  ordinal: number,
  cells: MappedText[],
  anchor: Anchor,
  quarterColumns: number,
  sectionTitles: Set<string>,
  line: SourceLine,
): RowDraft {
  let sectionLabel: string | null = null;
  let workTitle: string | null = null;
  for (const cell of cells.slice(0, anchor.cell)) {
    const text = cell.text.replace(/。$/, '');
    if (!text) continue;
    if (SECTION_NUMERAL.test(text)) sectionLabel = text;
    // A cell repeating the section's title (a page header, sometimes in the task column) is not the task.
    else if (!sectionTitles.has(text)) workTitle = text;
  }
  const content = anchor.fusedContent === null ? cells[anchor.cell + 1] : cells[anchor.cell].slice(anchor.fusedContent);
  const afterContent = anchor.cell + (anchor.fusedContent === null ? 2 : 1);
  const quarters = cells.slice(afterContent, afterContent + quarterColumns);
  const fields = [content, ...quarters, ...new Array<undefined>(4 - quarters.length)].map(
    (cell) => cell ?? MappedText.empty(line.raw.spanOf().end),
  );
  const units = cells.slice(afterContent + quarterColumns);
  while (units.length > 0 && units[units.length - 1].length === 0) units.pop();
  return { ordinal, sectionLabel, workTitle, fields, units, lines: [line] };
}

/** The non-empty cells of a continuation line, without the page header (一 + section title) in front. */
function continuationPieces(cells: MappedText[], sectionTitles: Set<string>): { index: number; text: MappedText }[] {
  const pieces = cells.map((text, index) => ({ index, text })).filter(({ text }) => text.length > 0);
  while (pieces.length > 0 && (SECTION_NUMERAL.test(pieces[0].text.text) || sectionTitles.has(pieces[0].text.text))) {
    pieces.shift();
  }
  return pieces;
}

/**
 * Appends a line that continues the previous row on the next page. Its pieces go, in order, to
 * the previous row's cells that were cut off (no closing punctuation); when that does not add up,
 * a piece goes to the cell in the same column.
 */
function continueRow(row: RowDraft, cells: MappedText[], pieces: { index: number; text: MappedText }[]): void {
  const cut = row.fields
    .map((field, index) => ({ field, index }))
    .filter(({ field }) => field.length > 0 && !COMPLETE_CELL.test(field.text));
  if (cut.length === pieces.length) {
    cut.forEach(({ index }, i) => (row.fields[index] = MappedText.concat([row.fields[index], pieces[i].text])));
    return;
  }
  const contentColumn = Math.max(0, cells.length - (row.fields.length + row.units.length));
  for (const piece of pieces) {
    const field = Math.min(Math.max(piece.index - contentColumn, 0), row.fields.length - 1);
    row.fields[field] = MappedText.concat([row.fields[field], piece.text]);
  }
}

/**
 * Links each row to the main-text task it details, by how much of the row's content appears in the
 * task's clauses (the 推进表 copies them), keeping rows in task order.
 */
function linkRowsToTasks(rows: RowDraft[], tasks: ParsedSection['tasks']): number[] {
  if (tasks.length === 0) return rows.map(() => 0);
  const taskGrams = tasks.map((task) => [task.text, ...task.clauses.map((clause) => clause.text)].map(bigrams));
  const scores = rows.map((row) => {
    const rowGrams = bigrams(row.fields[0].text);
    return tasks.map((task, t) => {
      const overlap = Math.max(...taskGrams[t].map((grams) => containment(rowGrams, grams)));
      const titled =
        row.workTitle !== null && task.title !== null && (task.title.includes(row.workTitle) || row.workTitle.includes(task.title));
      return overlap + (titled ? 0.5 : 0);
    });
  });
  // Best monotone assignment: best[r][t] = the best total for rows 0..r with row r on task t.
  const best = scores.map(() => new Array<number>(tasks.length).fill(-Infinity));
  const from = scores.map(() => new Array<number>(tasks.length).fill(0));
  for (let r = 0; r < rows.length; r++) {
    let runningMax = -Infinity;
    let runningArg = 0;
    for (let t = 0; t < tasks.length; t++) {
      if (r > 0 && best[r - 1][t] > runningMax) {
        runningMax = best[r - 1][t];
        runningArg = t;
      }
      best[r][t] = (r === 0 ? 0 : runningMax) + scores[r][t];
      from[r][t] = runningArg;
    }
  }
  const assignment = new Array<number>(rows.length);
  let t = best[rows.length - 1]?.indexOf(Math.max(...best[rows.length - 1])) ?? 0;
  for (let r = rows.length - 1; r >= 0; r--) {
    assignment[r] = tasks[t].ordinal;
    t = from[r][t];
  }
  return assignment;
}

function containment(part: Set<string>, whole: Set<string>): number {
  if (part.size === 0) return 0;
  let shared = 0;
  for (const gram of part) if (whole.has(gram)) shared++;
  return shared / part.size;
}

function toScheduleItem(row: RowDraft, taskOrdinal: number): ParsedScheduleItem {
  const [content, ...quarters] = row.fields;
  const indicators: ParsedIndicator[] = quarters.flatMap((quarter, i) => extractIndicators(quarter, QUARTERS[i]));
  markCumulative(indicators);
  const [lead, responsible] = splitUnits(row.units);
  const first = row.lines[0].raw.trim().spanOf();
  const last = row.lines[row.lines.length - 1].raw.trim();
  return {
    ordinal: row.ordinal,
    sectionLabel: row.sectionLabel,
    workTitle: row.workTitle,
    content: content.text,
    q1: quarters[0].text || null,
    q2: quarters[1].text || null,
    q3: quarters[2].text || null,
    q4: quarters[3].text || null,
    lead,
    responsible,
    taskOrdinal,
    span: { start: first.start, end: last.spanOf().end },
    indicators,
  };
}

/**
 * The unit cells after Q4: 牵头单位 then 责任单位. A row printing a single unit has no lead: the
 * lone unit is the one responsible (rows 1–3 of the Xuzhou table, as its main text says 负责).
 */
function splitUnits(units: MappedText[]): [ParsedAgencyRef[], ParsedAgencyRef[]] {
  if (units.length === 0) return [[], []];
  if (units.length === 1) return [[], parseAgencyList(units[0], 'RESPONSIBLE')];
  const [lead, ...rest] = units;
  return [parseAgencyList(lead, 'LEAD'), rest.flatMap((unit) => parseAgencyList(unit, 'RESPONSIBLE'))];
}
