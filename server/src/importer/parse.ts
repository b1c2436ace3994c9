import { parseBody } from './body.js';
import { decodePlanText } from './decode.js';
import { renderDocxAsText } from './docx.js';
import { isDateOnly, isDisclosure, isPrinted, readHeader } from './header.js';
import { renderHtmlAsText } from './html.js';
import type { ParseProgress } from './import-progress.js';
import { MappedText } from './mapped-text.js';
import { splitLines, type SourceLine } from './normalize.js';
import { readMarker } from './outline.js';
import { PlanParseError, type ParsedPlan, type SourceFormat } from './parsed-plan.js';
import { parseSchedule } from './schedule.js';
import { findPlanTable, parseTablePlan } from './table-plan.js';

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const YEAR = /((?:19|20)\d{2})年/;
/** What a plan's title calls it, for a title without a year. */
const PLAN_KIND = /(?:工作安排|工作要点|工作计划|实施方案|工作方案|任务分解|重点工作|行动方案)/;
/** A draft says so in its title or its header: （征求意见稿）, （送审稿）, （草案）. */
const DRAFT = /征求意见稿|送审稿|草案|讨论稿/;
const DRAFT_SUFFIX = /[（(](?:征求意见稿|送审稿|草案|讨论稿)[）)]$/;
/** What a portal prints between an article's title and its text (发布时间：… 来源：… 【字体：大 中 小】 打印). */
const PORTAL_CHROME = /^(?:【?字体|字号|发布(?:时间|日期|机构)|(?:信息|文章)?来源|浏览|点击|阅读次数|索引号|打印|关闭)/;
/** A line ending like this is prose (a preamble, a paragraph cut at a page break), not a title. */
const SENTENCE_END = /[。；！？：，、]$/;

/**
 * Reads a plan file: .txt, .md, .html/.htm or .docx, told apart by extension and by content
 * (a .docx is a zip; a page starts with markup). Text is UTF-8 or GB18030.
 */
/** What the importer knows better than the document: the year a person says the plan is for. */
export interface ParseOptions {
  year?: number;
  /** Told what is read as it is read: the import workers stop a parse over its time budget and say how far it got. */
  progress?: ParseProgress;
}

export async function parsePlanFile(fileName: string, bytes: Uint8Array, options: ParseOptions = {}): Promise<ParsedPlan> {
  if (bytes.length === 0) throw emptyFile(fileName);
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1].toLowerCase() ?? '';
  if (ZIP_SIGNATURE.every((byte, index) => bytes[index] === byte)) {
    const rendition = await renderDocxAsText(fileName, bytes, options.progress).catch((error: unknown) => {
      throw error instanceof PlanParseError ? error : new PlanParseError(fileName, 1, 'docx', 'a Word .docx document');
    });
    return parsePlanText(fileName, rendition, 'DOCX', options);
  }
  if (extension === 'docx') throw new PlanParseError(fileName, 1, 'docx', 'a Word .docx document (a zip archive)');
  const text = decodePlanText(fileName, bytes);
  return parsePlanText(fileName, text, sniffTextFormat(extension, text), options);
}

