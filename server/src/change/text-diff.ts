import { diffWords } from 'diff';
import { DiffPartKind, type DiffPart } from './change.types.js';

/**
 * Chinese has no spaces, so a plain character diff cuts words apart (校[-园][+学校食堂]) and numbers
 * too (9[-7][+8]%). ICU's dictionary-based word segmenter gives the diff word boundaries to cut at,
 * while every character still belongs to exactly one piece.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Characters segmented on each side of a cut to find the word boundary nearest to it. */
const WINDOW = 8;

/**
 * The difference from `before` to `after`, as pieces that read back as either text. Segmenting is
 * the costly part (a dictionary lookup per character), and most changed clauses differ in a word
 * or a number: the common beginning and end are set aside first, each cut moved back to a word
 * boundary of both texts, and only the middle is diffed word by word.
 */
export function diffText(before: string, after: string): DiffPart[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end])
    end++;
  start = commonBoundary(before, after, start, -1);
  end = before.length - commonBoundary(before, after, before.length - end, 1, after.length - before.length);

  const parts: DiffPart[] = [];
  const push = (kind: DiffPartKind, text: string) => {
    if (!text) return;
    const last = parts.at(-1);
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  push(DiffPartKind.EQUAL, before.slice(0, start));
  const removed = before.slice(start, before.length - end);
  const added = after.slice(start, after.length - end);
  if (isOneWord(removed) && isOneWord(added)) {
    // A number or a Latin word for another (97 → 98): what the word diff would say, without segmenting.
    push(DiffPartKind.DELETE, removed);
    push(DiffPartKind.INSERT, added);
  } else {
    for (const change of diffWords(removed, added, { intlSegmenter: segmenter })) {
      push(change.added ? DiffPartKind.INSERT : change.removed ? DiffPartKind.DELETE : DiffPartKind.EQUAL, change.value);
    }
  }
  push(DiffPartKind.EQUAL, before.slice(before.length - end));
  return parts;
}

/**
 * The nearest position to `position` in `before` (moving in `direction`) that is a word boundary
 * of both texts, `shift` being where that position falls in `after` minus where it falls in
 * `before` (0 for a cut in the common beginning, the length difference for one in the common end).
 */
function commonBoundary(before: string, after: string, position: number, direction: -1 | 1, shift = 0): number {
  const limit = direction < 0 ? 0 : before.length;
  // The segmenter's windows only where the characters around a position do not settle it.
  let inBefore: ((position: number) => boolean) | undefined;
  let inAfter: ((position: number) => boolean) | undefined;
  const isBoundary = (text: string, at: number, segmented: () => (position: number) => boolean) => {
    const plain = plainBoundary(text, at);
    return plain ?? segmented()(at);
  };
  for (let at = position; direction < 0 ? at > limit : at < limit; at += direction) {
    if (
      isBoundary(before, at, () => (inBefore ??= boundaries(before, position))) &&
      isBoundary(after, at + shift, () => (inAfter ??= boundaries(after, position + shift)))
    ) {
      return at;
    }
  }
  return limit;
}

/** Characters that make one word with their neighbours of the same kind (ICU's letters, digits and what joins them). */
const WORD_CHARACTER = /^[A-Za-z0-9._]$/;
const HAN = /^\p{Script=Han}$/u;
/**
 * Punctuation and spaces ICU never joins to a neighbour. Not those that join letters or digits
 * (UAX #29's MidNum and MidLetter: . , ; : ' ’ · and their full-width forms, as in 97.5 or 1,000).
 */
const SEPARATOR = /^[\s。、！？（）《》〈〉【】“”"!?()[\]%/+\-—…]$/;

/**
 * Whether a position is a word boundary when the characters on either side say so without a
 * dictionary: text edges, punctuation, a change between Chinese and Latin letters or digits
 * (达到|6), or inside a run of letters and digits (9|7: not). Null between two Chinese
 * characters or other characters: the segmenter decides.
 */
function plainBoundary(text: string, at: number): boolean | null {
  if (at <= 0 || at >= text.length) return true;
  const left = text[at - 1];
  const right = text[at];
  if (SEPARATOR.test(left) || SEPARATOR.test(right)) return true;
  const leftWord = WORD_CHARACTER.test(left);
  const rightWord = WORD_CHARACTER.test(right);
  if (leftWord && rightWord) return false;
  if ((leftWord && HAN.test(right)) || (rightWord && HAN.test(left))) return true;
  return null;
}

/** A run of letters and digits (or nothing): one word to the segmenter. */
function isOneWord(text: string): boolean {
  return /^[A-Za-z0-9]*$/.test(text) || /^\d+(?:\.\d+)?$/.test(text);
}

/** Whether a position of `text` near `around` is a word boundary, from the segments of a window around it. */
function boundaries(text: string, around: number): (position: number) => boolean {
  const from = Math.max(0, around - WINDOW);
  const to = Math.min(text.length, around + WINDOW);
  const cuts = new Set<number>([0, text.length]);
  for (const { index } of segmenter.segment(text.slice(from, to))) if (index > 0) cuts.add(from + index);
  // The window's own edges are not boundaries unless the text's are.
  return (position) => position <= 0 || position >= text.length || (position > from && position < to && cuts.has(position));
}
