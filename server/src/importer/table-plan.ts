import { readDeadline } from './deadline.js';
import { extractIndicators } from './indicators.js';
import { MappedText } from './mapped-text.js';
import { chineseNumeralValue, repair, type SourceLine } from './normalize.js';
import {
  PlanParseError,
  type AssignmentRole,
  type ParsedAgencyRef,
  type ParsedClause,
  type ParsedDeadline,
  type ParsedSection,
  type ParsedTask,
  type Span,
} from './parsed-plan.js';
import { isResponsibility, parseAgencyList, parseAssignments } from './responsibility.js';

/**
 * Plans that are one table (任务分解表): a header row naming the columns, rows 一、… spanning the
 * table that start sections, and numbered rows that are tasks:
 *
 *   序号 | 工作任务 | 具体内容 | 牵头单位 | 责任单位 | 完成时限
 *
 * The header row's words decide which column is which; any column may be absent or elsewhere.
 */

/** What a column holds. */
type ColumnKind = 'number' | 'task' | 'content' | 'lead' | 'responsible' | 'support' | 'deadline';

/** Header words of each column kind, compared without spaces and bracketed asides (责任单位（部门）). */
const HEADER_WORDS: readonly [ColumnKind, RegExp][] = [
  ['number', /^(?:序号|编号|序)$/],
  ['content', /^(?:具体内容|工作措施|主要内容|具体措施|主要措施|工作要求|具体任务|任务内容|工作目标|目标任务|内容)$/],
  ['task', /^(?:工作任务|重点任务|任务|重点工作|工作内容|工作事项|任务名称|主要任务|工作项目)$/],
  ['lead', /^(?:牵头单位|牵头部门|牵头责任单位|牵头)$/],
  ['responsible', /^(?:责任单位|责任部门|负责单位|主责单位|责任主体|实施单位)$/],
  ['support', /^(?:配合单位|协办单位|配合部门|协作单位|参与单位|协助单位|配合)$/],
  ['deadline', /^(?:完成时限|时间节点|完成时间|时限|时限要求|完成期限|进度安排|时间安排)$/],
];
const UNIT_COLUMNS: readonly [ColumnKind, AssignmentRole, string][] = [
  ['lead', 'LEAD', '牵头'],
  ['responsible', 'RESPONSIBLE', '负责'],
  ['support', 'SUPPORT', '配合'],
];
/** 一、源头治理 (in one cell spanning the row, or alone on its line). */
const SECTION_ROW = /^([一二三四五六七八九十]{1,3})、(.+)$/;
/** （一）强化源头治理: a group of tasks inside a section. */
const GROUP_ROW = /^(（[一二三四五六七八九十]{1,3}）)(.+)$/;
/** 一 in the 序号 cell, the title in the next. */
const SECTION_NUMERAL = /^([一二三四五六七八九十]{1,3})、?$/;
/** 1, 1. 1、 (repaired). */
const TASK_NUMBER = /^(\d{1,3})[.、]?$/;

/** The columns of a plan table: the cell index of each kind present. */
type Columns = Partial<Record<ColumnKind, number>>;

export interface PlanTable {
  /** Index (into the lines given) of the header row. */
  header: number;
  /** Index just past the table's last row. */
  end: number;
}

/**
 * The plan table, when the plan is one: a header row naming a task or content column and at
 * least one unit column, before any outline section heading (一、 on a line of its own). A
 * table after the outline is an attachment (Xuzhou's 推进表), not the plan. A header of two rows
 * (责任分工 over 牵头单位 | 配合单位) starts at its upper row.
 */
export function findPlanTable(lines: SourceLine[]): PlanTable | null {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.isTableRow) {
      if (SECTION_ROW.test(line.text.text)) return null;
      continue;
    }
    if (columnsOf(classify(cellsOf(line))) === null) continue;
    let header = i;
    while (header > 0 && lines[header - 1].isTableRow && isHeaderRow(cellsOf(lines[header - 1]))) header--;
    return { header, end: tableEnd(lines, i) };
  }
  return null;
}

/** The table runs on over its rows, blank lines, and rows that rendered without tabs (a section alone in its row). */
function tableEnd(lines: SourceLine[], header: number): number {
  let end = header + 1;
  for (let i = header + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.isTableRow || line.raw.text.includes('\t') || SECTION_ROW.test(line.text.text) || GROUP_ROW.test(line.text.text)) {
      end = i + 1;
    } else if (line.text.text) break;
  }
  return end;
}

