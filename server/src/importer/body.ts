import { MappedText } from './mapped-text.js';
import type { SourceLine } from './normalize.js';
import { printedMarker, readMarker, type Marker } from './outline.js';
import type { ParseProgress } from './import-progress.js';
import { PlanParseError, type ParsedGroup, type ParsedSection, type ParsedTask } from './parsed-plan.js';
import { isResponsibility, readDutyLine, scanBrackets } from './responsibility.js';
import { readTask, TaskTextError, type DutyLine, type ReadTask } from './task.js';

/** An item of the outline: a numbered line and the lines that continue it, up to the next number. */
interface OutlineItem {
  marker: Marker;
  line: SourceLine;
  parent: OutlineItem | null;
  children: OutlineItem[];
  /** The heading line and its continuation lines, not the children's. */
  lines: SourceLine[];
}

/** A number out of sequence; refused once the plan's levels are known, so the error can name the level. */
interface Gap {
  item: OutlineItem;
  expected: number;
}

/** A task as read, and the line it ends on (where a cut shows). */
interface TaskReading extends ReadTask {
  lastLine: number;
}

/** What a level of the outline is to the plan, once the task level is known. */
type Role = 'section' | 'group' | 'task' | 'heading' | 'item';

/**
 * Reads the plan body as an outline: items numbered 一、 / （一） / 1. / （1） / ① at whatever depth
 * the plan uses them, numbered through the document or restarting under each parent. The level
 * that holds the tasks is the one whose items carry the responsibility (brackets or 牵头单位：
 * lines); the top level above it gives the sections, the next the groups, deeper ones only the
 * tasks' paths. Items below the task level stay inside their task's text.
 */
export function parseBody(
  fileName: string,
  lines: SourceLine[],
  lineOf: (offset: number) => number,
  year: number,
  progress?: ParseProgress,
): ParsedSection[] {
  const { roots, items, gaps } = readOutline(lines);
  const taskRank = chooseTaskRank(items);
  const above = [...new Set(items.map((item) => item.marker.rank))].filter((rank) => rank < taskRank).sort((a, b) => a - b);
  const roleOf = (rank: number): Role =>
    rank === taskRank ? 'task' : rank > taskRank ? 'item' : rank === above[0] ? 'section' : rank === above[1] ? 'group' : 'heading';

  const gap = gaps[0];
  if (gap) {
    const role = roleOf(gap.item.marker.rank);
    throw new PlanParseError(
      fileName,
      gap.item.line.number,
      role === 'heading' || role === 'item' ? 'outline' : role,
      `${role} ${printedMarker(gap.item.marker.kind, gap.expected)} next (items are numbered consecutively)`,
    );
  }

  const sectionItems = above.length > 0 ? items.filter((item) => item.marker.rank === above[0]) : [];
  const taskItems = items.filter((item) => item.marker.rank === taskRank && (above.length === 0 || ancestorAt(item, above[0])));
  const orphan = above.length > 0 && items.find((item) => item.marker.rank === taskRank && !ancestorAt(item, above[0]));
  if (orphan) throw new PlanParseError(fileName, orphan.line.number, 'section', `a section heading above task ${orphan.marker.label}`);
  if (taskItems.length === 0) {
    throw new PlanParseError(fileName, lines[lines.length - 1]?.number ?? 1, 'task', 'numbered tasks in the plan body');
  }
  let nextOrdinal = 1;
  const read = new Map<OutlineItem, TaskReading>();
  for (const item of taskItems) {
    read.set(item, readTaskItem(fileName, item, nextOrdinal++, roleOf, lineOf, year));
    progress?.task?.();
  }

  const sections: ParsedSection[] =
    sectionItems.length > 0
      ? sectionItems.map((item, index) => toSection(fileName, item, index + 1, taskRank, above[1], read))
      : [unnamedSection(roots, read)];
  assertNotCutOff(fileName, [...read.values()]);
  return sections;
}

function readOutline(lines: SourceLine[]): { roots: OutlineItem[]; items: OutlineItem[]; gaps: Gap[] } {
  const roots: OutlineItem[] = [];
  const items: OutlineItem[] = [];
  const gaps: Gap[] = [];
  const lastOfKind = new Map<string, number>();
  const open: OutlineItem[] = [];
  for (const line of lines) {
    const text = line.text.text;
    if (!text) continue;
    const marker = readMarker(text);
    if (marker) {
      while (open.length > 0 && open[open.length - 1].marker.rank >= marker.rank) open.pop();
      const parent = open[open.length - 1] ?? null;
      const siblings = (parent?.children ?? roots).filter((item) => item.marker.kind === marker.kind);
      const previous = siblings[siblings.length - 1]?.marker.value ?? 0;
      const throughDocument = lastOfKind.get(marker.kind) ?? 0;
      const inSequence = marker.value === previous + 1 || (previous === 0 && marker.value === throughDocument + 1);
      // 4.5批次/千人 or 19.2021年… broken to the start of a line is a number in prose, not an item.
      const prose = !inSequence && marker.kind === 'arabic' && /^\d/.test(text.slice(marker.contentStart));
      if (!prose) {
        const item: OutlineItem = { marker, line, parent, children: [], lines: [line] };
        if (!inSequence) gaps.push({ item, expected: previous + 1 });
        (parent?.children ?? roots).push(item);
        items.push(item);
        open.push(item);
        lastOfKind.set(marker.kind, marker.value);
        continue;
      }
    }
    open[open.length - 1]?.lines.push(line);
  }
  return { roots, items, gaps };
}

