import { chineseDigitsValue, chineseNumeralValue } from './normalize.js';

/** A deadline found in a text: as printed, the date it names (or null), and where it is. */
export interface Deadline {
  text: string;
  /** ISO yyyy-mm-dd; null for open-ended deadlines (长期坚持). */
  date: string | null;
  index: number;
  length: number;
}

const YEAR_DIGITS = String.raw`((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})`;
const YEAR = `${YEAR_DIGITS}年`;
const MONTH = String.raw`(\d{1,2}|十[一二]?|[一二三四五六七八九])月`;
const DAY = String.raw`(\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日`;
const BEFORE = String.raw`(?:前|之前|以前)`;

/**
 * Deadline shapes, most specific first. Each yields [year?, month?, day?] from its groups; a
 * missing year is the plan's.
 */
const SHAPES: { pattern: RegExp; date: (match: RegExpExecArray, year: number) => string | null }[] = [
  // 2021年12月1日前, 12月1日前, and a bare date in a 完成时限 cell or line (2021年12月31日)
  {
    pattern: new RegExp(`(?:${YEAR})?${MONTH}${DAY}${BEFORE}?`),
    date: (m, year) => isoDate(yearOf(m[1], year), numeral(m[2]), numeral(m[3])),
  },
  // 2021年6月底前, 6月底前, 六月底, 6月末
  {
    pattern: new RegExp(`(?:${YEAR})?${MONTH}(?:底|末)${BEFORE}?`),
    date: (m, year) => monthEnd(yearOf(m[1], year), numeral(m[2])),
  },
  // 2021年底前, 年底前, 年内, 年末
  {
    pattern: new RegExp(`${YEAR_DIGITS}?年(?:底|末)${BEFORE}?|${YEAR_DIGITS}?年内`),
    date: (m, year) => isoDate(yearOf(m[1] ?? m[2], year), 12, 31),
  },
  // 上半年, 下半年
  { pattern: /上半年/, date: (_m, year) => isoDate(year, 6, 30) },
  { pattern: /下半年/, date: (_m, year) => isoDate(year, 12, 31) },
  // 一季度末, 第二季度, 三季度前
  {
    pattern: /(?:第)?([一二三四1-4])季度(?:末|底)?(?:前|之前)?/,
    date: (m, year) => monthEnd(year, (numeral(m[1]) ?? 0) * 3),
  },
  // Open-ended or recurring: no date.
  { pattern: /长期坚持|持续推进|持续开展|长期推进|常态化推进|常态化|长期|每月|每季度|每半年|每年/, date: () => null },
];

/**
 * Reads the deadline in a text such as a 完成时限 cell or line ("2021年12月1日前", "6月底前",
 * "年底前", "长期坚持"). `year` is the plan's, for deadlines that leave the year out. Returns the
 * first deadline in the text, or null when it names none.
 */
export function readDeadline(text: string, year: number): Deadline | null {
  let best: Deadline | null = null;
  for (const { pattern, date } of SHAPES) {
    const match = pattern.exec(text);
    if (!match) continue;
    if (best && best.index <= match.index) continue;
    best = { text: match[0], date: date(match, year), index: match.index, length: match[0].length };
  }
  return best;
}

/**
 * A deadline stated in prose: "…，2021年6月底前完成", "于年底前建成". Only phrases that say by when
 * something is done count; a bare date (2021年12月1日起施行) does not.
 */
export function findProseDeadline(text: string, year: number): Deadline | null {
  const phrase = /(?:于|在)?([^，。；、（）]{2,16}?)(?:前|之前|以前)(?:全面)?(?:完成|到位|实现|建成|出台|落实|上报|报送|报告)/g;
  for (const match of text.matchAll(phrase)) {
    const found = readDeadline(match[0], year);
    if (found?.date) return { ...found, index: match.index + found.index };
  }
  return null;
}

function yearOf(printed: string | undefined, year: number): number {
  return printed ? (chineseDigitsValue(printed) ?? year) : year;
}

function numeral(text: string | undefined): number | null {
  if (text === undefined) return null;
  return /^\d+$/.test(text) ? Number(text) : chineseNumeralValue(text);
}

function isoDate(year: number, month: number | null, day: number | null): string | null {
  if (month === null || day === null || month < 1 || month > 12 || day < 1) return null;
  if (day > daysIn(year, month)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function monthEnd(year: number, month: number | null): string | null {
  return month === null || month < 1 || month > 12 ? null : isoDate(year, month, daysIn(year, month));
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
