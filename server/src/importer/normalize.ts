import { MappedText } from './mapped-text.js';

/** One physical line of the source text. */
export interface SourceLine {
  /** 1-based line number, for error messages. */
  number: number;
  /** The raw line, mapped to the source. */
  raw: MappedText;
  /** True when the line holds tab-separated table cells (a 推进表 row). */
  isTableRow: boolean;
  /** The repaired line (empty for table rows: their cells are repaired one by one). */
  text: MappedText;
}

export function splitLines(source: string): SourceLine[] {
  const lines: SourceLine[] = [];
  const lineBreak = /\r\n|\r|\n/g;
  let start = 0;
  let number = 1;
  const push = (end: number) => {
    const raw = MappedText.fromSource(source, start, end);
    const isTableRow = looksLikeTableRow(raw.text);
    lines.push({ number, raw, isTableRow, text: isTableRow ? MappedText.empty(start) : repair(raw) });
  };
  for (const match of source.matchAll(lineBreak)) {
    push(match.index);
    start = match.index + match[0].length;
    number++;
  }
  push(source.length);
  return lines;
}

/**
 * A table row has several filled cells, or many tabs (a row continued from the previous page may
 * fill a single cell); one or two tabs indenting a paragraph do not make a row.
 */
function looksLikeTableRow(line: string): boolean {
  const cells = line.split('\t');
  const filled = cells.filter((cell) => cell.trim().length > 0).length;
  return filled >= 2 || (filled === 1 && cells.length >= 4);
}

/** Tab-separated cells of a table row, each repaired. */
export function splitCells(line: SourceLine): MappedText[] {
  return line.raw.split(/\t/g).map(repair);
}

const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/;
/** Full-width forms that stay full-width: they are ordinary Chinese punctuation. */
const KEEP_FULL_WIDTH = new Set('（），；：！？【】［］〔〕'.split(''));
/** Half-width punctuation that conversion tools leave in Chinese prose, and its full-width form. */
const HALF_TO_FULL: Record<string, string> = {
  ',': '，',
  ';': '；',
  ':': '：',
  '(': '（',
  ')': '）',
  '!': '！',
  '?': '？',
};
const ASCII_ALNUM = /[0-9A-Za-z]/;
const SPACE = /[\s\u3000\u00A0\uFEFF]/;

/**
 * Repairs one line (or table cell) of converted text: drops Markdown and Word artefacts and the
 * spaces converters put around digits, and unifies full-width/half-width forms. Deletions and
 * one-for-one swaps only, so the result still maps to the source.
 */
export function repair(line: MappedText): MappedText {
  const withoutMarkup = line
    .remove(/\[bookmark:[^\]]*\]/g)
    .remove(/^\s*#{1,6}(?=\s)/g)
    .remove(/^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/g)
    .remove(/\*\*|__/g)
    .remove(/\\(?=[\p{P}\p{S}])/gu);
  return withoutMarkup.filter((char, index) => !SPACE.test(char) || isBetweenAsciiWords(withoutMarkup.text, index)).mapChars(unifyWidth);
}

function isBetweenAsciiWords(text: string, index: number): boolean {
  let before = index - 1;
  while (before >= 0 && SPACE.test(text[before])) before--;
  let after = index + 1;
  while (after < text.length && SPACE.test(text[after])) after++;
  return /[A-Za-z]/.test(text[before] ?? '') && /[A-Za-z]/.test(text[after] ?? '');
}

function unifyWidth(char: string, index: number, text: string): string {
  if (char === '\u3000') return ' ';
  if (FULL_WIDTH_ASCII.test(char) && !KEEP_FULL_WIDTH.has(char)) {
    // ６ → 6, ％ → %, ／ → /, ＞ → >; the full stop ． only after a digit (1． 4．5).
    if (char === '．' && !/[0-9０-９]/.test(text[index - 1] ?? '')) return char;
    return String.fromCharCode(char.charCodeAt(0) - 0xfee0);
  }
  const fullWidth = HALF_TO_FULL[char];
  if (fullWidth) {
    // 1,000 and 12:30 keep their ASCII punctuation.
    const between = ASCII_ALNUM.test(text[index - 1] ?? '') && ASCII_ALNUM.test(text[index + 1] ?? '');
    if (!between || char === '(' || char === ')') return fullWidth;
  }
  return char;
}

const CHINESE_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 一 → 1, 十二 → 12, 二十 → 20 (section numerals stay below a hundred). */
export function chineseNumeralValue(numeral: string): number | null {
  if (!/^[〇零一二三四五六七八九十]+$/.test(numeral)) return null;
  const ten = numeral.indexOf('十');
  if (ten < 0) {
    return numeral.length === 1 ? CHINESE_DIGITS[numeral] : null;
  }
  const tens = ten === 0 ? 1 : CHINESE_DIGITS[numeral.slice(0, ten)];
  const ones = ten === numeral.length - 1 ? 0 : CHINESE_DIGITS[numeral.slice(ten + 1)];
  return tens === undefined || ones === undefined ? null : tens * 10 + ones;
}

/** 二〇二一 → 2021 (digit by digit, as dates are written). */
export function chineseDigitsValue(digits: string): number | null {
  if (/^\d+$/.test(digits)) return Number(digits);
  if (/^[〇零一二三四五六七八九]+$/.test(digits) && digits.length > 2) {
    return Number([...digits].map((d) => CHINESE_DIGITS[d]).join(''));
  }
  return chineseNumeralValue(digits);
}

const DATE =
  /((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})年([\d]{1,2}|[一二三四五六七八九十]{1,2})月([\d]{1,2}|[一二三四五六七八九十]{1,3})日/;

/** Reads a date written 2021年5月6日 or 二〇二一年五月六日 as ISO yyyy-mm-dd. */
export function readDate(text: string): { iso: string; index: number; length: number } | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [match[1], match[2], match[3]].map(chineseDigitsValue);
  if (year === null || month === null || day === null || month > 12 || day > 31) return null;
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { iso, index: match.index, length: match[0].length };
}

/** Character bigrams, the unit of the fuzzy text comparisons (Chinese has no word breaks). */
export function bigrams(text: string): Set<string> {
  const cleaned = text.replace(/[\s，。；、：“”‘’《》（）()〔〕【】,.;:]/g, '');
  const grams = new Set<string>();
  for (let i = 0; i + 1 < cleaned.length; i++) grams.add(cleaned.slice(i, i + 2));
  return grams;
}