/**
 * The task level: the deepest whose items hold (nearly) all the responsibility of the plan and
 * mostly carry some (sub-items （1） ① rarely do: one bracket closes the whole task). A plan
 * naming no one anywhere takes its arabic-numbered items, else its （一） items, as tasks.
 */
function chooseTaskRank(items: OutlineItem[]): number {
  const carrying = new Set(items.filter((item) => namesResponsibility(item.lines)));
  const ranks = [...new Set(items.map((item) => item.marker.rank))].sort((a, b) => b - a);
  if (carrying.size > 0) {
    for (const rank of ranks) {
      // The document's last item at a level may be cut short of its responsibility: it does not vote.
      const atRank = items.filter((item) => item.marker.rank === rank).slice(0, -1);
      const covered = [...carrying].filter((item) => item.marker.rank >= rank && ancestorAt(item, rank)).length;
      const carries = atRank.filter((item) => subtree(item).some((inner) => carrying.has(inner))).length;
      if (covered >= 0.8 * carrying.size && carries >= 0.6 * atRank.length && (atRank.length > 0 || covered > 0)) return rank;
    }
  }
  const fallback = [2, 1].find((rank) => ranks.includes(rank));
  return fallback ?? ranks[0] ?? 0;
}

function namesResponsibility(lines: SourceLine[]): boolean {
  if (lines.some((line, index) => index > 0 && readDutyLine(line.text) !== null)) return true;
  const text = MappedText.concat(lines.map((line) => line.text)).text;
  return scanBrackets(text).brackets.some(({ open, close }) => isResponsibility(text.slice(open + 1, close)));
}

/** The item itself when it sits at `rank`, else its ancestor there, or null. */
function ancestorAt(item: OutlineItem, rank: number): OutlineItem | null {
  for (let at: OutlineItem | null = item; at; at = at.parent) if (at.marker.rank === rank) return at;
  return null;
}

function subtree(item: OutlineItem): OutlineItem[] {
  return [item, ...item.children.flatMap(subtree)];
}

/** The item's lines and its descendants', in document order. */
function allLines(item: OutlineItem): SourceLine[] {
  return subtree(item)
    .flatMap((inner) => inner.lines)
    .sort((a, b) => a.number - b.number);
}

function readTaskItem(
  fileName: string,
  item: OutlineItem,
  ordinal: number,
  roleOf: (rank: number) => Role,
  lineOf: (offset: number) => number,
  year: number,
): TaskReading {
  const ancestors: OutlineItem[] = [];
  for (let at = item.parent; at; at = at.parent) ancestors.unshift(at);
  const groupAncestor = ancestors.find((ancestor) => roleOf(ancestor.marker.rank) === 'group');
  const groupOrdinal = groupAncestor
    ? (groupAncestor.parent?.children ?? []).filter((child) => child.marker.rank === groupAncestor.marker.rank).indexOf(groupAncestor) + 1
    : null;

  const content: SourceLine[] = [];
  const duties: DutyLine[] = [];
  const lines = allLines(item);
  for (const line of lines) {
    const entries = line === item.line ? null : readDutyLine(line.text);
    if (entries) duties.push({ line: line.text, entries });
    else if (duties.length === 0) content.push(line);
    else duties[duties.length - 1].line = MappedText.concat([duties[duties.length - 1].line, line.text]);
  }
  const place = { ordinal, label: item.marker.label, path: ancestors.map((ancestor) => ancestor.marker.label), groupOrdinal };
  try {
    const numberLine = item.line.text.text.slice(item.marker.contentStart);
    // A heading on a line of its own (1.加强校园食品安全管理, the content below): no 。 ends it. A line of
    // a paragraph broken at a page break is longer (GB/T 9704 prints 28 characters a line) or punctuated.
    const headingLine =
      content.length > 1 && numberLine.length > 0 && numberLine.length <= 20 && !/[\p{P}]/u.test(numberLine) ? numberLine.length : null;
    const numbered = MappedText.concat(content.map((line) => line.text));
    const task = readTask(place, numbered, item.marker.contentStart, duties, year, headingLine);
    return { ...task, lastLine: lines[lines.length - 1].number };
  } catch (error) {
    if (error instanceof TaskTextError) throw new PlanParseError(fileName, lineOf(error.at), error.field, error.expected);
    throw error;
  }
}