/** What each cell of a header row names, by its words. */
function classify(cells: MappedText[]): (ColumnKind | null)[] {
  return cells.map((cell) => {
    const word = cell.text.replace(/[（(][^）)]*[）)]/g, '').replace(/[:：]$/, '');
    return HEADER_WORDS.find(([, pattern]) => pattern.test(word))?.[0] ?? null;
  });
}

/**
 * A header row, or a header's upper row: short words only (no numbers, no sentences), at least one
 * of them naming a column.
 */
function isHeaderRow(cells: MappedText[]): boolean {
  const filled = cells.filter((cell) => cell.length > 0);
  return (
    filled.length > 0 &&
    classify(cells).some((kind) => kind !== null) &&
    filled.every((cell) => cell.length <= 10 && !/[\d。，、；]/.test(cell.text))
  );
}

function columnsOf(kinds: (ColumnKind | null)[]): Columns | null {
  const columns: Columns = {};
  const tasks: number[] = [];
  kinds.forEach((kind, index) => {
    if (kind === 'task') tasks.push(index);
    else if (kind && columns[kind] === undefined) columns[kind] = index;
  });
  if (tasks.length > 0) columns.task = tasks[0];
  // 重点工作 | 工作内容 without a 具体内容 column: the second task-like column is the content.
  if (tasks.length > 1 && columns.content === undefined) columns.content = tasks[1];
  const hasWork = columns.task !== undefined || columns.content !== undefined;
  const hasUnits = UNIT_COLUMNS.some(([kind]) => columns[kind] !== undefined);
  return hasWork && hasUnits ? columns : null;
}

/** A line's raw cells (a row that rendered without tabs is one cell). */
function rawCellsOf(line: SourceLine): MappedText[] {
  return line.raw.split(/\t/g);
}

function cellsOf(line: SourceLine): MappedText[] {
  return rawCellsOf(line).map(repair);
}

/** One table row as read: a clause of a task; a row continued on the next page gathers both lines' pieces. */
interface RowDraft {
  /** Raw pieces of each cell, by column index. */
  pieces: MappedText[][];
  lines: SourceLine[];
}

interface TaskDraft {
  label: string;
  /** 1-based ordinal of the group (（一）…) in its section, or null. */
  group: number | null;
  rows: RowDraft[];
}

interface Heading {
  label: string;
  title: string;
  span: Span;
}

interface GroupDraft extends Heading {
  tasks: TaskDraft[];
}

interface SectionDraft {
  heading: Heading | null;
  line: SourceLine | null;
  groups: GroupDraft[];
  tasks: TaskDraft[];
}

/**
 * Reads the plan table (`lines` from its header row to its end) into sections and tasks. `year` is
 * the plan's, for deadlines that leave it out (6月底前).
 *
 * A section is a row 一、… spanning the table (or 一 | title), or the value of a column holding
 * 一、… in every row (a vertically merged 类别 column); a row （一）… spanning the table is a group.
 *
 * How merged cells read: the text rendition repeats a vertically merged cell in every row it
 * covers, and a careful reader takes a merge to mean what the repeated text says:
 * - rows sharing a merged 工作任务 cell but numbered on their own are separate tasks, each titled
 *   with the shared 工作任务;
 * - rows sharing a merged 序号 (the same number repeated) are one task, each row one clause of it;
 * - a merged unit or 完成时限 cell applies to every row it covers.
 * A row whose 序号 is empty continues the row above (a row broken across a page in a converted
 * file): its cells are appended to that row's, except cells that only repeat a merged cell.
 */