function sniffTextFormat(extension: string, text: string): SourceFormat {
  const opening = text.slice(0, 2048).trimStart().toLowerCase();
  if (['html', 'htm', 'xhtml', 'shtml'].includes(extension) || /^(?:<!doctype html|<html|<\?xml)|<body[\s>]/.test(opening)) {
    return 'HTML';
  }
  if (['md', 'markdown'].includes(extension) || /^#{1,6}\s/m.test(text)) return 'MARKDOWN';
  return 'TEXT';
}

/**
 * Parses a plan from its text. For HTML `text` is the page's markup; for DOCX it is the text
 * rendition of the document (there is no other text form of a .docx). The text the spans refer
 * to is returned as `sourceText`.
 */
export function parsePlanText(fileName: string, text: string, format: SourceFormat, options: ParseOptions = {}): ParsedPlan {
  const sourceText = format === 'HTML' ? renderHtmlAsText(text) : text.replace(/^\uFEFF/, '');
  if (sourceText.trim().length === 0) throw emptyFile(fileName);
  options.progress?.text?.(sourceText.length, 0);
  const lines = splitLines(sourceText);
  options.progress?.text?.(sourceText.length, lines.length);
  const lineOf = lineFinder(lines);

  // A plan that is one table (序号 / 工作任务 / 牵头单位 …) starts at its header row, the title above it.
  const table = findPlanTable(lines);
  // A covering notice may number its own points 一、二、; the plan's body starts at the first item
  // numbered 1 (一、, （一）, 1. …) with the plan title above it.
  const candidates = table
    ? [table.header]
    : lines.flatMap((line, index) => (!line.isTableRow && readMarker(line.text.text)?.value === 1 ? [index] : []));
  if (candidates.length === 0) {
    throw new PlanParseError(fileName, lastLineNumber(lines), 'section', 'a first section or task (一、… or 1.…) after the plan title');
  }
  const titled = candidates
    .map((index) => ({ index, title: findTitle(lines, index, options.year !== undefined) }))
    .find(({ title }) => title !== null);
  if (!titled?.title) {
    throw new PlanParseError(
      fileName,
      lines[candidates[0]].number,
      'title',
      'the plan title (e.g. 2021年…食品安全重点工作安排) above the first section',
    );
  }
  const { index: bodyStart, title } = titled;
  const bodyEnd = table ? table.end : findBodyEnd(lines, bodyStart);
  const trailer = lines.slice(bodyEnd);
  const head = lines.slice(0, title.index);
  const header = readHeader(
    head,
    trailer.filter((line) => !line.isTableRow),
  );
  const printedYear = YEAR.exec(title.text) ?? YEAR.exec(header.noticeTitle ?? '');
  // The year a person gives wins over the title's (a plan filed under another year, a title without one).
  const year = options.year ?? (printedYear ? Number(printedYear[1]) : null);
  if (year === null) {
    throw new PlanParseError(fileName, title.line, 'year', 'a year (e.g. 2021年) in the plan title');
  }
  const body = lines.slice(bodyStart, bodyEnd);
  const sections = table ? parseTablePlan(fileName, body, year) : parseBody(fileName, body, lineOf, year, options.progress);
  const schedule = parseSchedule(
    fileName,
    trailer.filter((line) => line.isTableRow),
    sections,
  );

  assertAttachmentsPresent(fileName, sourceText, header.attachments, title.text, lineOf);

  const planTitle = title.text.replace(DRAFT_SUFFIX, '');
  return {
    format,
    sourceText,
    header,
    title: planTitle,
    year,
    preamble: title.preamble,
    draft: planTitle !== title.text || head.some((line) => DRAFT.test(line.text.text)),
    sections,
    schedule,
  };
}

/**
 * An attachment the notice announces (附件：全市食品安全重点工作推进表) must follow in the file, under
 * its own title; when it does not, the file was cut off after the main text. An attachment that is
 * the plan itself (Tongzhou's notice attaches its plan) is the body already read.
 */
function assertAttachmentsPresent(
  fileName: string,
  sourceText: string,
  attachments: string[],
  planTitle: string,
  lineOf: (offset: number) => number,
): void {
  const compact = (text: string) => text.replace(/[\s*#《》]/g, '');
  const text = compact(sourceText);
  for (const attachment of attachments) {
    const wanted = compact(attachment);
    if (!wanted || wanted === compact(planTitle)) continue;
    const announced = text.indexOf(wanted);
    if (announced >= 0 && text.indexOf(wanted, announced + wanted.length) < 0) {
      const lastLine = lineOf(sourceText.trimEnd().length);
      throw new PlanParseError(
        fileName,
        lastLine,
        'attachment',
        `the attachment ${attachment} that the notice announces (the file ends before it)`,
      );
    }
  }
}

interface Title {
  index: number;
  line: number;
  text: string;
  preamble: string | null;
}

/**
 * The plan title sits above the first section, after an optional opening paragraph (preamble).
 * A title is a short line without closing punctuation that names a year (or, when the importer was
 * told the year, names the kind of plan: …工作安排, …工作要点, …实施方案); a title wrapped over two
 * lines is joined.
 */
function findTitle(lines: SourceLine[], firstSection: number, yearGiven: boolean): Title | null {
  const preamble: MappedText[] = [];
  let index = firstSection - 1;
  for (; index >= 0; index--) {
    const text = lines[index].text.text;
    if (!text || PORTAL_CHROME.test(text)) continue;
    if (lines[index].isTableRow) return null;
    if (!SENTENCE_END.test(text) && text.length <= 60) break;
    preamble.unshift(lines[index].text);
  }
  if (index < 0 || !isTitleLike(lines[index].text.text)) return null;
  let text = lines[index].text.text;
  let start = index;
  const previous = previousNonEmpty(lines, index);
  if (!YEAR.test(text) && previous >= 0 && isTitleLike(lines[previous].text.text) && YEAR.test(lines[previous].text.text)) {
    text = lines[previous].text.text + text;
    start = previous;
  }
  if (!YEAR.test(text) && !(yearGiven && PLAN_KIND.test(text))) return null;
  return {
    index: start,
    line: lines[index].number,
    text: text.replace(/[《》]/g, ''),
    preamble: preamble.length > 0 ? MappedText.concat(preamble).text : null,
  };
}

/** The plan's title, not the covering notice's (…的通知) nor a date, disclosure or attachments line. */
function isTitleLike(text: string): boolean {
  return (
    !/通知$/.test(text) &&
    text.length > 0 &&
    text.length <= 60 &&
    !SENTENCE_END.test(text) &&
    !isDateOnly(text) &&
    !isDisclosure(text) &&
    !/^附件/.test(text)
  );
}

function previousNonEmpty(lines: SourceLine[], index: number): number {
  for (let i = index - 1; i >= 0; i--) if (lines[i].text.text) return i;
  return -1;
}

/**
 * The body ends where the document moves on: an attachments note or attachment, a table, the
 * signature and date, the disclosure note, or the 版记 (抄送, 印发).
 */
function findBodyEnd(lines: SourceLine[], firstSection: number): number {
  for (let i = firstSection + 1; i < lines.length; i++) {
    const line = lines[i];
    const text = line.text.text;
    // A table ends the body unless more sections follow it (a table inside the plan is not its 推进表).
    if (line.isTableRow && !lines.slice(i + 1).some((later) => !later.isTableRow && readMarker(later.text.text) !== null)) return i;
    if (/^附件\d*(?:：|$)/.test(text) || /^抄送：/.test(text) || isPrinted(text) || isDisclosure(text)) {
      return i;
    }
    if (isDateOnly(text)) {
      // The signature above the date belongs to the trailer, not to the last task.
      const previous = previousNonEmpty(lines, i);
      const signature = previous > firstSection && lines[previous].text.length <= 40 && !/[。）〕】]$/.test(lines[previous].text.text);
      return signature ? previous : i;
    }
  }
  return lines.length;
}

function lineFinder(lines: SourceLine[]): (offset: number) => number {
  const starts = lines.map((line) => line.raw.spanOf().start);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return lines[low].number;
  };
}

function lastLineNumber(lines: SourceLine[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i].raw.text.trim()) return lines[i].number;
  return 1;
}

function emptyFile(fileName: string): PlanParseError {
  return new PlanParseError(fileName, 1, 'content', 'a plan document (the file is empty)');
}
