import { readDate, type SourceLine } from './normalize.js';
import type { ParsedHeader } from './parsed-plan.js';

/** 发文字号: 通食安办〔2021〕2号; converters also write [2021], （2021）, 【2021】. */
const DOCUMENT_NUMBER = /([\u4e00-\u9fff]{1,12})[〔［[【（]((?:19|20)\d{2})[〕］\]】）](\d{1,4})号/;
/** （信息属性：主动公开）, （公开属性：主动公开）, 公开方式：主动公开 */
const DISCLOSURE = /(?:信息属性|公开属性|公开方式)：([^）]+)/;
const ATTACHMENT = /^附件\d*：(.+)$/;
const NUMBERED_ATTACHMENT = /^\d{1,2}[.、](.+)$/;
const COPY_TO = /^抄送：(.+)$/;
/** A line holding only a date (成文日期). */
const DATE_ONLY = /^(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,2}月[\d一二三四五六七八九十]{1,3}日$/;
/** 印发机关和印发日期: 徐州市食品安全委员会办公室 2021年4月23日印发 (on one line or two). */
const PRINTED = /^(.*?)((?:19|20)\d{2}年\d{1,2}月\d{1,2}日)印发$/;

export function isDateOnly(text: string): boolean {
  return DATE_ONLY.test(text);
}

export function isDisclosure(text: string): boolean {
  return /^（(?:信息属性|公开属性|公开方式)/.test(text);
}

export function isPrinted(text: string): boolean {
  return PRINTED.test(text);
}

/**
 * Reads the GB/T 9704 elements around the plan: the covering notice before it (版头 and 主体) and
 * the 版记 after it (抄送, 印发). `before` holds the lines above the plan title, `after` the lines
 * that follow the plan body (attachments note, signature, 版记).
 */
export function readHeader(before: SourceLine[], after: SourceLine[]): ParsedHeader {
  const head = nonEmpty(before);
  const tail = nonEmpty(after);

  const numberIndex = head.findIndex((text) => DOCUMENT_NUMBER.test(text));
  const numberMatch = numberIndex >= 0 ? DOCUMENT_NUMBER.exec(head[numberIndex]) : null;
  const markIndex = numberIndex > 0 ? numberIndex - 1 : head.findIndex((text) => /文件$/.test(text));
  const issuerMark = markIndex >= 0 && looksLikeName(head[markIndex]) ? head[markIndex] : null;

  const titleFrom = Math.max(numberIndex, markIndex) + 1;
  const addresseeIndex = head.findIndex((text, i) => i >= titleFrom && /：$/.test(text) && !ATTACHMENT.test(text));
  const noticeTitleLines =
    addresseeIndex >= 0
      ? head.slice(titleFrom, addresseeIndex)
      : head
          .slice(titleFrom)
          .filter((text) => /关于.*(?:通知|意见|决定|函)$/.test(text))
          .slice(0, 1);

  const signature = readSignature(head) ?? readSignature(tail.filter((text) => !PRINTED.test(text)));
  const printed = readPrinted(tail);

  return {
    issuerMark,
    documentNumber: numberMatch ? `${numberMatch[1]}〔${numberMatch[2]}〕${numberMatch[3]}号` : null,
    noticeTitle: noticeTitleLines.length > 0 ? noticeTitleLines.join('') : null,
    addressees: addresseeIndex >= 0 ? head[addresseeIndex].replace(/：$/, '') : null,
    issuer: signature?.issuer ?? null,
    issuedOn: signature?.date ?? null,
    disclosure: [...head, ...tail].map((text) => DISCLOSURE.exec(text)?.[1] ?? null).find(Boolean) ?? null,
    attachments: [...readAttachments(head), ...readAttachments(tail)],
    copyTo: tail.map((text) => COPY_TO.exec(text)?.[1].replace(/[。；]$/, '') ?? null).find(Boolean) ?? null,
    printedBy: printed?.by ?? null,
    printedOn: printed?.on ?? null,
  };
}

function nonEmpty(lines: SourceLine[]): string[] {
  return lines.map((line) => line.text.text).filter((text) => text.length > 0);
}

/** An organisation's name on a line of its own: short, no sentence punctuation. */
function looksLikeName(text: string): boolean {
  return text.length <= 40 && !/[。，；：、]/.test(text);
}

/** 发文机关署名 and 成文日期: a date on its own line, under the issuer's name. */
function readSignature(lines: string[]): { issuer: string | null; date: string } | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!DATE_ONLY.test(lines[i])) continue;
    const date = readDate(lines[i])!.iso;
    const issuer = i > 0 && looksLikeName(lines[i - 1]) && !ATTACHMENT.test(lines[i - 1]) ? lines[i - 1] : null;
    return { issuer, date };
  }
  return null;
}

function readPrinted(lines: string[]): { by: string | null; on: string } | null {
  for (let i = 0; i < lines.length; i++) {
    const match = PRINTED.exec(lines[i]);
    if (!match) continue;
    const on = readDate(match[2])!.iso;
    if (match[1]) return { by: match[1], on };
    const previous = lines[i - 1];
    return { by: previous && looksLikeName(previous) ? previous : null, on };
  }
  return null;
}

/** 附件：1.…  2.… ; the titles without 《》 and numbering. */
function readAttachments(lines: string[]): string[] {
  const titles: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = ATTACHMENT.exec(lines[i]);
    if (!match) continue;
    titles.push(cleanAttachmentTitle(match[1]));
    for (let j = i + 1; j < lines.length && NUMBERED_ATTACHMENT.test(lines[j]); j++) {
      titles.push(cleanAttachmentTitle(NUMBERED_ATTACHMENT.exec(lines[j])![1]));
    }
  }
  return titles;
}

function cleanAttachmentTitle(text: string): string {
  return text
    .replace(/^\d{1,2}[.、]/, '')
    .replace(/[《》]/g, '')
    .replace(/[。；]$/, '');
}