export function parseTablePlan(fileName: string, lines: SourceLine[], year: number): ParsedSection[] {
  // The header's rows, the lower naming the columns the upper spans (责任分工 → 牵头单位 | 配合单位).
  let headerRows = 0;
  const kinds: (ColumnKind | null)[] = [];
  while (headerRows < lines.length && isHeaderRow(cellsOf(lines[headerRows]))) {
    classify(cellsOf(lines[headerRows])).forEach((kind, index) => (kinds[index] = kind ?? kinds[index] ?? null));
    headerRows++;
  }
  const body = lines.slice(headerRows).filter((line) => line.raw.text.trim().length > 0 && !isHeaderRow(cellsOf(line)));
  const sectionColumn = findSectionColumn(body);
  if (sectionColumn !== null) kinds[sectionColumn] = null;
  const columns = columnsOf(Array.from(kinds, (kind) => kind ?? null));
  if (columns === null) throw new PlanParseError(fileName, lines[0].number, 'table', 'a header row naming the task and unit columns');
  // A 序号 column left empty in every row numbers nothing: every row is a task.
  const numberColumn = columns.number;
  const numbered = numberColumn !== undefined && body.some((line) => TASK_NUMBER.test(cellsOf(line)[numberColumn]?.text ?? ''));

  const sections: SectionDraft[] = [];
  let current: TaskDraft | null = null;
  let lastNumber = 0;
  /** Tasks since the last section or group heading: numbering may start afresh under a heading. */
  let sinceHeading = 0;
  const startSection = (heading: Heading | null, line: SourceLine | null) => {
    const at = line?.number ?? lines[0].number;
    if (heading && sections.length > 0 && !sections[0].heading) {
      throw new PlanParseError(fileName, at, 'section', 'a section row (一、…) above the first task row, as the other sections have');
    }
    const expected = sections.length + 1;
    if (heading && chineseNumeralValue(heading.label) !== expected) {
      throw new PlanParseError(fileName, at, 'section', `section ${expected} (a row 一、二、… spanning the table) next`);
    }
    sections.push({ heading, line, groups: [], tasks: [] });
    current = null;
    sinceHeading = 0;
  };

  for (const line of body) {
    const cells = cellsOf(line);
    const heading = readHeadingRow(cells, columns);
    if (heading?.level === 'section') {
      startSection(heading, line);
      continue;
    }
    if (sectionColumn !== null) {
      // The row that first shows a section's merged cell starts the section, and is a task row too.
      const cell = cells[sectionColumn];
      const match = SECTION_ROW.exec(cell?.text ?? '');
      if (match && match[1] !== sections[sections.length - 1]?.heading?.label) {
        startSection({ label: match[1], title: match[2].replace(/。$/, ''), span: cell.spanOf() }, line);
      }
    }
    if (sections.length === 0) startSection(null, null);
    const section = sections[sections.length - 1];
    if (heading) {
      section.groups.push({ ...heading, tasks: [] });
      current = null;
      sinceHeading = 0;
      continue;
    }
    const printed = numberColumn !== undefined && numbered ? (cells[numberColumn]?.text ?? '') : '';
    const number = TASK_NUMBER.exec(printed);
    const label = number ? number[1] : printed.replace(/[.、]$/, '');
    if (numbered && label === '' && current) {
      continueRow(current.rows[current.rows.length - 1], line);
      continue;
    }
    if (numbered && label !== '' && current && label === current.label) {
      current.rows.push(newRow(line));
      continue;
    }
    if (number) {
      const value = Number(number[1]);
      // Numbered through the table, or afresh under each section or group.
      const follows = value === lastNumber + 1 || (value === 1 && sinceHeading === 0 && lastNumber > 0);
      if (!follows) {
        throw new PlanParseError(fileName, line.number, 'task', `task ${lastNumber + 1} next (序号 are consecutive)`);
      }
      lastNumber = value;
    }
    const group = section.groups.length > 0 ? section.groups.length : null;
    current = { label, group, rows: [newRow(line)] };
    section.tasks.push(current);
    if (group !== null) section.groups[group - 1].tasks.push(current);
    sinceHeading++;
  }
  assertNotCutOff(fileName, sections, columns);
  let ordinal = 0;
  return sections.map((section, index) => {
    if (section.tasks.length === 0) {
      const title = section.heading ? `${section.heading.label}、${section.heading.title}` : '';
      throw new PlanParseError(fileName, section.line?.number ?? lines[0].number, 'task', `task rows under section ${title}`);
    }
    const path = section.heading ? [section.heading.label] : [];
    const tasks = section.tasks.map((draft) =>
      readTask(++ordinal, draft, draft.group === null ? path : [...path, section.groups[draft.group - 1].label], columns, year),
    );
    const taskSpan = (draft: TaskDraft) => tasks[section.tasks.indexOf(draft)].span;
    return {
      ordinal: index + 1,
      label: section.heading?.label ?? '',
      title: section.heading?.title ?? '',
      preamble: null,
      span: { start: section.heading?.span.start ?? tasks[0].span.start, end: tasks[tasks.length - 1].span.end },
      groups: section.groups.map((group, groupIndex) => ({
        ordinal: groupIndex + 1,
        label: group.label,
        title: group.title,
        preamble: null,
        span: { start: group.span.start, end: group.tasks.length > 0 ? taskSpan(group.tasks[group.tasks.length - 1]).end : group.span.end },
      })),
      tasks,
    };
  });
}

/**
 * A column other than the 序号 that holds 一、… in every row that has one: the section, printed
 * in a vertically merged cell at the side of its tasks.
 */
