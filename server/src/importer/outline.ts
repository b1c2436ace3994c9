import { chineseNumeralValue } from './normalize.js';

/**
 * The numbering styles of a Chinese official document's outline, outermost first (GB/T 9704-2012
 * §7.3.3: 一、 → （一） → 1. → （1）; ① below them). A plan uses some of them, at whatever depth.
 */
export type MarkerKind = 'part' | 'parenNumeral' | 'arabic' | 'parenArabic' | 'circled';

const KINDS: readonly MarkerKind[] = ['part', 'parenNumeral', 'arabic', 'parenArabic', 'circled'];

/** A number opening a line of the outline. */
export interface Marker {
  kind: MarkerKind;
  /** Depth of the style in the conventional order: 0 for 一、 … 4 for ①. */
  rank: number;
  value: number;
  /** As printed, without closing punctuation: "二", "（三）", "3", "（1）", "①". */
  label: string;
  /** Where the item's own text starts on the line. */
  contentStart: number;
}

const PATTERNS: Record<MarkerKind, RegExp> = {
  // 一、压实责任
  part: /^([一二三四五六七八九十]{1,3})、/,
  // （一）强化党政同责 (half-width brackets are repaired to full-width before this)
  parenNumeral: /^（([一二三四五六七八九十]{1,3})）/,
  // 1. / 1、 / 1．(repaired to 1.); a thousand tasks and more are read too
  arabic: /^(\d{1,4})[.、]/,
  // （1）
  parenArabic: /^（(\d{1,3})）/,
  // ①
  circled: /^([\u2460-\u2473])/,
};

/** The outline number a (repaired) line starts with, or null. */
export function readMarker(text: string): Marker | null {
  for (const kind of KINDS) {
    const match = PATTERNS[kind].exec(text);
    if (!match) continue;
    const value = valueOf(kind, match[1]);
    if (value === null || value === 0) continue;
    return { kind, rank: KINDS.indexOf(kind), value, label: labelOf(kind, match[1]), contentStart: match[0].length };
  }
  return null;
}

function valueOf(kind: MarkerKind, printed: string): number | null {
  if (kind === 'part' || kind === 'parenNumeral') return chineseNumeralValue(printed);
  if (kind === 'circled') return printed.charCodeAt(0) - 0x2460 + 1;
  return Number(printed);
}

function labelOf(kind: MarkerKind, printed: string): string {
  return kind === 'parenNumeral' || kind === 'parenArabic' ? `（${printed}）` : printed;
}

/** How an item numbered `value` would be printed in the style of `kind` (for error messages). */
export function printedMarker(kind: MarkerKind, value: number): string {
  switch (kind) {
    case 'part':
      return `${chineseNumeral(value)}、`;
    case 'parenNumeral':
      return `（${chineseNumeral(value)}）`;
    case 'arabic':
      return `${value}.`;
    case 'parenArabic':
      return `（${value}）`;
    case 'circled':
      return value >= 1 && value <= 20 ? String.fromCharCode(0x2460 + value - 1) : `(${value})`;
  }
}

export function chineseNumeral(value: number): string {
  const digits = '〇一二三四五六七八九';
  if (value <= 10) return value === 10 ? '十' : digits[value];
  return `${value >= 20 ? digits[Math.floor(value / 10)] : ''}十${value % 10 ? digits[value % 10] : ''}`;
}
