import { MappedText } from './mapped-text.js';
import { chineseNumeralValue, type SourceLine } from './normalize.js';
import { PlanParseError, type ParsedSection, type ParsedTask } from './parsed-plan.js';
import { readTask, TaskTextError } from './task.js';

/** 一、压实食品安全属地和主体责任 */
export const SECTION_HEADING = /^([一二三四五六七八九十]{1,3})、(.*)$/;
/** （一）强化党政同责 */
const SUBSECTION_HEADING = /^（([一二三四五六七八九十]{1,3})）(.*)$/;
/** 1. / 1、 / 1．(repaired to 1.) */
const TASK_NUMBER = /^(\d{1,3})[.、]/;

interface TaskDraft {
  ordinal: number;
  lines: SourceLine[];
  pieces: MappedText[];
  contentStart: number;
}

interface SectionDraft {
  label: string;
  title: string;
  line: SourceLine;
  tasks: TaskDraft[];
}

/**
 * Reads the plan body: sections 一、二、… holding tasks numbered through the document (1. 2. …).
 * Plans without arabic-numbered tasks use their （一）（二） items as tasks instead. Lines that
 * start neither a section nor a task continue the current task (paragraphs broken at page breaks).
 */
export function parseBody(fileName: string, lines: SourceLine[], lineOf: (offset: number) => number): ParsedSection[] {
  const usesArabicTasks = lines.some((line) => TASK_NUMBER.exec(line.text.text)?.[1] === '1');
  const sections: SectionDraft[] = [];
  let nextTask = 1;
  let current: TaskDraft | null = null;

  for (const line of lines) {
    const text = line.text.text;
    if (!text) continue;
    const heading = SECTION_HEADING.exec(text);
    if (heading) {
      const expected = sections.length + 1;
      if (chineseNumeralValue(heading[1]) !== expected) {
        throw new PlanParseError(fileName, line.number, 'section', `section ${expected} (${numeralOf(expected)}、…) next`);
      }
      sections.push({ label: heading[1], title: heading[2].replace(/。$/, ''), line, tasks: [] });
      current = null;
      continue;
    }
    const start = usesArabicTasks ? arabicTaskStart(text, nextTask) : subsectionTaskStart(text);
    if (start === 'gap') {
      throw new PlanParseError(fileName, line.number, 'task', `task ${nextTask} next (tasks are numbered consecutively)`);
    }
    if (usesArabicTasks && SUBSECTION_HEADING.test(text)) {
      // （一） headings group arabic-numbered tasks; the contract has no level for them.
      current = null;
      continue;
    }
    const section = sections[sections.length - 1];
    if (start !== null && section) {
      current = { ordinal: nextTask++, lines: [line], pieces: [line.text], contentStart: start };
      section.tasks.push(current);
    } else if (current) {
      current.lines.push(line);
      current.pieces.push(line.text);
    }
  }

  const parsed = sections.map((section, index) => {
    if (section.tasks.length === 0) {
      throw new PlanParseError(fileName, section.line.number, 'task', `numbered tasks under section ${section.label}、${section.title}`);
    }
    const tasks = section.tasks.map((draft) => readDraft(fileName, draft, lineOf));
    return {
      ordinal: index + 1,
      label: section.label,
      title: section.title,
      preamble: null,
      groups: [],
      span: { start: section.line.text.spanOf().start, end: tasks[tasks.length - 1].task.span.end },
      tasks,
    };
  });
  assertNotCutOff(
    fileName,
    parsed.flatMap((section) => section.tasks),
  );
  return parsed.map((section) => ({ ...section, tasks: section.tasks.map(({ task }) => task) }));
}

/**
 * A plan that closes its clauses with responsibility brackets ends with one; when its last task
 * does not, or a task has no text at all, the file was cut off and must not be half-imported.
 */
function assertNotCutOff(fileName: string, tasks: ReadDraft[]): void {
  const usesBrackets = tasks.some(({ task }) => task.clauses.length > 0);
  const last = tasks[tasks.length - 1];
  // A number with nothing after it is where a cut file stops (…〕\n\n10.), not a task.
  const empty = tasks.find(({ task }) => task.text.length === 0);
  if (empty) throw new PlanParseError(fileName, empty.lastLine, 'task', `the text of task ${empty.task.ordinal} after its number`);
  if (usesBrackets && last?.endsOpen) {
    throw new PlanParseError(
      fileName,
      last.lastLine,
      'responsibility',
      `a responsibility bracket (…负责) closing the last clause of task ${last.task.ordinal}`,
    );
  }
}

/** Where a task's content starts, null when the line continues the current task, 'gap' on a numbering gap. */
function arabicTaskStart(text: string, expected: number): number | 'gap' | null {
  const match = TASK_NUMBER.exec(text);
  if (!match) return null;
  const number = Number(match[1]);
  if (number === expected) return match[0].length;
  // 4.5批次/千人 at the start of a line broken at a page break is a decimal, not a task number.
  if (/^\d/.test(text.slice(match[0].length))) return null;
  return 'gap';
}

function subsectionTaskStart(text: string): number | null {
  const match = SUBSECTION_HEADING.exec(text);
  return match ? match[0].length - match[2].length : null;
}

interface ReadDraft {
  task: ParsedTask;
  endsOpen: boolean;
  lastLine: number;
}

function readDraft(fileName: string, draft: TaskDraft, lineOf: (offset: number) => number): ReadDraft {
  const numbered = MappedText.concat(draft.pieces);
  try {
    const { task, endsOpen } = readTask(draft.ordinal, numbered, draft.contentStart);
    return { task, endsOpen, lastLine: draft.lines[draft.lines.length - 1].number };
  } catch (error) {
    if (error instanceof TaskTextError) throw new PlanParseError(fileName, lineOf(error.at), error.field, error.expected);
    throw error;
  }
}

function numeralOf(value: number): string {
  const digits = '〇一二三四五六七八九';
  if (value <= 10) return value === 10 ? '十' : digits[value];
  return `${value >= 20 ? digits[Math.floor(value / 10)] : ''}十${value % 10 ? digits[value % 10] : ''}`;
}