function findSectionColumn(body: SourceLine[]): number | null {
  const values: string[][] = [];
  for (const line of body) {
    const cells = cellsOf(line);
    if (new Set(cells.map((cell) => cell.text).filter(Boolean)).size < 2) continue;
    cells.forEach((cell, index) => cell.length > 0 && (values[index] ??= []).push(cell.text));
  }
  const index = values.findIndex((column) => column?.length > 0 && column.every((value) => SECTION_ROW.test(value)));
  return index >= 0 ? index : null;
}

/**
 * A heading row: 一、源头治理 alone in the row (one merged cell), or 一 in the 序号 cell and the title
 * beside it, starts a section; （一）… alone in the row starts a group.
 */
function readHeadingRow(cells: MappedText[], columns: Columns): (Heading & { level: 'section' | 'group' }) | null {
  const filled = cells.map((cell) => cell.strip('。 ')).filter((cell) => cell.length > 0);
  const distinct = filled.filter((cell, index) => filled.findIndex((other) => other.text === cell.text) === index);
  if (distinct.length === 1) {
    const section = SECTION_ROW.exec(distinct[0].text);
    const group = GROUP_ROW.exec(distinct[0].text);
    const match = section ?? group;
    if (!match) return null;
    return { level: section ? 'section' : 'group', label: match[1], title: match[2], span: distinct[0].spanOf() };
  }
  const numeral = SECTION_NUMERAL.exec(distinct[0]?.text ?? '');
  const inNumberColumn = columns.number === undefined || cells[columns.number]?.text === distinct[0]?.text;
  if (distinct.length === 2 && numeral && inNumberColumn) {
    return {
      level: 'section',
      label: numeral[1],
      title: distinct[1].text,
      span: { start: distinct[0].spanOf().start, end: distinct[1].spanOf().end },
    };
  }
  return null;
}

function newRow(line: SourceLine): RowDraft {
  return { pieces: rawCellsOf(line).map((cell) => [cell]), lines: [line] };
}

/** Appends a continuation line's cells, skipping those that only repeat a merged cell of the row. */
function continueRow(row: RowDraft, line: SourceLine): void {
  rawCellsOf(line).forEach((raw, index) => {
    const text = repair(raw).text;
    if (!text) return;
    const pieces = (row.pieces[index] ??= []);
    const sofar = pieces.map((piece) => repair(piece).text).join('');
    if (text !== sofar) pieces.push(raw);
  });
  row.lines.push(line);
}

/** A cell's text, repaired, joined over a row's lines. */
function cellText(row: RowDraft, index: number | undefined): MappedText {
  const pieces = index === undefined ? [] : (row.pieces[index] ?? []);
  const end = row.lines[row.lines.length - 1].raw.spanOf().end;
  return pieces.length === 0 ? MappedText.empty(end) : MappedText.concat(pieces.map(repair)).trim();
}

/**
 * A file that ends mid-table leaves its last row without the cells every other row fills (the
 * units, the 完成时限, the content); that row must not be read as a task.
 */
function assertNotCutOff(fileName: string, sections: SectionDraft[], columns: Columns): void {
  const rows = sections.flatMap((section) => section.tasks.flatMap((task) => task.rows));
  if (rows.length < 2) return;
  const last = rows[rows.length - 1];
  const checks: [string, (row: RowDraft) => boolean, string][] = [
    [
      'responsibility',
      (row) => UNIT_COLUMNS.some(([kind]) => cellText(row, columns[kind]).length > 0),
      'the unit cells (牵头单位/责任单位) of the last row, which every other row fills',
    ],
    ['deadline', (row) => cellText(row, columns.deadline).length > 0, 'the 完成时限 cell of the last row, which every other row fills'],
    [
      'content',
      (row) => cellText(row, columns.content ?? columns.task).length > 0,
      'the content cell of the last row, which every other row fills',
    ],
  ];
  for (const [field, filled, expected] of checks) {
    if (!filled(last) && rows.slice(0, -1).every(filled)) {
      throw new PlanParseError(fileName, last.lines[last.lines.length - 1].number, field, `${expected} (the file ends mid-table)`);
    }
  }
}

function readTask(ordinal: number, draft: TaskDraft, path: string[], columns: Columns, year: number): ParsedTask {
  const clauses = draft.rows.map((row, index) => readClause(index + 1, row, columns, year));
  const taskCell = cellText(draft.rows[0], columns.task);
  const text = clauses.reduce((joined, clause) => (joined && !/[。；]$/.test(joined) ? `${joined}；` : joined) + clause.text, '');
  return {
    ordinal,
    label: draft.label,
    path,
    groupOrdinal: draft.group,
    deadline: taskDeadline(clauses),
    title: columns.content === undefined ? headingOf(taskCell.text) : taskCell.text.replace(/[。；]$/, '') || null,
    text,
    span: rowsSpan(draft.rows),
    clauses,
    indicators: [],
  };
}