function toSection(
  fileName: string,
  item: OutlineItem,
  ordinal: number,
  taskRank: number,
  groupRank: number | undefined,
  read: Map<OutlineItem, TaskReading>,
): ParsedSection {
  const tasks = subtree(item).flatMap((inner) => (read.has(inner) ? [read.get(inner)!.task] : []));
  const { title, preamble } = heading(item);
  // A heading with no task under it is where a cut stops (…\n二、…) or a part lost to one.
  const bare = subtree(item).find((inner) => inner.marker.rank < taskRank && !subtree(inner).some((below) => read.has(below)));
  if (bare) {
    const what = bare === item ? `section ${item.marker.label}、${title}` : `${bare.marker.label}${heading(bare).title}`;
    throw new PlanParseError(fileName, bare.line.number, 'task', `numbered tasks under ${what}`);
  }
  const groups: ParsedGroup[] =
    groupRank === undefined || groupRank >= taskRank
      ? []
      : item.children
          .filter((child) => child.marker.rank === groupRank)
          .map((child, index) => ({ ordinal: index + 1, label: child.marker.label, ...heading(child), span: spanOf(child, read) }));
  return { ordinal, label: item.marker.label, title, preamble, span: spanOf(item, read), groups, tasks };
}

function unnamedSection(roots: OutlineItem[], read: Map<OutlineItem, TaskReading>): ParsedSection {
  const tasks = [...read.values()].map(({ task }) => task);
  return {
    ordinal: 1,
    label: '',
    title: '',
    preamble: null,
    span: { start: tasks[0]?.span.start ?? roots[0].line.text.spanOf().start, end: tasks[tasks.length - 1]?.span.end ?? 0 },
    groups: [],
    tasks,
  };
}

/**
 * A heading's title is its line up to the first 。; the rest of the line and the lines before the
 * first item under it are its preamble.
 */
function heading(item: OutlineItem): { title: string; preamble: string | null } {
  const line = item.line.text.slice(item.marker.contentStart);
  const stop = line.text.indexOf('。');
  const title = stop >= 0 ? line.text.slice(0, stop) : line.text;
  const rest = stop >= 0 ? [line.slice(stop + 1)] : [];
  const preamble = MappedText.concat([...rest, ...item.lines.slice(1).map((inner) => inner.text)]).text.trim();
  return { title, preamble: preamble.length > 0 ? preamble : null };
}

function spanOf(item: OutlineItem, read: Map<OutlineItem, TaskReading>): { start: number; end: number } {
  const start = item.line.text.spanOf().start;
  const ends = subtree(item).map((inner) => read.get(inner)?.task.span.end ?? lastEnd(inner.lines));
  return { start, end: Math.max(...ends) };
}

function lastEnd(lines: SourceLine[]): number {
  const last = lines[lines.length - 1].text;
  return last.spanOf(0, last.text.trimEnd().length).end;
}

/**
 * What a cut leaves in the body. A number with nothing after it (…〕\n\n10.), a last task whose
 * last clause lacks its bracket in a plan that closes clauses with brackets, a last task without
 * the lines (牵头单位：…, 完成时限：…) every other task has, or, in a plan naming no one, a last task
 * that stops mid-sentence where the other tasks end properly.
 */
function assertNotCutOff(fileName: string, tasks: TaskReading[]): void {
  const lineAt = (read: TaskReading) => read.lastLine;
  const empty = tasks.find(({ task }) => task.text.length === 0);
  if (empty) throw new PlanParseError(fileName, lineAt(empty), 'task', `the text of task ${placeOf(empty.task)} after its number`);
  const last = tasks[tasks.length - 1];
  if (!last) return;
  const others = tasks.slice(0, -1);
  const usesBrackets = tasks.some(({ task, dutyRoles }) => dutyRoles.size === 0 && task.clauses.length > 0);
  if (usesBrackets && last.dutyRoles.size === 0 && last.endsOpen) {
    throw new PlanParseError(
      fileName,
      lineAt(last),
      'responsibility',
      `a responsibility bracket (…负责) closing the last clause of task ${placeOf(last.task)}`,
    );
  }
  const withLines = others.filter(({ dutyRoles }) => dutyRoles.size > 0);
  // A last task closed by its own bracket is whole even where other tasks name agencies on lines.
  const closedByBracket = last.dutyRoles.size === 0 && last.task.clauses.length > 0;
  if (withLines.length > 0 && !closedByBracket) {
    const everywhere = [...new Set(withLines.flatMap(({ dutyRoles }) => [...dutyRoles]))].filter((role) =>
      withLines.every(({ dutyRoles }) => dutyRoles.has(role)),
    );
    if (last.dutyRoles.size === 0 || everywhere.some((role) => !last.dutyRoles.has(role))) {
      throw new PlanParseError(
        fileName,
        lineAt(last),
        'responsibility',
        `the lines naming who does task ${placeOf(last.task)} (牵头单位：…/责任单位：…/完成时限：…) after it`,
      );
    }
  }
  // Where no bracket or line closes the last task, its last sentence must be whole.
  const closed = others.filter(({ endsSentence }) => endsSentence).length;
  if (last.task.clauses.length === 0 && !last.endsSentence && others.length > 0 && closed >= 0.8 * others.length) {
    throw new PlanParseError(fileName, lineAt(last), 'task', `the end of task ${placeOf(last.task)} (it stops mid-sentence)`);
  }
}

/** A task as a reader finds it: 二（三）3, or 3 in a plan without parts. */
function placeOf(task: ParsedTask): string {
  return [...task.path, task.label].join('');
}
