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
  for (const change of diffWords(before.slice(start, before.length - end), after.slice(start, after.length - end), {
    intlSegmenter: segmenter,
  })) {
    push(change.added ? DiffPartKind.INSERT : change.removed ? DiffPartKind.DELETE : DiffPartKind.EQUAL, change.value);
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
  const inBefore = boundaries(before, position);
  const inAfter = boundaries(after, position + shift);
  for (let at = position; direction < 0 ? at > limit : at < limit; at += direction) {
    if (inBefore(at) && inAfter(at + shift)) return at;
  }
  return limit;
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
