/**
 * What the parser extracts from one plan document, before it touches the database.
 *
 * Every span is a half-open range [start, end) of UTF-16 code units into `ParsedPlan.sourceText`
 * (JavaScript string indices). The parser repairs conversion damage (broken lines, mixed
 * punctuation, stray markup) in the *extracted* values only; `sourceText` is never changed, so a
 * span always points at the original characters a reader can see.
 */

export interface Span {
  start: number;
  end: number;
}

/** The form the document came in. */
export type SourceFormat = 'TEXT' | 'MARKDOWN' | 'HTML' | 'DOCX';

/** Assignment roles, as printed in a responsibility bracket. */
export type AssignmentRole =
  | 'LEAD' // 牵头
  | 'RESPONSIBLE' // 负责
  | 'SHARED' // 按职责分工负责 / 分工负责
  | 'SUPPORT'; // 配合 / 协作

export type Comparator = 'EQ' | 'GTE' | 'GT' | 'LTE' | 'LT';

export type Period = 'YEAR' | 'Q1' | 'Q2' | 'Q3' | 'Q4';

/** GB/T 9704-2012 elements of the covering notice (版头, 主体, 版记). Absent ones are null. */
export interface ParsedHeader {
  /** 发文机关标志, e.g. 徐州市食品安全委员会文件 (null when the document has none). */
  issuerMark: string | null;
  /** 发文字号, e.g. 通食安办〔2021〕2号, normalised to 〔〕 brackets. */
  documentNumber: string | null;
  /** 标题 of the covering notice, e.g. 关于印发《2021年通州区食品安全重点工作安排》的通知. */
  noticeTitle: string | null;
  /** 主送机关, as printed (without the trailing colon). */
  addressees: string | null;
  /** 发文机关署名 (the issuing body as signed). */
  issuer: string | null;
  /** 成文日期, ISO yyyy-mm-dd. */
  issuedOn: string | null;
  /** 公开属性, e.g. 主动公开. */
  disclosure: string | null;
  /** 附件说明: the attachments' titles. */
  attachments: string[];
  /** 抄送机关, as printed. */
  copyTo: string | null;
  /** 印发机关. */
  printedBy: string | null;
  /** 印发日期, ISO yyyy-mm-dd. */
  printedOn: string | null;
}

export interface ParsedAgencyRef {
  /** The agency's name as printed (repaired of conversion damage, e.g. half-width brackets). */
  name: string;
  role: AssignmentRole;
  span: Span;
}

export interface ParsedIndicator {
  /** What is measured, e.g. 市场监管环节食品安全监督抽检量. */
  subject: string;
  comparator: Comparator;
  value: number;
  /** e.g. 批次/千人, %, 家, 万批次. */
  unit: string;
  period: Period;
  /** True when quarterly targets add up through the year (2 → 4 → 6 批次/千人). */
  cumulative: boolean;
  /** The wording that qualifies the target: 达到, 稳定在, 以上, 不少于, 力争…; null when none. */
  qualifier: string | null;
  /** The phrase the indicator was read from, as repaired text. */
  text: string;
  span: Span;
}

/**
 * A deadline (完成时限) as printed, e.g. "2021年12月1日前", "6月底前", "年底前", "长期坚持", and the date
 * it names (ISO yyyy-mm-dd, the plan's year filled in where the text leaves it out); null where
 * it names none (长期坚持, 持续推进).
 */
export interface ParsedDeadline {
  text: string;
  date: string | null;
  span: Span;
}

export interface ParsedClause {
  /** 1-based position within the task. */
  ordinal: number;
  /** The clause's text, without the responsibility bracket. */
  text: string;
  /** The inside of the responsibility bracket, e.g. 区市场监管局牵头，区公安局…按职责分工负责. */
  responsibility: string;
  span: Span;
  assignments: ParsedAgencyRef[];
  indicators: ParsedIndicator[];
  /** A deadline the clause states (…，2021年6月底前完成), or null. */
  deadline: ParsedDeadline | null;
}

/**
 * A task: an item of the outline level that carries the responsibility (1. / （一） / a table row),
 * whatever its depth in the document.
 */
export interface ParsedTask {
  /** Position in the document, 1…n, unique in the plan (plans that restart numbering per part repeat labels, not ordinals). */
  ordinal: number;
  /** The number as printed, without its closing punctuation: "3" for "3.", "（二）", "①"; "" for a table row without 序号. */
  label: string;
  /** The labels of the outline items above the task, outermost first: ["二", "（三）"] for task 3 printed under 二、…（三）…. */
  path: string[];
  /** The ordinal (within its section) of the group the task sits in, or null when the section has no groups. */
  groupOrdinal: number | null;
  /** The task's deadline (完成时限: a column, a line of its own, or the task's last words), or null. */
  deadline: ParsedDeadline | null;
  /** The short heading sentence (强化党政同责), without its 。; null when the task starts straight with content. */
  title: string | null;
  /** The full text of the task, repaired, brackets included. */
  text: string;
  span: Span;
  clauses: ParsedClause[];
  /** Numeric targets in the task that are not closed by a bracket (rare; normally they sit in clauses). */
  indicators: ParsedIndicator[];
}

