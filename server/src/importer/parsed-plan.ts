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
}

export interface ParsedTask {
  /** The number printed in the document (tasks are numbered through the document). */
  ordinal: number;
  /** The short heading sentence (强化党政同责), without its 。; null when the task starts straight with content. */
  title: string | null;
  /** The full text of the task, repaired, brackets included. */
  text: string;
  span: Span;
  clauses: ParsedClause[];
  /** Numeric targets in the task that are not closed by a bracket (rare; normally they sit in clauses). */
  indicators: ParsedIndicator[];
}

export interface ParsedSection {
  /** 1-based position. */
  ordinal: number;
  /** The numeral as printed: 一, 二, … */
  label: string;
  title: string;
  span: Span;
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
