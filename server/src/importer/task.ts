import { findProseDeadline, readDeadline } from './deadline.js';
import { extractIndicators } from './indicators.js';
import type { MappedText } from './mapped-text.js';
import type { AssignmentRole, ParsedClause, ParsedDeadline, ParsedTask } from './parsed-plan.js';
import { bracketDeadline, isResponsibility, parseAgencyList, parseAssignments, scanBrackets, type DutyEntry } from './responsibility.js';

/** Why a task's text cannot be read; the caller turns it into a PlanParseError with a line. */
export class TaskTextError extends Error {
  constructor(
    /** Source offset the problem is at. */
    readonly at: number,
    readonly field: string,
    readonly expected: string,
  ) {
    super(`${field}: expected ${expected}`);
  }
}

export interface ReadTask {
  task: ParsedTask;
  /** True when text follows the last responsibility bracket (normal only for plans without brackets). */
  endsOpen: boolean;
  /** True when the task's content ends with closing punctuation (a cut leaves it mid-sentence). */
  endsSentence: boolean;
  /** The duty labels the task's lines carry (LEAD, SUPPORT, DEADLINE…); empty for bracket plans. */
  dutyRoles: Set<string>;
}

/** Where a task sits in the plan's outline. */
export type TaskPlace = Pick<ParsedTask, 'ordinal' | 'label' | 'path' | 'groupOrdinal'>;

/** A line after a task naming who does it, or by when (牵头单位：区教育局, 完成时限：6月底前). */
export interface DutyLine {
  line: MappedText;
  entries: DutyEntry[];
}

const SENTENCE_CLOSED = /[。；！？）〕】」”…]$/;

/**
 * Reads one numbered task: its heading sentence, then clauses, each closed by a bracket naming
 * who is responsible (〔区市场监管局负责〕), or, where the plan names them on lines of their own
 * (牵头单位：…), one clause holding the task's content.
 * `numbered` is the task's repaired text from its number on; its content starts at `contentStart`.
 * `year` is the plan's, for deadlines that leave it out.
 */
export function readTask(
  place: TaskPlace,
  numbered: MappedText,
  contentStart: number,
  duties: DutyLine[],
  year: number,
  /** The length of a heading printed on the number's line alone, without punctuation (1.加强校园食品安全管理), or null. */
  headingLine: number | null = null,
): ReadTask {
  const text = numbered.slice(contentStart);
  const { brackets, unclosed } = scanBrackets(text.text);
  if (unclosed !== null) {
    throw new TaskTextError(
      text.originAt(unclosed),
      'responsibility',
      `a closing bracket for the one opened in task ${[...place.path, place.label].join('')}`,
    );
  }
  const responsibilityBrackets =
    duties.length > 0 ? [] : brackets.filter(({ open, close }) => isResponsibility(text.text.slice(open + 1, close)));
  const title =
    headingLine !== null ? text.text.slice(0, headingLine) : readTitle(text.text, responsibilityBrackets[0]?.open ?? text.length);

  const clauses: ParsedClause[] = [];
  // A heading closed straight away by its bracket (举办全市食品安全宣传周活动。(…牵头…)) is its clause too.
  const titleEnd = title === null ? 0 : (headingLine ?? title.length + 1);
  let clauseStart = titleEnd === responsibilityBrackets[0]?.open ? 0 : titleEnd;
  for (const { open, close } of responsibilityBrackets) {
    const body = trimmedRange(text, clauseStart, open);
    const inner = text.slice(open + 1, close).strip('。');
    const assignments = parseAssignments(inner);
    const previous = clauses[clauses.length - 1];
    if (body.start === body.end && previous) {
      // Two brackets in a row (…负责）（…配合）: the second one adds agencies to the same clause.
      previous.assignments.push(...assignments);
      previous.responsibility += `；${inner.text}`;
      previous.span = { start: previous.span.start, end: text.spanOf(open, close + 1).end };
    } else {
      const clauseText = text.slice(body.start, body.end);
      clauses.push({
        ordinal: clauses.length + 1,
        text: clauseText.text,
        responsibility: inner.text,
        span: text.spanOf(body.start, close + 1),
        assignments,
        indicators: extractIndicators(clauseText),
        deadline: labelledDeadline(bracketDeadline(inner), year) ?? proseDeadline(clauseText, year),
      });
    }
    clauseStart = close + 1;
  }

  const named = duties.flatMap(({ entries }) => entries.filter((entry) => entry.role !== 'DEADLINE'));
  if (named.length > 0) clauses.push(dutyClause(text, title === null ? 0 : titleEnd, named, duties, year));

  const tail = duties.length > 0 ? { start: text.length, end: text.length } : trimmedRange(text, clauseStart, text.length);
  const tailText = text.slice(tail.start, tail.end);
  const taskText = text.trim();
  const lastLine = duties.length > 0 ? duties[duties.length - 1].line : numbered;
  return {
    task: {
      ...place,
      deadline: dutyDeadline(duties, year) ?? (clauses.length === 1 ? clauses[0].deadline : null),
      title,
      text: taskText.text,
      span: { start: numbered.spanOf().start, end: lastLine.spanOf(0, lastLine.text.trimEnd().length).end },
      clauses,
      indicators: extractIndicators(tailText),
    },
    endsOpen: tailText.text.replace(/[。；，\s]/g, '').length > 0,
    endsSentence: SENTENCE_CLOSED.test(taskText.text),
    dutyRoles: new Set(duties.flatMap(({ entries }) => entries.map((entry) => entry.role))),
  };
}

