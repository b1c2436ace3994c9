import { extractIndicators } from './indicators.js';
import type { MappedText } from './mapped-text.js';
import type { ParsedClause, ParsedTask } from './parsed-plan.js';
import { isResponsibility, parseAssignments, scanBrackets } from './responsibility.js';

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
}

/**
 * Reads one numbered task: its heading sentence, then clauses, each closed by a bracket naming
 * who is responsible (〔区市场监管局负责〕).
 * `numbered` is the task's repaired text from its number on; its content starts at `contentStart`.
 */
export function readTask(ordinal: number, numbered: MappedText, contentStart: number): ReadTask {
  const text = numbered.slice(contentStart);
  const { brackets, unclosed } = scanBrackets(text.text);
  if (unclosed !== null) {
    throw new TaskTextError(text.originAt(unclosed), 'responsibility', `a closing bracket for the one opened in task ${ordinal}`);
  }
  const responsibilityBrackets = brackets.filter(({ open, close }) => isResponsibility(text.text.slice(open + 1, close)));
  const title = readTitle(text.text, responsibilityBrackets[0]?.open ?? text.length);

  const clauses: ParsedClause[] = [];
  let clauseStart = title === null ? 0 : title.length + 1;
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
        deadline: null,
      });
    }
    clauseStart = close + 1;
  }

  const tail = trimmedRange(text, clauseStart, text.length);
  const tailText = text.slice(tail.start, tail.end);
  const taskText = text.trim();
  return {
    task: {
      ordinal,
      label: String(ordinal),
      path: [],
      groupOrdinal: null,
      deadline: null,
      title,
      text: taskText.text,
      span: numbered.spanOf(0, numbered.text.trimEnd().length),
      clauses,
      indicators: extractIndicators(tailText),
    },
    endsOpen: tailText.text.replace(/[。；，\s]/g, '').length > 0,
  };
}

/**
 * The short heading sentence a task usually starts with (强化党政同责。). A first sentence with inner
 * punctuation, or one closed straight away by the responsibility bracket, is content, not a heading.
 */
function readTitle(text: string, firstBracket: number): string | null {
  const stop = text.indexOf('。');
  if (stop <= 0 || stop > 30 || stop + 1 >= firstBracket) return null;
  const sentence = text.slice(0, stop);
  if (/[，；：、,;:（）〔〕【】[\]]/.test(sentence)) return null;
  return sentence;
}

function trimmedRange(text: MappedText, start: number, end: number): { start: number; end: number } {
  let from = start;
  let to = end;
  while (from < to && /[\s。；，]/.test(text.text[from])) from++;
  while (to > from && /\s/.test(text.text[to - 1])) to--;
  return { start: from, end: to };
}