/**
 * An outline level between a section and its tasks (（一）强化源头治理 grouping tasks 1. 2. …). Plans
 * with deeper outlines keep the deeper levels' labels in each task's `path`.
 */
export interface ParsedGroup {
  /** 1-based position within the section. */
  ordinal: number;
  /** As printed, e.g. "（一）". */
  label: string;
  title: string;
  /** The text between the heading and its first task, or null. */
  preamble: string | null;
  span: Span;
}

/**
 * A top-level part of the plan (一、二、…). A plan whose tasks are its top level (no headings above
 * them) has one section with label "" and title "".
 */
export interface ParsedSection {
  /** 1-based position. */
  ordinal: number;
  /** The numeral as printed: 一, 二, …; "" for the one unnamed section of a plan without parts. */
  label: string;
  title: string;
  /** The section's own preamble: the text between its heading and its first group or task, or null. */
  preamble: string | null;
  span: Span;
  /** Groups inside the section, in order; empty when tasks sit right under the section. */
  groups: ParsedGroup[];
  tasks: ParsedTask[];
}

/** One row of a 推进表 (quarterly schedule table). */
export interface ParsedScheduleItem {
  /** The 序号 printed in the row. */
  ordinal: number;
  /** The section numeral of the row (一, 二…), when printed. */
  sectionLabel: string | null;
  /** The 重点工作 column (the main-text task's heading), when printed. */
  workTitle: string | null;
  /** 具体内容. */
  content: string;
  /** 一季度目标 … 四季度目标, as printed (repaired); null when the cell is empty. */
  q1: string | null;
  q2: string | null;
  q3: string | null;
  q4: string | null;
  lead: ParsedAgencyRef[];
  responsible: ParsedAgencyRef[];
  /** The ordinal of the main-text task this row belongs to. */
  taskOrdinal: number;
  span: Span;
  /** Indicators in the quarterly targets (period Q1–Q4). */
  indicators: ParsedIndicator[];
}

export interface ParsedPlan {
  format: SourceFormat;
  /** The text the spans refer to: the file's own text for TEXT and MARKDOWN, the text rendition for HTML and DOCX. */
  sourceText: string;
  header: ParsedHeader;
  /** The plan's own title, e.g. 2021年通州区食品安全重点工作安排 (spaces inside removed). */
  title: string;
  year: number;
  /** The opening paragraph before the first section. */
  preamble: string | null;
  /** True for a draft (征求意见稿, 送审稿, 草案) named in the title or the header. */
  draft: boolean;
  sections: ParsedSection[];
  schedule: ParsedScheduleItem[];
}

/** A document the parser cannot read: says where and what was expected. */
export class PlanParseError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string,
    readonly expected: string,
  ) {
    super(`${file}:${line}: ${field}: expected ${expected}`);
    this.name = 'PlanParseError';
  }
}

/** How far a parse had read when its time budget was spent. */
export interface ParseStopped {
  budgetMs: number;
  /** The file as sent. */
  bytes: number;
  /** A .docx: what its parts inflate to, and the Word XML among them (0 otherwise). */
  inflatedBytes: number;
  xmlBytes: number;
  /** The text read, once the file was decoded or converted (0 before). */
  characters: number;
  lines: number;
  tasksRead: number;
}

/**
 * A document that would take longer to read than an import may (its time budget): stopped
 * part-way and refused whole, saying how large it was and how far the parser got.
 */
export class PlanTooLargeError extends PlanParseError {
  constructor(
    file: string,
    readonly stopped: ParseStopped,
  ) {
    const seconds = Math.round(stopped.budgetMs / 100) / 10;
    const size = (bytes: number) => (bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} kB`);
    const read = stopped.characters
      ? `${stopped.characters.toLocaleString('en')} characters in ${stopped.lines.toLocaleString('en')} lines, ${stopped.tasksRead.toLocaleString('en')} tasks read so far`
      : stopped.xmlBytes
        ? `still converting ${size(stopped.xmlBytes)} of Word XML (${size(stopped.inflatedBytes)} inflated)`
        : 'before its text was read';
    super(file, 1, 'size', `a plan read within ${seconds} s (this one, ${size(stopped.bytes)}, was stopped after ${seconds} s: ${read})`);
    this.name = 'PlanTooLargeError';
  }
}

/** A jurisdiction a file could be for, offered when the document does not say which. */
export interface JurisdictionCandidate {
  code: string;
  /** e.g. 北京市通州区. */
  fullName: string;
}

/**
 * A file whose jurisdiction the document does not tell (or names ambiguously): the user chooses
 * one of `candidates` (`--jurisdiction CODE`, or the upload's `jurisdiction` parameter).
 */
export class PlanAttributionError extends PlanParseError {
  constructor(
    file: string,
    line: number,
    expected: string,
    readonly candidates: JurisdictionCandidate[],
  ) {
    super(file, line, 'issuer', expected);
    this.name = 'PlanAttributionError';
  }
}