/**
 * Without a content column the 工作任务 cell is the task's text; only its short opening sentence
 * (强化党政同责。…), when it has one, is a title, as in an outline plan.
 */
function headingOf(text: string): string | null {
  const stop = text.indexOf('。');
  if (stop <= 0 || stop > 30 || stop + 1 >= text.length) return null;
  const sentence = text.slice(0, stop);
  return /[，；：、]/.test(sentence) ? null : sentence;
}

/**
 * The task is due when its rows are: their common deadline, else the latest dated one (a row
 * 长期坚持 beside dated rows leaves the dated deadline standing).
 */
function taskDeadline(clauses: ParsedClause[]): ParsedDeadline | null {
  const deadlines = clauses.flatMap((clause) => (clause.deadline ? [clause.deadline] : []));
  if (deadlines.length === 0) return null;
  if (deadlines.every((deadline) => deadline.text === deadlines[0].text)) return deadlines[0];
  const dated = deadlines.filter((deadline) => deadline.date !== null);
  return dated.reduce<ParsedDeadline | null>((latest, deadline) => (latest && latest.date! >= deadline.date! ? latest : deadline), null);
}

function readClause(ordinal: number, row: RowDraft, columns: Columns, year: number): ParsedClause {
  const content = cellText(row, columns.content ?? columns.task);
  const assignments: ParsedAgencyRef[] = [];
  const responsibility: string[] = [];
  for (const [kind, role, word] of UNIT_COLUMNS) {
    const lists = unitLists(row, columns[kind]);
    for (const list of lists) {
      // A unit cell may name roles itself (市场监管局牵头，公安局配合): read it like a bracket.
      const named = isResponsibility(list.text);
      assignments.push(...(named ? parseAssignments(list) : parseAgencyList(list, role)));
    }
    if (lists.length > 0) {
      const printed = lists.map((list) => list.text).join('、');
      responsibility.push(isResponsibility(printed) ? printed : `${printed}${word}`);
    }
  }
  const deadlineCell = cellText(row, columns.deadline);
  const cells = [content, deadlineCell, ...UNIT_COLUMNS.map(([kind]) => cellText(row, columns[kind]))].filter((cell) => cell.length > 0);
  return {
    ordinal,
    text: content.text,
    // The bracket a prose plan would print: 县市场监管局牵头，县农业农村局、县卫生健康局负责.
    responsibility: responsibility.join('，'),
    span: cells.length > 0 ? coveringSpan(cells.map((cell) => cell.spanOf())) : content.spanOf(),
    assignments,
    indicators: extractIndicators(content),
    deadline: readDeadlineCell(deadlineCell, year),
  };
}

/**
 * A unit cell's lists of agencies. Word cells often put one unit per paragraph, which the text
 * rendition separates by a space: a space splits names unless the text before it ends in a list
 * separator (a list wrapped inside the cell).
 */
function unitLists(row: RowDraft, index: number | undefined): MappedText[] {
  if (index === undefined) return [];
  const lists: MappedText[] = [];
  let open = false;
  for (const raw of row.pieces[index] ?? []) {
    for (const part of raw.split(/[ \u00A0\u3000]+/g)) {
      const piece = repair(part).trim();
      if (!piece.length) continue;
      if (open) lists[lists.length - 1] = MappedText.concat([lists[lists.length - 1], piece]);
      else lists.push(piece);
      open = /[，、；]$/.test(piece.text);
    }
  }
  return lists;
}

/** 完成时限 as printed; a cell naming no date the reader can work out (全年) keeps its text with date null. */
function readDeadlineCell(cell: MappedText, year: number): ParsedDeadline | null {
  if (cell.length === 0) return null;
  const found = readDeadline(cell.text, year);
  if (!found) return { text: cell.text, date: null, span: cell.spanOf() };
  return { text: found.text, date: found.date, span: cell.spanOf(found.index, found.index + found.length) };
}

/** From the row's first filled cell to its last, over all its lines. */
function rowsSpan(rows: RowDraft[]): Span {
  const spans = rows.flatMap((row) =>
    row.pieces.flatMap((pieces) => pieces.map((piece) => piece.trim()).filter((piece) => piece.length > 0)).map((piece) => piece.spanOf()),
  );
  return coveringSpan(spans);
}

function coveringSpan(spans: Span[]): Span {
  return {
    start: Math.min(...spans.map((span) => span.start)),
    end: Math.max(...spans.map((span) => span.end)),
  };
}