/** The one clause of a task whose agencies are named on lines of their own: the task's content. */
function dutyClause(text: MappedText, titleEnd: number, named: DutyEntry[], duties: DutyLine[], year: number): ParsedClause {
  const afterTitle = trimmedRange(text, titleEnd, text.length);
  const body = afterTitle.start < afterTitle.end ? afterTitle : trimmedRange(text, 0, text.length);
  const clauseText = text.slice(body.start, body.end);
  const lastLine = duties[duties.length - 1].line;
  return {
    ordinal: 1,
    text: clauseText.text,
    responsibility: named.map((entry) => entry.text.text).join('；'),
    span: { start: text.spanOf(body.start, body.end).start, end: lastLine.spanOf(0, lastLine.text.trimEnd().length).end },
    assignments: named.flatMap((entry) => parseAgencyList(entry.value, entry.role as AssignmentRole)),
    indicators: extractIndicators(clauseText),
    deadline: dutyDeadline(duties, year) ?? proseDeadline(clauseText, year),
  };
}

/** The deadline of a 完成时限 line, as printed; its date when it names one. */
function dutyDeadline(duties: DutyLine[], year: number): ParsedDeadline | null {
  const entry = duties.flatMap(({ entries }) => entries).find(({ role }) => role === 'DEADLINE');
  return labelledDeadline(entry?.value ?? null, year);
}

/** A deadline printed where one is expected (a 完成时限 line, a bracket's last words): as printed, dated where it can be. */
function labelledDeadline(value: MappedText | null, year: number): ParsedDeadline | null {
  if (!value || value.length === 0) return null;
  const found = readDeadline(value.text, year);
  if (!found) return { text: value.text, date: null, span: value.spanOf() };
  return { text: found.text, date: found.date, span: value.spanOf(found.index, found.index + found.length) };
}

function proseDeadline(text: MappedText, year: number): ParsedDeadline | null {
  const found = findProseDeadline(text.text, year);
  return found && { text: found.text, date: found.date, span: text.spanOf(found.index, found.index + found.length) };
}

/**
 * The short heading sentence a task usually starts with (强化党政同责。). A first sentence with inner
 * punctuation, or one closed straight away by the responsibility bracket, is content, not a heading.
 */
function readTitle(text: string, firstBracket: number): string | null {
  const stop = text.indexOf('。');
  if (stop <= 0 || stop > 30 || stop + 1 > firstBracket) return null;
  const sentence = text.slice(0, stop);
  if (/[，；：、,;:（）〔〕【】[\]]/.test(sentence)) return null;
  // Closed straight away by the bracket, it is a heading that names an action (举办全市食品安全宣传周活动),
  // not a target (农药残留超标率控制在2%以内), nor the whole of a task without brackets.
  if (stop + 1 === firstBracket && (firstBracket === text.length || /\d/.test(sentence))) return null;
  return sentence;
}

function trimmedRange(text: MappedText, start: number, end: number): { start: number; end: number } {
  let from = start;
  let to = end;
  while (from < to && /[\s。；，]/.test(text.text[from])) from++;
  while (to > from && /\s/.test(text.text[to - 1])) to--;
  return { start: from, end: to };
}
